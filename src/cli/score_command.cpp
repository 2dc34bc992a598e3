// `mesomap attempt --perfect SCENARIO`: the attempt that follows the reference exactly.
// `mesomap score --scenario S ATTEMPT...`: grades attempts (a readable report, --json, --csv for
// a class, --html for a self-contained page with a picture of reference vs placement).
#include <cstdio>
#include <sstream>

#include "cli/arguments.h"
#include "cli/body_arguments.h"
#include "cli/commands.h"
#include "core/view/attempt_overlay.h"
#include "core/base/error.h"
#include "core/patient/patient.h"
#include "core/protocol/scenario_geometry.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/import/model_loader.h"
#include "core/base/safe_write.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_overlay.h"
#include "core/view/scenario_zones.h"
#include "core/scoring/scoring.h"
#include "core/base/strings.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::cli {

namespace {

// Reference vs placement as `render --attempt` draws it: painted zones, the legend, from the
// side the scenario's points face.
Image renderResult(const Body& model, const PreparedScenario& prepared, const Attempt& attempt,
                   const ScoreReport& report) {
  auto context = render::createHeadlessContext();
  render::SceneRenderer renderer;
  renderer.setMesh(model.mesh());
  render::SceneStyle style = renderer.style();
  style.legend = true;
  renderer.setStyle(style);
  const int width = 900, height = 900;
  const float aspect = float(width) / height;
  OrbitCamera camera;
  if (auto region = regionCamera(prepared.scenario, model.skin(), aspect)) camera = *region;
  else camera.frame(model.mesh().bounds(), aspect);
  ScenarioOverlayOptions zonesOnly;
  zonesOnly.points = false;
  Overlay overlay = scenarioOverlay(prepared.scenario, model.skin(), zonesOnly);
  const Overlay drawn = attemptOverlay(prepared, attempt, report, model.skin());
  overlay.append(drawn);
  overlay.legendTitle = drawn.legendTitle;
  std::vector<ZoneRegion> zones;
  for (const PreparedZone& z : prepared.zones) zones.push_back(z.region);
  renderer.setZones(zones);
  hideOccludedLabels(overlay, camera.eye(), model.skin());
  dropUnseenZoneRows(overlay, zones, model.mesh(), model.skin(), camera.eye());
  renderer.setOverlay(overlay);
  return renderer.renderImage(camera, width, height, 8);
}

std::string htmlReport(const ScoreReport& r, const std::string& attemptFile, const std::string& pngBytes) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" << escapeHtml(r.scenarioTitle)
    << " — score report</title>\n<style>\n"
       "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1d2329;line-height:1.45}\n"
       "h1{font-size:1.5rem;margin-bottom:.2rem}.sub{color:#5b6570;margin-top:0}\n"
       ".score{font-size:2.6rem;font-weight:700}.pass{color:#007a56}.fail{color:#b34700}li.critical{color:#b30000}\n"
       "table{border-collapse:collapse;margin:1rem 0}td,th{padding:.25rem .8rem;border-bottom:1px solid #dde2e7;text-align:left}\n"
       "td.n{text-align:right;font-variant-numeric:tabular-nums}.bar{background:#e7ebef;width:10rem;height:.6rem;border-radius:.3rem}\n"
       ".bar>div{background:#0072b2;height:100%;border-radius:.3rem}img{max-width:100%;border-radius:.4rem}\n"
              "footer{color:#5b6570;font-size:.85rem;margin-top:2rem}\n</style></head><body>\n";
  h << "<h1>" << escapeHtml(r.scenarioTitle) << "</h1>\n<p class=\"sub\">" << escapeHtml(r.trainee.empty() ? "trainee not named" : r.trainee)
    << " · " << toString(r.mode) << " · " << escapeHtml(attemptFile) << "</p>\n";
  char score[64];
  std::snprintf(score, sizeof score, "%.1f", r.score);
  h << "<p><span class=\"score " << (r.passed ? "pass" : "fail") << "\">" << score << " / 100 · "
    << escapeHtml(verdictText(r)) << "</span><br>pass mark " << r.passMark;
  if (r.verdict == Verdict::Critical) {
    char weighted[64];
    std::snprintf(weighted, sizeof weighted, "%.1f", r.weightedScore);
    h << " · weighted score " << weighted << ", halved by a critical error";
  }
  h << "</p>\n";
  h << "<table><tr><th>component</th><th>weight</th><th>score</th><th></th></tr>\n";
  for (const ComponentScore& c : r.components) {
    if (!c.applies) continue;
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f %%", 100.0 * c.score);
    h << "<tr><td>" << c.name << "</td><td class=\"n\">" << c.weight << "</td><td class=\"n\">" << pct
      << "</td><td><div class=\"bar\"><div style=\"width:" << int(100.0 * c.score + 0.5) << "%\"></div></div></td></tr>\n";
  }
  h << "</table>\n";
  if (!r.feedback.empty()) {
    h << "<h2>Feedback</h2>\n<ul>\n";
    // The same sentences as the text report and the app, critical ones first and marked.
    for (const FeedbackItem& item : r.feedback)
      h << (item.severity == Severity::Critical ? "<li class=\"critical\"><strong>CRITICAL:</strong> " : "<li>")
        << escapeHtml(item.text) << "</li>\n";
    h << "</ul>\n";
  }
  h << "<h2>Reference and placement</h2>\n";
  h << "<img alt=\"reference points and the trainee's points on the body\" src=\"data:image/png;base64,"
    << base64(pngBytes) << "\">\n";
  h << "<footer>mesomap " << MESOMAP_VERSION
    << " · training protocol, not clinical advice · formulas in docs/scoring.md</footer>\n</body></html>\n";
  return h.str();
}

}  // namespace

