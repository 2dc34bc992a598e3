#pragma once
// Procedural meshes with known geometry for the picking, frame and needle tests. All are
// closed or open surfaces wound counter-clockwise seen from outside, one skin part.
#include <cmath>
#include <cstdint>

#include "core/geometry/mesh.h"

namespace mesomap::test {

inline void finishShape(Mesh& mesh, const char* name) {
  MeshPart part;
  part.name = name;
  part.firstTriangle = 0;
  part.triangleCount = static_cast<uint32_t>(mesh.triangles.size());
  mesh.parts = {part};
  mesh.recomputeNormals();
}

// Square patch in the plane z = `z`, facing +Z, centred on (cx, cy), `cells` quads a side.
inline Mesh makePlane(float size, int cells, float cx = 0.0f, float cy = 0.0f, float z = 0.0f) {
  Mesh mesh;
  for (int j = 0; j <= cells; ++j)
    for (int i = 0; i <= cells; ++i)
      mesh.positions.emplace_back(cx + size * (float(i) / cells - 0.5f), cy + size * (float(j) / cells - 0.5f), z);
  auto at = [cells](int i, int j) { return static_cast<uint32_t>(j * (cells + 1) + i); };
  for (int j = 0; j < cells; ++j)
    for (int i = 0; i < cells; ++i) {
      mesh.triangles.emplace_back(at(i, j), at(i + 1, j), at(i + 1, j + 1));
      mesh.triangles.emplace_back(at(i, j), at(i + 1, j + 1), at(i, j + 1));
    }
  finishShape(mesh, "plane");
  return mesh;
}

// Latitude-longitude sphere with vertices on the exact sphere.
inline Mesh makeSphere(float radius, int slices, int stacks, glm::vec3 center = glm::vec3(0.0f)) {
  Mesh mesh;
  const float pi = 3.14159265358979f;
  mesh.positions.push_back(center + glm::vec3(0.0f, radius, 0.0f));
  for (int s = 1; s < stacks; ++s) {
    const float polar = pi * float(s) / stacks;
    for (int i = 0; i < slices; ++i) {
      const float azimuth = 2.0f * pi * float(i) / slices;
      mesh.positions.push_back(center + radius * glm::vec3(std::sin(polar) * std::cos(azimuth), std::cos(polar),
                                                           -std::sin(polar) * std::sin(azimuth)));
    }
  }
  mesh.positions.push_back(center + glm::vec3(0.0f, -radius, 0.0f));
  const uint32_t south = static_cast<uint32_t>(mesh.positions.size() - 1);
  auto ring = [slices](int s, int i) { return static_cast<uint32_t>(1 + (s - 1) * slices + (i % slices)); };
  for (int i = 0; i < slices; ++i) mesh.triangles.emplace_back(0u, ring(1, i), ring(1, i + 1));
  for (int s = 1; s < stacks - 1; ++s)
    for (int i = 0; i < slices; ++i) {
      mesh.triangles.emplace_back(ring(s, i), ring(s + 1, i), ring(s + 1, i + 1));
      mesh.triangles.emplace_back(ring(s, i), ring(s + 1, i + 1), ring(s, i + 1));
    }
  for (int i = 0; i < slices; ++i) mesh.triangles.emplace_back(ring(stacks - 1, i), south, ring(stacks - 1, i + 1));
  finishShape(mesh, "sphere");
  return mesh;
}

// Cylinder along Y from y0 to y0 + height around the axis through (cx, cz), with flat caps.
inline Mesh makeCylinder(float radius, float height, int segments, int rings, float cx = 0.0f, float y0 = 0.0f,
                         float cz = 0.0f) {
  Mesh mesh;
  const float pi = 3.14159265358979f;
  for (int r = 0; r <= rings; ++r)
    for (int i = 0; i < segments; ++i) {
      const float azimuth = 2.0f * pi * float(i) / segments;
      mesh.positions.emplace_back(cx + radius * std::cos(azimuth), y0 + height * float(r) / rings,
                                  cz - radius * std::sin(azimuth));
    }
  auto at = [segments](int r, int i) { return static_cast<uint32_t>(r * segments + (i % segments)); };
  for (int r = 0; r < rings; ++r)
    for (int i = 0; i < segments; ++i) {
      mesh.triangles.emplace_back(at(r, i), at(r, i + 1), at(r + 1, i + 1));
      mesh.triangles.emplace_back(at(r, i), at(r + 1, i + 1), at(r + 1, i));
    }
  const uint32_t bottom = static_cast<uint32_t>(mesh.positions.size());
  mesh.positions.emplace_back(cx, y0, cz);
  mesh.positions.emplace_back(cx, y0 + height, cz);
  for (int i = 0; i < segments; ++i) {
    mesh.triangles.emplace_back(bottom, at(0, i + 1), at(0, i));
    mesh.triangles.emplace_back(bottom + 1, at(rings, i), at(rings, i + 1));
  }
  finishShape(mesh, "cylinder");
  return mesh;
}

// Appends `other` to `mesh` as a new part.
inline void appendPart(Mesh& mesh, const Mesh& other, const char* name, bool isSkin) {
  const uint32_t base = static_cast<uint32_t>(mesh.positions.size());
  MeshPart part;
  part.name = name;
  part.firstTriangle = static_cast<uint32_t>(mesh.triangles.size());
  part.triangleCount = static_cast<uint32_t>(other.triangles.size());
  part.isSkin = isSkin;
  mesh.positions.insert(mesh.positions.end(), other.positions.begin(), other.positions.end());
  for (const glm::uvec3& t : other.triangles) mesh.triangles.push_back(t + glm::uvec3(base));
  mesh.parts.push_back(part);
  mesh.recomputeNormals();
}

}  // namespace mesomap::test
