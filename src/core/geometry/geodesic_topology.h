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
  // Saddle (angle sum > 2 pi), boundary or non-manifold vertices: the only places where a
  // shortest path may leave a straight line, so the only vertices that re-emit distance.
  // kBendEverywhere re-emits in every direction (a border or non-manifold vertex);
  // kBendShadow is a saddle with a closed fan, re-emitting only into its shadow.
  static constexpr uint8_t kBendEverywhere = 1, kBendShadow = 2;
  std::vector<uint8_t> bends;
  std::vector<uint8_t> onSkin;              // vertex belongs to at least one skin face
  // CSR over vertices of the corners (half-edges f*3+c with faces[f][c] == v); read them with
  // cornerAt. A kBendShadow saddle lists its corners in fan order, walking across its edges,
  // and flags with kCornerReversed those walked from their second edge to their first; a
  // direction at angle a from such a corner's first edge (towards corner c+1) then lies at fan
  // angle fan - a, otherwise fan + a, where fan is the sum of the corner angles walked before.
  // Only saddles need fan positions (to find their shadow); recomputing them where a saddle
  // emits costs additions of angles that emitting computes anyway, and storing them took a
  // tenth of the solver's memory.
  static constexpr uint32_t kCornerReversed = 0x80000000u;
  std::vector<uint32_t> cornerStart;
  std::vector<uint32_t> corners;
  uint32_t cornerAt(uint32_t i) const { return corners[i] & ~kCornerReversed; }
  bool cornerReversed(uint32_t i) const { return (corners[i] & kCornerReversed) != 0; }
  std::vector<float> meanEdgeLength;        // per vertex, over its skin edges (0 off the skin)
  std::vector<uint32_t> component;          // connected component of each vertex (kNone off the skin)
  // Skin parts in Mesh order, for faceOfMeshTriangle: faces are numbered part by part,
  // leaving out the degenerate triangles listed (ascending) in skippedTriangles.
  struct SkinPart {
    uint32_t firstTriangle, triangleCount, firstFace, firstSkipped, skippedCount;
  };
  std::vector<SkinPart> skinParts;
  std::vector<uint32_t> skippedTriangles;
  size_t boundaryEdges = 0;
  size_t nonManifoldEdges = 0;
  size_t saddleVertices = 0;

  double length(uint32_t face, uint32_t k) const { return edgeLengths[face][k]; }
  // The skin face of a Mesh triangle, or kNone for non-skin and degenerate triangles.
  uint32_t faceOfMeshTriangle(uint32_t triangle) const;
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
