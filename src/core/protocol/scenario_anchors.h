#pragma once
// hm08 anchors for a scenario's absolute positions, so they reach every parametric patient
// exactly (scenario_transfer.h reads them).
//
// A scenario written for the default body measures its absolute positions (points, zone
// centres, brush stamps, its own landmarks) on that body. Each is carried once to the average
// patient by the standard landmarks (the same warp that carries positions to any other body),
// snapped to its skin, and the hm08 point there is kept beside the position as `hm08_anchor`.
// On every patient the anchor then names the same place on the anatomy, whatever the shape.
// Positions stay authoritative: anchors are made again whenever a scenario is saved, and a
// stale one (a position edited by hand) is a validation problem.
#include <string>
#include <vector>

#include "core/base/problem.h"
#include "core/body/body.h"
#include "core/protocol/scenario.h"

namespace mesomap {

struct ScenarioAnchoring {
  int positions = 0;  // absolute positions in the scenario
  int added = 0;      // that had no anchor
  int changed = 0;    // whose anchor named another place (beyond the file's 1e-9 rounding)
  // "knee: 24 absolute positions anchored on MakeHuman's hm08 topology (24 new)..."; empty
  // when nothing changed.
  std::string message;
};

// Gives every absolute position of a default-body scenario its anchor (made again from the
// position). Other scenarios (written for a model file) are left alone: positions = 0.
// Throws Error when the patient data is missing (core/base/data_paths.h).
ScenarioAnchoring anchorScenario(Scenario& scenario);

// Absolute positions of a default-body scenario that have no anchor.
int unanchoredPositions(const Scenario& scenario);

// Anchors that no longer name where their position lands on the average patient (farther than
// kStaleAnchorMm): "points[3].hm08_anchor: 23.4 mm from where position_mm lands ...".
inline constexpr double kStaleAnchorMm = 5.0;
std::vector<Problem> staleAnchorProblems(const Scenario& scenario);

// A default-body scenario edited on a parametric patient (the builder shows it there as
// putScenarioOnBody carried it), brought back to what its file keeps: default-body positions
// with anchors. `written` is the file's scenario and `carried` what carrying it to `patient`
// gave. A position still where carrying put it keeps the file's position and anchor exactly;
// one placed or moved on the patient gets the exact anchor of its spot there, and a default-body
// position through the average patient and the landmarks, snapped onto the default body's skin.
// Cameras added or moved on the patient go back by the landmarks.
Scenario scenarioForTheDefaultBody(const Scenario& edited, const Scenario& carried, const Scenario& written,
                                   const Body& patient);

}  // namespace mesomap