CommandSpec attemptCommand() {
  CommandSpec c{"attempt", "write the attempt that follows a scenario's reference exactly", "SCENARIO.json",
                "the scenario",
                {{"--perfect", "", "the reference's own attempt (required: the only kind so far)", ""},
                 {"-o,--out", "ATTEMPT.json", "write it here (default: standard output)", ""},
                 {"--trainee", "NAME", "the trainee's name in the attempt", ""}},
                runAttempt, ""};
  append(c.options, bodyOptions());
  return c;
}

CommandSpec scoreCommand() {
  CommandSpec c{"score", "grade attempts against a scenario (formulas in docs/scoring.md)", "ATTEMPT.json...",
                "the attempt files to grade",
                {{"--scenario", "SCENARIO.json", "the scenario they attempt (required)", ""},
                 {"--json", "", "print the reports as JSON", "Output"},
                 {"--csv", "", "print one CSV row per attempt", "Output"},
                 {"--html", "PAGE.html", "write a page with the report and a picture (one attempt)", "Output"}},
                runScore, "Exit 3 when an attempt cannot be read or scored."};
  append(c.options, bodyOptions());
  return c;
}

int runAttempt(const Arguments& a) {
  if (!a.flag("--perfect"))
    throw Error(ErrorKind::Usage, "attempt: only --perfect is supported (mesomap attempt --perfect SCENARIO.json)");
  if (a.positional().size() != 1) throw Error(ErrorKind::Usage, "attempt: give one scenario file");
  Scenario scenario = readValidScenario(a.positional()[0]);
  const std::shared_ptr<const Body> body = loadBodyArgument(a, &scenario);
  putScenarioOnCommandBody(scenario, *body);
  const PreparedScenario prepared = prepareScenario(scenario, scoringBody(*body));
  for (const Problem& p : prepared.problems)
    std::fprintf(stderr, "mesomap: warning: %s (left out)\n", formatProblem(a.positional()[0], p).c_str());
  Attempt attempt = perfectAttempt(prepared);
  if (auto trainee = a.value("--trainee")) attempt.trainee = *trainee;
  attempt.body = body->modelPath().filename().string();
  if (auto patient = patientArgument(a, &scenario)) attempt.patient = patientSpec(*patient);
  if (auto out = a.value("--out")) {
    writeAttempt(attempt, *out);
  } else {
    std::fputs(attemptToJson(attempt).c_str(), stdout);
  }
  return 0;
}

