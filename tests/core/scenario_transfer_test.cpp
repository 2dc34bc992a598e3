#include <gtest/gtest.h>

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "core/body/landmarks.h"
#include "core/protocol/scenario_transfer.h"
#include "test_shapes.h"

namespace mesomap {
namespace {

std::vector<Landmark> cornersOfABox() {
  std::vector<Landmark> marks;
  int i = 0;
  for (double x : {-100.0, 100.0})
    for (double y : {0.0, 900.0})
      for (double z : {-50.0, 60.0}) marks.push_back({"m" + std::to_string(i++), "", {x, y, z}});
  return marks;
}

std::vector<Landmark> moved(std::vector<Landmark> marks, const glm::dmat4& transform) {
  for (Landmark& l : marks) l.positionMm = glm::dvec3(transform * glm::dvec4(l.positionMm, 1.0));
  return marks;
}

void expectNear(const glm::dvec3& a, const glm::dvec3& b, double within) {
  EXPECT_NEAR(a.x, b.x, within);
  EXPECT_NEAR(a.y, b.y, within);
  EXPECT_NEAR(a.z, b.z, within);
}

TEST(LandmarkWarp, ALandmarkGoesExactlyToItsCounterpart) {
  const std::vector<Landmark> from = cornersOfABox();
  std::vector<Landmark> to = from;
  to[3].positionMm += glm::dvec3(7.0, -3.0, 11.0);  // one landmark sits elsewhere on the other body
  const LandmarkWarp warp(from, to);
  ASSERT_TRUE(warp.valid());
  EXPECT_EQ(warp.landmarkCount(), 8u);
  EXPECT_EQ(warp(from[3].positionMm), to[3].positionMm);
  EXPECT_EQ(warp(from[0].positionMm), to[0].positionMm);
  // Near the moved landmark, a point moves nearly with it; far from it, hardly at all.
  const glm::dvec3 nearIt = warp(from[3].positionMm + glm::dvec3(0.0, 0.0, -2.0));
  EXPECT_GT(glm::distance(nearIt, from[3].positionMm + glm::dvec3(0.0, 0.0, -2.0)), 10.0);
  const glm::dvec3 farFromIt = warp(from[4].positionMm + glm::dvec3(0.0, 2.0, 0.0));
  EXPECT_LT(glm::distance(farFromIt, from[4].positionMm + glm::dvec3(0.0, 2.0, 0.0)), 1.0);
}

// A body that is another one turned, scaled and moved whole: every position follows exactly,
// not only the landmarks.
TEST(LandmarkWarp, AWholeBodySimilarityIsReproducedEverywhere) {
  glm::dmat4 transform = glm::translate(glm::dmat4(1.0), glm::dvec3(30.0, -12.0, 4.0));
  transform = glm::rotate(transform, glm::radians(25.0), glm::normalize(glm::dvec3(0.3, 1.0, -0.2)));
  transform = glm::scale(transform, glm::dvec3(0.87));
  const std::vector<Landmark> from = cornersOfABox();
  const LandmarkWarp warp(from, moved(from, transform));
  for (const glm::dvec3 p : {glm::dvec3(0.0, 450.0, 0.0), glm::dvec3(-80.0, 130.0, 55.0), glm::dvec3(300.0, 1200.0, -40.0)})
    expectNear(warp(p), glm::dvec3(transform * glm::dvec4(p, 1.0)), 1e-6);
}

TEST(LandmarkWarp, OnlySharedIdsCountAndALineIsNoWarp) {
  std::vector<Landmark> from = cornersOfABox(), to = cornersOfABox();
  to.resize(5);
  to[4].id = "elsewhere";
  EXPECT_EQ(LandmarkWarp(from, to).landmarkCount(), 4u);
  const std::vector<Landmark> line = {{"a", "", {0, 0, 0}}, {"b", "", {0, 100, 0}}, {"c", "", {0, 200, 0}},
                                      {"d", "", {0, 300, 0}}};
  const LandmarkWarp none(line, line);
  EXPECT_FALSE(none.valid());
  EXPECT_EQ(none(glm::dvec3(5.0, 6.0, 7.0)), glm::dvec3(5.0, 6.0, 7.0));
}

// On the default body nothing moves: the library's absolute positions were measured there.
TEST(ScenarioTransfer, TheDefaultBodyKeepsTheFilesPositions) {
  EXPECT_TRUE(isDefaultBodyModel(MESOMAP_DEFAULT_MODEL));
  EXPECT_FALSE(isDefaultBodyModel("patient: female, 65 y"));
  Scenario scenario;
  scenario.points.push_back({});
  scenario.points[0].placement.positionMm = glm::dvec3(1.0, 2.0, 3.0);
  const Bvh skin = Bvh::build(test::makeCylinder(0.15f, 1.8f, 24, 12));
  LandmarkSet set;
  for (const Landmark& l : defaultBodyLandmarkList()) set.landmarks.push_back({l, "file"});
  EXPECT_FALSE(putScenarioOnBody(scenario, set, skin, MESOMAP_DEFAULT_MODEL));
  EXPECT_EQ(*scenario.points[0].placement.positionMm, glm::dvec3(1.0, 2.0, 3.0));
  EXPECT_EQ(scenario.bodyLandmarks.size(), defaultBodyLandmarkList().size());
  // A scenario written for a model file is not carried from the default body either.
  scenario.body.model = "my_body.glb";
  EXPECT_FALSE(putScenarioOnBody(scenario, set, skin, "other.glb"));
}

}  // namespace
}  // namespace mesomap
