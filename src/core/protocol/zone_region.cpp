#include "core/protocol/zone_region.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

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

// One step of a zone's fold: disc `disc` at distance d (mm) from its centre; an infinite d
// (beyond its reach) changes nothing.
float applyDisc(float margin, const ZoneDisc& disc, bool first, float d) {
  const float r = float(disc.radiusMm);
  if (first) return r - d;
  return disc.erase ? std::min(margin, d - r) : std::max(margin, r - d);
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
  fill(mesh, triangle, uv, geodesics.distancesWithin(*onSkin, reachMm * 1e-3f));
}

LocalDistance::LocalDistance(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv,
                             const std::vector<std::pair<uint32_t, float>>& within)
    : vertexDistanceMm_(mesh.vertexCount(), std::numeric_limits<float>::infinity()),
      ratio_(mesh.vertexCount(), std::numeric_limits<float>::quiet_NaN()) {
  fill(mesh, triangle, uv, within);
}

void LocalDistance::fill(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv,
                         const std::vector<std::pair<uint32_t, float>>& within) {
  const glm::uvec3& t = mesh.triangles[triangle];
  source_ = (1.0f - uv.x - uv.y) * mesh.positions[t.x] + uv.x * mesh.positions[t.y] + uv.y * mesh.positions[t.z];
  for (const auto& [v, d] : within) {
    vertexDistanceMm_[v] = d * 1e3f;
    reached_.push_back(v);
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

bool LocalDistance::rangeOver(const Mesh& mesh, uint32_t triangle, float& lowMm, float& highMm) const {
  if (triangle >= mesh.triangles.size() || ratio_.size() != mesh.vertexCount()) return false;
  const glm::uvec3& t = mesh.triangles[triangle];
  const float ra = ratio_[t.x], rb = ratio_[t.y], rc = ratio_[t.z];
  if (std::isnan(ra) || std::isnan(rb) || std::isnan(rc)) return false;
  const glm::vec3 a = mesh.positions[t.x], b = mesh.positions[t.y], c = mesh.positions[t.z];
  // Every point of the triangle is no farther from the source than its farthest corner, and no
  // nearer than that corner less the triangle's longest edge; the ratio is a blend of the corners'.
  const float farthest = std::max({glm::length(a - source_), glm::length(b - source_), glm::length(c - source_)});
  const float longestEdge = std::max({glm::length(b - a), glm::length(c - b), glm::length(a - c)});
  constexpr float kSpare = 1e-4f;  // relative: rounding in at()'s blend and product
  lowMm = std::max(0.0f, farthest - longestEdge) * 1e3f * std::min({ra, rb, rc}) * (1.0f - kSpare);
  highMm = farthest * 1e3f * std::max({ra, rb, rc}) * (1.0f + kSpare);
  return true;
}

float ZoneRegion::marginAt(const Mesh& mesh, uint32_t triangle, const glm::vec2& uv) const {
  float margin = -std::numeric_limits<float>::infinity();
  for (size_t i = 0; i < discs.size(); ++i)
    margin = applyDisc(margin, discs[i], i == 0, discs[i].distance->at(mesh, triangle, uv));
  return std::isfinite(margin) ? margin : kFarOutside;
}

bool ZoneRegion::mayBeWithin(const glm::vec3& p, double withinMm) const {
  for (const ZoneDisc& disc : discs)
    if (!disc.erase && glm::length(p - disc.distance->source()) <= float(disc.radiusMm + withinMm) * 1e-3f) return true;
  return false;
}

std::optional<GeodesicPoint> skinPointNear(const Bvh& skin, const glm::vec3& p, uint32_t* triangle, glm::vec2* uv) {
  const auto closest = skin.closestPoint(p, PartFilter::Skin);
  if (!closest) return std::nullopt;
  if (triangle) *triangle = closest->triangle;
  if (uv) *uv = {closest->u, closest->v};
  return GeodesicPoint::onTriangle(closest->triangle, closest->u, closest->v);
}

ZoneRegion buildZoneRegion(const Zone& zone, const glm::vec3& centre, const std::vector<glm::vec3>& stamps,
                           const Mesh& mesh, const Bvh& skin, const GeodesicSolver& geodesics,
                           const ZoneRegion* reuse) {
  if (stamps.size() != zone.brush.size())
    throw std::invalid_argument("buildZoneRegion: " + std::to_string(stamps.size()) + " stamp positions for " +
                                std::to_string(zone.brush.size()) + " brush stamps");
  ZoneRegion region;
  region.id = zone.id;
  region.kind = zone.kind;
  // A disc's distances depend on where it was placed and how far it reaches, nothing else.
  auto distanceFor = [&](size_t index, const glm::vec3& at, double radiusMm) {
    if (reuse) {
      auto same = [&](const ZoneDisc& d) {
        return d.distance && d.placedAt == at && d.radiusMm == radiusMm &&
               d.distance->vertexDistanceMm().size() == mesh.vertexCount();
      };
      // The builder appends stamps, so the disc at the same index is usually the one.
      if (index < reuse->discs.size() && same(reuse->discs[index])) return reuse->discs[index].distance;
      for (const ZoneDisc& d : reuse->discs)
        if (same(d)) return d.distance;
    }
    return std::make_shared<const LocalDistance>(at, float(radiusMm), mesh, skin, geodesics);
  };
  region.discs.resize(1 + stamps.size());
  region.discs[0] = {distanceFor(0, centre, zone.radiusMm), centre, zone.radiusMm, false};
  for (size_t i = 0; i < stamps.size(); ++i) {
    const BrushStamp& b = zone.brush[i];
    region.discs[i + 1] = {distanceFor(i + 1, stamps[i], b.radiusMm), stamps[i], b.radiusMm, b.erase};
  }

  // The fold per vertex, disc after disc, touching only the vertices each disc reaches.
  constexpr float kUnset = -std::numeric_limits<float>::infinity();
  region.vertexMarginMm.assign(mesh.vertexCount(), kUnset);
  std::vector<uint8_t> painted(mesh.vertexCount(), 0);  // within reach of a disc that adds skin
  float smallestPaintMm = std::numeric_limits<float>::infinity();
  for (size_t i = 0; i < region.discs.size(); ++i) {
    const ZoneDisc& disc = region.discs[i];
    const std::vector<float>& distance = disc.distance->vertexDistanceMm();
    for (uint32_t v : disc.distance->reachedVertices()) {
      region.vertexMarginMm[v] = applyDisc(region.vertexMarginMm[v], disc, i == 0, distance[v]);
      if (!disc.erase) painted[v] = 1;
    }
    if (!disc.erase) smallestPaintMm = std::min(smallestPaintMm, float(disc.radiusMm));
  }
  for (float& m : region.vertexMarginMm)
    if (!std::isfinite(m)) m = ZoneRegion::kFarOutside;

  std::vector<size_t> near;  // the discs whose distance is defined over one triangle
  for (uint32_t t = 0; t < mesh.triangles.size(); ++t) {
    const glm::uvec3& tri = mesh.triangles[t];
    // Any corner within reach: a small zone may lie inside one triangle with every corner out.
    if (!painted[tri.x] && !painted[tri.y] && !painted[tri.z]) continue;
    if (!mesh.isSkinTriangle(t)) continue;
    // A disc is infinitely far over a triangle unless it reaches all three corners (LocalDistance
    // interpolates per corner), so only those take part in the fold here.
    // Of those, a disc that holds none of the triangle decides no cell, and one that holds all
    // of it decides every cell no later disc decides: the discs before it need no test.
    near.clear();
    for (size_t i = 0; i < region.discs.size(); ++i) {
      const ZoneDisc& disc = region.discs[i];
      float low = 0.0f, high = 0.0f;
      if (!disc.distance->rangeOver(mesh, t, low, high) || low > float(disc.radiusMm)) continue;
      if (high < float(disc.radiusMm)) near.clear();
      near.push_back(i);
    }
    if (std::none_of(near.begin(), near.end(), [&](size_t i) { return !region.discs[i].erase; })) continue;
    // Cells no wider than a quarter of the smallest painted radius, so a zone or stamp smaller
    // than a triangle is still measured to a few percent.
    const float longestEdgeMm = 1e3f * std::max({glm::length(mesh.positions[tri.y] - mesh.positions[tri.x]),
                                                 glm::length(mesh.positions[tri.z] - mesh.positions[tri.y]),
                                                 glm::length(mesh.positions[tri.x] - mesh.positions[tri.z])});
    const int level = std::clamp(int(std::ceil(longestEdgeMm / (0.25f * smallestPaintMm))), kMinAreaSampleLevel, 64);
    const float cellArea = triangleAreaMm2(mesh, tri) / float(level * level);
    forEachCell(level, [&](const glm::vec2& uv) {
      // The sign of the fold, read from the last disc back: the last disc that holds the point
      // decides (paint: inside, erase: outside), so a cell in a recent stamp costs one test.
      // Exactly the fold's sign: max(m, r - d) > 0 iff m > 0 or d < r; min(m, d - r) > 0 iff
      // m > 0 and d > r; the first disc alone gives r - d > 0.
      bool inside = false;
      for (auto i = near.rbegin(); i != near.rend(); ++i) {
        const ZoneDisc& disc = region.discs[*i];
        const float d = disc.distance->at(mesh, t, uv), r = float(disc.radiusMm);
        if (*i == 0) {
          inside = r - d > 0.0f;
          break;
        }
        if (disc.erase ? !(d > r) : d < r) {
          inside = !disc.erase;
          break;
        }
      }
      if (inside) {
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
