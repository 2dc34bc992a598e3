// The class report picture's colours: the heat scale's ends and what a missed point counts as.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/view/class_heat_overlay.h"

namespace mesomap {
namespace {

float farthest(const glm::vec3& a, const glm::vec3& b) {
  const glm::vec3 d = glm::abs(a - b);
  return std::max(d.x, std::max(d.y, d.z));
}

TEST(ClassHeat, TheScaleRunsFromColdOnThePointToHotAtTenMillimetres) {
  EXPECT_EQ(heatColorSrgb(0.0), kHeatColdSrgb);
  EXPECT_LT(farthest(heatColorSrgb(kHeatScaleMaxMm / 3.0), kHeatNearSrgb), 1e-5f);
  EXPECT_EQ(heatColorSrgb(kHeatScaleMaxMm), kHeatHotSrgb);
  EXPECT_EQ(heatColorSrgb(25.0), kHeatHotSrgb);
  EXPECT_EQ(heatColorSrgb(-1.0), kHeatColdSrgb);
  const glm::vec3 between = heatColorSrgb(0.5 * kHeatScaleMaxMm);  // halfway from green to yellow
  EXPECT_LT(farthest(between, 0.5f * (kHeatNearSrgb + kHeatMidSrgb)), 1e-5f);
}

TEST(ClassHeat, AnAttemptThatMissedThePointCountsAsTheScalesEnd) {
  EXPECT_DOUBLE_EQ(heatErrorMm({"JL1", 2.0, 3, 4}), (2.0 * 3 + 10.0) / 4);  // one of four missed it
  EXPECT_DOUBLE_EQ(heatErrorMm({"JL1", 0.0, 4, 4}), 0.0);
  EXPECT_DOUBLE_EQ(heatErrorMm({"JL1", 30.0, 2, 2}), 10.0);          // far off: no hotter than hot
  EXPECT_DOUBLE_EQ(heatErrorMm({"JL1", std::nullopt, 0, 3}), 10.0);  // never needled
  EXPECT_DOUBLE_EQ(heatErrorMm({"JL1", std::nullopt, 0, 0}), 0.0);   // nobody scored against it
}

}  // namespace
}  // namespace mesomap
