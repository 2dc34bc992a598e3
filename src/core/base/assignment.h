#pragma once
// Optimal one-to-one assignment (the Hungarian method, Jonker-Volgenant style shortest
// augmenting paths, O(n^3)): matches trainee points to reference points at least total cost.
// Written here rather than taken from dlib, whose one function would pull in a large library.
#include <cstddef>
#include <limits>
#include <optional>
#include <vector>

namespace mesomap {

inline constexpr double kForbidden = std::numeric_limits<double>::infinity();

// cost[r][c] for rows r (e.g. reference points) and columns c (trainee points); kForbidden
// marks pairs that may not match (beyond tolerance). Returns, for each row, its column or
// nothing. Among assignments with the most matched pairs, the total cost is least; ties are
// broken by index order, so the result is deterministic.
std::vector<std::optional<size_t>> optimalAssignment(const std::vector<std::vector<double>>& cost);

}  // namespace mesomap
