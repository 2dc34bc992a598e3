#include "core/classroom/class_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/strings.h"

namespace mesomap {

namespace {

std::string oneDecimal(double v) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(1);
  s << v;
  return s.str();
}

// From each attempt's stored score report; reports without points (or unreadable ones, from
// before schema 2) add nothing.
std::vector<ReferencePointSummary> summarizePoints(const std::vector<const StoredAttempt*>& attempts) {
  std::vector<ReferencePointSummary> out;
  for (const StoredAttempt* a : attempts) {
    const nlohmann::json report = nlohmann::json::parse(a->reportJson, nullptr, false);
    if (!report.is_object() || !report.contains("points") || !report["points"].is_array()) continue;
    for (const nlohmann::json& p : report["points"]) {
      const std::string id = p.value("reference", "");
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& s) { return s.referenceId == id; });
      if (it == out.end()) it = out.insert(out.end(), ReferencePointSummary{id});
      ++it->attempts;
      if (!p.value("matched", false)) continue;
      ++it->matched;
      it->meanDistanceMm += p.value("distance_mm", 0.0);
      it->meanCranialMm += p.value("cranial_mm", 0.0);
      it->meanMedialMm += p.value("medial_mm", 0.0);
      it->meanDepthScore += p.value("depth_score", 0.0);
    }
  }
  for (ReferencePointSummary& s : out)
    if (s.matched) {
      const double n = double(s.matched);
      s.meanDistanceMm /= n;
      s.meanCranialMm /= n;
      s.meanMedialMm /= n;
      s.meanDepthScore /= n;
    }
  return out;
}

// One row per reference point, its mean distance as a colour from green (on it) to red (10 mm
// or more away): where the class goes wrong, at a glance.
void writePointTable(std::ostringstream& h, const std::vector<ReferencePointSummary>& points) {
  if (points.empty()) return;
  h << "<table><tr><th>Reference point</th><th>Needled</th><th>Mean distance (mm)</th>"
       "<th>Mean offset (mm)</th><th>Mean depth score</th></tr>\n";
  for (const ReferencePointSummary& p : points) {
    const int hue = int(120.0 * (1.0 - std::clamp(p.meanDistanceMm / 10.0, 0.0, 1.0)));
    h << "<tr><td>" << escapeHtml(p.referenceId) << "</td><td>" << p.matched << " / " << p.attempts << "</td>";
    if (!p.matched) {
      h << "<td colspan=\"3\">never needled</td></tr>\n";
      continue;
    }
    h << "<td style=\"background:hsl(" << hue << ",70%,80%)\">" << oneDecimal(p.meanDistanceMm) << "</td><td>"
      << oneDecimal(std::abs(p.meanCranialMm)) << (p.meanCranialMm >= 0 ? " cranial, " : " caudal, ")
      << oneDecimal(std::abs(p.meanMedialMm)) << (p.meanMedialMm >= 0 ? " medial" : " lateral") << "</td><td>"
      << oneDecimal(100.0 * p.meanDepthScore) << "%</td></tr>\n";
  }
  h << "</table>\n";
}

// The scenario's picture, or why it is missing; nothing when the caller made no pictures.
void writePicture(std::ostringstream& h, const ScenarioSummary& s,
                  const std::map<std::string, ScenarioPicture>& pictures) {
  const auto found = pictures.find(s.scenarioId);
  if (found == pictures.end()) return;
  const ScenarioPicture& p = found->second;
  if (p.png.empty()) {
    h << "<p class=\"missing\">No picture of where the class's needles landed: " << escapeHtml(p.missing) << "</p>\n";
    return;
  }
  h << "<figure><img class=\"heat\" alt=\"" << escapeHtml(s.scenarioTitle)
    << ": the reference points coloured by the class's mean distance from each, and the class's needles\""
       " src=\"data:image/png;base64,"
    << base64(p.png) << "\"><figcaption>" << escapeHtml(p.caption) << "</figcaption></figure>\n";
}