int runScore(const Arguments& a) {
  auto scenarioPath = a.value("--scenario");
  if (!scenarioPath) throw Error(ErrorKind::Usage, "score: --scenario SCENARIO.json is required");
  if (a.positional().empty()) throw Error(ErrorKind::Usage, "score: give one or more attempt files");
  if (a.flag("--json") && a.flag("--csv")) throw Error(ErrorKind::Usage, "score: choose --json or --csv, not both");
  if (a.value("--html") && a.positional().size() != 1)
    throw Error(ErrorKind::Usage, "score: --html makes the page of one attempt; give a single attempt file");
  Scenario scenario = readValidScenario(*scenarioPath);
  const std::shared_ptr<const Body> body = loadBodyArgument(a, &scenario);
  putScenarioOnCommandBody(scenario, *body);
  const PreparedScenario prepared = prepareScenario(scenario, scoringBody(*body));
  for (const Problem& p : prepared.problems)
    std::fprintf(stderr, "mesomap: warning: %s (not scored)\n", formatProblem(*scenarioPath, p).c_str());

  const bool csv = a.flag("--csv"), json = a.flag("--json"), many = a.positional().size() > 1;
  if (csv) {
    std::string header = "file,trainee,mode,score,verdict,passed,no_go";
    for (const ComponentInfo& c : kScoreComponents) header += std::string(",") + c.name;
    // What a class record needs to stand alone: which scenario and revision, when, on which
    // body, graded by which mesomap.
    header += ",critical,scenario_id,scenario_version,submitted_at,body,mesomap_version";
    std::printf("%s\n", header.c_str());
  }
  if (json && many) std::printf("[\n");
  size_t bad = 0, written = 0;
  for (const std::string& file : a.positional()) {
    AttemptReadResult read;
    try {
      read = readAttempt(file);
    } catch (const Error& e) {
      std::fprintf(stderr, "mesomap: %s\n", e.what());
      ++bad;
      continue;
    }
    std::vector<Problem> problems = read.problems;
    std::optional<ScoreReport> report;
    if (read.ok()) {
      if (read.attempt->scenarioId != scenario.id)
        problems.push_back({"scenario.id", "'" + read.attempt->scenarioId + "' is not the scenario being scored ('" +
                                               scenario.id + "')"});
      else {
        // Needles placed on one body and scored on another land elsewhere: say so.
        const std::string scoredOn = body->modelPath().filename().string();
        if (!read.attempt->body.empty() && read.attempt->body != scoredOn)
          std::fprintf(stderr, "mesomap: warning: %s was made on %s, scored here on %s%s\n", file.c_str(),
                       read.attempt->body.c_str(), scoredOn.c_str(),
                       read.attempt->patient.empty() ? "" : (" (score it on that body with --patient " +
                                                              read.attempt->patient + ")").c_str());
        ScoreResult result = scoreAttempt(prepared, *read.attempt, scoringBody(*body));
        problems = result.problems;
        report = std::move(result.report);
      }
    }
    if (!report || !problems.empty()) {
      for (const Problem& p : problems) std::fprintf(stderr, "%s\n", formatProblem(file, p).c_str());
      ++bad;
      continue;
    }
    if (csv) {
      char score[32];
      std::snprintf(score, sizeof score, "%.1f", report->score);
      std::string row = csvField(file) + "," + csvField(report->trainee) + "," + toString(report->mode) + "," + score +
                        "," + toString(report->verdict) + "," + (report->passed ? "yes" : "no") + "," +
                        (report->noGoViolated ? "yes" : "no");
      for (const ComponentScore& c : report->components) {
        char value[32];
        std::snprintf(value, sizeof value, "%.1f", 100.0 * c.score);
        row += "," + std::string(c.applies ? value : "");
      }
      std::string critical;
      for (const FeedbackItem& item : report->feedback)
        if (item.severity == Severity::Critical) critical += (critical.empty() ? "" : " | ") + item.text;
      row += "," + csvField(critical);
      const Attempt& attempt = *read.attempt;
      row += "," + csvField(attempt.scenarioId) + "," + std::to_string(attempt.scenarioRevision) + "," +
             csvField(attempt.submittedAt) + "," + csvField(attempt.body) + "," + csvField(MESOMAP_VERSION);
      std::printf("%s\n", row.c_str());
    } else if (json) {
      std::string text = reportToJson(*report);
      if (many) {
        text.pop_back();  // the newline, so the separator follows the object
        std::printf("%s%s\n", written ? "," : "", text.c_str());
      } else {
        std::fputs(text.c_str(), stdout);
      }
    } else {
      std::printf("%s%s:\n%s", written ? "\n" : "", file.c_str(), reportToText(*report).c_str());
    }
    ++written;
    if (auto html = a.value("--html")) {
      const Image image = renderResult(*body, prepared, *read.attempt, *report);
      writeFileAtomically(*html, htmlReport(*report, file, encodePng(image)));
      std::fprintf(stderr, "mesomap: wrote %s\n", html->c_str());
    }
  }
  if (json && many) std::printf("]\n");
  return bad ? 3 : 0;
}

}  // namespace mesomap::cli
