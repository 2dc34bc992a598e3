#include "core/geometry/surface_frame.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "core/import/model_loader.h"

namespace mesomap {
namespace {

void expectVecNear(const glm::vec3& got, const glm::vec3& want, float tolerance = 1e-5f) {
  EXPECT_LT(glm::length(got - want), tolerance) << "got (" << got.x << ", " << got.y << ", " << got.z << "), want ("
                                                << want.x << ", " << want.y << ", " << want.z << ")";
}

void expectOrthonormal(const SurfaceFrame& f) {
  EXPECT_NEAR(glm::length(f.normal), 1.0f, 1e-5f);
  EXPECT_NEAR(glm::length(f.cranial), 1.0f, 1e-5f);
  EXPECT_NEAR(glm::length(f.medial), 1.0f, 1e-5f);
  EXPECT_NEAR(glm::dot(f.normal, f.cranial), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::dot(f.normal, f.medial), 0.0f, 1e-5f);
  EXPECT_NEAR(glm::dot(f.cranial, f.medial), 0.0f, 1e-5f);
}

TEST(SurfaceFrame, OrthonormalAtEverySkinVertexOfTheBody) {
  const Mesh body = loadModel(MESOMAP_DEFAULT_MODEL).mesh;
  std::vector<bool> onSkin(body.positions.size(), false);
  for (uint32_t t = 0; t < body.triangles.size(); ++t)
    if (body.isSkinTriangle(t))
      for (int k = 0; k < 3; ++k) onSkin[body.triangles[t][k]] = true;
  size_t checked = 0, failures = 0;
  for (size_t v = 0; v < body.positions.size(); ++v) {
    if (!onSkin[v]) continue;
    const SurfaceFrame f = surfaceFrame(body.positions[v], body.normals[v]);
    const float worst = std::max({std::abs(glm::length(f.normal) - 1.0f), std::abs(glm::length(f.cranial) - 1.0f),
                                  std::abs(glm::length(f.medial) - 1.0f), std::abs(glm::dot(f.normal, f.cranial)),
                                  std::abs(glm::dot(f.normal, f.medial)), std::abs(glm::dot(f.cranial, f.medial))});
    if (!(worst < 1e-5f) && ++failures <= 5) ADD_FAILURE() << "vertex " << v << " off by " << worst;
    // Cranial never points down the body (outside the crown/sole fallback), medial never away
    // from the midline.
    if (std::abs(f.normal.y) <= kVerticalNormalY) {
      EXPECT_GE(f.cranial.y, -1e-6f) << "vertex " << v;
    }
    if (std::abs(body.positions[v].x) > kMidlineHalfWidth) {
      EXPECT_LE(f.medial.x * body.positions[v].x, 1e-6f) << "vertex " << v;
    }
    ++checked;
  }
  EXPECT_EQ(failures, 0u);
  EXPECT_GT(checked, 1000u);
}

TEST(SurfaceFrame, AnatomicalDirectionsOnTheFrontAndBack) {
  // Front of the chest, patient's left (+X): up is cranial, -X (toward the sternum) medial.
  SurfaceFrame f = surfaceFrame({0.1f, 1.3f, 0.1f}, {0.0f, 0.0f, 1.0f});
  expectVecNear(f.cranial, {0.0f, 1.0f, 0.0f});
  expectVecNear(f.medial, {-1.0f, 0.0f, 0.0f});
  // Patient's right: medial mirrors to +X.
  f = surfaceFrame({-0.1f, 1.3f, 0.1f}, {0.0f, 0.0f, 1.0f});
  expectVecNear(f.medial, {1.0f, 0.0f, 0.0f});
  // The back: medial still points to the spine.
  f = surfaceFrame({0.1f, 1.3f, -0.1f}, {0.0f, 0.0f, -1.0f});
  expectVecNear(f.cranial, {0.0f, 1.0f, 0.0f});
  expectVecNear(f.medial, {-1.0f, 0.0f, 0.0f});
  f = surfaceFrame({-0.1f, 1.3f, -0.1f}, {0.0f, 0.0f, -1.0f});
  expectVecNear(f.medial, {1.0f, 0.0f, 0.0f});
  // Sloped skin (a forehead): cranial follows the slope, still orthogonal to the normal.
  f = surfaceFrame({0.02f, 1.6f, 0.1f}, glm::normalize(glm::vec3(0.0f, 0.5f, 1.0f)));
  expectVecNear(f.cranial, glm::normalize(glm::vec3(0.0f, 1.0f, -0.5f)));
  expectOrthonormal(f);
}

TEST(SurfaceFrame, DocumentedConventions) {
  // Midline: counts as the patient's left, medial toward -X.
  SurfaceFrame f = surfaceFrame({0.0f, 1.2f, 0.1f}, {0.0f, 0.0f, 1.0f});
  expectVecNear(f.medial, {-1.0f, 0.0f, 0.0f});
  // Skin facing sideways (outer arm): medial is anterior on both sides.
  expectVecNear(surfaceFrame({0.3f, 1.2f, 0.0f}, {1.0f, 0.0f, 0.0f}).medial, {0.0f, 0.0f, 1.0f});
  expectVecNear(surfaceFrame({-0.3f, 1.2f, 0.0f}, {-1.0f, 0.0f, 0.0f}).medial, {0.0f, 0.0f, 1.0f});
  // Crown and sole: cranial falls back to posterior (-Z).
  f = surfaceFrame({0.0f, 1.75f, 0.0f}, {0.0f, 1.0f, 0.0f});
  expectVecNear(f.cranial, {0.0f, 0.0f, -1.0f});
  expectOrthonormal(f);
  f = surfaceFrame({0.1f, 0.0f, 0.05f}, {0.0f, -1.0f, 0.0f});
  expectVecNear(f.cranial, {0.0f, 0.0f, -1.0f});
  expectOrthonormal(f);
  // Just inside the threshold the same fallback holds; just outside it +Y is used.
  const float inside = kVerticalNormalY + 0.01f, outside = kVerticalNormalY - 0.01f;
  f = surfaceFrame({0.1f, 1.7f, 0.0f}, {0.0f, inside, std::sqrt(1.0f - inside * inside)});
  EXPECT_LT(f.cranial.z, -0.9f);
  f = surfaceFrame({0.1f, 1.7f, 0.0f}, {0.0f, outside, std::sqrt(1.0f - outside * outside)});
  EXPECT_GT(f.cranial.y, 0.3f);
}

TEST(SurfaceFrame, NamedNeedleDirections) {
  const SurfaceFrame f = surfaceFrame({0.1f, 1.3f, 0.1f}, {0.0f, 0.0f, 1.0f});
  expectVecNear(needleDirection(f, {0.0f, 0.0f}), f.cranial);
  expectVecNear(needleDirection(f, {0.0f, 90.0f}), f.medial);
  expectVecNear(needleDirection(f, {0.0f, 180.0f}), f.caudal());
  expectVecNear(needleDirection(f, {0.0f, 270.0f}), f.lateral());
  expectVecNear(needleDirection(f, {90.0f, 123.0f}), -f.normal);
  // 30 degrees toward medial: half of the unit length goes into the skin.
  const glm::vec3 d = needleDirection(f, {30.0f, 90.0f});
  EXPECT_NEAR(glm::dot(d, -f.normal), 0.5f, 1e-6f);
  EXPECT_NEAR(glm::dot(d, f.medial), std::sqrt(3.0f) / 2.0f, 1e-6f);
}

TEST(SurfaceFrame, AnglesRoundTrip) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  std::uniform_real_distribution<float> angle(-89.0f, 89.0f), azimuth(0.0f, 359.9f);
  for (int i = 0; i < 1000; ++i) {
    const glm::vec3 normal = glm::normalize(glm::vec3(unit(rng), unit(rng), unit(rng)) + glm::vec3(0.0f, 0.0f, 1e-3f));
    const SurfaceFrame f = surfaceFrame({unit(rng), 1.0f + unit(rng), unit(rng)}, normal);
    const NeedleAngles in{angle(rng), azimuth(rng)};
    const NeedleAngles out = needleAngles(f, needleDirection(f, in));
    EXPECT_NEAR(out.angleDegrees, in.angleDegrees, 1e-3f);
    EXPECT_NEAR(std::remainder(out.azimuthDegrees - in.azimuthDegrees, 360.0f), 0.0f, 2e-3f);
    EXPECT_GE(out.azimuthDegrees, 0.0f);
    EXPECT_LT(out.azimuthDegrees, 360.0f);
  }
  EXPECT_NEAR(needleAngles(surfaceFrame({0.1f, 1.0f, 0.0f}, {0.0f, 0.0f, 1.0f}), {0.0f, 0.0f, -1.0f}).angleDegrees, 90.0f,
              1e-4f);
}

TEST(SurfaceFrame, SameAnglesMirrorBetweenLeftAndRight) {
  std::mt19937 rng(4);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  const glm::vec3 mirror(-1.0f, 1.0f, 1.0f);
  for (int i = 0; i < 500; ++i) {
    const glm::vec3 p(0.05f + std::abs(unit(rng)), 1.0f + unit(rng), unit(rng));
    const glm::vec3 n = glm::normalize(glm::vec3(unit(rng), unit(rng), unit(rng)) + glm::vec3(0.0f, 0.0f, 1e-3f));
    const NeedleAngles angles{45.0f * (1.0f + unit(rng)), 180.0f * (1.0f + unit(rng))};
    const glm::vec3 left = needleDirection(surfaceFrame(p, n), angles);
    const glm::vec3 right = needleDirection(surfaceFrame(p * mirror, n * mirror), angles);
    expectVecNear(right, left * mirror, 1e-5f);
  }
}

}  // namespace
}  // namespace mesomap
