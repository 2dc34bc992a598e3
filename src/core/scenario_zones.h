#pragma once
// A scenario's zones as regions of skin on one body, in file order: what the renderer paints
// and what the app shows, built the same way for both.
#include <vector>

#include "core/bvh.h"
#include "core/geodesic.h"
#include "core/mesh.h"
#include "core/scenario.h"
#include "core/zone_region.h"

namespace mesomap {

// Zones whose centre cannot be placed on this body are left out (validate reports them).
std::vector<ZoneRegion> scenarioZoneRegions(const Scenario& scenario, const Mesh& mesh, const Bvh& skin,
                                            const GeodesicSolver& geodesics);

}  // namespace mesomap
