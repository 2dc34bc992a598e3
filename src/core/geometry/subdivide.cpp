#include "core/geometry/subdivide.h"

#include <algorithm>
#include <unordered_map>

namespace mesomap {

Mesh subdivideMidpoint(const Mesh& mesh) {
  Mesh out;
  out.parts = mesh.parts;
  out.positions = mesh.positions;
  out.positions.reserve(mesh.positions.size() + mesh.triangles.size() * 3 / 2);
  out.triangles.reserve(mesh.triangles.size() * 4);

  std::unordered_map<uint64_t, uint32_t> midpoints;
  midpoints.reserve(mesh.triangles.size() * 3 / 2);
  auto midpoint = [&](uint32_t i, uint32_t j) {
    const uint64_t key = uint64_t(std::min(i, j)) << 32 | std::max(i, j);
    auto [it, inserted] = midpoints.try_emplace(key, static_cast<uint32_t>(out.positions.size()));
    if (inserted) out.positions.push_back(0.5f * (mesh.positions[i] + mesh.positions[j]));
    return it->second;
  };

  auto split = [&](uint32_t begin, uint32_t end) {
    for (uint32_t t = begin; t < end; ++t) {
      const glm::uvec3 tri = mesh.triangles[t];
      const uint32_t ab = midpoint(tri.x, tri.y), bc = midpoint(tri.y, tri.z), ca = midpoint(tri.z, tri.x);
      out.triangles.emplace_back(tri.x, ab, ca);
      out.triangles.emplace_back(ab, tri.y, bc);
      out.triangles.emplace_back(ca, bc, tri.z);
      out.triangles.emplace_back(ab, bc, ca);
    }
  };
  if (out.parts.empty()) split(0, static_cast<uint32_t>(mesh.triangles.size()));
  // Part by part, so each part's four-fold range stays contiguous.
  for (MeshPart& part : out.parts) {
    const uint32_t first = static_cast<uint32_t>(out.triangles.size());
    split(part.firstTriangle, part.firstTriangle + part.triangleCount);
    part.firstTriangle = first;
    part.triangleCount = static_cast<uint32_t>(out.triangles.size()) - first;
  }
  out.recomputeNormals();
  return out;
}

}  // namespace mesomap
