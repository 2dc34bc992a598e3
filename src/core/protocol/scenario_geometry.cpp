#include "core/protocol/scenario_geometry.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/body/landmarks.h"
#include "core/base/strings.h"
#include "core/protocol/depth_target.h"

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

// Walks `lengthMm` (negative: backwards) along the skin from `position`, setting out along
// `direction` (a tangent), in 1 mm steps, each taken in the plane of the facet underfoot and
// keeping the heading projected onto it: a discrete straightest path, so the walk follows the
// skin around a heel or a knee instead of running off on the tangent plane. (The smooth normal
// alone is not enough: on a coarse mesh it leans away from the facet, each step then dips into
// the skin and the snap back bends the walk off its course.) `worstSnapMm` grows with the
// farthest any step had to snap back to the skin (large: the walk left the body). False without
// skin.
bool walkAlongSkin(const Bvh& skin, glm::vec3& position, glm::vec3& normal, glm::vec3 direction, double lengthMm,
                   double& worstSnapMm) {
  if (lengthMm == 0.0) return true;
  auto underfoot = skin.closestPoint(position, PartFilter::Skin);
  if (!underfoot) return false;
  glm::vec3 facet = underfoot->geometricNormal;
  auto alongFacet = [&](glm::vec3 v) {
    const glm::vec3 flat = v - facet * glm::dot(v, facet);
    return glm::length(flat) > 1e-6f ? glm::normalize(flat) : v;
  };
  glm::vec3 heading = alongFacet(glm::normalize(direction) * (lengthMm < 0.0 ? -1.0f : 1.0f));
  const double distanceMm = std::abs(lengthMm);
  const int steps = std::max(1, static_cast<int>(std::ceil(distanceMm / 1.0)));
  const float stepM = static_cast<float>(distanceMm / steps * 0.001);
  for (int i = 0; i < steps; ++i) {
    auto landed = skin.closestPoint(position + heading * stepM, PartFilter::Skin);
    if (!landed) return false;
    worstSnapMm = std::max(worstSnapMm, static_cast<double>(landed->distance) * 1000.0);
    const glm::vec3 moved = landed->position - position;
    position = landed->position;
    normal = landed->normal;
    facet = landed->geometricNormal;
    heading = alongFacet(glm::length(moved) > 1e-7f ? glm::normalize(moved) : heading);
  }
  return true;
}

// The frame's cranial direction as the scenario's written body had it (Scenario::bodyUp): on a
// carried scenario, up the limb as the landmarks turned it; else the frame's own.
glm::vec3 cranialOf(const Scenario& scenario, const SurfaceFrame& frame) {
  if (!scenario.bodyUp) return frame.cranial;
  const glm::vec3 up = scenario.bodyUp(frame.position);
  const glm::vec3 along = up - frame.normal * glm::dot(up, frame.normal);
  return glm::length(along) > 0.3f ? glm::normalize(along) : frame.cranial;
}

// Lateral: perpendicular to that cranial direction on the skin, on the frame's lateral side.
glm::vec3 lateralOf(const Scenario& scenario, const SurfaceFrame& frame) {
  if (!scenario.bodyUp) return frame.lateral();
  const glm::vec3 sideways = glm::cross(frame.normal, cranialOf(scenario, frame));
  return glm::dot(sideways, frame.lateral()) >= 0.0f ? sideways : -sideways;
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
  if (!landmark && findStandardLandmark(placement.landmark))
    return fail("standard landmark '" + placement.landmark + "' has no position: the scenario is not on a body (useBodyLandmarks)" +
                (scenario.body.model == "default" ? " and " + quoted(defaultBodyLandmarksPath()) + " cannot be read" : ""));
  if (!landmark) return fail("unknown landmark '" + placement.landmark + "'");
  auto base = snap(skin, landmark->positionMm);
  if (!base) return fail("the body has no skin to place it on");
  const SurfaceFrame start = surfaceFrame(base->position, base->normal);
  // The offset is read as a clinician gives it: first cranial_mm up or down the body, then
  // lateral_mm sideways from there ("3 cm above the insertion, 2 cm lateral"), each leg walked
  // along the skin. A single diagonal walk drifts on saddle-shaped skin (beside a tendon, behind
  // the knee) and lands where no author meant.
  glm::vec3 position = start.position, normal = start.normal;
  double worstSnapMm = 0.0;
  if (!walkAlongSkin(skin, position, normal, cranialOf(scenario, start), placement.cranialMm * scenario.bodyScale,
                     worstSnapMm))
    return fail("the body has no skin to place it on");
  // "Lateral" keeps the landmark's side: a walk up the midline from a spinous process drifts a
  // hair across it, and the frame there must not turn lateral to the other side of the body.
  glm::vec3 lateral = lateralOf(scenario, surfaceFrame(position, normal));
  if ((position.x >= -kMidlineHalfWidth) != (start.position.x >= -kMidlineHalfWidth)) lateral = -lateral;
  if (!walkAlongSkin(skin, position, normal, lateral, placement.lateralMm * scenario.bodyScale, worstSnapMm))
    return fail("the body has no skin to place it on");
  ResolvedPlacement resolved{surfaceFrame(position, normal), base->distance * 1000.0, worstSnapMm, 0.0};
  resolved.turnDegrees =
      glm::degrees(std::acos(std::clamp(glm::dot(glm::normalize(start.normal), glm::normalize(normal)), -1.0f, 1.0f)));
  return resolved;
}

