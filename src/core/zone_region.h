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

// Geodesic distance from one skin point to any surface point near it. Interpolating distances
// linearly over a triangle would flatten the cone around the source (a point in the source's
// own triangle would read as far as its corners); instead the ratio of geodesic to straight
// distance, which varies slowly, is interpolated and applied to the straight distance: exact
// on flat skin, and still long across a gap (from one thigh to the other).
class LocalDistance {
 public:
  LocalDistance() = default;
  LocalDistance(const glm::vec3& source, float reachMm, const Mesh& mesh, const Bvh& skin,
                const GeodesicSolver& geodesics);
  // Millimetres; infinity beyond the reach.
  float at(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const;
  // Per vertex, mm (infinity beyond the reach): for renderers and coarse tests.
  const std::vector<float>& vertexDistanceMm() const { return vertexDistanceMm_; }
  const glm::vec3& source() const { return source_; }

 private:
  glm::vec3 source_{0.0f};
  std::vector<float> vertexDistanceMm_;
  std::vector<float> ratio_;  // geodesic / straight distance per vertex; NaN beyond the reach
};

struct ZoneRegion {
  std::string id;
  ZoneKind kind = ZoneKind::Target;
  float radiusMm = 0.0f;
  LocalDistance fromCentre;
  // Per mesh vertex: radius minus geodesic distance from the centre, in mm; positive inside.
  // Vertices far from the zone hold kFarOutside.
  std::vector<float> vertexMarginMm;
  std::vector<AreaSample> samples;  // the cells inside the zone
  double areaMm2 = 0.0;

  static constexpr float kFarOutside = -1e6f;
  // Margin at a surface point (radius minus its distance from the centre).
  float marginAt(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const;
  bool contains(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const {
    return marginAt(mesh, triangle, uv) > 0.0f;
  }
};

// Area samples: each triangle is cut into level^2 cells, level at least this and enough for
// cells a quarter of the zone's radius wide.
inline constexpr int kMinAreaSampleLevel = 4;

// The skin point nearest to p as a geodesic point; nullopt without skin.
std::optional<GeodesicPoint> skinPointNear(const Bvh& skin, const glm::vec3& p, uint32_t* triangle = nullptr,
                                           glm::vec2* uv = nullptr);

// The region of a zone whose centre has been resolved to `centre` (metres, on the skin).
ZoneRegion buildZoneRegion(const Zone& zone, const glm::vec3& centre, const Mesh& mesh, const Bvh& skin,
                           const GeodesicSolver& geodesics);

// Distance to the nearest of a few skin points (metres), for surface points within reachMm of
// one of them: how scoring measures the coverage of a zone.
class NearestPointDistance {
 public:
  NearestPointDistance(const std::vector<glm::vec3>& points, float reachMm, const Mesh& mesh, const Bvh& skin,
                       const GeodesicSolver& geodesics);
  float at(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const;

 private:
  std::vector<LocalDistance> sources_;
};

// Fraction (0..1) of the region's area within radiusMm of the nearest point. 0 for an empty
// region.
double coveredFraction(const ZoneRegion& region, const Mesh& mesh, const NearestPointDistance& nearest, float radiusMm);

}  // namespace mesomap
