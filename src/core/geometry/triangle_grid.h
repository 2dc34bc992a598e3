#pragma once
// Triangles by the cells of a uniform grid that their bounds overlap: for local scans (a planar
// section near a point) that must find every triangle a scan of all of them would, in the same
// order, without reading all of them. A 1.8M-triangle body's landmark estimate spent most of its
// time in such sections.
#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.h"

namespace mesomap {

class TriangleGrid {
 public:
  TriangleGrid() = default;
  // `triangles` indexes mesh.triangles; `cell` is the cubes' edge (metres).
  TriangleGrid(const Mesh& mesh, const std::vector<uint32_t>& triangles, float cell);

  // Every listed triangle that can hold a point of the plane through `point` (normal `normal`)
  // within `radius` of it, each once, in increasing order; a few more are allowed. Bounds are
  // padded by a hair, so crossing points computed in float still fall inside.
  std::vector<uint32_t> near(const glm::vec3& point, const glm::vec3& normal, float radius) const;

  size_t cellCount() const { return start_.size() - 1; }

 private:
  glm::ivec3 cellOf(const glm::vec3& p) const;
  size_t index(const glm::ivec3& c) const { return (size_t(c.z) * size_.y + c.y) * size_.x + c.x; }
  template <typename Visit>
  void forEachCellOf(const Mesh& mesh, const std::vector<uint32_t>& triangles, Visit visit) const;

  float cell_ = 1.0f, pad_ = 0.0f;
  glm::vec3 origin_{0.0f};
  glm::ivec3 size_{1};
  std::vector<uint32_t> start_{0, 0};  // per cell, where its triangles begin in entries_
  std::vector<uint32_t> entries_;
};

// Where the listed triangles' edges cross the plane through `point` (normal `normal`), within
// `radius` of it, in the order of `triangles`: a planar section, from the grid's near() or from
// every triangle alike.
std::vector<glm::vec3> planeCrossings(const Mesh& mesh, const std::vector<uint32_t>& triangles, const glm::vec3& point,
                                      const glm::vec3& normal, float radius);

}  // namespace mesomap
