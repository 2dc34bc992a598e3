#pragma once
// A scenario zone on one body: the skin it covers, a geodesic disc around its centre grown and
// trimmed by brush stamps.
// One shape serves every user: the renderer paints the per-vertex margin (crisp edge where
// it crosses zero), scoring tests points against it and measures its area and coverage.
// The paint is only as fine as the mesh: a stamp or hole inside one triangle (thigh edges on
// the default body are ~30 mm) counts in scoring but does not show.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/bvh.h"
#include "core/geometry/geodesic.h"
#include "core/geometry/mesh.h"
#include "core/protocol/scenario.h"

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
  // From distances already measured (GeodesicSolver::distancesWithin or localQuery, metres)
  // from the skin point at `uv` in `triangle`: the same as the constructor above measuring them.
  LocalDistance(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv,
                const std::vector<std::pair<uint32_t, float>>& within);
  // Millimetres; infinity beyond the reach.
  float at(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const;
  // Bounds of at() over a whole triangle (mm, with float rounding to spare); false where at()
  // is infinite there.
  bool rangeOver(const Mesh& mesh, uint32_t triangle, float& lowMm, float& highMm) const;
  // Per vertex, mm (infinity beyond the reach): for renderers and coarse tests.
  const std::vector<float>& vertexDistanceMm() const { return vertexDistanceMm_; }
  // The vertices with a finite distance, for work that must not scan the whole mesh.
  const std::vector<uint32_t>& reachedVertices() const { return reached_; }
  const glm::vec3& source() const { return source_; }

 private:
  void fill(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv,
            const std::vector<std::pair<uint32_t, float>>& within);

  glm::vec3 source_{0.0f};
  std::vector<float> vertexDistanceMm_;
  std::vector<float> ratio_;  // geodesic / straight distance per vertex; NaN beyond the reach
  std::vector<uint32_t> reached_;
};

// One disc of a zone on a body: the zone's own disc around its centre, or one brush stamp.
struct ZoneDisc {
  // From its centre, out to its radius. Shared and never changed, so copies of a region and
  // rebuilds after a new stamp (buildZoneRegion's reuse) cost no geodesics.
  std::shared_ptr<const LocalDistance> distance;
  glm::vec3 placedAt{0.0f};  // the position it was built from (metres), before snapping to the skin
  double radiusMm = 0.0;
  bool erase = false;        // a brush stamp that cuts the disc out of the zone
};

// A zone on one body: its disc, then its brush stamps in order, each adding or cutting a
// geodesic disc. The margin at a point (mm, positive inside) folds over them: the first disc
// gives r - d; a paint stamp raises it to r_i - d_i where that is larger, an erase stamp lowers
// it to d_i - r_i where that is smaller. A zone without stamps is its disc exactly.
struct ZoneRegion {
  std::string id;
  ZoneKind kind = ZoneKind::Target;
  std::vector<ZoneDisc> discs;  // the zone's disc first, then its stamps
  // Per mesh vertex: the margin in mm, positive inside; vertices far from every painted disc
  // hold kFarOutside.
  std::vector<float> vertexMarginMm;
  std::vector<AreaSample> samples;  // the cells inside the zone
  double areaMm2 = 0.0;

  static constexpr float kFarOutside = -1e6f;
  // The centre of the zone's own disc (metres, on the skin): where its label goes.
  glm::vec3 centre() const { return discs.empty() ? glm::vec3(0.0f) : discs.front().distance->source(); }
  // Margin at a surface point, mm (kFarOutside far from every painted disc).
  float marginAt(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const;
  bool contains(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const {
    return marginAt(mesh, triangle, uv) > 0.0f;
  }
  // False when the skin point p (metres) is surely farther than withinMm from every point of the
  // zone along the skin: the straight line to a painted disc's centre already exceeds its radius
  // plus withinMm. A cheap filter (erase stamps are ignored), not a distance.
  bool mayBeWithin(const glm::vec3& p, double withinMm) const;
};

// Area samples: each triangle is cut into level^2 cells, level at least this and enough for
// cells a quarter of the zone's smallest painted radius (its disc or a paint stamp) wide.
inline constexpr int kMinAreaSampleLevel = 4;

// The skin point nearest to p as a geodesic point; nullopt without skin.
std::optional<GeodesicPoint> skinPointNear(const Bvh& skin, const glm::vec3& p, uint32_t* triangle = nullptr,
                                           glm::vec2* uv = nullptr);

// The region of a zone whose centre has been resolved to `centre` and whose brush stamps to
// `stamps` (metres, on the skin; stamps[i] is zone.brush[i]: resolveBrush in
// scenario_geometry.h). Throws std::invalid_argument when the counts differ.
// `reuse`: a region built before on the same mesh (the zone before its latest stamp, while the
// scenario builder paints); its discs placed at the same position with the same radius are
// taken over instead of computed again.
ZoneRegion buildZoneRegion(const Zone& zone, const glm::vec3& centre, const std::vector<glm::vec3>& stamps,
                           const Mesh& mesh, const Bvh& skin, const GeodesicSolver& geodesics,
                           const ZoneRegion* reuse = nullptr);

// Distance to the nearest of a few skin points (metres), for surface points within reachMm of
// one of them: how scoring measures the coverage of a zone.
class NearestPointDistance {
 public:
  NearestPointDistance(const std::vector<glm::vec3>& points, float reachMm, const Mesh& mesh, const Bvh& skin,
                       const GeodesicSolver& geodesics);
  explicit NearestPointDistance(std::vector<LocalDistance> sources) : sources_(std::move(sources)) {}
  float at(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const;

 private:
  std::vector<LocalDistance> sources_;
};

// Fraction (0..1) of the region's area within radiusMm of the nearest point. 0 for an empty
// region.
double coveredFraction(const ZoneRegion& region, const Mesh& mesh, const NearestPointDistance& nearest, float radiusMm);

}  // namespace mesomap
