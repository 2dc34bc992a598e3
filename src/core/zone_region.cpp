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

LocalDistance::LocalDistance(const glm::vec3& source, float reachMm, const Mesh& mesh, const Bvh& skin,
                             const GeodesicSolver& geodesics)
    : vertexDistanceMm_(mesh.vertexCount(), std::numeric_limits<float>::infinity()),
      ratio_(mesh.vertexCount(), std::numeric_limits<float>::quiet_NaN()) {
  uint32_t triangle = 0;
  glm::vec2 uv{0.0f};
  const auto onSkin = skinPointNear(skin, source, &triangle, &uv);
  if (!onSkin) return;
  const glm::uvec3& t = mesh.triangles[triangle];
  source_ = (1.0f - uv.x - uv.y) * mesh.positions[t.x] + uv.x * mesh.positions[t.y] + uv.y * mesh.positions[t.z];
  for (const auto& [v, d] : geodesics.distancesWithin(*onSkin, reachMm * 1e-3f)) {
    vertexDistanceMm_[v] = d * 1e3f;
    const float straight = glm::length(mesh.positions[v] - source_);
    ratio_[v] = straight > 1e-6f ? std::max(1.0f, d / straight) : 1.0f;
  }
}

float LocalDistance::at(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const {
  if (triangle >= mesh.triangles.size() || ratio_.size() != mesh.vertexCount())
    return std::numeric_limits<float>::infinity();
  const glm::uvec3& t = mesh.triangles[triangle];
  const float ratio = interpolate(ratio_, t, uv);
  if (std::isnan(ratio)) return std::numeric_limits<float>::infinity();
  const glm::vec3 p =
      (1.0f - uv.x - uv.y) * mesh.positions[t.x] + uv.x * mesh.positions[t.y] + uv.y * mesh.positions[t.z];
  return glm::length(p - source_) * 1e3f * ratio;
}

float ZoneRegion::marginAt(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const {
  const float d = fromCentre.at(mesh, triangle, uv);
  return std::isfinite(d) ? radiusMm - d : kFarOutside;
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
  region.radiusMm = float(zone.radiusMm);
  region.fromCentre = LocalDistance(centre, region.radiusMm, mesh, skin, geodesics);
  region.vertexMarginMm.assign(mesh.vertexCount(), ZoneRegion::kFarOutside);
  const std::vector<float>& distance = region.fromCentre.vertexDistanceMm();
  for (size_t v = 0; v < distance.size(); ++v)
    if (std::isfinite(distance[v])) region.vertexMarginMm[v] = region.radiusMm - distance[v];

  for (uint32_t t = 0; t < mesh.triangles.size(); ++t) {
    const glm::uvec3& tri = mesh.triangles[t];
    // Any corner within reach: a small zone may lie inside one triangle with every corner out.
    if (!std::isfinite(distance[tri.x]) && !std::isfinite(distance[tri.y]) && !std::isfinite(distance[tri.z])) continue;
    if (!mesh.isSkinTriangle(t)) continue;
    // Cells no wider than a quarter of the radius, so a zone smaller than a triangle is still
    // measured to a few percent.
    const float longestEdgeMm = 1e3f * std::max({glm::length(mesh.positions[tri.y] - mesh.positions[tri.x]),
                                                 glm::length(mesh.positions[tri.z] - mesh.positions[tri.y]),
                                                 glm::length(mesh.positions[tri.x] - mesh.positions[tri.z])});
    const int level = std::clamp(int(std::ceil(longestEdgeMm / (0.25f * region.radiusMm))), kMinAreaSampleLevel, 64);
    const float cellArea = triangleAreaMm2(mesh, tri) / float(level * level);
    forEachCell(level, [&](const glm::vec2& uv) {
      if (region.marginAt(mesh, t, uv) > 0.0f) {
        region.samples.push_back({t, uv, cellArea});
        region.areaMm2 += cellArea;
      }
    });
  }
  return region;
}

NearestPointDistance::NearestPointDistance(const std::vector<glm::vec3>& points, float reachMm, const Mesh& mesh,
                                           const Bvh& skin, const GeodesicSolver& geodesics) {
  for (const glm::vec3& p : points) sources_.emplace_back(p, reachMm, mesh, skin, geodesics);
}

float NearestPointDistance::at(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const {
  float best = std::numeric_limits<float>::infinity();
  for (const LocalDistance& s : sources_) best = std::min(best, s.at(mesh, triangle, uv));
  return best;
}

double coveredFraction(const ZoneRegion& region, const Mesh& mesh, const NearestPointDistance& nearest, float radiusMm) {
  if (region.areaMm2 <= 0.0) return 0.0;
  double covered = 0.0;
  for (const AreaSample& s : region.samples)
    if (nearest.at(mesh, s.triangle, s.uv) <= radiusMm) covered += s.areaMm2;
  return std::min(1.0, covered / region.areaMm2);
}

}  // namespace mesomap
