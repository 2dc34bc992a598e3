// Landmark-relative placements walk along the skin: checked on a cylinder ("a leg") where the
// along-the-skin answer is an arc of known length.
#include <cmath>

#include <gtest/gtest.h>

#include "core/protocol/scenario_geometry.h"
#include "test_shapes.h"

namespace mesomap {
namespace {

constexpr float kRadius = 0.05f;
constexpr float kAxisX = -0.15f;  // a right leg: lateral is -X

struct Leg {
  Mesh mesh = test::makeCylinder(kRadius, 0.4f, 256, 80, kAxisX, 0.2f, 0.0f);
  Bvh bvh = Bvh::build(mesh);
};

Scenario scenarioWithLandmark() {
  Scenario s;
  // On the front of the leg (facing +Z) at mid height, in millimetres.
  s.landmarks.push_back({"front", "Front of the leg", glm::dvec3(kAxisX * 1000.0, 400.0, kRadius * 1000.0)});
  return s;
}

double angleAround(const glm::vec3& p) { return std::atan2(-(p.x - kAxisX), p.z); }  // 0 at the front, + toward -X

TEST(ScenarioGeometry, LateralOffsetFollowsTheCurve) {
  Leg leg;
  Scenario s = scenarioWithLandmark();
  SurfacePlacement placement{std::nullopt, "front", 40.0, 0.0};
  auto resolved = resolvePlacement(s, placement, leg.bvh);
  ASSERT_TRUE(resolved.has_value());
  // 40 mm along the skin of a 50 mm radius: 0.8 rad around, toward -X (lateral on the right).
  EXPECT_NEAR(angleAround(resolved->frame.position), 0.8, 0.8 * 0.02);
  EXPECT_NEAR(glm::length(glm::vec2(resolved->frame.position.x - kAxisX, resolved->frame.position.z)), kRadius, 2e-4f);
  EXPECT_NEAR(resolved->frame.position.y, 0.4f, 1e-3f);
  EXPECT_LT(resolved->worstStepMm, 0.1);
  EXPECT_NEAR(resolved->turnDegrees, glm::degrees(0.8), 2.0);
}

TEST(ScenarioGeometry, CranialOffsetGoesUp) {
  Leg leg;
  Scenario s = scenarioWithLandmark();
  auto resolved = resolvePlacement(s, {std::nullopt, "front", 0.0, 30.0}, leg.bvh);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_NEAR(resolved->frame.position.y, 0.43f, 5e-4f);
  EXPECT_NEAR(angleAround(resolved->frame.position), 0.0, 0.01);
}

TEST(ScenarioGeometry, WrappingAroundTheLegIsReported) {
  Leg leg;
  Scenario s = scenarioWithLandmark();
  ReferencePoint point;
  point.id = "far";
  point.placement = {std::nullopt, "front", 120.0, 0.0};  // 2.4 rad: round to the back
  s.points.push_back(point);
  auto problems = checkScenarioGeometry(s, leg.bvh);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "points[0].relative_to");
  EXPECT_NE(problems[0].message.find("wraps around the limb"), std::string::npos) << problems[0].message;
}

TEST(ScenarioGeometry, AbsolutePointsSnapAndReportTheirDistance) {
  Leg leg;
  Scenario s = scenarioWithLandmark();
  ReferencePoint near, far;
  near.placement.positionMm = glm::dvec3(kAxisX * 1000.0, 300.0, kRadius * 1000.0 + 3.0);
  far.placement.positionMm = glm::dvec3(kAxisX * 1000.0, 300.0, kRadius * 1000.0 + 9.0);
  s.points = {near, far};
  auto problems = checkScenarioGeometry(s, leg.bvh);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "points[1].position_mm");
  EXPECT_EQ(problems[0].message, "9.0 mm from the skin (at most 5.0 mm)");
}

TEST(ScenarioGeometry, BrushStampsOffTheSkinNameTheirPath) {
  Leg leg;
  Scenario s = scenarioWithLandmark();
  Zone zone;
  zone.id = "painted";
  zone.centre.positionMm = glm::dvec3(kAxisX * 1000.0, 300.0, kRadius * 1000.0);
  const double front = kRadius * 1000.0;
  zone.brush = {{glm::dvec3(kAxisX * 1000.0, 320.0, front + 2.0), 8.0, false},
                {glm::dvec3(kAxisX * 1000.0, 340.0, front + 9.0), 8.0, true},
                {glm::dvec3(kAxisX * 1000.0, 360.0, front - 1.0), 8.0, false}};
  s.zones = {zone};
  auto problems = checkScenarioGeometry(s, leg.bvh);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "zones[0].brush[1].position_mm");
  EXPECT_EQ(problems[0].message, "9.0 mm from the skin (at most 5.0 mm)");
  // Resolved for a region: snapped onto the skin, in metres, in brush order.
  const std::vector<glm::vec3> onSkin = resolveBrush(zone, leg.bvh);
  ASSERT_EQ(onSkin.size(), 3u);
  EXPECT_NEAR(onSkin[1].y, 0.34f, 1e-4f);
  EXPECT_NEAR(glm::length(glm::vec2(onSkin[1].x - kAxisX, onSkin[1].z)), kRadius, 2e-4f);
}

}  // namespace
}  // namespace mesomap
