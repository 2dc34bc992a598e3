#include "core/view/zone_paint.h"

#include <gtest/gtest.h>

#include "core/geometry/bvh.h"
#include "core/geometry/geodesic.h"
#include "test_shapes.h"

namespace mesomap {
namespace {

struct Plane {
  Mesh mesh = test::makePlane(0.4f, 8);  // 50 mm triangles: coarser than any brush dab
  Bvh bvh = Bvh::build(mesh);
  GeodesicSolver solver{mesh};
};

Zone zoneWithStamp(const glm::dvec3& stampMm, double stampRadiusMm, bool erase) {
  Zone z;
  z.id = "z";
  z.radiusMm = 30.0;
  z.brush.push_back({stampMm, stampRadiusMm, erase});
  return z;
}

// The margin painted at the patch vertex nearest to p (metres), x: target zones.
float paintedMarginNear(const ZonePaintPatch& patch, const glm::vec3& p) {
  size_t best = 0;
  for (size_t v = 1; v < patch.mesh.positions.size(); ++v)
    if (glm::length(patch.mesh.positions[v] - p) < glm::length(patch.mesh.positions[best] - p)) best = v;
  EXPECT_LT(glm::length(patch.mesh.positions[best] - p), 0.003f);
  return patch.marginMm[best].x;
}

TEST(ZonePaint, ASmallDabOnLargeTrianglesIsPaintedAtItsSize) {
  Plane f;
  const ZoneRegion region = buildZoneRegion(zoneWithStamp({-90.0, -90.0, 0.0}, 6.0, false), glm::vec3(0.06f, 0.06f, 0.0f),
                                            {glm::vec3(-0.09f, -0.09f, 0.0f)}, f.mesh, f.bvh, f.solver);
  const ZonePaintPatch patch = zonePaintPatch(f.mesh, {region});
  ASSERT_FALSE(patch.empty());
  ASSERT_EQ(patch.marginMm.size(), patch.mesh.positions.size());
  // Every corner of the body's triangles is outside the 6 mm dab; the patch still shows it.
  EXPECT_NEAR(paintedMarginNear(patch, {-0.09f, -0.09f, 0.0f}), 6.0f, 1.0f);
  EXPECT_LT(paintedMarginNear(patch, {-0.09f, -0.08f, 0.0f}), 0.0f);   // 10 mm out
  EXPECT_GT(paintedMarginNear(patch, {0.06f, 0.06f, 0.0f}), 25.0f);    // the disc's centre
  for (const glm::vec3& n : patch.mesh.normals) EXPECT_NEAR(glm::length(n), 1.0f, 1e-4f);
  // Cells no wider than 3 mm.
  const glm::uvec3 t = patch.mesh.triangles.front();
  EXPECT_LE(glm::length(patch.mesh.positions[t.y] - patch.mesh.positions[t.x]), 0.0031f);
}

TEST(ZonePaint, AnEraseDabCutsThePaintedHole) {
  Plane f;
  const ZoneRegion region = buildZoneRegion(zoneWithStamp({60.0, 60.0, 0.0}, 8.0, true), glm::vec3(0.06f, 0.06f, 0.0f),
                                            {glm::vec3(0.06f, 0.06f, 0.0f)}, f.mesh, f.bvh, f.solver);
  const ZonePaintPatch patch = zonePaintPatch(f.mesh, {region});
  EXPECT_NEAR(paintedMarginNear(patch, {0.06f, 0.06f, 0.0f}), -8.0f, 1.0f);
  EXPECT_GT(paintedMarginNear(patch, {0.06f, 0.08f, 0.0f}), 5.0f);  // 20 mm out: in the disc, past the hole
}

TEST(ZonePaint, NoZonesNoPatch) {
  Plane f;
  EXPECT_TRUE(zonePaintPatch(f.mesh, {}).empty());
}

}  // namespace
}  // namespace mesomap
