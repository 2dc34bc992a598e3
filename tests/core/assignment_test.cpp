#include <algorithm>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

#include "core/base/assignment.h"

namespace mesomap {
namespace {

double total(const std::vector<std::vector<double>>& cost, const std::vector<std::optional<size_t>>& match) {
  double sum = 0.0;
  for (size_t r = 0; r < match.size(); ++r)
    if (match[r]) sum += cost[r][*match[r]];
  return sum;
}

size_t matched(const std::vector<std::optional<size_t>>& match) {
  return static_cast<size_t>(std::count_if(match.begin(), match.end(), [](auto m) { return m.has_value(); }));
}

TEST(Assignment, PrefersTheGlobalOptimumOverGreedy) {
  // Greedy would take (0,0)=1 and leave row 1 with cost 10; the optimum is 2 + 2.
  std::vector<std::vector<double>> cost = {{1, 2}, {2, 10}};
  auto match = optimalAssignment(cost);
  EXPECT_EQ(match[0], 1u);
  EXPECT_EQ(match[1], 0u);
}

TEST(Assignment, ForbiddenPairsStayUnmatched) {
  std::vector<std::vector<double>> cost = {{kForbidden, 3}, {kForbidden, kForbidden}, {1, kForbidden}};
  auto match = optimalAssignment(cost);
  EXPECT_EQ(match[0], 1u);
  EXPECT_FALSE(match[1].has_value());
  EXPECT_EQ(match[2], 0u);
}

TEST(Assignment, MoreMatchesBeatLowerCost) {
  // Matching row 0 to column 0 (cost 1) would leave row 1 unmatched; two matches win.
  std::vector<std::vector<double>> cost = {{1, 50}, {40, kForbidden}};
  auto match = optimalAssignment(cost);
  EXPECT_EQ(match[0], 1u);
  EXPECT_EQ(match[1], 0u);
}

TEST(Assignment, RectangularBothWays) {
  std::vector<std::vector<double>> wide = {{5, 1, 9, 4}};
  EXPECT_EQ(optimalAssignment(wide)[0], 1u);
  std::vector<std::vector<double>> tall = {{7}, {2}, {9}};
  auto match = optimalAssignment(tall);
  EXPECT_EQ(matched(match), 1u);
  EXPECT_EQ(match[1], 0u);
}

TEST(Assignment, MatchesBruteForceOnRandomProblems) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> value(0.0, 100.0);
  std::bernoulli_distribution forbid(0.25);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t rows = 1 + trial % 5, columns = 1 + (trial / 5) % 5;
    std::vector<std::vector<double>> cost(rows, std::vector<double>(columns));
    for (auto& row : cost)
      for (auto& c : row) c = forbid(rng) ? kForbidden : value(rng);
    auto match = optimalAssignment(cost);
    // Brute force over column permutations: most matches, then least cost.
    std::vector<size_t> perm(std::max(rows, columns));
    std::iota(perm.begin(), perm.end(), 0);
    size_t bestCount = 0;
    double bestCost = 0.0;
    do {
      size_t count = 0;
      double sum = 0.0;
      for (size_t r = 0; r < rows; ++r) {
        if (perm[r] < columns && std::isfinite(cost[r][perm[r]])) {
          ++count;
          sum += cost[r][perm[r]];
        }
      }
      if (count > bestCount || (count == bestCount && sum < bestCost)) {
        bestCount = count;
        bestCost = sum;
      }
    } while (std::next_permutation(perm.begin(), perm.end()));
    ASSERT_EQ(matched(match), bestCount) << "trial " << trial;
    EXPECT_NEAR(total(cost, match), bestCost, 1e-9) << "trial " << trial;
  }
}

}  // namespace
}  // namespace mesomap