ScenarioSummary summarizeScenario(const std::vector<const StoredAttempt*>& attempts) {
  ScenarioSummary s;
  s.scenarioId = attempts.front()->scenarioId;
  s.scenarioTitle = attempts.front()->scenarioTitle;
  s.attempts = attempts.size();
  std::vector<double> scores;
  std::map<std::string, std::pair<double, size_t>> components;  // name -> (sum, count)
  for (const StoredAttempt* a : attempts) {
    scores.push_back(a->score);
    s.passes += a->passed;
    s.histogram[size_t(std::clamp(a->score / 10.0, 0.0, 9.0))]++;  // 100 goes with 90-100
    for (const ComponentScore& c : a->components)
      if (c.applies) {
        components[c.name].first += c.score;
        components[c.name].second++;
      }
  }
  std::sort(scores.begin(), scores.end());
  for (double v : scores) s.meanScore += v / double(scores.size());
  const size_t n = scores.size();
  s.medianScore = n % 2 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2.0;
  double weakest = 2.0;
  for (const auto& [name, sum] : components)
    if (const double mean = sum.first / double(sum.second); mean < weakest) {
      weakest = mean;
      s.weakestComponent = name;
      s.weakestComponentScore = mean;
    }
  s.points = summarizePoints(attempts);
  return s;
}

}  // namespace

ClassReport buildClassReport(const AttemptStore& store, const std::string& classId) {
  ClassReport r;
  for (const ClassInfo& c : store.classes())
    if (c.id == classId) r.info = c;
  if (r.info.id.empty())
    throw Error(ErrorKind::InvalidInput,
                store.description() + ": no class " + quotedText(classId) + " (or not one of yours)");
  r.members = store.members(classId);
  r.assignments = store.assignments(classId);
  r.attempts = store.classAttempts(classId);

  std::map<std::string, std::vector<const StoredAttempt*>> byTrainee, byScenario;
  for (const ClassMember& m : r.members)
    if (m.role == ClassRole::Trainee) byTrainee[m.person];
  for (const StoredAttempt& a : r.attempts) {
    byTrainee[a.trainee].push_back(&a);
    byScenario[a.scenarioId].push_back(&a);
  }
  for (const auto& [name, attempts] : byTrainee) {
    TraineeSummary t;
    t.trainee = name;
    t.attempts = attempts.size();
    for (const StoredAttempt* a : attempts) {
      t.passes += a->passed;
      t.late += a->late;
      t.bestScore = std::max(t.bestScore, a->score);
      t.meanScore += a->score / double(attempts.size());
    }
    if (!attempts.empty()) t.lastScore = attempts.back()->score;
    r.trainees.push_back(t);
  }
  for (const auto& [id, attempts] : byScenario) r.scenarios.push_back(summarizeScenario(attempts));
  return r;
}

