// Reading and writing scenario files, with every problem reported by its JSON path.
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/protocol/camera_bookmarks.h"
#include "core/base/json_reader.h"
#include "core/body/landmarks.h"
#include "core/base/safe_write.h"
#include "core/protocol/scenario.h"
#include "core/base/strings.h"

namespace mesomap {

using nlohmann::json;
using ordered_json = nlohmann::ordered_json;

const Landmark* Scenario::findLandmark(const std::string& id) const {
  auto named = [&](const Landmark& l) { return l.id == id; };
  if (auto it = std::find_if(landmarks.begin(), landmarks.end(), named); it != landmarks.end()) return &*it;
  // Not put on a body yet: a scenario written for the default body sees its hand-placed set.
  const std::vector<Landmark>& standard =
      bodyLandmarks.empty() && body.model == "default" ? defaultBodyLandmarkList() : bodyLandmarks;
  auto it = std::find_if(standard.begin(), standard.end(), named);
  return it == standard.end() ? nullptr : &*it;
}

const CameraBookmark* Scenario::findCamera(const std::string& name) const {
  auto it = std::find_if(cameras.begin(), cameras.end(), [&](const CameraBookmark& c) { return c.name == name; });
  return it == cameras.end() ? nullptr : &*it;
}

const char* toString(PatientPosition p) {
  switch (p) {
    case PatientPosition::Prone: return "prone";
    case PatientPosition::Supine: return "supine";
    case PatientPosition::Sitting: return "sitting";
    case PatientPosition::Standing: return "standing";
  }
  return "supine";
}

const char* toString(ZoneKind kind) { return kind == ZoneKind::Target ? "target" : "no_go"; }

std::optional<TissueLayer> parseTissueLayer(const std::string& name) {
  for (TissueLayer layer : {TissueLayer::Epidermis, TissueLayer::Dermis, TissueLayer::SubcutaneousFat,
                            TissueLayer::Muscle, TissueLayer::Bone})
    if (name == toString(layer)) return layer;
  return std::nullopt;
}

namespace {

const std::pair<const char*, PatientPosition> kPositions[] = {{"prone", PatientPosition::Prone},
                                                              {"supine", PatientPosition::Supine},
                                                              {"sitting", PatientPosition::Sitting},
                                                              {"standing", PatientPosition::Standing}};
const std::pair<const char*, Technique> kTechniques[] = {
    {"IED", Technique::IED}, {"IDS", Technique::IDS}, {"IDP", Technique::IDP}, {"NAP", Technique::NAP}};
const std::pair<const char*, TissueLayer> kLayers[] = {{"epidermis", TissueLayer::Epidermis},
                                                       {"dermis", TissueLayer::Dermis},
                                                       {"subcutaneous_fat", TissueLayer::SubcutaneousFat},
                                                       {"muscle", TissueLayer::Muscle},
                                                       {"bone", TissueLayer::Bone}};
const std::pair<const char*, ZoneKind> kZoneKinds[] = {{"target", ZoneKind::Target}, {"no_go", ZoneKind::NoGo}};

// {"vertices": [a, b, c], "weights": [wa, wb, wc]}: three hm08 vertices and barycentric weights.
std::optional<Hm08Anchor> readHm08Anchor(ObjectReader& r, bool hasPosition, const std::string& positionKey) {
  const json* field = r.field("hm08_anchor", false);
  if (!field) return std::nullopt;
  if (!hasPosition) {
    r.problem("hm08_anchor", "belongs with " + positionKey + " (an absolute position), which is not given");
    return std::nullopt;
  }
  const json* vertices = field->is_object() && field->contains("vertices") ? &(*field)["vertices"] : nullptr;
  const json* weights = field->is_object() && field->contains("weights") ? &(*field)["weights"] : nullptr;
  auto triple = [](const json* v) { return v && v->is_array() && v->size() == 3; };
  if (!field->is_object() || field->size() != 2 || !triple(vertices) || !triple(weights)) {
    r.problem("hm08_anchor", "expected {\"vertices\": [3 hm08 vertex indices], \"weights\": [3 numbers]}");
    return std::nullopt;
  }
  Hm08Anchor anchor;
  for (size_t k = 0; k < 3; ++k) {
    const json& v = (*vertices)[k];
    if (!v.is_number_unsigned() || v.get<uint64_t>() >= kHm08VertexCount) {
      r.problem("hm08_anchor.vertices[" + std::to_string(k) + "]",
                "is not an hm08 vertex index (0.." + std::to_string(kHm08VertexCount - 1) + ")");
      return std::nullopt;
    }
    const json& w = (*weights)[k];
    if (!w.is_number() || !std::isfinite(w.get<double>()) || w.get<double>() < 0.0 || w.get<double>() > 1.0) {
      r.problem("hm08_anchor.weights[" + std::to_string(k) + "]", "is not a number from 0 to 1");
      return std::nullopt;
    }
    anchor.vertices[k] = v.get<uint32_t>();
    anchor.weights[static_cast<int>(k)] = w.get<double>();
  }
  if (std::abs(anchor.weights.x + anchor.weights.y + anchor.weights.z - 1.0) > 1e-6) {
    r.problem("hm08_anchor.weights", "do not sum to 1");
    return std::nullopt;
  }
  return anchor;
}

void writeHm08Anchor(ordered_json& j, const std::optional<Hm08Anchor>& anchor) {
  if (!anchor) return;
  // Nine decimals: 1e-9 of a triangle, far below a micrometre; the first weight keeps the sum 1.
  auto fixed = [](double v) { return std::round(v * 1e9) / 1e9 + 0.0; };
  const double w1 = fixed(anchor->weights.y), w2 = fixed(anchor->weights.z);
  j["hm08_anchor"] = {{"vertices", anchor->vertices}, {"weights", {fixed(1.0 - w1 - w2), w1, w2}}};
}

// Position given directly, or relative to a landmark: {"landmark": id, "lateral_mm": ..,
// "cranial_mm": ..}.
SurfacePlacement readPlacement(ObjectReader& r, const std::string& positionKey) {
  SurfacePlacement placement;
  placement.positionMm = r.vector(positionKey, false);
  const json* relative = r.field("relative_to", false);
  if (relative) {
    if (placement.positionMm) r.problem("relative_to", "give either " + positionKey + " or relative_to, not both");
    r.object("relative_to", false, [&](ObjectReader& rel) {
      placement.landmark = rel.text("landmark");
      placement.lateralMm = rel.number("lateral_mm", false, -300.0, 300.0).value_or(0.0);
      placement.cranialMm = rel.number("cranial_mm", false, -300.0, 300.0).value_or(0.0);
    });
  } else if (!placement.positionMm && r.valid()) {
    r.problem(positionKey, "missing (give " + positionKey + " or relative_to)");
  }
  placement.hm08 = readHm08Anchor(r, placement.positionMm.has_value(), positionKey);
  return placement;
}

// A list of technique codes (["IDS", "NAP"]), each known and none twice.
std::vector<Technique> readTechniques(ObjectReader& r, const std::string& key, bool required) {
  std::vector<Technique> techniques;
  const json* v = r.field(key, required);
  if (!v) return techniques;
  if (!v->is_array() || v->empty()) {
    r.problem(key, "expected a non-empty list of techniques (IED, IDS, IDP, NAP)");
    return techniques;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string path = r.at(key) + "[" + std::to_string(i) + "]";
    const auto technique = (*v)[i].is_string() ? parseTechnique((*v)[i].get<std::string>()) : std::nullopt;
    if (!technique) {
      r.record(path, ((*v)[i].is_string() ? "'" + (*v)[i].get<std::string>() + "'" : std::string("value")) +
                         " is not one of IED, IDS, IDP, NAP");
    } else if (std::find(techniques.begin(), techniques.end(), *technique) != techniques.end()) {
      r.record(path, std::string("'") + presetFor(*technique).code + "' is listed twice");
    } else {
      techniques.push_back(*technique);
    }
  }
  return techniques;
}

// "supine", or ["supine", "prone"] when the points need more than one position (first: shown first).
void readPositions(ObjectReader& r, Scenario& s) {
  const json* v = r.field("patient_position", true);
  if (!v) return;
  if (!v->is_array()) {
    s.patientPosition = r.choice("patient_position", true, kPositions).value_or(PatientPosition::Supine);
    return;
  }
  if (v->empty()) {
    r.problem("patient_position", "expected a position or a non-empty list of positions (prone, supine, sitting, standing)");
    return;
  }
  std::vector<PatientPosition> positions;
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string path = "patient_position[" + std::to_string(i) + "]";
    std::optional<PatientPosition> position;
    for (const auto& [name, value] : kPositions)
      if ((*v)[i].is_string() && (*v)[i].get<std::string>() == name) position = value;
    if (!position)
      r.record(path, ((*v)[i].is_string() ? "'" + (*v)[i].get<std::string>() + "'" : std::string("value")) +
                         " is not one of prone, supine, sitting, standing");
    else if (std::find(positions.begin(), positions.end(), *position) != positions.end())
      r.record(path, std::string("'") + toString(*position) + "' is listed twice");
    else
      positions.push_back(*position);
  }
  if (positions.empty()) return;
  s.patientPosition = positions.front();
  s.otherPositions.assign(positions.begin() + 1, positions.end());
}

// "patients": ["sex=female,age=65,bmi=33", ...] and "patient_range": {"age": {"min": 50, "max":
// 80}, ...}: each text read as --patient reads it, each window inside its key's valid range.
void readPatients(ObjectReader& r, Scenario& s) {
  if (const json* list = r.field("patients", false)) {
    if (!list->is_array()) r.problem("patients", "expected a list of patients (\"sex=female,age=65,bmi=33\")");
    for (size_t i = 0; list->is_array() && i < list->size(); ++i) {
      const std::string path = "patients[" + std::to_string(i) + "]";
      if (!(*list)[i].is_string()) {
        r.record(path, "expected a patient (\"sex=female,age=65,bmi=33\")");
        continue;
      }
      const std::string text = (*list)[i].get<std::string>();
      try {
        parsePatient(text);
        s.patients.push_back(text);
      } catch (const Error& e) {
        std::string why = e.what();
        if (why.rfind("--patient: ", 0) == 0) why = why.substr(11);
        r.record(path, why);
      }
    }
  }
  r.object("patient_range", false, [&](ObjectReader& range) {
    for (const PatientParameterRange& key : patientParameterRanges())
      if (auto window = range.range(key.key, false, key.min, key.max)) s.patientRange[key.key] = *window;
  });
}

constexpr const char* kCriticalRuleNames[] = {"min_reference_share", "max_point_volume_ml", "max_total_volume_ml",
                                              "max_needle_mm",       "tip_layer",           "wrong_side"};

// critical_rules: each rule set needs its reason, and each reason names a rule.
void readCriticalRules(ObjectReader& r, CriticalRules& rules) {
  r.object("critical_rules", false, [&](ObjectReader& c) {
    rules.minReferenceShare = c.number("min_reference_share", false, 0.0, 1.0);
    rules.maxPointVolumeMl = c.number("max_point_volume_ml", false, 0.0, 5.0);
    rules.maxTotalVolumeMl = c.number("max_total_volume_ml", false, 0.0, 50.0);
    rules.maxNeedleMm = c.number("max_needle_mm", false, 1.0, 100.0);
    rules.tipLayer = c.flag("tip_layer", false);
    rules.wrongSide = c.flag("wrong_side", false);
    c.object("reasons", false, [&](ObjectReader& why) {
      for (const char* name : kCriticalRuleNames) {
        const std::string text = why.text(name, false);
        if (!text.empty()) rules.reasons[name] = text;
      }
    });
    const bool set[] = {rules.minReferenceShare.has_value(), rules.maxPointVolumeMl.has_value(),
                        rules.maxTotalVolumeMl.has_value(), rules.maxNeedleMm.has_value(),
                        rules.tipLayer.has_value(),         rules.wrongSide.has_value()};
    for (size_t i = 0; i < std::size(kCriticalRuleNames); ++i)
      if (set[i] && !rules.reasons.count(kCriticalRuleNames[i]))
        c.problem(kCriticalRuleNames[i], std::string("give the reason in critical_rules.reasons.") + kCriticalRuleNames[i]);
  });
}

}  // namespace

