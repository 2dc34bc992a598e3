#include "core/geometry/geodesic_topology.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_map>

namespace mesomap::geodesic_detail {

namespace {

double cornerAngle(double adjacentA, double adjacentB, double opposite) {
  double c = (adjacentA * adjacentA + adjacentB * adjacentB - opposite * opposite) / (2.0 * adjacentA * adjacentB);
  return std::acos(std::clamp(c, -1.0, 1.0));
}

uint32_t findRoot(std::vector<uint32_t>& parent, uint32_t v) {
  while (parent[v] != v) {
    parent[v] = parent[parent[v]];
    v = parent[v];
  }
  return v;
}

// Orders each saddle's corners by walking across its edges, so a pseudo-source can tell which
// directions a straight path through it could not already reach (SkinTopology::corners).
void buildFans(SkinTopology& topo) {
  std::vector<uint32_t> walked;
  for (uint32_t v = 0; v < topo.vertexCount; ++v) {
    const uint32_t begin = topo.cornerStart[v], end = topo.cornerStart[v + 1];
    if (begin == end || !topo.bends[v]) continue;
    walked.clear();
    uint32_t corner = topo.corners[begin];
    double angle = 0.0, total = 0.0;
    int8_t sign = 1;
    bool closed = false;
    while (walked.size() <= end - begin) {
      walked.push_back(corner | (sign < 0 ? SkinTopology::kCornerReversed : 0u));
      const uint32_t f = faceOf(corner), c = cornerOf(corner);
      // Leave through the edge at the far side of the corner in walking direction.
      const uint32_t exitEdge = sign > 0 ? f * 3 + (c + 2) % 3 : f * 3 + c;
      const double exitAngle = sign > 0 ? angle + topo.cornerAngle(corner) : angle;
      const uint32_t twin = topo.twins[exitEdge];
      if (twin == kNone) break;
      const uint32_t g = faceOf(twin), m = cornerOf(twin);
      // The twin edge is m (v -> next) or it ends at v, which makes v corner (m + 1) % 3.
      const bool startsAtV = topo.faces[g][m] == v;
      const uint32_t next = g * 3 + (startsAtV ? m : (m + 1) % 3);
      if (next == topo.corners[begin]) {
        closed = startsAtV;  // back at the start through its first edge, at angle 0 == total
        total = exitAngle;
        break;
      }
      corner = next;
      if (startsAtV) {  // entering across g's first edge at v
        angle = exitAngle;
        sign = 1;
      } else {  // entering across g's second edge: its first edge lies a corner further on
        angle = exitAngle + topo.cornerAngle(corner);
        sign = -1;
      }
    }
    // A border or non-manifold bend vertex emits everywhere and keeps its corners as they are.
    if (!closed || walked.size() != end - begin || !(total > 0.0)) continue;
    std::copy(walked.begin(), walked.end(), topo.corners.begin() + begin);
    topo.bends[v] = SkinTopology::kBendShadow;
  }
}

}  // namespace

namespace {

template <class T>
size_t heapBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

double SkinTopology::cornerAngle(uint32_t halfEdge) const {
  const uint32_t f = faceOf(halfEdge), c = cornerOf(halfEdge);
  return geodesic_detail::cornerAngle(length(f, c), length(f, (c + 2) % 3), length(f, (c + 1) % 3));
}

size_t SkinTopology::bytes() const {
  return heapBytes(faces) + heapBytes(edgeLengths) + heapBytes(twins) + heapBytes(bends) + heapBytes(onSkin) +
         heapBytes(cornerStart) + heapBytes(corners) + heapBytes(meanEdgeLength) + heapBytes(component) +
         heapBytes(skinParts) + heapBytes(skippedTriangles);
}

uint32_t SkinTopology::faceOfMeshTriangle(uint32_t triangle) const {
  // Parts are few; a later part holding the triangle wins, as it did when this was a table.
  uint32_t face = kNone;
  for (const SkinPart& part : skinParts) {
    if (triangle < part.firstTriangle || triangle - part.firstTriangle >= part.triangleCount) continue;
    const auto skipBegin = skippedTriangles.begin() + part.firstSkipped;
    const auto skipEnd = skipBegin + part.skippedCount;
    const auto skip = std::lower_bound(skipBegin, skipEnd, triangle);
    if (skip != skipEnd && *skip == triangle) {
      face = kNone;
      continue;
    }
    face = part.firstFace + (triangle - part.firstTriangle) - uint32_t(skip - skipBegin);
  }
  return face;
}

void layoutFace(const SkinTopology& topo, uint32_t face, uint32_t k, glm::dvec2 out[3]) {
  const double base = topo.length(face, k);
  const double fromFirst = topo.length(face, (k + 2) % 3);   // corner k .. third corner
  const double fromSecond = topo.length(face, (k + 1) % 3);  // corner k+1 .. third corner
  const double x = base > 0.0 ? (base * base + fromFirst * fromFirst - fromSecond * fromSecond) / (2.0 * base) : 0.0;
  // A sliver still gets a positive height so rays through it stay well defined.
  const double y = std::sqrt(std::max(fromFirst * fromFirst - x * x, 1e-24));
  out[k] = {0.0, 0.0};
  out[(k + 1) % 3] = {base, 0.0};
  out[(k + 2) % 3] = {x, y};
}

namespace {

// The skin parts' triangles with three distinct corners, part by part, noting the others.
void collectSkinFaces(const Mesh& mesh, SkinTopology& topo) {
  for (const MeshPart& part : mesh.parts) {
    if (!part.isSkin) continue;
    SkinTopology::SkinPart skin{part.firstTriangle, part.triangleCount, uint32_t(topo.faces.size()),
                                uint32_t(topo.skippedTriangles.size()), 0};
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      const glm::uvec3& tri = mesh.triangles[t];
      if (tri.x == tri.y || tri.y == tri.z || tri.z == tri.x) {
        topo.skippedTriangles.push_back(t);
        ++skin.skippedCount;
        continue;
      }
      topo.faces.push_back(tri);
    }
    topo.skinParts.push_back(skin);
  }
}

void measureEdges(const Mesh& mesh, SkinTopology& topo) {
  const auto faceCount = static_cast<uint32_t>(topo.faces.size());
  topo.edgeLengths.resize(faceCount);
  for (uint32_t f = 0; f < faceCount; ++f) {
    for (uint32_t k = 0; k < 3; ++k) {
      glm::dvec3 a(mesh.positions[topo.faces[f][k]]);
      glm::dvec3 b(mesh.positions[topo.faces[f][(k + 1) % 3]]);
      topo.edgeLengths[f][k] = glm::length(b - a);
    }
  }
}

// Pairs half-edges by their undirected vertex pair; orientation is not trusted.
void pairTwins(SkinTopology& topo) {
  const auto faceCount = static_cast<uint32_t>(topo.faces.size());
  topo.twins.assign(size_t(faceCount) * 3, kNone);
  topo.bends.assign(topo.vertexCount, 0);
  std::unordered_map<uint64_t, std::vector<uint32_t>> edges;
  edges.reserve(size_t(faceCount) * 2);
  for (uint32_t f = 0; f < faceCount; ++f) {
    for (uint32_t k = 0; k < 3; ++k) {
      uint32_t a = topo.faces[f][k], b = topo.faces[f][(k + 1) % 3];
      uint64_t key = (uint64_t(std::min(a, b)) << 32) | std::max(a, b);
      edges[key].push_back(f * 3 + k);
    }
  }
  for (const auto& [key, halfEdges] : edges) {
    if (halfEdges.size() == 2) {
      topo.twins[halfEdges[0]] = halfEdges[1];
      topo.twins[halfEdges[1]] = halfEdges[0];
      continue;
    }
    // A border, or more than two faces on one edge: no unfolding across it; its ends become
    // places a path can turn around.
    (halfEdges.size() == 1 ? topo.boundaryEdges : topo.nonManifoldEdges)++;
    topo.bends[uint32_t(key >> 32)] = SkinTopology::kBendEverywhere;
    topo.bends[uint32_t(key & 0xffffffffu)] = SkinTopology::kBendEverywhere;
  }
}

// Corner lists per vertex, mean edge lengths and saddles (angle sum above 2 pi).
void listCorners(SkinTopology& topo) {
  const auto faceCount = static_cast<uint32_t>(topo.faces.size());
  topo.onSkin.assign(topo.vertexCount, 0);
  topo.cornerStart.assign(size_t(topo.vertexCount) + 1, 0);
  for (const auto& face : topo.faces)
    for (int c = 0; c < 3; ++c) topo.cornerStart[face[c] + 1]++;
  for (uint32_t v = 0; v < topo.vertexCount; ++v) topo.cornerStart[v + 1] += topo.cornerStart[v];
  topo.corners.resize(size_t(faceCount) * 3);
  std::vector<uint32_t> fill(topo.cornerStart.begin(), topo.cornerStart.end() - 1);
  std::vector<double> angleSum(topo.vertexCount, 0.0), edgeSum(topo.vertexCount, 0.0);
  std::vector<uint32_t> edgeCount(topo.vertexCount, 0);
  for (uint32_t f = 0; f < faceCount; ++f) {
    for (uint32_t c = 0; c < 3; ++c) {
      uint32_t v = topo.faces[f][c];
      topo.onSkin[v] = 1;
      topo.corners[fill[v]++] = f * 3 + c;
      double out = topo.length(f, c), in = topo.length(f, (c + 2) % 3), across = topo.length(f, (c + 1) % 3);
      angleSum[v] += cornerAngle(out, in, across);
      // Each interior edge is seen from two faces; averaging both is still the mean length.
      edgeSum[v] += out + in;
      edgeCount[v] += 2;
    }
  }
  topo.meanEdgeLength.assign(topo.vertexCount, 0.0f);
  for (uint32_t v = 0; v < topo.vertexCount; ++v) {
    if (!topo.onSkin[v]) continue;
    topo.meanEdgeLength[v] = static_cast<float>(edgeSum[v] / edgeCount[v]);
    if (angleSum[v] > 2.0 * std::numbers::pi * (1.0 + 1e-9)) {
      if (!topo.bends[v]) topo.saddleVertices++;
      topo.bends[v] = SkinTopology::kBendEverywhere;  // kBendShadow once its fan is known closed
    }
  }
}

// Components, so unreachable vertices are known without a search.
void labelComponents(SkinTopology& topo) {
  std::vector<uint32_t> parent(topo.vertexCount);
  for (uint32_t v = 0; v < topo.vertexCount; ++v) parent[v] = v;
  for (const auto& face : topo.faces) {
    uint32_t r0 = findRoot(parent, face[0]);
    for (int c = 1; c < 3; ++c) {
      uint32_t r = findRoot(parent, face[c]);
      if (r != r0) parent[r] = r0;
    }
  }
  topo.component.assign(topo.vertexCount, kNone);
  for (uint32_t v = 0; v < topo.vertexCount; ++v)
    if (topo.onSkin[v]) topo.component[v] = findRoot(parent, v);
}

}  // namespace

SkinTopology buildSkinTopology(const Mesh& mesh) {
  SkinTopology topo;
  topo.vertexCount = static_cast<uint32_t>(mesh.vertexCount());
  collectSkinFaces(mesh, topo);
  measureEdges(mesh, topo);
  pairTwins(topo);
  listCorners(topo);
  buildFans(topo);
  labelComponents(topo);
  return topo;
}

}  // namespace mesomap::geodesic_detail
