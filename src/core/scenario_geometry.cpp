#include "core/scenario_geometry.h"

#include <cmath>
#include <sstream>

namespace mesomap {

namespace {

std::string millimetres(double v) {
  std::ostringstream s;
  s.precision(1);
  s << std::fixed << v << " mm";
  return s.str();
}

std::optional<ClosestPoint> snap(const Bvh& skin, const glm::dvec3& pointMm) {
  return skin.closestPoint(glm::vec3(pointMm * 0.001), PartFilter::Skin);
}

}  // namespace

std::optional<ResolvedPlacement> resolvePlacement(const Scenario& scenario, const SurfacePlacement& placement,
                                                  const Bvh& skin, std::string* problem) {
  auto fail = [&](const std::string& why) -> std::optional<ResolvedPlacement> {
    if (problem) *problem = why;
    return std::nullopt;
  };
  if (placement.positionMm) {
    auto hit = snap(skin, *placement.positionMm);
    if (!hit) return fail("the body has no skin to place it on");
    return ResolvedPlacement{surfaceFrame(hit->position, hit->normal), hit->distance * 1000.0};
  }
  const Landmark* landmark = scenario.findLandmark(placement.landmark);
  if (!landmark) return fail("unknown landmark '" + placement.landmark + "'");
  auto base = snap(skin, landmark->positionMm);
  if (!base) return fail("the body has no skin to place it on");
  const SurfaceFrame frame = surfaceFrame(base->position, base->normal);
  // Walk in the tangent plane, then come back to the skin; a short walk on a curved limb
  // lands within a millimetre or two of the true along-the-skin offset.
  const glm::dvec3 target = glm::dvec3(frame.position) * 1000.0 + glm::dvec3(frame.lateral()) * placement.lateralMm +
                            glm::dvec3(frame.cranial) * placement.cranialMm;
  auto landed = snap(skin, target);
  if (!landed) return fail("the body has no skin to place it on");
  return ResolvedPlacement{surfaceFrame(landed->position, landed->normal), landed->distance * 1000.0};
}

std::vector<Problem> checkScenarioGeometry(const Scenario& scenario, const Bvh& skin) {
  std::vector<Problem> problems;
  for (size_t i = 0; i < scenario.landmarks.size(); ++i) {
    auto hit = snap(skin, scenario.landmarks[i].positionMm);
    if (hit && hit->distance * 1000.0 > kMaxOffSkinMm)
      problems.push_back({"landmarks[" + std::to_string(i) + "].position_mm",
                          millimetres(hit->distance * 1000.0) + " from the skin (at most " +
                              millimetres(kMaxOffSkinMm) + ")"});
  }
  auto check = [&](const SurfacePlacement& placement, const std::string& path, const char* positionKey) {
    std::string why;
    auto resolved = resolvePlacement(scenario, placement, skin, &why);
    if (!resolved) {
      problems.push_back({path, why});
      return;
    }
    if (placement.positionMm && resolved->offSkinMm > kMaxOffSkinMm) {
      problems.push_back({path + "." + positionKey, millimetres(resolved->offSkinMm) + " from the skin (at most " +
                                                        millimetres(kMaxOffSkinMm) + ")"});
    }
    // A tangent-plane walk that ends far from any skin has left the body (off a limb's edge).
    const double walked = std::hypot(placement.lateralMm, placement.cranialMm);
    if (!placement.positionMm && resolved->offSkinMm > std::max(kMaxOffSkinMm, 0.25 * walked)) {
      problems.push_back({path + ".relative_to", "the offset from '" + placement.landmark + "' leaves the body (its end is " +
                                                     millimetres(resolved->offSkinMm) + " from the skin)"});
    }
  };
  for (size_t i = 0; i < scenario.points.size(); ++i)
    check(scenario.points[i].placement, "points[" + std::to_string(i) + "]", "position_mm");
  for (size_t i = 0; i < scenario.zones.size(); ++i)
    check(scenario.zones[i].centre, "zones[" + std::to_string(i) + "]", "centre_mm");
  return problems;
}

}  // namespace mesomap
