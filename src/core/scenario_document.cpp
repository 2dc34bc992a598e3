#include "core/scenario_document.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/scenario_geometry.h"
#include "core/surface_frame.h"

namespace mesomap {

namespace {

class EditScenario final : public ScenarioCommand {
 public:
  EditScenario(std::string label, std::function<void(Scenario&)> edit, std::string gesture)
      : label_(std::move(label)), edit_(std::move(edit)), gesture_(std::move(gesture)) {}

  void apply(ScenarioDocument& document) override {
    if (!after_) {
      before_ = document.scenario();
      Scenario edited = document.scenario();
      edit_(edited);
      after_ = std::move(edited);
    }
    document.replace(*after_);
  }
  void revert(ScenarioDocument& document) override { document.replace(*before_); }
  std::string label() const override { return label_; }
  bool absorb(const ScenarioCommand& next) override {
    const auto* other = dynamic_cast<const EditScenario*>(&next);
    if (!other || gesture_.empty() || other->gesture_ != gesture_) return false;
    after_ = other->after_;
    return true;
  }

 private:
  std::string label_;
  std::function<void(Scenario&)> edit_;
  std::string gesture_;
  std::optional<Scenario> before_, after_;
};

template <class T>
void eraseAt(std::vector<T>& items, size_t index) {
  if (index < items.size()) items.erase(items.begin() + std::ptrdiff_t(index));
}

// The other side's name for a sided id, if it has one. `letterPrefix`: "R2" / "L2" count as
// sided (point ids do; landmark ids do not: "L4_spinous" is a lumbar vertebra).
std::optional<std::string> swapSide(const std::string& id, bool letterPrefix) {
  static const std::pair<const char*, const char*> kSides[] = {
      {"_right", "_left"}, {"_left", "_right"}, {"_R", "_L"}, {"_L", "_R"}, {"right_", "left_"}, {"left_", "right_"}};
  for (const auto& [from, to] : kSides) {
    const std::string f = from;
    if (f.front() == '_' && id.size() > f.size() && id.ends_with(f)) return id.substr(0, id.size() - f.size()) + to;
    if (f.back() == '_' && id.size() > f.size() && id.starts_with(f)) return to + id.substr(f.size());
  }
  // "R2" / "L2": a side letter before a number.
  if (letterPrefix && id.size() >= 2 && (id[0] == 'R' || id[0] == 'L') && std::isdigit(static_cast<unsigned char>(id[1])))
    return (id[0] == 'R' ? "L" : "R") + id.substr(1);
  return std::nullopt;
}

}  // namespace

std::unique_ptr<ScenarioCommand> editScenarioCommand(std::string label, std::function<void(Scenario&)> edit,
                                                     std::string gesture) {
  return std::make_unique<EditScenario>(std::move(label), std::move(edit), std::move(gesture));
}

std::string unusedScenarioId(const Scenario& scenario, const std::string& stem) {
  std::set<std::string> used;
  for (const Landmark& l : scenario.landmarks) used.insert(l.id);
  for (const ReferencePoint& p : scenario.points) used.insert(p.id);
  for (const Zone& z : scenario.zones) used.insert(z.id);
  if (!used.count(stem)) return stem;
  for (int n = 2;; ++n)
    if (!used.count(stem + std::to_string(n))) return stem + std::to_string(n);
}

std::unique_ptr<ScenarioCommand> addLandmarkCommand(Landmark landmark) {
  const std::string label = "Add landmark " + landmark.id;
  return editScenarioCommand(label, [landmark = std::move(landmark)](Scenario& s) { s.landmarks.push_back(landmark); });
}

std::unique_ptr<ScenarioCommand> moveLandmarkCommand(size_t index, const glm::dvec3& positionMm) {
  return editScenarioCommand(
      "Move landmark",
      [index, positionMm](Scenario& s) {
        if (index < s.landmarks.size()) s.landmarks[index].positionMm = positionMm;
      },
      "move-landmark-" + std::to_string(index));
}

std::unique_ptr<ScenarioCommand> removeLandmarkCommand(size_t index) {
  return editScenarioCommand("Remove landmark", [index](Scenario& s) { eraseAt(s.landmarks, index); });
}

std::unique_ptr<ScenarioCommand> addPointCommand(ReferencePoint point) {
  const std::string label = "Add point " + point.id;
  return editScenarioCommand(label, [point = std::move(point)](Scenario& s) { s.points.push_back(point); });
}

std::unique_ptr<ScenarioCommand> setPointCommand(size_t index, ReferencePoint point) {
  const std::string label = "Edit point " + point.id;
  return editScenarioCommand(
      label,
      [index, point = std::move(point)](Scenario& s) {
        if (index < s.points.size()) s.points[index] = point;
      },
      "point-" + std::to_string(index));
}

std::unique_ptr<ScenarioCommand> removePointsCommand(std::vector<size_t> indices) {
  std::sort(indices.begin(), indices.end(), std::greater<>());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  const std::string label = indices.size() == 1 ? "Remove point" : "Remove " + std::to_string(indices.size()) + " points";
  return editScenarioCommand(label, [indices](Scenario& s) {
    for (size_t i : indices) eraseAt(s.points, i);  // highest first, so the others keep their place
  });
}

std::unique_ptr<ScenarioCommand> addZoneCommand(Zone zone) {
  const std::string label = "Add zone " + zone.id;
  return editScenarioCommand(label, [zone = std::move(zone)](Scenario& s) { s.zones.push_back(zone); });
}

std::unique_ptr<ScenarioCommand> setZoneCommand(size_t index, Zone zone) {
  const std::string label = "Edit zone " + zone.id;
  return editScenarioCommand(
      label,
      [index, zone = std::move(zone)](Scenario& s) {
        if (index < s.zones.size()) s.zones[index] = zone;
      },
      "zone-" + std::to_string(index));
}

std::unique_ptr<ScenarioCommand> removeZoneCommand(size_t index) {
  return editScenarioCommand("Remove zone", [index](Scenario& s) { eraseAt(s.zones, index); });
}

std::unique_ptr<ScenarioCommand> paintZoneCommand(size_t zoneIndex, const BrushStamp& stamp, int stroke) {
  return editScenarioCommand(
      stamp.erase ? "Erase zone" : "Paint zone",
      [zoneIndex, stamp](Scenario& s) {
        if (zoneIndex < s.zones.size()) s.zones[zoneIndex].brush.push_back(stamp);
      },
      "stroke-" + std::to_string(stroke));
}

std::unique_ptr<ScenarioCommand> setPatternCommand(PatternRules pattern) {
  return editScenarioCommand(
      "Edit pattern rules", [pattern](Scenario& s) { s.pattern = pattern; }, "pattern");
}

std::unique_ptr<ScenarioCommand> setScoringRulesCommand(ScoringRules rules) {
  return editScenarioCommand(
      "Edit scoring", [rules = std::move(rules)](Scenario& s) { s.scoring = rules; }, "scoring");
}

std::optional<SurfacePlacement> mirroredPlacement(const Scenario& scenario, const SurfacePlacement& placement,
                                                  std::string* problem) {
  SurfacePlacement mirrored = placement;
  if (placement.positionMm) {
    mirrored.positionMm->x = -placement.positionMm->x;
    return mirrored;
  }
  const Landmark* landmark = scenario.findLandmark(placement.landmark);
  if (!landmark) {
    if (problem) *problem = "unknown landmark '" + placement.landmark + "'";
    return std::nullopt;
  }
  if (std::abs(landmark->positionMm.x) < 1e3 * kMidlineHalfWidth + 1e-9) {
    // On the midline "lateral" points to the patient's left whatever the side (formats.md).
    mirrored.lateralMm = -placement.lateralMm;
    return mirrored;
  }
  const auto other = swapSide(placement.landmark, false);
  if (!other || !scenario.findLandmark(*other)) {
    if (problem)
      *problem = "landmark '" + placement.landmark + "' has no counterpart on the other side" +
                 (other ? " ('" + *other + "' is not defined)" : " (name sided landmarks *_left / *_right)");
    return std::nullopt;
  }
  mirrored.landmark = *other;
  return mirrored;
}

std::string mirroredId(const Scenario& scenario, const std::string& id) {
  return unusedScenarioId(scenario, swapSide(id, true).value_or(id + "_mirror"));
}

std::unique_ptr<ScenarioCommand> mirrorPointsCommand(const Scenario& scenario, std::vector<size_t> indices,
                                                     std::vector<Problem>* problems) {
  Scenario preview = scenario;  // so each new id is unused by the points added before it
  std::vector<ReferencePoint> added;
  for (size_t i : indices) {
    if (i >= scenario.points.size()) continue;
    std::string why;
    auto placement = mirroredPlacement(scenario, scenario.points[i].placement, &why);
    if (!placement) {
      if (problems) problems->push_back({"points[" + std::to_string(i) + "]", "cannot mirror: " + why});
      continue;
    }
    ReferencePoint point = scenario.points[i];
    point.id = mirroredId(preview, point.id);
    point.placement = *placement;
    preview.points.push_back(point);
    added.push_back(std::move(point));
  }
  const std::string label = "Mirror " + std::to_string(added.size()) + (added.size() == 1 ? " point" : " points");
  return editScenarioCommand(label, [added](Scenario& s) { s.points.insert(s.points.end(), added.begin(), added.end()); });
}

std::unique_ptr<ScenarioCommand> mirrorZoneCommand(const Scenario& scenario, size_t index,
                                                   std::vector<Problem>* problems) {
  std::optional<Zone> zone;
  if (index < scenario.zones.size()) {
    std::string why;
    if (auto centre = mirroredPlacement(scenario, scenario.zones[index].centre, &why)) {
      zone = scenario.zones[index];
      zone->id = mirroredId(scenario, zone->id);
      zone->centre = *centre;
      for (BrushStamp& stamp : zone->brush) stamp.positionMm.x = -stamp.positionMm.x;
    } else if (problems) {
      problems->push_back({"zones[" + std::to_string(index) + "]", "cannot mirror: " + why});
    }
  }
  return editScenarioCommand("Mirror zone", [zone](Scenario& s) {
    if (zone) s.zones.push_back(*zone);
  });
}

ReferencePoint referencePointFor(Technique technique, const std::string& id, SurfacePlacement placement) {
  const TechniquePreset& preset = presetFor(technique);
  ReferencePoint point;
  point.id = id;
  point.placement = std::move(placement);
  point.technique = technique;
  point.angleDeg = {preset.angleMinDeg, preset.angleMaxDeg};
  // The depth follows the technique's band on the body's skin (depth_target.h), not fixed
  // millimetres that would end in the fat on thin skin.
  point.targetLayer = technique == Technique::IED ? TissueLayer::Epidermis : TissueLayer::Dermis;
  // Presets are floats: round to what a file would say (0.3, not 0.30000001).
  auto tidy = [](double v) { return std::round(v * 1000.0) / 1000.0; };
  point.angleDeg = {tidy(point.angleDeg.min), tidy(point.angleDeg.max)};
  point.volumeMl = {tidy(preset.defaultVolumeMl), tidy(preset.defaultVolumeMl + 0.05)};
  point.needle = "27G 4 mm";
  return point;
}

std::optional<SurfacePlacement> placementFromLandmark(const Scenario& scenario, const std::string& landmark,
                                                      const glm::dvec3& pointMm, const Bvh& skin) {
  const Landmark* l = scenario.findLandmark(landmark);
  if (!l) return std::nullopt;
  const auto start = resolvePlacement(scenario, {l->positionMm, "", 0.0, 0.0}, skin);
  if (!start) return std::nullopt;
  const glm::dvec3 d = pointMm - glm::dvec3(start->frame.position) * 1000.0;
  SurfacePlacement p;
  p.landmark = landmark;
  p.cranialMm = std::round(glm::dot(d, glm::dvec3(start->frame.cranial)));
  p.lateralMm = std::round(glm::dot(d, glm::dvec3(start->frame.lateral())));
  return p;
}

Scenario blankScenario() {
  Scenario s;
  s.id = "new_scenario";
  s.title = "New scenario";
  s.patientPosition = PatientPosition::Supine;
  return s;
}

}  // namespace mesomap
