#pragma once
// What a scenario looks like over the body: landmarks, reference needles at the middle of
// their windows, zone centres; shared by `mesomap render --scenario` and the app.
#include "core/bvh.h"
#include "core/overlay.h"
#include "core/scenario.h"

namespace mesomap {

struct ScenarioOverlayOptions {
  bool landmarks = true;
  bool points = true;
  bool zones = true;
};

// Placements that cannot be resolved are skipped (validate reports them).
Overlay scenarioOverlay(const Scenario& scenario, const Bvh& skin, const ScenarioOverlayOptions& options = {});

// Clears the labels of markers the skin hides from `eye` (a label must not float over the
// wrong side of the body). Markers and needles themselves are hidden by the depth test.
void hideOccludedLabels(Overlay& overlay, const glm::vec3& eye, const Bvh& skin);

// The box around the scenario's resolved points and zone centres (metres), for framing.
Bounds scenarioBounds(const Scenario& scenario, const Bvh& skin);

}  // namespace mesomap
