#include "core/geometry/triangle_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mesomap {

namespace {
constexpr int kMaxCellsPerAxis = 128;  // at most 2M cells, whatever the mesh
}

TriangleGrid::TriangleGrid(const Mesh& mesh, const std::vector<uint32_t>& triangles, float cell) : cell_(cell) {
  if (triangles.empty() || !(cell > 0.0f)) return;
  pad_ = 1e-4f * cell;
  origin_ = glm::vec3(std::numeric_limits<float>::max());
  glm::vec3 top(-std::numeric_limits<float>::max());
  for (uint32_t t : triangles)
    for (int k = 0; k < 3; ++k) {
      origin_ = glm::min(origin_, mesh.positions[mesh.triangles[t][k]]);
      top = glm::max(top, mesh.positions[mesh.triangles[t][k]]);
    }
  origin_ -= glm::vec3(pad_);
  // Clamping cells into range keeps every lookup monotonic, so an oversized mesh only makes
  // the edge cells fuller, never misses a triangle.
  const glm::vec3 span = glm::min((top + glm::vec3(pad_) - origin_) / cell_, glm::vec3(float(kMaxCellsPerAxis)));
  size_ = glm::clamp(glm::ivec3(glm::floor(span)) + 1, glm::ivec3(1), glm::ivec3(kMaxCellsPerAxis));
  // Two passes (count, then place) keep every cell's triangles in triangle order.
  start_.assign(size_t(size_.x) * size_.y * size_.z + 1, 0);
  forEachCellOf(mesh, triangles, [&](uint32_t, size_t c) { ++start_[c + 1]; });
  for (size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
  entries_.resize(start_.back());
  std::vector<uint32_t> fill(start_.begin(), start_.end() - 1);
  forEachCellOf(mesh, triangles, [&](uint32_t t, size_t c) { entries_[fill[c]++] = t; });
}

std::vector<uint32_t> TriangleGrid::near(const glm::vec3& point, const glm::vec3& normal, float radius) const {
  glm::ivec3 low = cellOf(point - glm::vec3(radius + pad_)), high = cellOf(point + glm::vec3(radius + pad_));
  for (int axis = 0; axis < 3; ++axis) {
    // An axis-aligned plane: one slab of cells. Only when the other components are exactly 0: a
    // normalised near-axis normal can have this one round to 1 while the plane still tilts.
    if (normal[(axis + 1) % 3] != 0.0f || normal[(axis + 2) % 3] != 0.0f) continue;
    low[axis] = std::max(low[axis], cellOf(point - glm::vec3(pad_))[axis]);
    high[axis] = std::min(high[axis], cellOf(point + glm::vec3(pad_))[axis]);
  }
  std::vector<uint32_t> found;
  for (int z = low.z; z <= high.z; ++z)
    for (int y = low.y; y <= high.y; ++y)
      for (int x = low.x; x <= high.x; ++x) {
        const size_t c = index({x, y, z});
        found.insert(found.end(), entries_.begin() + start_[c], entries_.begin() + start_[c + 1]);
      }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

glm::ivec3 TriangleGrid::cellOf(const glm::vec3& p) const {
  const glm::vec3 at = glm::clamp((p - origin_) / cell_, glm::vec3(-1.0f), glm::vec3(float(kMaxCellsPerAxis)));
  return glm::clamp(glm::ivec3(glm::floor(at)), glm::ivec3(0), size_ - 1);
}

template <typename Visit>
void TriangleGrid::forEachCellOf(const Mesh& mesh, const std::vector<uint32_t>& triangles, Visit visit) const {
  for (uint32_t t : triangles) {
    const glm::uvec3& tri = mesh.triangles[t];
    const glm::vec3 a = mesh.positions[tri.x], b = mesh.positions[tri.y], c = mesh.positions[tri.z];
    const glm::ivec3 low = cellOf(glm::min(a, glm::min(b, c)) - glm::vec3(pad_));
    const glm::ivec3 high = cellOf(glm::max(a, glm::max(b, c)) + glm::vec3(pad_));
    for (int z = low.z; z <= high.z; ++z)
      for (int y = low.y; y <= high.y; ++y)
        for (int x = low.x; x <= high.x; ++x) visit(t, index({x, y, z}));
  }
}

std::vector<glm::vec3> planeCrossings(const Mesh& mesh, const std::vector<uint32_t>& triangles, const glm::vec3& point,
                                      const glm::vec3& normal, float radius) {
  std::vector<glm::vec3> points;
  for (uint32_t t : triangles) {
    const glm::uvec3& tri = mesh.triangles[t];
    const glm::vec3 v[3] = {mesh.positions[tri.x], mesh.positions[tri.y], mesh.positions[tri.z]};
    for (int e = 0; e < 3; ++e) {
      const float a = glm::dot(v[e] - point, normal), b = glm::dot(v[(e + 1) % 3] - point, normal);
      if ((a < 0.0f) == (b < 0.0f)) continue;
      const glm::vec3 p = v[e] + (a / (a - b)) * (v[(e + 1) % 3] - v[e]);
      if (glm::length(p - point) <= radius) points.push_back(p);
    }
  }
  return points;
}

}  // namespace mesomap
