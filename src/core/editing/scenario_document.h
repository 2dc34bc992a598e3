#pragma once
// The instructor's work in the scenario builder: one scenario, changed only through the
// commands below (via CommandHistory), so the builder's panels, scripted tests and the CLI
// share one path and every edit can be undone.
//
// A command keeps the scenario as it was before and after it (a scenario is a few kilobytes),
// so every edit, however structural (mirroring ten points, reordering zones), undoes exactly.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/bvh.h"
#include "core/base/command_history.h"
#include "core/protocol/scenario.h"

namespace mesomap {

class ScenarioDocument {
 public:
  ScenarioDocument() = default;
  explicit ScenarioDocument(Scenario scenario) : scenario_(std::move(scenario)) {}

  const Scenario& scenario() const { return scenario_; }
  // Increases with every change, so views (overlay, zones, validation) know when to refresh.
  uint64_t revision() const { return revision_; }

  // Used by the commands; callers go through ScenarioHistory.
  void replace(Scenario scenario) {
    scenario_ = std::move(scenario);
    ++revision_;
  }

 private:
  Scenario scenario_;
  uint64_t revision_ = 0;
};

using ScenarioHistory = CommandHistory<ScenarioDocument>;
using ScenarioCommand = ScenarioHistory::Command;

// Any edit, as a function of the scenario. Successive commands with the same non-empty
// `gesture` key (a slider drag, one brush stroke) undo as one step.
std::unique_ptr<ScenarioCommand> editScenarioCommand(std::string label, std::function<void(Scenario&)> edit,
                                                     std::string gesture = {});

// An id not yet used by any landmark, point or zone: `stem`, else stem2, stem3...
std::string unusedScenarioId(const Scenario& scenario, const std::string& stem);

// The named edits the builder and tests use. Indices are positions in the scenario's lists.
std::unique_ptr<ScenarioCommand> addLandmarkCommand(Landmark landmark);
std::unique_ptr<ScenarioCommand> moveLandmarkCommand(size_t index, const glm::dvec3& positionMm);
std::unique_ptr<ScenarioCommand> removeLandmarkCommand(size_t index);
std::unique_ptr<ScenarioCommand> addPointCommand(ReferencePoint point);
// Replaces one point (its windows, needle, placement); a slider gesture undoes in one step.
std::unique_ptr<ScenarioCommand> setPointCommand(size_t index, ReferencePoint point);
std::unique_ptr<ScenarioCommand> removePointsCommand(std::vector<size_t> indices);
std::unique_ptr<ScenarioCommand> addZoneCommand(Zone zone);
std::unique_ptr<ScenarioCommand> setZoneCommand(size_t index, Zone zone);
std::unique_ptr<ScenarioCommand> removeZoneCommand(size_t index);
// One dab of the zone brush; the dabs of one stroke (`stroke` id) undo together.
std::unique_ptr<ScenarioCommand> paintZoneCommand(size_t zoneIndex, const BrushStamp& stamp, int stroke);
std::unique_ptr<ScenarioCommand> setPatternCommand(PatternRules pattern);
std::unique_ptr<ScenarioCommand> setScoringRulesCommand(ScoringRules rules);

// Mirroring across the body's mid-sagittal plane (x = 0 in the normalised body frame).
// A landmark-relative placement keeps its offsets on the other side's landmark
// ("pes_anserine_right" -> "pes_anserine_left"; lateral mirrors by itself); from a midline
// landmark its lateral offset changes sign; an absolute position has its x negated.
// nullopt + `problem` when a scenario landmark has no counterpart on the other side.
std::optional<SurfacePlacement> mirroredPlacement(const Scenario& scenario, const SurfacePlacement& placement,
                                                  std::string* problem = nullptr);
// "JL1_right" -> "JL1_left", "R2" -> "L2"; otherwise `id` + "_mirror". Unused in `scenario`.
std::string mirroredId(const Scenario& scenario, const std::string& id);
// Adds the mirror image of each listed point (and returns the problems of those it could not
// mirror, with their JSON paths); the new points follow the originals at the end of the list.
std::unique_ptr<ScenarioCommand> mirrorPointsCommand(const Scenario& scenario, std::vector<size_t> indices,
                                                     std::vector<Problem>* problems = nullptr);
std::unique_ptr<ScenarioCommand> mirrorZoneCommand(const Scenario& scenario, size_t index,
                                                   std::vector<Problem>* problems = nullptr);

// A new reference point of a technique, with that technique's windows (technique.h: angle
// and depth windows from the domain notes; volume from the preset's default up by 0.05 mL, a
// default, not from a source), a 27G 4 mm needle and the scenario format's 10 mm tolerance.
ReferencePoint referencePointFor(Technique technique, const std::string& id, SurfacePlacement placement);

// Offsets (lateral, cranial; mm, rounded to 1 mm) that walk from a landmark to a skin point:
// the point's offset from the landmark projected onto the landmark's anatomical frame. Exact
// on flat skin; on curved skin the walk may end a few mm away (resolvePlacement says where).
std::optional<SurfacePlacement> placementFromLandmark(const Scenario& scenario, const std::string& landmark,
                                                      const glm::dvec3& pointMm, const Bvh& skin);

// A new scenario for the builder: the default body and scoring, an id and a title to replace;
// the rest (indication, sources, points...) is left empty for validation to ask for.
Scenario blankScenario();

}  // namespace mesomap
