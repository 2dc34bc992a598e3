#include "core/zone_region.h"

#include <cmath>

#include <gtest/gtest.h>

#include "test_shapes.h"

namespace mesomap {
namespace {

constexpr double kPi = 3.14159265358979;

Zone disc(double radiusMm, ZoneKind kind = ZoneKind::Target) {
  Zone z;
  z.id = "z";
  z.kind = kind;
  z.radiusMm = radiusMm;
  return z;
}

struct Fixture {
  Mesh mesh;
  Bvh bvh;
  GeodesicSolver solver;
  explicit Fixture(Mesh m) : mesh(std::move(m)), bvh(Bvh::build(mesh)), solver(mesh) {}
};

TEST(ZoneRegion, DiscOnAPlaneHasTheAreaOfACircle) {
  Fixture f(test::makePlane(0.4f, 80));  // 5 mm cells
  const ZoneRegion r = buildZoneRegion(disc(60.0), glm::vec3(0.0f), f.mesh, f.bvh, f.solver);
  const double circle = kPi * 60.0 * 60.0;
  EXPECT_NEAR(r.areaMm2, circle, 0.03 * circle);
  // The centre is 60 mm inside; a point 70 mm away is outside, one 50 mm away inside.
  uint32_t t;
  glm::vec2 uv;
  skinPointNear(f.bvh, glm::vec3(0.05f, 0.0f, 0.0f), &t, &uv);
  EXPECT_TRUE(r.contains(f.mesh, t, uv));
  EXPECT_NEAR(r.marginAt(f.mesh, t, uv), 10.0f, 1.0f);
  skinPointNear(f.bvh, glm::vec3(0.0f, -0.07f, 0.0f), &t, &uv);
  EXPECT_FALSE(r.contains(f.mesh, t, uv));
}

TEST(ZoneRegion, ZoneSmallerThanATriangleStillHasItsArea) {
  // 50 mm cells, a 12 mm zone: no vertex lies inside it, yet its area and its edge are right.
  Fixture f(test::makePlane(0.4f, 8));
  const glm::vec3 centre(0.02f, 0.02f, 0.0f);
  const ZoneRegion r = buildZoneRegion(disc(12.0), centre, f.mesh, f.bvh, f.solver);
  const double circle = kPi * 12.0 * 12.0;
  EXPECT_NEAR(r.areaMm2, circle, 0.06 * circle);
  uint32_t t;
  glm::vec2 uv;
  skinPointNear(f.bvh, centre + glm::vec3(0.010f, 0.0f, 0.0f), &t, &uv);
  EXPECT_NEAR(r.marginAt(f.mesh, t, uv), 2.0f, 0.2f);
  const NearestPointDistance near({centre}, 10.0f, f.mesh, f.bvh, f.solver);
  EXPECT_NEAR(coveredFraction(r, f.mesh, near, 6.0f), 0.25, 0.03);  // (6 / 12)^2
}

TEST(ZoneRegion, DiscFollowsTheCurvedSkin) {
  // On a sphere of radius R a geodesic disc of radius r has area 2 pi R^2 (1 - cos(r / R)),
  // less than the flat pi r^2.
  const float radius = 0.1f;
  Fixture f(test::makeSphere(radius, 96, 48));
  const double rMm = 120.0, rSphereMm = 100.0;
  const ZoneRegion r = buildZoneRegion(disc(rMm), glm::vec3(0.0f, 0.0f, radius), f.mesh, f.bvh, f.solver);
  const double cap = 2.0 * kPi * rSphereMm * rSphereMm * (1.0 - std::cos(rMm / rSphereMm));
  EXPECT_NEAR(r.areaMm2, cap, 0.03 * cap);
  EXPECT_LT(r.areaMm2, 0.92 * kPi * rMm * rMm);  // the cap is 0.886 of the flat disc
}

TEST(ZoneRegion, CoverageOfOnePointIsItsDiscOverTheZone) {
  Fixture f(test::makePlane(0.4f, 80));
  const ZoneRegion r = buildZoneRegion(disc(60.0), glm::vec3(0.0f), f.mesh, f.bvh, f.solver);
  const NearestPointDistance near({glm::vec3(0.0f)}, 30.0f, f.mesh, f.bvh, f.solver);
  // (20 / 60)^2 of the zone lies within 20 mm of its centre.
  EXPECT_NEAR(coveredFraction(r, f.mesh, near, 20.0f), 1.0 / 9.0, 0.01);
  // A point outside the zone whose disc reaches in covers the overlap of the two circles.
  const NearestPointDistance outside({glm::vec3(0.07f, 0.0f, 0.0f)}, 30.0f, f.mesh, f.bvh, f.solver);
  const double covered = coveredFraction(r, f.mesh, outside, 20.0f);
  EXPECT_GT(covered, 0.0);
  EXPECT_LT(covered, 0.05);
  // Nothing nearby covers nothing.
  const NearestPointDistance far({glm::vec3(0.19f, 0.19f, 0.0f)}, 30.0f, f.mesh, f.bvh, f.solver);
  EXPECT_EQ(coveredFraction(r, f.mesh, far, 20.0f), 0.0);
}

TEST(ZoneRegion, GeodesicBallReportsOnlyNearbyVertices) {
  Fixture f(test::makePlane(0.4f, 80));
  const auto ball = f.solver.distancesWithin(GeodesicPoint::onTriangle(0, 0.3f, 0.3f), 0.02f);
  ASSERT_FALSE(ball.empty());
  EXPECT_LT(ball.size(), 200u);  // a 20 mm disc holds ~50 vertices of a 5 mm grid, plus its rim
  for (const auto& [v, d] : ball) {
    const glm::vec3 a = f.mesh.positions[f.mesh.triangles[0].x], b = f.mesh.positions[f.mesh.triangles[0].y],
                    c = f.mesh.positions[f.mesh.triangles[0].z];
    const glm::vec3 source = 0.4f * a + 0.3f * b + 0.3f * c;
    EXPECT_GE(d + 1e-5f, glm::length(f.mesh.positions[v] - source));
    EXPECT_LT(d, 0.02f + 0.02f);  // settled ones within the radius, rim within a link
  }
}

}  // namespace
}  // namespace mesomap
