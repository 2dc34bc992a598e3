#include "core/protocol/scenario_landmarks.h"

namespace mesomap {

void useBodyLandmarks(Scenario& scenario, const LandmarkSet& body) {
  scenario.bodyLandmarks.clear();
  for (const PlacedLandmark& l : body.landmarks) scenario.bodyLandmarks.push_back(l.landmark);
}

std::vector<Landmark> landmarksInUse(const Scenario& scenario) {
  std::vector<Landmark> used = scenario.landmarks;
  auto add = [&](const SurfacePlacement& placement) {
    if (placement.landmark.empty()) return;
    for (const Landmark& l : used)
      if (l.id == placement.landmark) return;
    if (const Landmark* l = scenario.findLandmark(placement.landmark)) used.push_back(*l);
  };
  for (const ReferencePoint& p : scenario.points) add(p.placement);
  for (const Zone& z : scenario.zones) add(z.centre);
  return used;
}

}  // namespace mesomap
