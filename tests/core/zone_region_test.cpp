#include "core/protocol/zone_region.h"

#include <cmath>
#include <stdexcept>
#include <vector>

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
  const ZoneRegion r = buildZoneRegion(disc(60.0), glm::vec3(0.0f), {}, f.mesh, f.bvh, f.solver);
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
  const ZoneRegion r = buildZoneRegion(disc(12.0), centre, {}, f.mesh, f.bvh, f.solver);
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
  const ZoneRegion r = buildZoneRegion(disc(rMm), glm::vec3(0.0f, 0.0f, radius), {}, f.mesh, f.bvh, f.solver);
  const double cap = 2.0 * kPi * rSphereMm * rSphereMm * (1.0 - std::cos(rMm / rSphereMm));
  EXPECT_NEAR(r.areaMm2, cap, 0.03 * cap);
  EXPECT_LT(r.areaMm2, 0.92 * kPi * rMm * rMm);  // the cap is 0.886 of the flat disc
}

TEST(ZoneRegion, CoverageOfOnePointIsItsDiscOverTheZone) {
  Fixture f(test::makePlane(0.4f, 80));
  const ZoneRegion r = buildZoneRegion(disc(60.0), glm::vec3(0.0f), {}, f.mesh, f.bvh, f.solver);
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

// The zone's disc at the plane's origin, plus brush stamps; positions in mm on the plane z = 0.
Zone painted(double radiusMm, std::vector<BrushStamp> brush, ZoneKind kind = ZoneKind::Target) {
  Zone z = disc(radiusMm, kind);
  z.brush = std::move(brush);
  return z;
}

std::vector<glm::vec3> stampPositions(const Zone& z) {
  std::vector<glm::vec3> positions;
  for (const BrushStamp& b : z.brush) positions.push_back(glm::vec3(b.positionMm * 1e-3));
  return positions;
}

ZoneRegion build(const Zone& z, const Fixture& f) {
  return buildZoneRegion(z, glm::vec3(0.0f), stampPositions(z), f.mesh, f.bvh, f.solver);
}

// Margin at the plane point (x, y) in mm.
float marginAtMm(const ZoneRegion& r, const Fixture& f, float xMm, float yMm) {
  uint32_t t;
  glm::vec2 uv;
  skinPointNear(f.bvh, glm::vec3(xMm, yMm, 0.0f) * 1e-3f, &t, &uv);
  return r.marginAt(f.mesh, t, uv);
}

TEST(ZoneRegion, PaintStampAddsItsDisc) {
  Fixture f(test::makePlane(0.4f, 80));
  // A 30 mm disc and, apart from it, a 15 mm stamp centred 70 mm away.
  const ZoneRegion r = build(painted(30.0, {{glm::dvec3(70.0, 0.0, 0.0), 15.0, false}}), f);
  ASSERT_EQ(r.discs.size(), 2u);
  EXPECT_NEAR(marginAtMm(r, f, 75.0f, 0.0f), 10.0f, 0.5f);   // 5 mm from the stamp's centre
  EXPECT_LT(marginAtMm(r, f, 50.0f, 0.0f), 0.0f);            // between the two
  EXPECT_NEAR(marginAtMm(r, f, 10.0f, 0.0f), 20.0f, 0.5f);   // the disc as before
  EXPECT_LT(marginAtMm(r, f, 0.0f, 120.0f), -50.0f);         // far from both
  const double disc = kPi * 30.0 * 30.0, stamp = kPi * 15.0 * 15.0;
  EXPECT_NEAR(r.areaMm2, disc + stamp, 0.03 * (disc + stamp));
  // The label stays at the zone's own centre.
  EXPECT_NEAR(glm::length(r.centre()), 0.0f, 1e-6f);
  // What the renderer paints: the vertex at the stamp's centre is inside by its radius.
  const uint32_t stampVertex = 40 * 81 + 54;  // (70 mm, 0) on the 5 mm grid
  ASSERT_NEAR(f.mesh.positions[stampVertex].x, 0.07f, 1e-6f);
  EXPECT_NEAR(r.vertexMarginMm[stampVertex], 15.0f, 0.1f);
}

TEST(ZoneRegion, EraseStampCutsAHoleAndPaintAfterItFillsIt) {
  Fixture f(test::makePlane(0.4f, 80));
  const BrushStamp erase{glm::dvec3(15.0, 0.0, 0.0), 10.0, true};
  const ZoneRegion holed = build(painted(40.0, {erase}), f);
  EXPECT_NEAR(marginAtMm(holed, f, 15.0f, 0.0f), -10.0f, 0.5f);  // the hole's centre
  EXPECT_NEAR(marginAtMm(holed, f, 15.0f, 7.0f), -3.0f, 0.5f);
  EXPECT_NEAR(marginAtMm(holed, f, -20.0f, 0.0f), 20.0f, 0.5f);  // the rest of the disc
  const double hole = kPi * 10.0 * 10.0;
  const ZoneRegion plain = build(painted(40.0, {}), f);
  EXPECT_NEAR(plain.areaMm2 - holed.areaMm2, hole, 0.1 * hole);
  const uint32_t holeVertex = 40 * 81 + 43;  // (15 mm, 0)
  ASSERT_NEAR(f.mesh.positions[holeVertex].x, 0.015f, 1e-6f);
  EXPECT_NEAR(holed.vertexMarginMm[holeVertex], -10.0f, 0.1f);

  // Stamps apply in order: a 6 mm paint stamp after the erase fills the middle of the hole.
  const ZoneRegion refilled = build(painted(40.0, {erase, {glm::dvec3(15.0, 0.0, 0.0), 6.0, false}}), f);
  EXPECT_NEAR(marginAtMm(refilled, f, 15.0f, 0.0f), 6.0f, 0.5f);
  EXPECT_NEAR(marginAtMm(refilled, f, 15.0f, 9.0f), -1.0f, 0.5f);  // the ring between stays cut
  EXPECT_NEAR(refilled.areaMm2 - holed.areaMm2, kPi * 6.0 * 6.0, 0.15 * kPi * 6.0 * 6.0);
  EXPECT_NEAR(refilled.vertexMarginMm[holeVertex], 6.0f, 0.1f);
  // The other order: the erase wins.
  const ZoneRegion erasedLast = build(painted(40.0, {{glm::dvec3(15.0, 0.0, 0.0), 6.0, false}, erase}), f);
  EXPECT_NEAR(marginAtMm(erasedLast, f, 15.0f, 0.0f), -10.0f, 0.5f);
}

TEST(ZoneRegion, EraseOutsideTheZoneChangesNothing) {
  Fixture f(test::makePlane(0.4f, 80));
  const ZoneRegion plain = build(painted(30.0, {}), f);
  const ZoneRegion erased = build(painted(30.0, {{glm::dvec3(-80.0, 0.0, 0.0), 20.0, true}}), f);
  EXPECT_EQ(erased.areaMm2, plain.areaMm2);
  EXPECT_EQ(erased.vertexMarginMm, plain.vertexMarginMm);
}

TEST(ZoneRegion, SmallStampOnLargeTrianglesStillHasItsArea) {
  // 50 mm cells: the 4 mm stamp sets the sampling, not the 30 mm disc.
  Fixture f(test::makePlane(0.4f, 8));
  const ZoneRegion r = buildZoneRegion(painted(30.0, {{glm::dvec3(-90.0, -90.0, 0.0), 4.0, false}}),
                                       glm::vec3(0.06f, 0.06f, 0.0f), {glm::vec3(-0.09f, -0.09f, 0.0f)}, f.mesh,
                                       f.bvh, f.solver);
  const double area = kPi * (30.0 * 30.0 + 4.0 * 4.0);
  EXPECT_NEAR(r.areaMm2, area, 0.02 * area);
  size_t inStamp = 0;
  for (const AreaSample& s : r.samples) {
    const glm::uvec3& t = f.mesh.triangles[s.triangle];
    const glm::vec3 p = (1.0f - s.uv.x - s.uv.y) * f.mesh.positions[t.x] + s.uv.x * f.mesh.positions[t.y] +
                        s.uv.y * f.mesh.positions[t.z];
    if (glm::length(p - glm::vec3(-0.09f, -0.09f, 0.0f)) < 0.005f) ++inStamp;
  }
  EXPECT_GT(inStamp, 20u);  // cells about 1 mm wide
}

TEST(ZoneRegion, MayBeWithinCountsPaintedStampsOnly) {
  Fixture f(test::makePlane(0.4f, 80));
  const ZoneRegion plain = build(painted(30.0, {}), f);
  const ZoneRegion grown = build(painted(30.0, {{glm::dvec3(70.0, 0.0, 0.0), 15.0, false}}), f);
  const ZoneRegion cut = build(painted(30.0, {{glm::dvec3(70.0, 0.0, 0.0), 15.0, true}}), f);
  const glm::vec3 p(0.095f, 0.0f, 0.0f);  // 95 mm from the centre, 25 mm from the stamp's
  EXPECT_FALSE(plain.mayBeWithin(p, 20.0));
  EXPECT_TRUE(grown.mayBeWithin(p, 20.0));   // 25 <= 15 + 20
  EXPECT_FALSE(grown.mayBeWithin(p, 5.0));   // 25 > 15 + 5
  EXPECT_FALSE(cut.mayBeWithin(p, 20.0));
  EXPECT_TRUE(plain.mayBeWithin(glm::vec3(0.045f, 0.0f, 0.0f), 20.0));
}

TEST(ZoneRegion, RebuildAfterANewStampReusesTheOthersAndGivesTheSameRegion) {
  Fixture f(test::makePlane(0.4f, 80));
  const Zone before = painted(30.0, {{glm::dvec3(35.0, 0.0, 0.0), 10.0, false}, {glm::dvec3(0.0, 20.0, 0.0), 8.0, true}});
  Zone after = before;
  after.brush.push_back({glm::dvec3(45.0, 5.0, 0.0), 10.0, false});
  const ZoneRegion previous = build(before, f);
  const ZoneRegion fresh = build(after, f);
  const ZoneRegion reused = buildZoneRegion(after, glm::vec3(0.0f), stampPositions(after), f.mesh, f.bvh, f.solver, &previous);
  ASSERT_EQ(reused.discs.size(), 4u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(reused.discs[i].distance, previous.discs[i].distance) << i;
  EXPECT_NE(reused.discs[3].distance, nullptr);
  EXPECT_EQ(reused.areaMm2, fresh.areaMm2);
  EXPECT_EQ(reused.samples.size(), fresh.samples.size());
  EXPECT_EQ(reused.vertexMarginMm, fresh.vertexMarginMm);
  EXPECT_GT(fresh.areaMm2, previous.areaMm2 + 50.0);  // the new stamp reaches past the old ones
  // A stamp moved or resized is computed again.
  Zone resized = after;
  resized.brush[0].radiusMm = 12.0;
  const ZoneRegion changed =
      buildZoneRegion(resized, glm::vec3(0.0f), stampPositions(resized), f.mesh, f.bvh, f.solver, &previous);
  EXPECT_NE(changed.discs[1].distance, previous.discs[1].distance);
  EXPECT_EQ(changed.discs[2].distance, previous.discs[2].distance);
}

TEST(ZoneRegion, StampPositionsMustMatchTheBrush) {
  Fixture f(test::makePlane(0.4f, 8));
  const Zone z = painted(30.0, {{glm::dvec3(70.0, 0.0, 0.0), 15.0, false}});
  EXPECT_THROW(buildZoneRegion(z, glm::vec3(0.0f), {}, f.mesh, f.bvh, f.solver), std::invalid_argument);
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
