// Reading and writing attempt files, with every problem reported by its JSON path.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/protocol/attempt.h"
#include "core/base/error.h"
#include "core/base/json_reader.h"
#include "core/base/safe_write.h"
#include "core/base/strings.h"

namespace mesomap {

using nlohmann::json;
using ordered_json = nlohmann::ordered_json;

namespace {

const std::pair<const char*, AttemptMode> kModes[] = {
    {"guided", AttemptMode::Guided}, {"practice", AttemptMode::Practice}, {"exam", AttemptMode::Exam}};
const std::pair<const char*, Technique> kTechniqueCodes[] = {
    {"IED", Technique::IED}, {"IDS", Technique::IDS}, {"IDP", Technique::IDP}, {"NAP", Technique::NAP}};

// 2026-11-21T14:03:00Z, with optional seconds, fraction and offset: what the app writes and
// what spreadsheets and `date -Iseconds` produce.
// A linear scan (no regex: a long fraction overflowed std::regex's stack).
bool isIsoTimestamp(const std::string& text) {
  size_t i = 0;
  const auto digits = [&](size_t n) {
    for (size_t k = 0; k < n; ++k, ++i)
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    return true;
  };
  const auto literal = [&](char c) { return i < text.size() && text[i] == c ? (++i, true) : false; };
  if (!(digits(4) && literal('-') && digits(2) && literal('-') && digits(2))) return false;
  if (i == text.size()) return true;
  if (!(literal('T') && digits(2) && literal(':') && digits(2))) return false;
  if (literal(':')) {
    if (!digits(2)) return false;
    if (literal('.')) {
      if (!digits(1)) return false;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    }
  }
  if (i == text.size() || (literal('Z') && i == text.size())) return true;
  if (i >= text.size() || (text[i] != '+' && text[i] != '-')) return false;
  ++i;
  if (!digits(2)) return false;
  literal(':');
  return digits(2) && i == text.size();
}

std::string timestamp(ObjectReader& r, const std::string& key, bool required) {
  std::string text = r.text(key, required);
  if (!text.empty() && !isIsoTimestamp(text))
    r.problem(key, "'" + text + "' is not an ISO 8601 time (e.g. 2026-11-21T14:03:00Z)");
  return text;
}

// Figures beyond these are mistakes (units, typos), not technique: the longest mesotherapy
// needle is 13 mm, a point takes tenths of a millilitre (docs/formats.md).
constexpr double kMaxDepthMm = 30.0;
constexpr double kMaxVolumeMl = 5.0;

}  // namespace

double AttemptPoint::perpendicularDepthMm() const {
  if (depthMm) return *depthMm;
  return flatDepthMm(insertedMm.value_or(0.0), angleDeg);
}

const char* toString(AttemptMode mode) {
  for (const auto& [name, value] : kModes)
    if (value == mode) return name;
  return "practice";
}

std::optional<AttemptMode> parseAttemptMode(const std::string& name) {
  for (const auto& [text, value] : kModes)
    if (name == text) return value;
  return std::nullopt;
}

AttemptReadResult parseAttempt(const std::string& text) {
  AttemptReadResult result;
  const auto parsed = parseVersionedDocument(text, kAttemptFormatVersion, "an attempt", result.problems);
  if (!parsed) return result;
  const json& root = *parsed;

  Attempt a;
  auto& problems = result.problems;
  {
    ObjectReader r(root, "", problems);
    r.schemaReference();
    const std::string format = r.text("format");
    if (!format.empty() && format != "mesomap-attempt")
      r.problem("format", "'" + format + "' is not a mesomap attempt (expected \"mesomap-attempt\")");
    r.field("version", true);
    r.object("scenario", true, [&](ObjectReader& s) {
      a.scenarioId = s.text("id");
      a.scenarioRevision = int(s.number("version", false, 1, 1e6).value_or(1));
    });
    a.trainee = r.text("trainee", false);
    a.body = r.text("body", false);
    a.patient = r.text("patient", false);
    a.startedAt = timestamp(r, "started_at", false);
    a.submittedAt = timestamp(r, "submitted_at", false);
    a.mode = r.choice("mode", false, kModes).value_or(AttemptMode::Practice);
    r.array("points", true, [&](ObjectReader& p, size_t) {
      AttemptPoint point;
      if (auto pos = p.vector("position_mm", true)) point.positionMm = *pos;
      point.angleDeg = p.number("angle_deg", true, 0.0, 90.0).value_or(90.0);
      point.azimuthDeg = p.number("azimuth_deg", false, 0.0, 360.0).value_or(0.0);
      point.depthMm = p.number("depth_mm", false, 0.0, kMaxDepthMm, "mm");
      point.insertedMm = p.number("inserted_mm", false, 0.0, kMaxDepthMm, "mm");
      const bool hasDepth = p.field("depth_mm", false) != nullptr, hasInserted = p.field("inserted_mm", false) != nullptr;
      if (hasDepth && hasInserted)
        p.problem("depth_mm", "give either depth_mm or inserted_mm, not both");
      else if (!hasDepth && !hasInserted && p.valid())
        p.problem("depth_mm", "missing (give depth_mm or inserted_mm)");
      point.volumeMl = p.number("volume_ml", true, 0.0, kMaxVolumeMl, "mL").value_or(0.0);
      point.technique = p.choice("technique", true, kTechniqueCodes).value_or(Technique::IDS);
      point.needle = p.text("needle", false);
      point.placedAt = timestamp(p, "placed_at", false);
      point.label = p.text("label", false);
      a.points.push_back(point);
    });
  }
  result.attempt = std::move(a);
  return result;
}

AttemptReadResult readAttempt(const std::filesystem::path& path) {
  const std::string text = readWholeFile(path, "attempt");
  if (text.empty()) {
    AttemptReadResult result;
    result.problems.push_back({"", "file is empty (0 bytes)"});
    return result;
  }
  return parseAttempt(text);
}

Attempt readValidAttempt(const std::filesystem::path& path) {
  AttemptReadResult read = readAttempt(path);
  if (read.ok()) return std::move(*read.attempt);
  std::string message = "attempt " + quoted(path) + " has problems:";
  for (const Problem& p : read.problems) message += "\n  " + formatProblem(path.string(), p);
  throw Error(ErrorKind::InvalidInput, message);
}

namespace {

// Rounded for the file: 0.01 mm and 0.001 mL are far below what a hand can do, and short
// numbers keep files readable and diffs stable.
double rounded(double v, double step) { return std::round(v / step) * step; }

}  // namespace

std::string attemptToJson(const Attempt& a) {
  ordered_json j;
  j["format"] = "mesomap-attempt";
  j["version"] = kAttemptFormatVersion;
  j["scenario"] = ordered_json{{"id", a.scenarioId}, {"version", a.scenarioRevision}};
  if (!a.trainee.empty()) j["trainee"] = a.trainee;
  if (!a.body.empty()) j["body"] = a.body;
  if (!a.patient.empty()) j["patient"] = a.patient;
  if (!a.startedAt.empty()) j["started_at"] = a.startedAt;
  if (!a.submittedAt.empty()) j["submitted_at"] = a.submittedAt;
  j["mode"] = toString(a.mode);
  j["points"] = ordered_json::array();
  for (const AttemptPoint& p : a.points) {
    ordered_json o;
    o["position_mm"] = {rounded(p.positionMm.x, 0.01), rounded(p.positionMm.y, 0.01), rounded(p.positionMm.z, 0.01)};
    o["angle_deg"] = rounded(p.angleDeg, 0.01);
    o["azimuth_deg"] = rounded(p.azimuthDeg, 0.01);
    if (p.depthMm) o["depth_mm"] = rounded(*p.depthMm, 0.001);
    else o["inserted_mm"] = rounded(p.insertedMm.value_or(0.0), 0.001);
    o["volume_ml"] = rounded(p.volumeMl, 0.001);
    o["technique"] = presetFor(p.technique).code;
    if (!p.needle.empty()) o["needle"] = p.needle;
    if (!p.placedAt.empty()) o["placed_at"] = p.placedAt;
    if (!p.label.empty()) o["label"] = p.label;
    j["points"].push_back(o);
  }
  return j.dump(2) + "\n";
}

void writeAttempt(const Attempt& attempt, const std::filesystem::path& path) {
  writeFileAtomically(path, attemptToJson(attempt));
}

NeedleSettings needleSettingsFrom(const AttemptPoint& p) {
  NeedleSettings n;
  n.angles = {float(p.angleDeg), float(p.azimuthDeg)};
  n.insertedLength = float((p.insertedMm ? *p.insertedMm : insertedLengthMm(p.depthMm.value_or(0.0), p.angleDeg)) * 1e-3);
  n.volumeMl = float(p.volumeMl);
  n.technique = p.technique;
  if (!p.needle.empty()) n.needle = p.needle;
  return n;
}

AttemptPoint attemptPointFrom(const PlacedPoint& point) {
  AttemptPoint p;
  p.positionMm = glm::dvec3(point.position) * 1000.0;
  p.angleDeg = point.needle.angles.angleDegrees;
  p.azimuthDeg = point.needle.angles.azimuthDegrees;
  p.insertedMm = double(point.needle.insertedLength) * 1000.0;
  p.volumeMl = point.needle.volumeMl;
  p.technique = point.needle.technique;
  p.needle = point.needle.needle;
  p.label = std::to_string(point.id);
  return p;
}

}  // namespace mesomap
