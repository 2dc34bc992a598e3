#include "core/body/needle.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "test_shapes.h"

namespace mesomap {
namespace {

constexpr float kMm = 1e-3f;
constexpr float kPi = 3.14159265358979f;

// A skin point found the way the app finds one: a ray cast at the mesh.
SurfaceFrame pickFrame(const Bvh& bvh, const glm::vec3& from, const glm::vec3& toward) {
  const std::optional<RayHit> hit = bvh.intersect(Ray{from, toward - from}, 0.0f, 10.0f, PartFilter::Skin);
  EXPECT_TRUE(hit.has_value());
  return hit ? surfaceFrame(hit->position, hit->normal) : SurfaceFrame{};
}

float distanceToYAxis(const glm::vec3& p, float cx = 0.0f, float cz = 0.0f) { return std::hypot(p.x - cx, p.z - cz); }

TEST(Needle, DepthOnAFlatPatchMatchesTheTextbook) {
  const Mesh patch = test::makePlane(0.1f, 10);
  const Bvh bvh = Bvh::build(patch);
  const SurfaceFrame entry = pickFrame(bvh, {0.0031f, 0.0047f, 0.05f}, {0.0031f, 0.0047f, 0.0f});
  for (float azimuth : {0.0f, 45.0f, 90.0f, 180.0f, 270.0f, 333.0f}) {
    const NeedlePlacement at30 = placeNeedle(bvh, entry, {30.0f, azimuth}, 4.0f * kMm);
    EXPECT_NEAR(at30.tipDepth / kMm, 2.0f, 1e-4f) << "azimuth " << azimuth;
    EXPECT_NEAR(at30.perpendicularDepth / kMm, 2.0f, 1e-4f);
    EXPECT_FALSE(at30.crossing.has_value());
    EXPECT_NEAR(glm::length(at30.tip - at30.entry) / kMm, 4.0f, 1e-4f);
    const NeedlePlacement at90 = placeNeedle(bvh, entry, {90.0f, azimuth}, 4.0f * kMm);
    EXPECT_NEAR(at90.tipDepth / kMm, 4.0f, 1e-4f);
    EXPECT_NEAR(at90.perpendicularDepth / kMm, 4.0f, 1e-4f);
    ASSERT_TRUE(at90.nearestSkin.has_value());
    EXPECT_LT(glm::length(at90.nearestSkin->position - entry.position) / kMm, 1e-4f);  // straight above the tip
  }
  // Pointing out of the skin: negative depth, the tip is in the air.
  EXPECT_NEAR(placeNeedle(bvh, entry, {-30.0f, 0.0f}, 4.0f * kMm).tipDepth / kMm, -2.0f, 1e-4f);
}

TEST(Needle, DepthOnASphereFollowsTheCurvature) {
  const float radius = 0.05f;
  const Mesh sphere = test::makeSphere(radius, 384, 192);
  const float sagitta = radius * (1.0f - std::cos(kPi / 192.0f));
  const Bvh bvh = Bvh::build(sphere);
  std::mt19937 rng(8);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f), length(1.0f, 30.0f), angle(5.0f, 90.0f), azimuth(0.0f, 360.0f);
  for (int i = 0; i < 200; ++i) {
    const glm::vec3 from = glm::normalize(glm::vec3(unit(rng), 0.8f * unit(rng), unit(rng))) * 0.3f;
    const SurfaceFrame entry = pickFrame(bvh, from, glm::vec3(0.0f));
    const NeedleAngles angles{angle(rng), azimuth(rng)};
    const float inserted = length(rng) * kMm;
    const NeedlePlacement needle = placeNeedle(bvh, entry, angles, inserted);
    // The analytic depth of the computed tip under the true sphere.
    EXPECT_NEAR(needle.tipDepth, radius - glm::length(needle.tip), 1.05f * sagitta) << "needle " << i;
    // A chord of the sphere: the tip is never deeper than a flat skin would put it.
    EXPECT_LE(needle.tipDepth, needle.perpendicularDepth + sagitta);
  }
  // Worked example: 20 mm at 20 degrees from the sphere's front.
  const SurfaceFrame front = pickFrame(bvh, {0.0f, 0.0f, 0.3f}, glm::vec3(0.0f));
  const NeedlePlacement needle = placeNeedle(bvh, front, {20.0f, 0.0f}, 20.0f * kMm);
  const float s = std::sin(20.0f * kPi / 180.0f), c = std::cos(20.0f * kPi / 180.0f);
  const float expected = radius - std::hypot(radius - 20.0f * kMm * s, 20.0f * kMm * c);
  EXPECT_NEAR(needle.tipDepth, expected, 1.05f * sagitta);
  EXPECT_NEAR(needle.perpendicularDepth / kMm, 20.0f * s, 1e-4f);
  EXPECT_LT(needle.tipDepth, 0.5f * needle.perpendicularDepth);
}

TEST(Needle, DepthOnACylinderAlongAndAroundTheAxis) {
  const float radius = 0.02f;
  const Mesh arm = test::makeCylinder(radius, 0.2f, 512, 20);
  const Bvh bvh = Bvh::build(arm);
  const SurfaceFrame entry = pickFrame(bvh, {0.0013f, 0.1031f, 0.2f}, {0.0013f, 0.1031f, 0.0f});
  // Along the axis the skin is straight: curved depth = flat depth.
  const NeedlePlacement along = placeNeedle(bvh, entry, {30.0f, 0.0f}, 4.0f * kMm);
  EXPECT_NEAR(along.tipDepth / kMm, 2.0f, 2e-3f);
  EXPECT_NEAR(along.tipDepth, radius - distanceToYAxis(along.tip), 1e-6f);
  // Around the axis the skin falls away under the needle.
  const NeedlePlacement around = placeNeedle(bvh, entry, {30.0f, 90.0f}, 8.0f * kMm);
  EXPECT_NEAR(around.tipDepth, radius - distanceToYAxis(around.tip), 1e-6f);
  const float s = 0.5f, c = std::sqrt(3.0f) / 2.0f;
  EXPECT_NEAR(around.tipDepth, radius - std::hypot(radius - 8.0f * kMm * s, 8.0f * kMm * c), 2e-6f);
  EXPECT_LT(around.tipDepth, around.perpendicularDepth - 1.0f * kMm);
}

TEST(Needle, ShaftThroughAThinFingerIsFlagged) {
  const float radius = 0.004f;
  const Mesh finger = test::makeCylinder(radius, 0.08f, 256, 16);
  const Bvh bvh = Bvh::build(finger);
  const SurfaceFrame entry = pickFrame(bvh, {0.0f, 0.0403f, 0.1f}, {0.0f, 0.0403f, 0.0f});

  // Around the finger at 45 degrees the shaft is a chord of length 2 R sin 45.
  const NeedlePlacement through = placeNeedle(bvh, entry, {45.0f, 90.0f}, 20.0f * kMm);
  ASSERT_TRUE(through.crossing.has_value());
  EXPECT_TRUE(through.exitsSkin());
  EXPECT_NEAR(through.crossing->distance / kMm, 2.0f * 4.0f * std::sqrt(0.5f), 0.01f);
  EXPECT_NEAR(distanceToYAxis(through.crossing->position), radius, 1e-6f);
  EXPECT_LT(through.tipDepth, 0.0f);  // the tip is out in the air

  // Along the finger the shaft reaches the far side at depth 2 R.
  const NeedlePlacement along = placeNeedle(bvh, entry, {45.0f, 0.0f}, 20.0f * kMm);
  ASSERT_TRUE(along.exitsSkin());
  EXPECT_NEAR(along.crossing->distance / kMm, 2.0f * 4.0f / std::sqrt(0.5f), 0.01f);

  // Short needles stay inside.
  const NeedlePlacement shallow = placeNeedle(bvh, entry, {45.0f, 90.0f}, 3.0f * kMm);
  EXPECT_FALSE(shallow.crossing.has_value());
  EXPECT_FALSE(shallow.exitsSkin());
  EXPECT_GT(shallow.tipDepth, 0.0f);
}

TEST(Needle, DepthBelowSkinIgnoresAccessories) {
  // An "eye" just under the skin point must not count as the surface the depth is measured to.
  Mesh mesh = test::makePlane(0.1f, 10);
  test::appendPart(mesh, test::makePlane(0.01f, 2, 0.0f, 0.0f, -0.002f), "eye", false);
  const Bvh bvh = Bvh::build(mesh);
  const std::optional<float> depth = depthBelowSkin(bvh, {0.001f, 0.001f, -0.0025f});
  ASSERT_TRUE(depth.has_value());
  EXPECT_NEAR(*depth / kMm, 2.5f, 1e-4f);
}

}  // namespace
}  // namespace mesomap