std::string classReportHtml(const ClassReport& r, const std::map<std::string, ScenarioPicture>& pictures) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" << escapeHtml(r.info.title)
    << " - class report</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
       "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
       "th:first-child,td:first-child{text-align:left}.bar{display:inline-block;background:#4a7fb5;height:.9em}"
       "img.heat{max-width:100%;height:auto;border:1px solid #ccc}.missing{color:#a33}"
       "</style></head><body>\n";
  h << "<h1>" << escapeHtml(r.info.title) << "</h1>\n<p>Class <code>" << escapeHtml(r.info.id)
    << "</code>: " << r.trainees.size() << " trainees, " << r.attempts.size() << " attempts, " << r.assignments.size()
    << " assignments. Training protocols, never clinical advice.</p>\n";
  h << "<h2>Trainees</h2>\n<table><tr><th>Trainee</th><th>Attempts</th><th>Passed</th><th>Late</th><th>Best</th>"
       "<th>Last</th><th>Mean</th></tr>\n";
  for (const TraineeSummary& t : r.trainees)
    h << "<tr><td>" << escapeHtml(t.trainee) << "</td><td>" << t.attempts << "</td><td>" << t.passes << "</td><td>"
      << t.late << "</td><td>" << oneDecimal(t.bestScore) << "</td><td>" << oneDecimal(t.lastScore) << "</td><td>"
      << oneDecimal(t.meanScore) << "</td></tr>\n";
  h << "</table>\n<h2>Scenarios</h2>\n";
  for (const ScenarioSummary& s : r.scenarios) {
    h << "<h3>" << escapeHtml(s.scenarioTitle) << " <small>(" << escapeHtml(s.scenarioId) << ")</small></h3>\n<p>"
      << s.attempts << " attempts, " << s.passes << " passed; mean " << oneDecimal(s.meanScore) << ", median "
      << oneDecimal(s.medianScore);
    if (!s.weakestComponent.empty())
      h << "; weakest component: " << escapeHtml(s.weakestComponent) << " ("
        << oneDecimal(100.0 * s.weakestComponentScore) << "%)";
    h << "</p>\n<table><tr><th>Score</th><th>Attempts</th><th></th></tr>\n";
    const size_t most = *std::max_element(s.histogram.begin(), s.histogram.end());
    for (size_t i = 0; i < s.histogram.size(); ++i)
      h << "<tr><td>" << i * 10 << "-" << (i + 1) * 10 << "</td><td>" << s.histogram[i]
        << "</td><td style=\"text-align:left\"><span class=\"bar\" style=\"width:"
        << (most ? 200 * s.histogram[i] / most : 0) << "px\"></span></td></tr>\n";
    h << "</table>\n";
    writePointTable(h, s.points);
    writePicture(h, s, pictures);
  }
  h << "</body></html>\n";
  return h.str();
}

namespace {

int scenarioRevision(const StoredAttempt& a) {
  const AttemptReadResult attempt = parseAttempt(a.attemptJson);
  return attempt.attempt ? attempt.attempt->scenarioRevision : 0;
}

}  // namespace

std::string classReportJson(const ClassReport& r) {
  nlohmann::ordered_json attempts = nlohmann::ordered_json::array();
  for (const StoredAttempt& a : r.attempts) {
    nlohmann::ordered_json components = nlohmann::ordered_json::object();
    for (const ComponentScore& c : a.components)
      components[c.name] = c.applies ? nlohmann::ordered_json(std::round(1000.0 * c.score) / 10.0) : nullptr;
    attempts.push_back({{"trainee", a.trainee},
                        {"scenario_id", a.scenarioId},
                        {"scenario_version", scenarioRevision(a)},
                        {"patient", a.patient},
                        {"body", a.body},
                        {"mode", a.mode},
                        {"submitted_at", a.submittedAt},
                        {"score", a.score},
                        {"passed", a.passed},
                        {"late", a.late},
                        {"submission", a.uid},
                        {"components", components}});
  }
  nlohmann::ordered_json j{
      {"format", "mesomap-class-export"},   {"version", 1},        {"class", r.info.id}, {"title", r.info.title},
      {"mesomap_version", MESOMAP_VERSION}, {"attempts", attempts}};
  return j.dump(2) + "\n";
}

std::string classReportCsv(const ClassReport& r) {
  std::set<std::string> componentNames;
  for (const StoredAttempt& a : r.attempts)
    for (const ComponentScore& c : a.components) componentNames.insert(c.name);
  std::ostringstream out;
  out << "class,trainee,scenario_id,scenario_version,patient,body,mode,submitted_at,score,passed,late,mesomap_version";
  for (const std::string& name : componentNames) out << "," << name;
  out << "\n";
  for (const StoredAttempt& a : r.attempts) {
    const int revision = scenarioRevision(a);
    out << csvField(a.classId) << "," << csvField(a.trainee) << "," << csvField(a.scenarioId) << ","
        << (revision ? std::to_string(revision) : "") << "," << csvField(a.patient) << "," << csvField(a.body) << ","
        << a.mode << "," << a.submittedAt << "," << oneDecimal(a.score) << "," << (a.passed ? "yes" : "no") << ","
        << (a.late ? "yes" : "no") << "," << MESOMAP_VERSION;
    for (const std::string& name : componentNames) {
      out << ",";
      for (const ComponentScore& c : a.components)
        if (c.name == name && c.applies) out << oneDecimal(100.0 * c.score);
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace mesomap
