// Picking markers by where they show on screen: the projection agrees with rayThroughPixel,
// the nearest within the radius wins, and what the body hides is passed over.
#include <gtest/gtest.h>

#include "core/geometry/screen_pick.h"
#include "test_shapes.h"

namespace mesomap {
namespace {

OrbitCamera frontCamera() {
  OrbitCamera camera;
  camera.target = glm::vec3(0.0f);
  camera.distance = 1.0f;  // eye at +Z, looking at the origin
  return camera;
}

TEST(ScreenPick, APixelsRayPassesThroughThePointShownThere) {
  const OrbitCamera camera = frontCamera();
  const auto centre = pixelOf(camera, glm::vec3(0.0f), 800, 600);
  ASSERT_TRUE(centre);
  EXPECT_NEAR(centre->x, 400.0f, 1e-3f);
  EXPECT_NEAR(centre->y, 300.0f, 1e-3f);
  // Up in the world is up on screen (y down), and the pixel's ray meets the point again.
  const glm::vec3 point(0.05f, 0.08f, 0.1f);
  const auto pixel = pixelOf(camera, point, 800, 600);
  ASSERT_TRUE(pixel);
  EXPECT_GT(pixel->x, 400.0f);
  EXPECT_LT(pixel->y, 300.0f);
  const Ray ray = camera.rayThroughPixel(pixel->x, pixel->y, 800, 600);
  const glm::vec3 toPoint = point - ray.origin;
  EXPECT_NEAR(glm::length(glm::cross(glm::normalize(ray.direction), toPoint)), 0.0f, 1e-4f);
  // Behind the eye: not on screen at all.
  EXPECT_FALSE(pixelOf(camera, glm::vec3(0.0f, 0.0f, 2.0f), 800, 600));
}

TEST(ScreenPick, TheNearestVisibleMarkerWithinTheRadiusIsPicked) {
  const OrbitCamera camera = frontCamera();
  const Bvh sphere = Bvh::build(test::makeSphere(0.1f, 96, 48, glm::vec3(0.0f)));
  const glm::vec3 front(0.0f, 0.0f, 0.1f), back(0.0f, 0.0f, -0.1f), aside(0.02f, 0.0f, 0.098f);
  const glm::vec2 centre(400.0f, 300.0f);
  // Front and back show at the same pixel; the back one is behind the sphere.
  EXPECT_EQ(nearestOnScreen(camera, {back, front}, centre, 800, 600, 12.0f, sphere), 1u);
  EXPECT_EQ(nearestOnScreen(camera, {back}, centre, 800, 600, 12.0f, sphere), std::nullopt);
  // Of two visible markers, the one nearer the cursor; none beyond the radius.
  const glm::vec2 nearAside = *pixelOf(camera, aside, 800, 600) + glm::vec2(-2.0f, 0.0f);
  EXPECT_EQ(nearestOnScreen(camera, {front, aside}, nearAside, 800, 600, 12.0f, sphere), 1u);
  EXPECT_EQ(nearestOnScreen(camera, {front}, centre + glm::vec2(13.0f, 0.0f), 800, 600, 12.0f, sphere), std::nullopt);
}

}  // namespace
}  // namespace mesomap
