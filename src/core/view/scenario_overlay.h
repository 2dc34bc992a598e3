#pragma once
// What a scenario looks like over the body: landmarks, reference needles at the middle of
// their windows, zone names, and the legend rows for them; shared by `mesomap render
// --scenario` and the app. The zones' skin itself is painted from scenario_zones.h.
#include "core/geometry/bvh.h"
#include "core/view/overlay.h"
#include "core/protocol/scenario.h"

namespace mesomap {

struct ScenarioOverlayOptions {
  bool landmarks = true;
  bool points = true;
  bool zones = true;  // a label at each zone's centre (the region is painted separately)
};

// The colours reference needles are drawn in, by technique (sRGB).
glm::vec3 techniqueColor(Technique technique);

// Placements that cannot be resolved are skipped (validate reports them).
Overlay scenarioOverlay(const Scenario& scenario, const Bvh& skin, const ScenarioOverlayOptions& options = {});

// Clears the labels of markers the skin hides from `eye` (a label must not float over the
// wrong side of the body). Markers and needles themselves are hidden by the depth test.
void hideOccludedLabels(Overlay& overlay, const glm::vec3& eye, const Bvh& skin);

// The box around the scenario's resolved points and zone centres (metres), for framing.
Bounds scenarioBounds(const Scenario& scenario, const Bvh& skin);

}  // namespace mesomap
