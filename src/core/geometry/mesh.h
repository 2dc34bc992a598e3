#pragma once
// The body surface: an indexed triangle mesh in metres, Y up, facing +Z, feet on y = 0
// (after normalize.h). Parts keep submeshes apart so accessories (eyes, teeth) render but are
// never picked as skin.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace mesomap {

struct Bounds {
  glm::vec3 min{std::numeric_limits<float>::max()};
  glm::vec3 max{std::numeric_limits<float>::lowest()};

  bool empty() const { return min.x > max.x; }
  glm::vec3 center() const { return (min + max) * 0.5f; }
  glm::vec3 size() const { return empty() ? glm::vec3(0.0f) : max - min; }
  void grow(const glm::vec3& p) {
    min = glm::min(min, p);
    max = glm::max(max, p);
  }
};

struct MeshPart {
  std::string name;
  uint32_t firstTriangle = 0;
  uint32_t triangleCount = 0;
  bool isSkin = true;  // false for eyes, teeth, hair...: drawn, but not a place for a needle
  glm::vec3 baseColor{0.8f};
};

struct Mesh {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;  // per vertex, area-weighted, unit length
  std::vector<glm::uvec3> triangles;
  std::vector<MeshPart> parts;  // contiguous triangle ranges covering all triangles

  size_t vertexCount() const { return positions.size(); }
  size_t triangleCount() const { return triangles.size(); }

  Bounds bounds() const;
  float surfaceArea() const;
  // Index into `parts` of the part holding triangle `t`.
  size_t partOfTriangle(uint32_t t) const;
  bool isSkinTriangle(uint32_t t) const { return parts[partOfTriangle(t)].isSkin; }

  void recomputeNormals();
  void transform(const glm::mat4& m);  // positions by m, then normals recomputed
};

// Merges vertices that share a position within each part (UV seams in exported bodies split
// the skin into islands, which would break geodesics and shading). Returns vertices removed.
size_t weldVertices(Mesh& mesh, float tolerance);

}  // namespace mesomap
