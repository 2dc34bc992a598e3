#include "core/geometry/mesh.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

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

size_t weldVertices(Mesh& mesh, float tolerance) {
  // Quantise to a grid of `tolerance`; exact duplicates (the common case) always collapse.
  struct KeyHash {
    size_t operator()(const glm::i64vec3& k) const {
      return std::hash<int64_t>()(k.x * 73856093LL ^ k.y * 19349663LL ^ k.z * 83492791LL);
    }
  };
  std::vector<uint32_t> remap(mesh.positions.size(), std::numeric_limits<uint32_t>::max());
  std::vector<glm::vec3> welded;
  welded.reserve(mesh.positions.size());
  const double inv = tolerance > 0.0f ? 1.0 / tolerance : 1e9;
  for (const auto& part : mesh.parts) {
    std::unordered_map<glm::i64vec3, uint32_t, KeyHash> cells;
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      for (int c = 0; c < 3; ++c) {
        uint32_t v = mesh.triangles[t][c];
        if (remap[v] != std::numeric_limits<uint32_t>::max()) {
          mesh.triangles[t][c] = remap[v];
          continue;
        }
        const glm::vec3& p = mesh.positions[v];
        glm::i64vec3 key(std::llround(p.x * inv), std::llround(p.y * inv), std::llround(p.z * inv));
        auto [it, inserted] = cells.try_emplace(key, static_cast<uint32_t>(welded.size()));
        if (inserted) welded.push_back(p);
        remap[v] = it->second;
        mesh.triangles[t][c] = it->second;
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
