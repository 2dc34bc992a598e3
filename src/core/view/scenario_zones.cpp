#include "core/view/scenario_zones.h"

#include <algorithm>

#include "core/protocol/scenario_geometry.h"

namespace mesomap {

std::vector<ZoneRegion> scenarioZoneRegions(const Scenario& scenario, const Mesh& mesh, const Bvh& skin,
                                            const GeodesicSolver& geodesics) {
  std::vector<ZoneRegion> regions;
  for (const Zone& zone : scenario.zones)
    if (auto region = scenarioZoneRegion(scenario, zone, mesh, skin, geodesics)) regions.push_back(std::move(*region));
  return regions;
}

std::optional<ZoneRegion> scenarioZoneRegion(const Scenario& scenario, const Zone& zone, const Mesh& mesh,
                                             const Bvh& skin, const GeodesicSolver& geodesics, const ZoneRegion* reuse) {
  const auto centre = resolvePlacement(scenario, zone.centre, skin);
  const std::vector<glm::vec3> brush = resolveBrush(zone, skin);
  if (!centre || brush.size() != zone.brush.size()) return std::nullopt;
  return buildZoneRegion(zone, centre->frame.position, brush, mesh, skin, geodesics, reuse);
}

bool zoneSeenFrom(const ZoneRegion& region, const Mesh& mesh, const Bvh& skin, const glm::vec3& eye) {
  constexpr size_t kProbes = 48;
  const size_t step = std::max<size_t>(1, region.samples.size() / kProbes);
  for (size_t i = 0; i < region.samples.size(); i += step) {
    const AreaSample& sample = region.samples[i];
    const glm::uvec3& t = mesh.triangles[sample.triangle];
    const float w = 1.0f - sample.uv.x - sample.uv.y;
    const glm::vec3 p = w * mesh.positions[t.x] + sample.uv.x * mesh.positions[t.y] + sample.uv.y * mesh.positions[t.z];
    const glm::vec3 n = w * mesh.normals[t.x] + sample.uv.x * mesh.normals[t.y] + sample.uv.y * mesh.normals[t.z];
    if (glm::dot(n, eye - p) > 0.0f && !hiddenFrom(skin, eye, p)) return true;
  }
  return false;
}

void dropUnseenZoneRows(Overlay& overlay, const std::vector<ZoneRegion>& regions, const Mesh& mesh, const Bvh& skin,
                        const glm::vec3& eye) {
  bool seen[2] = {false, false};
  for (const ZoneRegion& r : regions) {
    const int kind = r.kind == ZoneKind::NoGo ? 1 : 0;
    if (!seen[kind]) seen[kind] = zoneSeenFrom(r, mesh, skin, eye);
  }
  std::erase_if(overlay.legend, [&](const LegendEntry& e) {
    return (e.symbol == LegendSymbol::TargetZone && !seen[0]) || (e.symbol == LegendSymbol::NoGoZone && !seen[1]);
  });
}

}  // namespace mesomap
