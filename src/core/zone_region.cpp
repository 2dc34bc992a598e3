#include "core/zone_region.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mesomap {

namespace {

float interpolate(const std::vector<float>& values, const glm::uvec3& t, const glm::vec2& uv) {
  return (1.0f - uv.x - uv.y) * values[t.x] + uv.x * values[t.y] + uv.y * values[t.z];
}

float triangleAreaMm2(const Mesh& mesh, const glm::uvec3& t) {
  const glm::vec3 a = mesh.positions[t.x], b = mesh.positions[t.y], c = mesh.positions[t.z];
  return 0.5f * glm::length(glm::cross(b - a, c - a)) * 1e6f;
}

// Centroids of the level^2 equal cells of a triangle's regular subdivision.
template <class Visit>
void forEachCell(int level, Visit&& visit) {
  const float n = float(level);
  for (int i = 0; i < level; ++i)
    for (int j = 0; i + j < level; ++j) {
      visit(glm::vec2((i + 1.0f / 3.0f) / n, (j + 1.0f / 3.0f) / n));
      if (i + j < level - 1) visit(glm::vec2((i + 2.0f / 3.0f) / n, (j + 2.0f / 3.0f) / n));
    }
}

}  // namespace

float ZoneRegion::marginAt(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const {
  if (triangle >= mesh.triangles.size() || vertexMarginMm.size() != mesh.vertexCount()) return kFarOutside;
  return interpolate(vertexMarginMm, mesh.triangles[triangle], uv);
}

std::optional<GeodesicPoint> skinPointNear(const Bvh& skin, const glm::vec3& p, uint32_t* triangle, glm::vec2* uv) {
  const auto closest = skin.closestPoint(p, PartFilter::Skin);
  if (!closest) return std::nullopt;
  if (triangle) *triangle = closest->triangle;
  if (uv) *uv = {closest->u, closest->v};
  return GeodesicPoint::onTriangle(closest->triangle, closest->u, closest->v);
}

ZoneRegion buildZoneRegion(const Zone& zone, const glm::vec3& centre, const Mesh& mesh, const Bvh& skin,
                           const GeodesicSolver& geodesics) {
  ZoneRegion region;
  region.id = zone.id;
  region.kind = zone.kind;
  region.vertexMarginMm.assign(mesh.vertexCount(), ZoneRegion::kFarOutside);
  const auto source = skinPointNear(skin, centre);
  if (!source) return region;
  const float radiusMm = float(zone.radiusMm);
  for (const auto& [v, d] : geodesics.distancesWithin(*source, radiusMm * 1e-3f))
    region.vertexMarginMm[v] = radiusMm - d * 1e3f;

  for (uint32_t t = 0; t < mesh.triangles.size(); ++t) {
    const glm::uvec3& tri = mesh.triangles[t];
    const float m0 = region.vertexMarginMm[tri.x], m1 = region.vertexMarginMm[tri.y],
                m2 = region.vertexMarginMm[tri.z];
    if (std::max({m0, m1, m2}) <= 0.0f || !mesh.isSkinTriangle(t)) continue;
    const float cellArea = triangleAreaMm2(mesh, tri) / float(kAreaSampleLevel * kAreaSampleLevel);
    forEachCell(kAreaSampleLevel, [&](const glm::vec2& uv) {
      if (interpolate(region.vertexMarginMm, tri, uv) > 0.0f) {
        region.samples.push_back({t, uv, cellArea});
        region.areaMm2 += cellArea;
      }
    });
  }
  return region;
}

std::vector<float> nearestPointDistanceMm(const std::vector<glm::vec3>& points, float reachMm, const Mesh& mesh,
                                          const Bvh& skin, const GeodesicSolver& geodesics) {
  std::vector<float> distance(mesh.vertexCount(), std::numeric_limits<float>::infinity());
  for (const glm::vec3& p : points) {
    const auto source = skinPointNear(skin, p);
    if (!source) continue;
    for (const auto& [v, d] : geodesics.distancesWithin(*source, reachMm * 1e-3f))
      distance[v] = std::min(distance[v], d * 1e3f);
  }
  return distance;
}

double coveredFraction(const ZoneRegion& region, const Mesh& mesh, const std::vector<float>& distanceMm,
                       float radiusMm) {
  if (region.areaMm2 <= 0.0 || distanceMm.size() != mesh.vertexCount()) return 0.0;
  double covered = 0.0;
  for (const AreaSample& s : region.samples)
    if (interpolate(distanceMm, mesh.triangles[s.triangle], s.uv) <= radiusMm) covered += s.areaMm2;
  return std::min(1.0, covered / region.areaMm2);
}

}  // namespace mesomap
