#pragma once
// A scenario on a body's standard landmarks (body/landmarks.h): which set its placements see,
// and which landmarks it shows.
#include <vector>

#include "core/body/landmarks.h"
#include "core/protocol/scenario.h"

namespace mesomap {

// Puts a scenario on a body: placements may then name the body's standard landmarks
// (Scenario::findLandmark looks at the scenario's own landmarks first, so those override).
// Until then a scenario for the default body uses the default body's committed set.
void useBodyLandmarks(Scenario& scenario, const LandmarkSet& body);

// The landmarks a scenario shows: its own, then the standard ones its points and zones name
// (in the order first named), each once.
std::vector<Landmark> landmarksInUse(const Scenario& scenario);

}  // namespace mesomap
