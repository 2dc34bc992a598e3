#include "core/geometry/closed_parts.h"

#include <algorithm>
#include <numeric>

namespace mesomap {

namespace {

// A part may hold several closed shells; one wound inward among outward ones would still give the
// part a positive total volume, and culling would hide it. Shells are the part's connected
// vertex sets (union-find over its triangles), each summing its own signed volume.
bool everyShellEnclosesPositiveVolume(const Mesh& mesh, const MeshPart& part) {
  std::vector<uint32_t> parent(mesh.positions.size());
  std::iota(parent.begin(), parent.end(), 0u);
  const auto find = [&parent](uint32_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];  // path halving
    return v;
  };
  const uint32_t end = part.firstTriangle + part.triangleCount;
  for (uint32_t t = part.firstTriangle; t < end; ++t) {
    const glm::uvec3& tri = mesh.triangles[t];
    parent[find(tri[1])] = find(tri[0]);
    parent[find(tri[2])] = find(tri[0]);
  }
  std::vector<double> volume(mesh.positions.size(), 0.0);  // by shell root
  for (uint32_t t = part.firstTriangle; t < end; ++t) {
    const glm::uvec3& tri = mesh.triangles[t];
    const glm::dvec3 a(mesh.positions[tri[0]]), b(mesh.positions[tri[1]]), c(mesh.positions[tri[2]]);
    volume[find(tri[0])] += glm::dot(a, glm::cross(b, c));
  }
  for (uint32_t t = part.firstTriangle; t < end; ++t)
    if (!(volume[find(mesh.triangles[t][0])] > 0.0)) return false;
  return true;
}

// Whether a part is a closed surface wound outward: each edge met once in each direction within
// the part, and a positive enclosed volume. From outside, only the front faces of such a surface
// can be seen, so its back faces may be culled. One sort of the part's edges, each keyed by its
// two ends (lower first) and its direction: a closed, consistently wound part gives pairs.
bool closedAndOutward(const Mesh& mesh, const MeshPart& part) {
  if (part.triangleCount == 0 || mesh.positions.size() >= (size_t(1) << 31)) return false;
  std::vector<uint64_t> edges;
  edges.reserve(static_cast<size_t>(part.triangleCount) * 3);
  for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
    const glm::uvec3& tri = mesh.triangles[t];
    for (int k = 0; k < 3; ++k) {
      const uint64_t from = tri[k], to = tri[(k + 1) % 3];
      edges.push_back((std::min(from, to) << 31 | std::max(from, to)) << 1 | (from > to ? 1u : 0u));
    }
  }
  std::sort(edges.begin(), edges.end());
  for (size_t i = 0; i < edges.size(); i += 2) {
    const bool pair = i + 1 < edges.size() && (edges[i] & 1) == 0 && edges[i + 1] == (edges[i] | 1);
    const bool alone = i + 2 >= edges.size() || edges[i + 2] >> 1 != edges[i] >> 1;  // no third face
    if (!pair || !alone) return false;
  }
  return everyShellEnclosesPositiveVolume(mesh, part);
}

}  // namespace

ClosedParts closedOutwardParts(const Mesh& mesh) {
  ClosedParts closed;
  for (const MeshPart& part : mesh.parts) {
    closed.emplace_back();
    if (!closedAndOutward(mesh, part)) continue;
    Bounds bounds;
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t)
      for (int k = 0; k < 3; ++k) bounds.grow(mesh.positions[mesh.triangles[t][k]]);
    closed.back() = bounds;
  }
  return closed;
}

}  // namespace mesomap