std::vector<glm::vec3> resolveBrush(const Zone& zone, const Bvh& skin) {
  std::vector<glm::vec3> positions;
  for (const BrushStamp& stamp : zone.brush) {
    auto hit = snap(skin, stamp.positionMm);
    if (!hit) return {};
    positions.push_back(hit->position);
  }
  return positions;
}

NeedleAngles referenceAngles(const ReferencePoint& point) {
  return NeedleAngles{static_cast<float>(point.angleDeg.middle()),
                      static_cast<float>(point.azimuthDeg ? point.azimuthDeg->middle() : 0.0)};
}

double referenceDepthMm(const ReferencePoint& point) {
  return depthTargetFor(&point, point.technique, tissueColumn(BodyRegion::Thigh)).windowMm.middle();
}

std::vector<Problem> checkScenarioGeometry(const Scenario& scenario, const Bvh& skin) {
  std::vector<Problem> problems;
  for (size_t i = 0; i < scenario.landmarks.size(); ++i) {
    auto hit = snap(skin, scenario.landmarks[i].positionMm);
    if (hit && hit->distance * 1000.0 > kMaxOffSkinMm)
      problems.push_back({"landmarks[" + std::to_string(i) + "].position_mm",
                          millimetres(hit->distance * 1000.0) + " from the skin (at most " +
                              millimetres(kMaxOffSkinMm) + ")",
                          ProblemSubject{SubjectKind::Landmark, i}});
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
    // A walk that stepped off an edge, or that wrapped around a limb, is not on the anatomy the
    // author meant.
    if (!placement.positionMm && resolved->worstStepMm > kMaxOffSkinMm) {
      problems.push_back({path + ".relative_to", "the offset from '" + placement.landmark +
                                                     "' leaves the body (a step lands " +
                                                     millimetres(resolved->worstStepMm) + " from the skin)"});
    } else if (!placement.positionMm && resolved->turnDegrees > kMaxWalkTurnDegrees) {
      std::ostringstream turn;
      turn.precision(0);
      turn << std::fixed << resolved->turnDegrees;
      problems.push_back({path + ".relative_to", "the offset from '" + placement.landmark +
                                                     "' wraps around the limb (the skin turns " + turn.str() +
                                                     " degrees; at most " + std::to_string(static_cast<int>(kMaxWalkTurnDegrees)) + ")"});
    }
  };
  // Every problem `find` adds is about `subject`.
  const auto about = [&](ProblemSubject subject, const auto& find) {
    const size_t first = problems.size();
    find();
    for (size_t k = first; k < problems.size(); ++k) problems[k].subject = subject;
  };
  for (size_t i = 0; i < scenario.points.size(); ++i)
    about({SubjectKind::Point, i}, [&] { check(scenario.points[i].placement, "points[" + std::to_string(i) + "]", "position_mm"); });
  for (size_t i = 0; i < scenario.zones.size(); ++i) {
    about({SubjectKind::Zone, i}, [&] { check(scenario.zones[i].centre, "zones[" + std::to_string(i) + "]", "centre_mm"); });
    // Stamps come from the builder's brush on the skin; one far off it means another body.
    const std::vector<BrushStamp>& brush = scenario.zones[i].brush;
    for (size_t b = 0; b < brush.size(); ++b) {
      auto hit = snap(skin, brush[b].positionMm);
      if (hit && hit->distance * 1000.0 > kMaxOffSkinMm)
        problems.push_back({"zones[" + std::to_string(i) + "].brush[" + std::to_string(b) + "].position_mm",
                            millimetres(hit->distance * 1000.0) + " from the skin (at most " +
                                millimetres(kMaxOffSkinMm) + ")",
                            ProblemSubject{SubjectKind::Zone, i}});
    }
  }
  return problems;
}

std::optional<std::string> scenarioFitWarning(const Scenario& scenario, const Bvh& skin) {
  const std::vector<Problem> problems = checkScenarioGeometry(scenario, skin);
  if (problems.empty()) return std::nullopt;
  const size_t items = scenario.landmarks.size() + scenario.points.size() + scenario.zones.size();
  return "scenario '" + scenario.id + "' does not fit this body: " + std::to_string(problems.size()) +
         " problem" + (problems.size() == 1 ? "" : "s") + " over its " + std::to_string(items) +
         " landmarks, points and zones (first: " + problems.front().path + ": " + problems.front().message +
         "); it may have been made for another body, so its points are not where its authors meant";
}

}  // namespace mesomap
