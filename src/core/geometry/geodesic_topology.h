#pragma once
// The skin as the geodesic code sees it: skin triangles only, with edge lengths, the triangle
// across each edge, and which vertices a shortest path may bend around. Everything the window
// propagation needs is intrinsic (edge lengths), so orientation flips between neighbouring
// triangles do not matter.
#include <cstdint>
#include <limits>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.h"

namespace mesomap::geodesic_detail {

inline constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// A half-edge is face * 3 + k: edge k of a face runs from its corner k to corner (k + 1) % 3.
inline uint32_t faceOf(uint32_t halfEdge) { return halfEdge / 3; }
inline uint32_t cornerOf(uint32_t halfEdge) { return halfEdge % 3; }

struct SkinTopology {
  uint32_t vertexCount = 0;                 // same numbering as the Mesh
  std::vector<glm::uvec3> faces;            // skin triangles with three distinct corners
  std::vector<glm::dvec3> edgeLengths;      // [face][k] = length of edge k
  std::vector<uint32_t> twins;              // per half-edge: the half-edge across it, or kNone
  std::vector<uint32_t> meshTriangleToFace; // kNone for non-skin or degenerate triangles
  // Saddle (angle sum > 2 pi), boundary or non-manifold vertices: the only places where a
  // shortest path may leave a straight line, so the only vertices that re-emit distance.
  std::vector<uint8_t> bends;
  std::vector<uint8_t> onSkin;              // vertex belongs to at least one skin face
  std::vector<uint32_t> cornerStart;        // CSR over vertices of the half-edges f*3+c with faces[f][c] == v
  std::vector<uint32_t> corners;
  std::vector<float> meanEdgeLength;        // per vertex, over its skin edges (0 off the skin)
  std::vector<uint32_t> component;          // connected component of each vertex (kNone off the skin)
  // Per corner (half-edge id f*3+c): where it sits in the fan around its vertex (its angle is
  // cornerAngle(), computed when needed: stored, it was a fifth of the solver's memory):
  // a direction at angle a from the corner's first edge (towards corner c+1) has fan angle
  // fanAngle + fanSign * a. fanTotal is the vertex's angle sum, 0 where the fan is not one
  // closed disk (border, non-manifold): there every direction is allowed.
  std::vector<double> fanAngles;
  std::vector<int8_t> fanSigns;
  std::vector<double> fanTotal;
  size_t boundaryEdges = 0;
  size_t nonManifoldEdges = 0;
  size_t saddleVertices = 0;

  double length(uint32_t face, uint32_t k) const { return edgeLengths[face][k]; }
  // The angle of corner `halfEdge` (f * 3 + c) of a face, from its edge lengths.
  double cornerAngle(uint32_t halfEdge) const;
  // Heap bytes held by the arrays above.
  size_t bytes() const;
};

SkinTopology buildSkinTopology(const Mesh& mesh);

// Corner positions of `face` in a plane: corner `k` at the origin, corner k+1 on +x, the third
// corner at y > 0.
void layoutFace(const SkinTopology& topo, uint32_t face, uint32_t k, glm::dvec2 out[3]);

}  // namespace mesomap::geodesic_detail
