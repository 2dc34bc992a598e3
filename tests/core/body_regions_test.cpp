#include <gtest/gtest.h>

#include "default_body.h"

#include "core/body/body_regions.h"
#include "core/geometry/bvh.h"
#include "core/import/model_loader.h"

namespace mesomap {
namespace {

using test::defaultBody;

// The region of the skin point a ray from `from` (mm) in direction `towards` hits first.
BodyRegion regionHit(const glm::vec3& fromMm, const glm::vec3& towards) {
  auto hit = defaultBody().skin.intersect(Ray{fromMm * 0.001f, towards}, 0.0f, 10.0f, PartFilter::Skin);
  EXPECT_TRUE(hit.has_value()) << fromMm.x << "," << fromMm.y << "," << fromMm.z;
  if (!hit) return BodyRegion::Thigh;
  return defaultBody().regions.regionAt(hit->position, hit->normal);
}

const glm::vec3 kFromFront(0, 0, -1), kFromBack(0, 0, 1), kDown(0, -1, 0);

TEST(BodyRegions, ProportionsOfTheDefaultBody) {
  EXPECT_NEAR(defaultBody().regions.height(), 1.659f, 0.005f);
  EXPECT_NEAR(defaultBody().regions.crotchHeight() / defaultBody().regions.height(), 0.465f, 0.02f);
  EXPECT_GT(defaultBody().regions.torsoHalfWidth(), 0.10f);
  EXPECT_LT(defaultBody().regions.torsoHalfWidth(), 0.18f);
}

TEST(BodyRegions, LandmarksFallInTheirRegions) {
  EXPECT_EQ(regionHit({0, 1540, 500}, kFromFront), BodyRegion::Face);        // between the eyes
  EXPECT_EQ(regionHit({0, 2500, 0}, kDown), BodyRegion::Scalp);              // crown
  EXPECT_EQ(regionHit({0, 1250, 500}, kFromFront), BodyRegion::Chest);
  EXPECT_EQ(regionHit({0, 960, 500}, kFromFront), BodyRegion::Abdomen);      // just below the navel
  EXPECT_EQ(regionHit({60, 1200, -500}, kFromBack), BodyRegion::UpperBack);
  EXPECT_EQ(regionHit({50, 970, -500}, kFromBack), BodyRegion::Lumbar);
  EXPECT_EQ(regionHit({80, 820, -500}, kFromBack), BodyRegion::Buttock);
  EXPECT_EQ(regionHit({-140, 650, 500}, kFromFront), BodyRegion::Thigh);
  EXPECT_EQ(regionHit({-145, 470, 500}, kFromFront), BodyRegion::Knee);      // patella
  EXPECT_EQ(regionHit({-150, 300, 500}, kFromFront), BodyRegion::LowerLeg);
  EXPECT_EQ(regionHit({-158, 14, 500}, kFromFront), BodyRegion::Foot);       // big toe
}

TEST(BodyRegions, ArmsAreSegmentedFromTheShoulder) {
  // The default body stands in an A-pose: sample along its left arm from above.
  const Mesh& mesh = defaultBody().model.mesh;
  int hand = 0, forearm = 0, upperArm = 0;
  for (size_t i = 0; i < mesh.vertexCount(); ++i) {
    const glm::vec3& p = mesh.positions[i];
    if (p.x < 0.45f) continue;  // fingertips reach x ~ 0.5 m
    BodyRegion r = defaultBody().regions.regionAt(p, mesh.normals[i]);
    hand += r == BodyRegion::Hand;
  }
  for (size_t i = 0; i < mesh.vertexCount(); ++i) {
    const glm::vec3& p = mesh.positions[i];
    BodyRegion r = defaultBody().regions.regionAt(p, mesh.normals[i]);
    if (p.x > 0.40f && p.x < 0.46f) forearm += r == BodyRegion::Forearm;
    if (p.x > 0.19f && p.x < 0.23f && p.y > 1.2f) upperArm += r == BodyRegion::UpperArm;
  }
  EXPECT_GT(hand, 50);
  EXPECT_GT(forearm, 20);
  EXPECT_GT(upperArm, 10);
}

TEST(BodyRegions, HipsAreNotArms) {
  const Mesh& mesh = defaultBody().model.mesh;
  for (size_t i = 0; i < mesh.vertexCount(); ++i) {
    const glm::vec3& p = mesh.positions[i];
    if (std::abs(p.x) > 0.12f && std::abs(p.x) < 0.19f && p.y > 0.80f && p.y < 0.95f && std::abs(mesh.normals[i].x) > 0.7f) {
      BodyRegion r = defaultBody().regions.regionAt(p, mesh.normals[i]);
      EXPECT_TRUE(r == BodyRegion::Thigh || r == BodyRegion::Buttock || r == BodyRegion::Abdomen || r == BodyRegion::Lumbar)
          << toString(r) << " at " << p.x << "," << p.y << "," << p.z;
    }
  }
}

TEST(BodyRegions, EveryRegionOccursOnTheDefaultBody) {
  const Mesh& mesh = defaultBody().model.mesh;
  std::vector<int> count(kBodyRegionCount, 0);
  for (size_t i = 0; i < mesh.vertexCount(); ++i)
    ++count[static_cast<int>(defaultBody().regions.regionAt(mesh.positions[i], mesh.normals[i]))];
  for (int r = 0; r < kBodyRegionCount; ++r) EXPECT_GT(count[r], 0) << toString(static_cast<BodyRegion>(r));
}

}  // namespace
}  // namespace mesomap
