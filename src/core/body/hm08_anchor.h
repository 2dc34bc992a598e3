#pragma once
// A point of MakeHuman's hm08 skin — the topology every parametric patient shares — as three
// hm08 vertices and barycentric weights: the same place on the anatomy on every patient however
// the body is shaped. Scenario files keep one beside each absolute position (hm08_anchor next to
// position_mm) so that position travels to any patient exactly; the standard landmarks are
// anchored the same way (patient/patient_landmarks.h).
#include <array>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.h"

namespace mesomap {

struct Hm08Anchor {
  std::array<uint32_t, 3> vertices{};
  glm::dvec3 weights{1.0, 0.0, 0.0};  // >= 0, sum 1
  bool operator==(const Hm08Anchor&) const = default;
};

// hm08 has 19,158 vertices (the body skin is 0..13,379); a larger index is no hm08 vertex.
inline constexpr uint32_t kHm08VertexCount = 19158;

// Which hm08 vertex each of a body's mesh vertices is (a parametric patient's mesh is built on
// hm08), so anchors can be read on that mesh and made from picks on it.
class Hm08Topology {
 public:
  explicit Hm08Topology(std::vector<uint32_t> hm08OfVertex);
  // Where the anchor lies on `mesh` (built on this topology), mm; nullopt when one of its
  // vertices is not in the mesh (helper geometry, or an index no patient has).
  std::optional<glm::dvec3> positionMm(const Mesh& mesh, const Hm08Anchor& anchor) const;
  // The anchor of the point at barycentric (u, v) of `triangle` (as a pick or closest-point
  // query gives it: position = (1-u-v)·a + u·b + v·c).
  Hm08Anchor anchorAt(const Mesh& mesh, uint32_t triangle, double u, double v) const;
  // The mesh vertex that is hm08 vertex `hm08`, if the mesh has it; and back.
  std::optional<uint32_t> vertexOf(uint32_t hm08) const;
  uint32_t hm08Of(uint32_t vertex) const { return hm08OfVertex_[vertex]; }

 private:
  std::vector<uint32_t> hm08OfVertex_;
  std::unordered_map<uint32_t, uint32_t> vertexOfHm08_;
};

}  // namespace mesomap
