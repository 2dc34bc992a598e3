#include "core/base/assignment.h"

#include <algorithm>
#include <cmath>

namespace mesomap {

namespace {

// Square minimum-cost assignment on finite costs (Hungarian method with potentials).
// Returns rowOf[column].
std::vector<size_t> solveSquare(const std::vector<std::vector<double>>& a) {
  const size_t n = a.size();
  const double inf = std::numeric_limits<double>::infinity();
  // 1-based arrays, column 0 is the virtual start of each augmenting path.
  std::vector<double> u(n + 1, 0.0), v(n + 1, 0.0);
  std::vector<size_t> p(n + 1, 0), way(n + 1, 0);
  for (size_t i = 1; i <= n; ++i) {
    p[0] = i;
    size_t j0 = 0;
    std::vector<double> minv(n + 1, inf);
    std::vector<bool> used(n + 1, false);
    do {
      used[j0] = true;
      const size_t i0 = p[j0];
      double delta = inf;
      size_t j1 = 0;
      for (size_t j = 1; j <= n; ++j) {
        if (used[j]) continue;
        const double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (size_t j = 0; j <= n; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<size_t> rowOf(n);
  for (size_t j = 1; j <= n; ++j) rowOf[j - 1] = p[j] - 1;
  return rowOf;
}

}  // namespace

std::vector<std::optional<size_t>> optimalAssignment(const std::vector<std::vector<double>>& cost) {
  const size_t rows = cost.size();
  const size_t columns = rows ? cost[0].size() : 0;
  std::vector<std::optional<size_t>> result(rows);
  if (rows == 0 || columns == 0) return result;

  // Pad to a square; forbidden pairs and padding cost more than any set of allowed pairs, so
  // the solver first maximises the number of real matches, then minimises their cost.
  double largest = 0.0;
  for (const auto& row : cost)
    for (double c : row)
      if (std::isfinite(c)) largest = std::max(largest, std::abs(c));
  const size_t n = std::max(rows, columns);
  const double unmatched = (largest + 1.0) * static_cast<double>(n + 1);
  std::vector<std::vector<double>> square(n, std::vector<double>(n, unmatched));
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < columns; ++c)
      if (std::isfinite(cost[r][c])) square[r][c] = cost[r][c];

  std::vector<size_t> rowOf = solveSquare(square);
  for (size_t c = 0; c < n; ++c) {
    const size_t r = rowOf[c];
    if (r < rows && c < columns && std::isfinite(cost[r][c])) result[r] = c;
  }
  return result;
}

}  // namespace mesomap