ScenarioReadResult parseScenario(const std::string& text) {
  ScenarioReadResult result;
  const auto parsed = parseVersionedDocument(text, kScenarioFormatVersion, "a scenario", result.problems);
  if (!parsed) return result;
  const json& root = *parsed;
  auto& problems = result.problems;
  Scenario s;
  {
    ObjectReader r(root, "", problems);
    s.schemaReference = r.schemaReference();
    const std::string format = r.text("format");
    if (!format.empty() && format != "mesomap-scenario")
      r.problem("format", "'" + format + "' is not a mesomap scenario (expected \"mesomap-scenario\")");
    r.field("version", true);  // checked above
    s.id = r.text("id");
    s.title = r.text("title");
    s.indication = r.text("indication");
    s.description = r.text("description");
    readPositions(r, s);
    s.schedule = r.text("schedule");
    s.author = r.text("author");
    if (const json* sources = r.field("sources", true)) {
      if (!sources->is_array() || sources->empty()) {
        r.problem("sources", "expected a non-empty list of citations");
      } else {
        for (size_t i = 0; i < sources->size(); ++i) {
          if ((*sources)[i].is_string() && !(*sources)[i].get<std::string>().empty())
            s.sources.push_back((*sources)[i].get<std::string>());
          else
            problems.push_back({"sources[" + std::to_string(i) + "]", "expected a citation (text)"});
        }
      }
    }
    if (const json* body = r.field("body", false)) {
      if (body->is_string()) {
        s.body.model = body->get<std::string>();
      } else {
        r.object("body", false, [&](ObjectReader& b) {
          s.body.model = b.text("model");
          s.body.units = b.text("units", false);
          s.body.up = b.text("up", false);
          if (!s.body.units.empty() && s.body.units != "mm" && s.body.units != "cm" && s.body.units != "m")
            b.problem("units", "'" + s.body.units + "' is not mm, cm or m");
        });
      }
    }

    readPatients(r, s);

    std::set<std::string> landmarkIds;
    r.array("landmarks", false, [&](ObjectReader& l, size_t) {
      Landmark landmark;
      landmark.id = l.text("id");
      landmark.name = l.text("name", false);
      landmark.positionMm = l.vector("position_mm", true).value_or(glm::dvec3(0.0));
      landmark.hm08 = readHm08Anchor(l, true, "position_mm");
      if (!landmark.id.empty() && !landmarkIds.insert(landmark.id).second) l.problem("id", "'" + landmark.id + "' is used twice");
      s.landmarks.push_back(landmark);
    }, SubjectKind::Landmark);

    std::set<std::string> pointIds;
    r.array("points", true, [&](ObjectReader& p, size_t) {
      ReferencePoint point;
      point.id = p.text("id");
      if (!point.id.empty() && !pointIds.insert(point.id).second) p.problem("id", "'" + point.id + "' is used twice");
      point.placement = readPlacement(p, "position_mm");
      point.technique = p.choice("technique", true, kTechniques).value_or(Technique::IDS);
      point.angleDeg = p.range("angle_deg", true, 0.0, 90.0).value_or(ValueRange{0, 90});
      point.azimuthDeg = p.range("azimuth_deg", false, 0.0, 360.0);
      point.depthMm = p.range("depth_mm", false, 0.0, 20.0);
      point.targetLayer = p.choice("target_layer", false, kLayers);
      if (!point.depthMm && !point.targetLayer && p.valid()) p.problem("depth_mm", "missing (give depth_mm or target_layer)");
      point.volumeMl = p.range("volume_ml", true, 0.0, 5.0).value_or(ValueRange{0, 5});
      if (point.volumeMl.max <= 0.0) p.problem("volume_ml", "max must be above 0 mL");
      point.needle = p.text("needle");
      point.toleranceMm = p.number("tolerance_mm", true, 0.5, 100.0).value_or(10.0);
      point.acceptedTechniques = readTechniques(p, "accepted_techniques", false);
      if (std::find(point.acceptedTechniques.begin(), point.acceptedTechniques.end(), point.technique) !=
          point.acceptedTechniques.end())
        p.problem("accepted_techniques", std::string("lists the point's own technique '") + presetFor(point.technique).code +
                                             "' (list only the others the sources accept)");
      point.depthNote = p.text("depth_note", false);
      if (p.field("depth_note", false) && point.depthNote.empty()) p.problem("depth_note", "is empty");
      if (p.field("depth_note", false) && !point.depthMm)
        p.problem("depth_note", "explains a depth_mm override; this point has no depth_mm");
      point.sourceDepthMm = p.range("source_depth_mm", false, 0.0, 20.0);
      s.points.push_back(point);
    }, SubjectKind::Point);

    r.object("pattern", false, [&](ObjectReader& p) {
      s.pattern.pointCount = p.range("point_count", false, 0.0, 500.0);
      s.pattern.spacingMm = p.range("spacing_mm", false, 0.0, 500.0);
      s.pattern.totalVolumeMl = p.range("total_volume_ml", false, 0.0, 50.0);
    });

    std::set<std::string> zoneIds;
    r.array("zones", false, [&](ObjectReader& z, size_t) {
      Zone zone;
      zone.id = z.text("id");
      if (!zone.id.empty() && !zoneIds.insert(zone.id).second) z.problem("id", "'" + zone.id + "' is used twice");
      zone.kind = z.choice("kind", true, kZoneKinds).value_or(ZoneKind::Target);
      zone.name = z.text("name", false);
      zone.centre = readPlacement(z, "centre_mm");
      zone.radiusMm = z.number("radius_mm", true, 1.0, 500.0).value_or(20.0);
      zone.coverageRadiusMm = z.number("coverage_radius_mm", zone.kind == ZoneKind::Target, 1.0, 200.0).value_or(15.0);
      zone.reason = z.text("reason", zone.kind == ZoneKind::NoGo);
      if (auto layer = z.choice("danger_from_layer", false, kLayers)) {
        if (zone.kind == ZoneKind::NoGo) zone.dangerFromLayer = *layer;
        else z.problem("danger_from_layer", "applies to no_go zones only");
      }
      if (z.field("free_points", false) && zone.kind != ZoneKind::Target) z.problem("free_points", "applies to target zones only");
      z.object("free_points", false, [&](ObjectReader& f) {
        FreePoints free;
        free.techniques = readTechniques(f, "techniques", true);
        // min 0: free points are accepted, not demanded (the reference map itself has none).
        free.count = f.range("count", true, 0.0, 500.0).value_or(ValueRange{0, 1});
        if (free.count.max < 1.0) f.problem("count", "max 0 accepts no free points (at least 1)");
        free.spacingMm = f.range("spacing_mm", false, 0.0, 500.0);
        if (zone.kind == ZoneKind::Target) zone.freePoints = free;
      });
      z.array("brush", false, [&](ObjectReader& b, size_t) {
        BrushStamp stamp;
        stamp.positionMm = b.vector("position_mm", true).value_or(glm::dvec3(0.0));
        stamp.hm08 = readHm08Anchor(b, true, "position_mm");
        stamp.radiusMm = b.number("radius_mm", true, kMinBrushRadiusMm, kMaxBrushRadiusMm).value_or(10.0);
        stamp.erase = b.flag("erase", false).value_or(false);
        zone.brush.push_back(stamp);
      });
      s.zones.push_back(zone);
    }, SubjectKind::Zone);

    s.cameras = readCameraBookmarks(r, "cameras");

    r.object("scoring", false, [&](ObjectReader& sc) {
      s.scoring.passMark = sc.number("pass_mark", true, 0.0, 100.0).value_or(70.0);
      sc.object("weights", false, [&](ObjectReader& w) {
        static const char* components[] = {"position", "angle", "depth", "volume", "technique",
                                           "count", "spacing", "coverage", "total_volume"};
        for (const char* c : components)
          if (auto weight = w.number(c, false, 0.0, 100.0)) s.scoring.weights[c] = *weight;
      });
    });

    readCriticalRules(r, s.critical);

    // References: every landmark a point or zone names is declared in this file or standard
    // (taken from the body's landmark set, landmarks.h).
    auto checkLandmark = [&](const SurfacePlacement& placement, const std::string& path, ProblemSubject subject) {
      if (placement.landmark.empty() || landmarkIds.count(placement.landmark) || findStandardLandmark(placement.landmark))
        return;
      const std::string hint = suggestStandardLandmark(placement.landmark);
      problems.push_back({path, "unknown landmark '" + placement.landmark + "'" +
                                    (hint.empty() ? " (neither declared in landmarks nor a standard landmark)"
                                                  : " (did you mean '" + hint + "'?)"),
                          subject});
    };
    for (size_t i = 0; i < s.points.size(); ++i)
      checkLandmark(s.points[i].placement, "points[" + std::to_string(i) + "].relative_to.landmark",
                    ProblemSubject{SubjectKind::Point, i});
    for (size_t i = 0; i < s.zones.size(); ++i)
      checkLandmark(s.zones[i].centre, "zones[" + std::to_string(i) + "].relative_to.landmark",
                    ProblemSubject{SubjectKind::Zone, i});
    if (s.pattern.pointCount && !s.points.empty() && !s.pattern.pointCount->contains(static_cast<double>(s.points.size())))
      problems.push_back({"pattern.point_count", "the reference itself has " + std::to_string(s.points.size()) +
                                                     " points, outside " + formatNumber(s.pattern.pointCount->min) +
                                                     ".." + formatNumber(s.pattern.pointCount->max)});
  }  // the top-level reader reports unknown fields here
  result.scenario = std::move(s);
  return result;
}

