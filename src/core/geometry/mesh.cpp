#include "core/geometry/mesh.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mesomap {

Bounds Mesh::bounds() const {
  Bounds b;
  for (const auto& p : positions) b.grow(p);
  return b;
}

float Mesh::surfaceArea() const {
  double area = 0.0;
  for (const auto& t : triangles) {
    area += 0.5 * glm::length(glm::cross(positions[t.y] - positions[t.x], positions[t.z] - positions[t.x]));
  }
  return static_cast<float>(area);
}

size_t Mesh::partOfTriangle(uint32_t t) const {
  auto it = std::upper_bound(parts.begin(), parts.end(), t,
                             [](uint32_t tri, const MeshPart& p) { return tri < p.firstTriangle; });
  return it == parts.begin() ? 0 : static_cast<size_t>(it - parts.begin()) - 1;
}

void Mesh::recomputeNormals() {
  normals.assign(positions.size(), glm::vec3(0.0f));
  for (const auto& t : triangles) {
    // Unnormalised cross product weights each face by its area.
    glm::vec3 n = glm::cross(positions[t.y] - positions[t.x], positions[t.z] - positions[t.x]);
    normals[t.x] += n;
    normals[t.y] += n;
    normals[t.z] += n;
  }
  for (auto& n : normals) {
    float len = glm::length(n);
    n = len > 0.0f ? n / len : glm::vec3(0.0f, 1.0f, 0.0f);
  }
}

void Mesh::transform(const glm::mat4& m) {
  for (auto& p : positions) p = glm::vec3(m * glm::vec4(p, 1.0f));
  recomputeNormals();
}

namespace {

// Quantised position -> welded vertex within one part: open addressing over a power-of-two
// table of welded indices sized for the part, so a weld is one pass with no allocation per
// vertex (std::unordered_map spent most of a large body's load in node allocations and cache
// misses). A slot holds only the index: its key is recomputed from the welded position, which
// quantises to the key it was stored under.
class WeldTable {
 public:
  WeldTable(size_t maxEntries, double inverseCell) : inverseCell_(inverseCell) {
    size_t capacity = 16;
    while (capacity < 2 * maxEntries) capacity *= 2;
    slots_.assign(capacity, kEmpty);
    mask_ = capacity - 1;
  }

  glm::i64vec3 keyOf(const glm::vec3& p) const {
    return {std::llround(p.x * inverseCell_), std::llround(p.y * inverseCell_), std::llround(p.z * inverseCell_)};
  }

  // The welded index of `p`'s cell, appending `p` to `welded` when the cell is new.
  uint32_t weld(const glm::vec3& p, std::vector<glm::vec3>& welded) {
    const glm::i64vec3 key = keyOf(p);
    for (size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      uint32_t& slot = slots_[i];
      if (slot == kEmpty) {
        slot = static_cast<uint32_t>(welded.size());
        welded.push_back(p);
        return slot;
      }
      if (keyOf(welded[slot]) == key) return slot;
    }
  }

 private:
  static constexpr uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  static size_t hash(const glm::i64vec3& k) {
    // splitmix64's finaliser over a combination of the three cells: nearby cells spread apart.
    uint64_t h = uint64_t(k.x) * 0x9E3779B97F4A7C15ull ^ uint64_t(k.y) * 0xC2B2AE3D27D4EB4Full ^
                 uint64_t(k.z) * 0x165667B19E3779F9ull;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return size_t(h);
  }
  double inverseCell_;
  std::vector<uint32_t> slots_;
  size_t mask_ = 0;
};

}  // namespace

size_t weldVertices(Mesh& mesh, float tolerance) {
  // Quantise to a grid of `tolerance`; exact duplicates (the common case) always collapse.
  // Within each part, vertices take welded numbers in order of first use by its triangles.
  constexpr uint32_t kUnmapped = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> remap(mesh.positions.size(), kUnmapped);
  std::vector<glm::vec3> welded;
  welded.reserve(mesh.positions.size());
  const double inv = tolerance > 0.0f ? 1.0 / tolerance : 1e9;
  for (const auto& part : mesh.parts) {
    WeldTable cells(std::min(size_t(part.triangleCount) * 3, mesh.positions.size()), inv);
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      for (int c = 0; c < 3; ++c) {
        const uint32_t v = mesh.triangles[t][c];
        if (remap[v] == kUnmapped) remap[v] = cells.weld(mesh.positions[v], welded);
        mesh.triangles[t][c] = remap[v];
      }
    }
  }
  size_t removed = mesh.positions.size() - welded.size();
  mesh.positions = std::move(welded);
  // Welding can collapse a sliver triangle to a line or a point: drop those.
  std::vector<glm::uvec3> kept;
  kept.reserve(mesh.triangles.size());
  for (auto& part : mesh.parts) {
    uint32_t first = static_cast<uint32_t>(kept.size());
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      const auto& tri = mesh.triangles[t];
      if (tri.x != tri.y && tri.y != tri.z && tri.x != tri.z) kept.push_back(tri);
    }
    part.firstTriangle = first;
    part.triangleCount = static_cast<uint32_t>(kept.size()) - first;
  }
  mesh.triangles = std::move(kept);
  mesh.recomputeNormals();
  return removed;
}

}  // namespace mesomap
