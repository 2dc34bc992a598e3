#include <gtest/gtest.h>

#include "core/geometry/camera.h"

namespace mesomap {
namespace {

Bounds standingBody() {
  Bounds b;
  b.grow({-0.5f, 0.0f, -0.2f});
  b.grow({0.5f, 1.7f, 0.2f});
  return b;
}

glm::vec3 toNdc(const OrbitCamera& camera, float aspect, const glm::vec3& p) {
  glm::vec4 clip = camera.projection(aspect) * camera.view() * glm::vec4(p, 1.0f);
  return glm::vec3(clip) / clip.w;
}

TEST(Camera, PresetsLookAtTheNamedSideOfTheBody) {
  OrbitCamera camera;
  camera.target = glm::vec3(0.0f, 0.9f, 0.0f);
  camera.setPreset(ViewPreset::Front);
  EXPECT_GT(camera.eye().z, 1.0f);  // bodies face +Z
  camera.setPreset(ViewPreset::Back);
  EXPECT_LT(camera.eye().z, -1.0f);
  camera.setPreset(ViewPreset::Left);
  EXPECT_GT(camera.eye().x, 1.0f);  // the patient's left is +X
  camera.setPreset(ViewPreset::Right);
  EXPECT_LT(camera.eye().x, -1.0f);
  camera.setPreset(ViewPreset::Top);
  EXPECT_GT(camera.eye().y, 2.0f);
  // From above, the body's front (+Z) is at the bottom of the screen.
  glm::vec3 ahead = toNdc(camera, 1.0f, camera.target + glm::vec3(0, 0, 0.3f));
  EXPECT_LT(ahead.y, 0.0f);
}

TEST(Camera, FrameFitsTheWholeBodyTightly) {
  for (ViewPreset preset : {ViewPreset::Front, ViewPreset::Left, ViewPreset::Top}) {
    for (float aspect : {0.5f, 1.0f, 2.0f}) {
      OrbitCamera camera;
      camera.setPreset(preset);
      camera.frame(standingBody(), aspect);
      float extreme = 0.0f;
      const Bounds b = standingBody();
      for (int corner = 0; corner < 8; ++corner) {
        glm::vec3 p((corner & 1) ? b.max.x : b.min.x, (corner & 2) ? b.max.y : b.min.y, (corner & 4) ? b.max.z : b.min.z);
        glm::vec3 ndc = toNdc(camera, aspect, p);
        EXPECT_LE(std::abs(ndc.x), 1.0f) << toString(preset) << " aspect " << aspect;
        EXPECT_LE(std::abs(ndc.y), 1.0f) << toString(preset) << " aspect " << aspect;
        extreme = std::max({extreme, std::abs(ndc.x), std::abs(ndc.y)});
      }
      EXPECT_GT(extreme, 0.75f) << "too loose: " << toString(preset) << " aspect " << aspect;
    }
  }
}

TEST(Camera, OrbitClampsPitchAndPanStaysInTheViewPlane) {
  OrbitCamera camera;
  camera.orbit(0.0f, 500.0f);
  EXPECT_FLOAT_EQ(camera.pitchDegrees, 90.0f);
  camera.orbit(0.0f, -1000.0f);
  EXPECT_FLOAT_EQ(camera.pitchDegrees, -90.0f);

  OrbitCamera front;
  glm::vec3 before = front.target;
  front.pan(0.1f, 0.0f);  // dragging right moves the scene right: the target goes left (-X)
  EXPECT_LT(front.target.x, before.x);
  EXPECT_FLOAT_EQ(front.target.z, before.z);
  float distance = front.distance;
  front.zoom(0.5f);
  EXPECT_FLOAT_EQ(front.distance, distance * 0.5f);
}

TEST(Camera, ParsesViewNames) {
  EXPECT_EQ(parseViewPreset("left"), ViewPreset::Left);
  EXPECT_FALSE(parseViewPreset("sideways").has_value());
}

}  // namespace
}  // namespace mesomap

namespace mesomap {
namespace {

TEST(Camera, PixelRayThroughTheCentreHitsTheTarget) {
  OrbitCamera camera;
  camera.target = glm::vec3(0.1f, 1.0f, -0.2f);
  camera.yawDegrees = 30.0f;
  camera.pitchDegrees = 20.0f;
  Ray ray = camera.rayThroughPixel(400.0f, 300.0f, 800, 600);
  glm::vec3 toTarget = camera.target - ray.origin;
  float along = glm::dot(toTarget, ray.direction);
  EXPECT_LT(glm::length(ray.origin + along * ray.direction - camera.target), 1e-4f);
  // A pixel to the right of centre leans to the camera's right.
  Ray right = camera.rayThroughPixel(700.0f, 300.0f, 800, 600);
  glm::mat4 v = camera.view();
  glm::vec3 cameraRight(v[0][0], v[1][0], v[2][0]);
  EXPECT_GT(glm::dot(right.direction, cameraRight), 0.1f);
}

}  // namespace
}  // namespace mesomap