ScenarioReadResult readScenario(const std::filesystem::path& path) {
  const std::string text = readWholeFile(path, "scenario");
  if (text.empty()) {
    ScenarioReadResult result;
    result.problems.push_back({"", "file is empty (0 bytes)"});
    return result;
  }
  return parseScenario(text);
}

Scenario readValidScenario(const std::filesystem::path& path) {
  ScenarioReadResult read = readScenario(path);
  if (read.ok()) return std::move(*read.scenario);
  std::string message = "scenario " + quoted(path) + " has problems (run mesomap validate):";
  for (const Problem& p : read.problems) message += "\n  " + formatProblem(path.string(), p);
  throw Error(ErrorKind::InvalidInput, message);
}

namespace {

// Whole numbers are written without ".0" (45, not 45.0), as people write them, so saving a
// hand-written file (camera bookmarks from the app) changes only what changed.
void writeWholeNumbersAsIntegers(ordered_json& j) {
  if (j.is_number_float()) {
    const double v = j.get<double>();
    if (std::isfinite(v) && v == std::trunc(v) && std::abs(v) < 1e15) j = static_cast<int64_t>(v);
  } else if (j.is_structured()) {
    for (auto& child : j) writeWholeNumbersAsIntegers(child);
  }
}

ordered_json rangeJson(const ValueRange& r) { return ordered_json{{"min", r.min}, {"max", r.max}}; }

void writePlacement(ordered_json& j, const SurfacePlacement& p, const char* positionKey) {
  if (p.positionMm) {
    j[positionKey] = {p.positionMm->x, p.positionMm->y, p.positionMm->z};
    writeHm08Anchor(j, p.hm08);
  } else {
    j["relative_to"] = {{"landmark", p.landmark}, {"lateral_mm", p.lateralMm}, {"cranial_mm", p.cranialMm}};
  }
}

}  // namespace

