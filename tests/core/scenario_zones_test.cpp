// A scenario's zones become regions in file order; a zone that cannot be placed is left out.
#include <gtest/gtest.h>

#include "core/view/scenario_zones.h"
#include "test_shapes.h"

namespace mesomap {
namespace {

TEST(ScenarioZones, EveryPlaceableZoneBecomesARegion) {
  const Mesh mesh = test::makePlane(0.4f, 80);
  const Bvh bvh = Bvh::build(mesh);
  const GeodesicSolver solver(mesh);
  Scenario s;
  s.landmarks.push_back({"centre", "Centre", glm::dvec3(0.0)});
  Zone target;
  target.id = "cover";
  target.centre.positionMm = glm::dvec3(-60.0, 0.0, 0.0);
  target.radiusMm = 40.0;
  Zone noGo;
  noGo.id = "nerve";
  noGo.kind = ZoneKind::NoGo;
  noGo.centre.landmark = "centre";
  noGo.centre.lateralMm = 0.0;
  noGo.radiusMm = 15.0;
  Zone lost;
  lost.id = "lost";
  lost.centre.landmark = "nowhere";
  s.zones = {target, lost, noGo};

  const auto regions = scenarioZoneRegions(s, mesh, bvh, solver);
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_EQ(regions[0].id, "cover");
  EXPECT_EQ(regions[1].id, "nerve");
  EXPECT_EQ(regions[1].kind, ZoneKind::NoGo);
  EXPECT_NEAR(regions[0].areaMm2, 3.14159 * 40.0 * 40.0, 0.05 * 3.14159 * 40.0 * 40.0);
  EXPECT_NEAR(regions[1].areaMm2, 3.14159 * 15.0 * 15.0, 0.1 * 3.14159 * 15.0 * 15.0);
}

}  // namespace
}  // namespace mesomap
