#pragma once
// Where a needle ends up: from an entry point on the skin, an angle, an azimuth (see
// surface_frame.h) and an inserted length, the tip, how deep it is under the real (curved)
// skin, and whether the shaft comes out of the skin again before the tip.
#include <cstdint>
#include <optional>

#include <glm/glm.hpp>

#include "core/geometry/bvh.h"
#include "core/geometry/surface_frame.h"

namespace mesomap {

// Where the shaft first meets the skin again after the entry.
struct ShaftCrossing {
  glm::vec3 position{0.0f};
  float distance = 0.0f;  // from the entry, along the shaft (metres)
  uint32_t triangle = 0;
  bool leavesSkin = true;  // crossed from inside to outside (the usual case)
};

struct NeedlePlacement {
  glm::vec3 entry{0.0f};
  glm::vec3 direction{0.0f};  // unit, from the entry toward the tip
  glm::vec3 tip{0.0f};
  float length = 0.0f;  // inserted length (metres)
  // length * sin(angle): the depth under the entry's tangent plane; what a flat skin would give.
  float perpendicularDepth = 0.0f;
  // Signed distance from the tip to the nearest skin point, positive under the skin. Unlike
  // perpendicularDepth it follows the skin's curvature.
  float tipDepth = 0.0f;
  std::optional<ClosestPoint> nearestSkin;  // to the tip; empty only for a mesh without skin
  std::optional<ShaftCrossing> crossing;

  bool exitsSkin() const { return crossing && crossing->leavesSkin; }
};

// `skin` is searched with PartFilter::Skin only. Lengths in metres.
NeedlePlacement placeNeedle(const Bvh& skin, const SurfaceFrame& entry, const NeedleAngles& angles, float length);

// Signed distance from p to the skin, positive under it; nullopt without skin triangles.
std::optional<float> depthBelowSkin(const Bvh& skin, const glm::vec3& p, ClosestPoint* nearest = nullptr);

}  // namespace mesomap
