#include "core/scenario_zones.h"

#include "core/scenario_geometry.h"

namespace mesomap {

std::vector<ZoneRegion> scenarioZoneRegions(const Scenario& scenario, const Mesh& mesh, const Bvh& skin,
                                            const GeodesicSolver& geodesics) {
  std::vector<ZoneRegion> regions;
  for (const Zone& zone : scenario.zones)
    if (auto centre = resolvePlacement(scenario, zone.centre, skin))
      regions.push_back(buildZoneRegion(zone, centre->frame.position, mesh, skin, geodesics));
  return regions;
}

}  // namespace mesomap