std::string scenarioToJson(const Scenario& s) {
  ordered_json j;
  if (!s.schemaReference.empty()) j["$schema"] = s.schemaReference;  // first, where editors put it
  j["format"] = "mesomap-scenario";
  j["version"] = kScenarioFormatVersion;
  j["id"] = s.id;
  j["title"] = s.title;
  j["indication"] = s.indication;
  j["description"] = s.description;
  if (s.otherPositions.empty()) {
    j["patient_position"] = toString(s.patientPosition);
  } else {
    j["patient_position"] = {toString(s.patientPosition)};
    for (PatientPosition p : s.otherPositions) j["patient_position"].push_back(toString(p));
  }
  j["schedule"] = s.schedule;
  j["sources"] = s.sources;
  j["author"] = s.author;
  if (s.body.units.empty() && s.body.up.empty()) {
    j["body"] = s.body.model;
  } else {
    j["body"] = {{"model", s.body.model}};
    if (!s.body.units.empty()) j["body"]["units"] = s.body.units;
    if (!s.body.up.empty()) j["body"]["up"] = s.body.up;
  }
  if (!s.patients.empty()) j["patients"] = s.patients;
  if (!s.patientRange.empty()) {
    ordered_json range = ordered_json::object();
    for (const PatientParameterRange& key : patientParameterRanges())
      if (auto w = s.patientRange.find(key.key); w != s.patientRange.end())
        range[key.key] = {{"min", w->second.min}, {"max", w->second.max}};
    j["patient_range"] = range;
  }
  j["landmarks"] = ordered_json::array();
  for (const auto& l : s.landmarks) {
    ordered_json e{{"id", l.id}};
    if (!l.name.empty()) e["name"] = l.name;
    e["position_mm"] = {l.positionMm.x, l.positionMm.y, l.positionMm.z};
    writeHm08Anchor(e, l.hm08);
    j["landmarks"].push_back(e);
  }
  j["points"] = ordered_json::array();
  for (const auto& p : s.points) {
    ordered_json e{{"id", p.id}};
    writePlacement(e, p.placement, "position_mm");
    e["technique"] = presetFor(p.technique).code;
    e["angle_deg"] = rangeJson(p.angleDeg);
    if (p.azimuthDeg) e["azimuth_deg"] = rangeJson(*p.azimuthDeg);
    if (p.depthMm) e["depth_mm"] = rangeJson(*p.depthMm);
    if (p.targetLayer) e["target_layer"] = toString(*p.targetLayer);
    e["volume_ml"] = rangeJson(p.volumeMl);
    e["needle"] = p.needle;
    e["tolerance_mm"] = p.toleranceMm;
    if (!p.acceptedTechniques.empty()) {
      e["accepted_techniques"] = ordered_json::array();
      for (Technique t : p.acceptedTechniques) e["accepted_techniques"].push_back(presetFor(t).code);
    }
    if (!p.depthNote.empty()) e["depth_note"] = p.depthNote;
    if (p.sourceDepthMm) e["source_depth_mm"] = rangeJson(*p.sourceDepthMm);
    j["points"].push_back(e);
  }
  ordered_json pattern = ordered_json::object();
  if (s.pattern.pointCount) pattern["point_count"] = rangeJson(*s.pattern.pointCount);
  if (s.pattern.spacingMm) pattern["spacing_mm"] = rangeJson(*s.pattern.spacingMm);
  if (s.pattern.totalVolumeMl) pattern["total_volume_ml"] = rangeJson(*s.pattern.totalVolumeMl);
  if (!pattern.empty()) j["pattern"] = pattern;
  j["zones"] = ordered_json::array();
  for (const auto& z : s.zones) {
    ordered_json e{{"id", z.id}, {"kind", toString(z.kind)}};
    if (!z.name.empty()) e["name"] = z.name;
    writePlacement(e, z.centre, "centre_mm");
    e["radius_mm"] = z.radiusMm;
    if (z.kind == ZoneKind::Target) e["coverage_radius_mm"] = z.coverageRadiusMm;
    if (!z.reason.empty()) e["reason"] = z.reason;
    if (z.kind == ZoneKind::NoGo && z.dangerFromLayer != TissueLayer::Epidermis)
      e["danger_from_layer"] = toString(z.dangerFromLayer);
    if (z.freePoints) {
      ordered_json free{{"techniques", ordered_json::array()}};
      for (Technique t : z.freePoints->techniques) free["techniques"].push_back(presetFor(t).code);
      free["count"] = rangeJson(z.freePoints->count);
      if (z.freePoints->spacingMm) free["spacing_mm"] = rangeJson(*z.freePoints->spacingMm);
      e["free_points"] = free;
    }
    // Last, as it can run long; left out when empty so unpainted zones write as before.
    if (!z.brush.empty()) {
      ordered_json brush = ordered_json::array();
      for (const BrushStamp& b : z.brush) {
        ordered_json stamp{{"position_mm", {b.positionMm.x, b.positionMm.y, b.positionMm.z}}};
        writeHm08Anchor(stamp, b.hm08);
        stamp["radius_mm"] = b.radiusMm;
        if (b.erase) stamp["erase"] = true;
        brush.push_back(stamp);
      }
      e["brush"] = brush;
    }
    j["zones"].push_back(e);
  }
  // Optional and new: left out when empty, so files without bookmarks read back unchanged.
  if (!s.cameras.empty()) {
    j["cameras"] = cameraBookmarksToJson(s.cameras);
  }
  if (!s.critical.empty()) {
    ordered_json rules = ordered_json::object();
    const CriticalRules& c = s.critical;
    if (c.minReferenceShare) rules["min_reference_share"] = *c.minReferenceShare;
    if (c.maxPointVolumeMl) rules["max_point_volume_ml"] = *c.maxPointVolumeMl;
    if (c.maxTotalVolumeMl) rules["max_total_volume_ml"] = *c.maxTotalVolumeMl;
    if (c.maxNeedleMm) rules["max_needle_mm"] = *c.maxNeedleMm;
    if (c.tipLayer) rules["tip_layer"] = *c.tipLayer;
    if (c.wrongSide) rules["wrong_side"] = *c.wrongSide;
    if (!c.reasons.empty()) {
      rules["reasons"] = ordered_json::object();
      for (const char* name : kCriticalRuleNames)
        if (auto it = c.reasons.find(name); it != c.reasons.end()) rules["reasons"][name] = it->second;
    }
    j["critical_rules"] = rules;
  }
  ordered_json weights = ordered_json::object();
  for (const auto& [component, weight] : s.scoring.weights) weights[component] = weight;
  j["scoring"] = {{"weights", weights}, {"pass_mark", s.scoring.passMark}};
  writeWholeNumbersAsIntegers(j);
  return j.dump(2) + "\n";
}

void writeScenario(const Scenario& scenario, const std::filesystem::path& path) {
  writeFileAtomically(path, scenarioToJson(scenario));
}

}  // namespace mesomap
