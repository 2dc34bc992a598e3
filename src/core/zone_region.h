#pragma once
// A scenario zone on one body: the skin it covers, as a geodesic disc around its centre.
// One shape serves every user: the renderer paints the per-vertex margin (crisp edge where
// it crosses zero), scoring tests points against it and measures its area and coverage.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/bvh.h"
#include "core/geodesic.h"
#include "core/mesh.h"
#include "core/scenario.h"

namespace mesomap {

// A small piece of skin area: the centroid of one cell of a triangle's subdivision.
struct AreaSample {
  uint32_t triangle = 0;
  glm::vec2 uv{0.0f};  // barycentrics as in RayHit
  float areaMm2 = 0.0f;
};

struct ZoneRegion {
  std::string id;
  ZoneKind kind = ZoneKind::Target;
  // Per mesh vertex: radius minus geodesic distance from the centre, in mm; positive inside.
  // Vertices far from the zone hold kFarOutside.
  std::vector<float> vertexMarginMm;
  std::vector<AreaSample> samples;  // the cells inside the zone
  double areaMm2 = 0.0;

  static constexpr float kFarOutside = -1e6f;
  // Margin at a surface point, interpolated linearly over its triangle, as drawn.
  float marginAt(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const;
  bool contains(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const {
    return marginAt(mesh, triangle, uv) > 0.0f;
  }
};

// Subdivision level for area samples: each triangle is cut into kAreaSampleLevel^2 cells.
inline constexpr int kAreaSampleLevel = 4;

// The skin point nearest to p as a geodesic point; nullopt without skin.
std::optional<GeodesicPoint> skinPointNear(const Bvh& skin, const glm::vec3& p, uint32_t* triangle = nullptr,
                                           glm::vec2* uv = nullptr);

// The region of a zone whose centre has been resolved to `centre` (metres, on the skin).
ZoneRegion buildZoneRegion(const Zone& zone, const glm::vec3& centre, const Mesh& mesh, const Bvh& skin,
                           const GeodesicSolver& geodesics);

// Geodesic distance (mm) from each of `points` (metres, on the skin) to every vertex within
// reachMm of it, combined by minimum: the distance to the nearest point, for vertices near
// any of them; others hold infinity.
std::vector<float> nearestPointDistanceMm(const std::vector<glm::vec3>& points, float reachMm, const Mesh& mesh,
                                          const Bvh& skin, const GeodesicSolver& geodesics);

// Fraction (0..1) of the region's area whose distance (from nearestPointDistanceMm, interpolated
// over each triangle) is at most radiusMm. 0 for an empty region.
double coveredFraction(const ZoneRegion& region, const Mesh& mesh, const std::vector<float>& distanceMm,
                       float radiusMm);

}  // namespace mesomap
