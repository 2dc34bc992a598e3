#pragma once
// A scenario's zones as regions of skin on one body, in file order: what the renderer paints
// and what the app shows, built the same way for both.
#include <optional>
#include <vector>

#include "core/geometry/bvh.h"
#include "core/geometry/geodesic.h"
#include "core/geometry/mesh.h"
#include "core/view/overlay.h"
#include "core/protocol/scenario.h"
#include "core/protocol/zone_region.h"

namespace mesomap {

// Zones whose centre cannot be placed on this body are left out (validate reports them).
std::vector<ZoneRegion> scenarioZoneRegions(const Scenario& scenario, const Mesh& mesh, const Bvh& skin,
                                            const GeodesicSolver& geodesics);

// One zone's region; nullopt when its centre or a brush stamp cannot be placed on this body.
// `reuse`: an earlier region of the same zone, whose discs are kept where nothing moved (a
// zone being painted gains one stamp at a time).
std::optional<ZoneRegion> scenarioZoneRegion(const Scenario& scenario, const Zone& zone, const Mesh& mesh,
                                             const Bvh& skin, const GeodesicSolver& geodesics,
                                             const ZoneRegion* reuse = nullptr);

// Whether any of the region's skin can be seen from `eye`: a spread of its area samples that
// face the eye with nothing in front of them.
bool zoneSeenFrom(const ZoneRegion& region, const Mesh& mesh, const Bvh& skin, const glm::vec3& eye);

// Removes the legend rows for zone kinds none of whose regions can be seen from `eye`, so a
// picture's legend names only what it shows.
void dropUnseenZoneRows(Overlay& overlay, const std::vector<ZoneRegion>& regions, const Mesh& mesh, const Bvh& skin,
                        const glm::vec3& eye);

}  // namespace mesomap
