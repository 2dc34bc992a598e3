#include "render/glyph_meshes.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace mesomap::render {

Mesh makeUnitSphere(int subdivisions) {
  const float t = (1.0f + std::sqrt(5.0f)) * 0.5f;
  Mesh mesh;
  mesh.positions = {{-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t},
                    {0, -1, -t}, {0, 1, -t}, {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
  for (auto& p : mesh.positions) p = glm::normalize(p);
  mesh.triangles = {{0, 11, 5}, {0, 5, 1},  {0, 1, 7},   {0, 7, 10}, {0, 10, 11}, {1, 5, 9}, {5, 11, 4},
                    {11, 10, 2}, {10, 7, 6}, {7, 1, 8},   {3, 9, 4},  {3, 4, 2},   {3, 2, 6}, {3, 6, 8},
                    {3, 8, 9},  {4, 9, 5},  {2, 4, 11},  {6, 2, 10}, {8, 6, 7},   {9, 8, 1}};
  for (int level = 0; level < subdivisions; ++level) {
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> midpoints;
    auto midpoint = [&](uint32_t a, uint32_t b) {
      std::pair<uint32_t, uint32_t> key = std::minmax(a, b);
      auto it = midpoints.find(key);
      if (it != midpoints.end()) return it->second;
      mesh.positions.push_back(glm::normalize(mesh.positions[a] + mesh.positions[b]));
      uint32_t index = static_cast<uint32_t>(mesh.positions.size() - 1);
      midpoints.emplace(key, index);
      return index;
    };
    std::vector<glm::uvec3> finer;
    for (const auto& tri : mesh.triangles) {
      uint32_t ab = midpoint(tri.x, tri.y), bc = midpoint(tri.y, tri.z), ca = midpoint(tri.z, tri.x);
      finer.insert(finer.end(), {{tri.x, ab, ca}, {tri.y, bc, ab}, {tri.z, ca, bc}, {ab, bc, ca}});
    }
    mesh.triangles = std::move(finer);
  }
  mesh.normals = mesh.positions;  // the unit sphere's normal is its position
  mesh.parts = {{"sphere", 0, static_cast<uint32_t>(mesh.triangles.size()), false}};
  return mesh;
}

Mesh makeUnitCylinder(int segments) {
  Mesh mesh;
  // Side: its own ring of vertices with radial normals; caps: flat normals.
  for (int end = 0; end < 2; ++end) {
    for (int i = 0; i < segments; ++i) {
      float a = 2.0f * static_cast<float>(M_PI) * i / segments;
      mesh.positions.emplace_back(std::cos(a), std::sin(a), static_cast<float>(end));
      mesh.normals.emplace_back(std::cos(a), std::sin(a), 0.0f);
    }
  }
  const uint32_t n = static_cast<uint32_t>(segments);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t j = (i + 1) % n;
    mesh.triangles.push_back({i, j, n + j});
    mesh.triangles.push_back({i, n + j, n + i});
  }
  for (int end = 0; end < 2; ++end) {
    uint32_t centre = static_cast<uint32_t>(mesh.positions.size());
    float z = static_cast<float>(end);
    glm::vec3 normal(0.0f, 0.0f, end ? 1.0f : -1.0f);
    mesh.positions.emplace_back(0.0f, 0.0f, z);
    mesh.normals.push_back(normal);
    for (int i = 0; i < segments; ++i) {
      float a = 2.0f * static_cast<float>(M_PI) * i / segments;
      mesh.positions.emplace_back(std::cos(a), std::sin(a), z);
      mesh.normals.push_back(normal);
    }
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t a = centre + 1 + i, b = centre + 1 + (i + 1) % n;
      if (end) mesh.triangles.push_back({centre, a, b});
      else mesh.triangles.push_back({centre, b, a});
    }
  }
  mesh.parts = {{"cylinder", 0, static_cast<uint32_t>(mesh.triangles.size()), false}};
  return mesh;
}

}  // namespace mesomap::render
