#include "core/body/needle.h"

#include <algorithm>
#include <cmath>

namespace mesomap {

namespace {

// The shaft starts on the entry triangle; hits closer than this to the entry are that same
// surface seen again through rounding. 10 micrometres: far below any needle length, far above
// float resolution on a body-sized mesh.
constexpr float kEntryClearance = 1e-5f;

// Barycentrics this far inside the triangle count as its face; nearer the boundary the nearest
// point is on an edge or a vertex, where the face normal may belong to the wrong side.
constexpr float kFaceInterior = 1e-6f;

}  // namespace

std::optional<float> depthBelowSkin(const Bvh& skin, const glm::vec3& p, ClosestPoint* nearest) {
  const std::optional<ClosestPoint> closest = skin.closestPoint(p, PartFilter::Skin);
  if (!closest) return std::nullopt;
  if (nearest) *nearest = *closest;
  // Inside or outside: on a face its plane decides exactly. On an edge or a vertex the
  // interpolated normal stands in for the angle-weighted pseudo-normal; skin is smooth enough
  // at the scale of a needle for the two to agree.
  const bool onFace = closest->u > kFaceInterior && closest->v > kFaceInterior &&
                      closest->u + closest->v < 1.0f - kFaceInterior;
  glm::vec3 outward = closest->normal;
  if (onFace) {
    outward = closest->geometricNormal;
    if (glm::dot(outward, closest->normal) < 0.0f) outward = -outward;  // tolerate flipped winding
  }
  const float side = glm::dot(p - closest->position, outward);
  return side > 0.0f ? -closest->distance : closest->distance;
}

NeedlePlacement placeNeedle(const Bvh& skin, const SurfaceFrame& entry, const NeedleAngles& angles, float length) {
  NeedlePlacement needle;
  needle.entry = entry.position;
  needle.direction = needleDirection(entry, angles);
  needle.length = length;
  needle.tip = entry.position + length * needle.direction;
  needle.perpendicularDepth = float(flatDepthMm(length, angles.angleDegrees));

  ClosestPoint nearest;
  if (const std::optional<float> depth = depthBelowSkin(skin, needle.tip, &nearest)) {
    needle.tipDepth = *depth;
    needle.nearestSkin = nearest;
  }

  if (length > kEntryClearance) {
    const Ray shaft{entry.position, needle.direction};
    if (const std::optional<RayHit> hit = skin.intersect(shaft, kEntryClearance, length, PartFilter::Skin)) {
      ShaftCrossing crossing;
      crossing.position = hit->position;
      crossing.distance = hit->t;
      crossing.triangle = hit->triangle;
      // Leaving the body means moving along the outward normal; the interpolated normal fixes
      // the outside where the winding might not.
      glm::vec3 outward = hit->geometricNormal;
      if (glm::dot(outward, hit->normal) < 0.0f) outward = -outward;
      crossing.leavesSkin = glm::dot(needle.direction, outward) > 0.0f;
      needle.crossing = crossing;
    }
  }
  return needle;
}

}  // namespace mesomap
