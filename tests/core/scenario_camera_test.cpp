// Scenario cameras: bookmarks convert to orbit cameras and back, and the region view looks at
// the side of the body the points are on.
#include <cmath>

#include <gtest/gtest.h>

#include "core/view/scenario_camera.h"
#include "test_shapes.h"

namespace mesomap {
namespace {

TEST(ScenarioCamera, BookmarkWithAnEyeLooksFromThere) {
  CameraBookmark b;
  b.targetMm = {100.0, 900.0, 0.0};
  b.eyeMm = glm::dvec3(100.0, 900.0, -500.0);  // behind the body
  const OrbitCamera camera = cameraFromBookmark(b);
  EXPECT_NEAR(camera.distance, 0.5f, 1e-6f);
  EXPECT_NEAR(std::abs(camera.yawDegrees), 180.0f, 1e-3f);
  EXPECT_NEAR(camera.pitchDegrees, 0.0f, 1e-4f);
  const glm::vec3 eye = camera.eye();
  EXPECT_NEAR(eye.x, 0.1f, 1e-5f);
  EXPECT_NEAR(eye.z, -0.5f, 1e-5f);
}

TEST(ScenarioCamera, CameraToBookmarkAndBack) {
  OrbitCamera camera;
  camera.target = {-0.1234f, 0.45678f, 0.02f};
  camera.yawDegrees = 300.0f;  // written as -60
  camera.pitchDegrees = 12.34f;
  camera.distance = 0.35f;
  const CameraBookmark b = bookmarkFromCamera("knee", camera);
  EXPECT_EQ(b.name, "knee");
  EXPECT_DOUBLE_EQ(b.yawDeg, -60.0);
  EXPECT_DOUBLE_EQ(b.pitchDeg, 12.3);
  EXPECT_DOUBLE_EQ(b.targetMm.x, -123.4);
  EXPECT_DOUBLE_EQ(b.distanceMm, 350.0);
  const OrbitCamera back = cameraFromBookmark(b);
  EXPECT_LT(glm::length(back.eye() - camera.eye()), 0.001f);  // within a millimetre
}

TEST(ScenarioCamera, RegionViewFacesThePoints) {
  // A vertical cylinder (a limb); points on its back (-Z side) must be seen from behind.
  const Mesh mesh = test::makeCylinder(0.05f, 0.4f, 128, 40, 0.0f, 0.2f, 0.0f);
  const Bvh bvh = Bvh::build(mesh);
  Scenario s;
  for (int i = 0; i < 3; ++i) {
    ReferencePoint p;
    p.id = "P" + std::to_string(i);
    p.placement.positionMm = glm::dvec3(10.0 * (i - 1), 380.0 + 20.0 * i, -50.0);
    s.points.push_back(p);
  }
  const auto camera = regionCamera(s, bvh, 1.0f);
  ASSERT_TRUE(camera.has_value());
  EXPECT_LT(camera->eye().z, -0.1f);
  EXPECT_NEAR(std::abs(camera->yawDegrees), 180.0f, 1.0f);
  EXPECT_NEAR(camera->target.y, 0.4f, 0.01f);
  EXPECT_FALSE(regionCamera(Scenario{}, bvh, 1.0f).has_value());
}

}  // namespace
}  // namespace mesomap
