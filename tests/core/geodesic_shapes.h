#pragma once
// Procedural meshes with known geodesic distances, for the geodesic tests: a jittered plane
// (Euclidean), an icosphere (great circle) and an open prism "cylinder" (unrolled strip).
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numbers>
#include <queue>
#include <random>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.h"

namespace mesomap::test {

inline Mesh finishMesh(std::vector<glm::vec3> positions, std::vector<glm::uvec3> triangles) {
  Mesh mesh;
  mesh.positions = std::move(positions);
  mesh.triangles = std::move(triangles);
  mesh.parts.push_back({"skin", 0, uint32_t(mesh.triangles.size()), true, glm::vec3(0.8f)});
  mesh.recomputeNormals();
  return mesh;
}

// Square [0, size]^2 in the z = 0 plane, n x n vertices; interior vertices jittered in the plane
// and diagonals alternating, so no direction is favoured by the grid.
inline Mesh makePlane(int n, float size, uint32_t seed = 1) {
  std::mt19937 rng(seed);
  const float step = size / float(n - 1);
  std::uniform_real_distribution<float> jitter(-0.25f * step, 0.25f * step);
  std::vector<glm::vec3> positions;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      glm::vec3 p(i * step, j * step, 0.0f);
      if (i > 0 && j > 0 && i < n - 1 && j < n - 1) p += glm::vec3(jitter(rng), jitter(rng), 0.0f);
      positions.push_back(p);
    }
  }
  std::vector<glm::uvec3> triangles;
  for (int j = 0; j + 1 < n; ++j) {
    for (int i = 0; i + 1 < n; ++i) {
      const uint32_t a = j * n + i, b = a + 1, c = a + n, d = c + 1;
      if ((i + j) % 2 == 0) {
        triangles.push_back({a, b, d});
        triangles.push_back({a, d, c});
      } else {
        triangles.push_back({a, b, c});
        triangles.push_back({b, d, c});
      }
    }
  }
  return finishMesh(std::move(positions), std::move(triangles));
}

// makePlane lifted into hills and hollows (z = height * sin(x) sin(y), `bumps` periods across):
// saddles between them, convex hilltops, and border vertices, so every kind of vertex the
// geodesic solver treats differently.
inline Mesh makeBumpyPlane(int n, float size, int bumps, float height) {
  Mesh mesh = makePlane(n, size);
  const float k = 2.0f * float(std::numbers::pi) * float(bumps) / size;
  for (glm::vec3& p : mesh.positions) p.z = height * std::sin(k * p.x) * std::sin(k * p.y);
  mesh.recomputeNormals();
  return mesh;
}

// Icosahedron subdivided `levels` times, vertices pushed onto the sphere of `radius`.
inline Mesh makeSphere(int levels, float radius) {
  const float t = (1.0f + std::sqrt(5.0f)) / 2.0f;
  std::vector<glm::vec3> positions = {{-1, t, 0},  {1, t, 0},  {-1, -t, 0}, {1, -t, 0}, {0, -1, t},  {0, 1, t},
                                      {0, -1, -t}, {0, 1, -t}, {t, 0, -1},  {t, 0, 1},  {-t, 0, -1}, {-t, 0, 1}};
  std::vector<glm::uvec3> triangles = {{0, 11, 5}, {0, 5, 1},  {0, 1, 7},   {0, 7, 10}, {0, 10, 11},
                                       {1, 5, 9},  {5, 11, 4}, {11, 10, 2}, {10, 7, 6}, {7, 1, 8},
                                       {3, 9, 4},  {3, 4, 2},  {3, 2, 6},   {3, 6, 8},  {3, 8, 9},
                                       {4, 9, 5},  {2, 4, 11}, {6, 2, 10},  {8, 6, 7},  {9, 8, 1}};
  for (auto& p : positions) p = glm::normalize(p);
  for (int level = 0; level < levels; ++level) {
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> midpoints;
    const auto midpoint = [&](uint32_t a, uint32_t b) {
      const auto key = std::minmax(a, b);
      auto [it, inserted] = midpoints.try_emplace({key.first, key.second}, uint32_t(positions.size()));
      if (inserted) positions.push_back(glm::normalize(positions[a] + positions[b]));
      return it->second;
    };
    std::vector<glm::uvec3> finer;
    for (const auto& tri : triangles) {
      const uint32_t ab = midpoint(tri.x, tri.y), bc = midpoint(tri.y, tri.z), ca = midpoint(tri.z, tri.x);
      finer.push_back({tri.x, ab, ca});
      finer.push_back({tri.y, bc, ab});
      finer.push_back({tri.z, ca, bc});
      finer.push_back({ab, bc, ca});
    }
    triangles = std::move(finer);
  }
  for (auto& p : positions) p *= radius;
  return finishMesh(std::move(positions), std::move(triangles));
}

// Open prism approximating a cylinder along y: `around` vertices per ring, `rings` rings. Its
// geodesics are straight lines of the unrolled strip, whose width per facet is the chord.
struct Cylinder {
  Mesh mesh;
  int around = 0;
  float radius = 0.0f;
  float ringStep = 0.0f;
  uint32_t vertex(int ring, int k) const { return uint32_t(ring * around + ((k % around) + around) % around); }
  // Exact distance on the prism between two of its vertices.
  double unrolled(int ringA, int kA, int ringB, int kB) const {
    int steps = std::abs(kA - kB) % around;
    steps = std::min(steps, around - steps);
    const double chord = 2.0 * radius * std::sin(std::numbers::pi / around);
    return std::hypot(steps * chord, double(ringA - ringB) * ringStep);
  }
};

inline Cylinder makeCylinder(int around, int rings, float radius, float height) {
  Cylinder c;
  c.around = around;
  c.radius = radius;
  c.ringStep = height / float(rings - 1);
  std::vector<glm::vec3> positions;
  for (int r = 0; r < rings; ++r) {
    for (int k = 0; k < around; ++k) {
      const double a = 2.0 * std::numbers::pi * k / around;
      positions.push_back({radius * float(std::cos(a)), r * c.ringStep, radius * float(std::sin(a))});
    }
  }
  std::vector<glm::uvec3> triangles;
  for (int r = 0; r + 1 < rings; ++r) {
    for (int k = 0; k < around; ++k) {
      const uint32_t a = c.vertex(r, k), b = c.vertex(r, k + 1), d = c.vertex(r + 1, k), e = c.vertex(r + 1, k + 1);
      triangles.push_back({a, d, b});
      triangles.push_back({b, d, e});
    }
  }
  c.mesh = finishMesh(std::move(positions), std::move(triangles));
  return c;
}

// Shortest paths along mesh edges only: the baseline the solver must beat.
inline std::vector<double> edgeDijkstra(const Mesh& mesh, uint32_t source) {
  std::vector<std::vector<std::pair<uint32_t, double>>> adjacent(mesh.vertexCount());
  for (const auto& t : mesh.triangles) {
    for (int c = 0; c < 3; ++c) {
      const uint32_t a = t[c], b = t[(c + 1) % 3];
      const double len = glm::length(glm::dvec3(mesh.positions[a]) - glm::dvec3(mesh.positions[b]));
      adjacent[a].emplace_back(b, len);
      adjacent[b].emplace_back(a, len);
    }
  }
  std::vector<double> dist(mesh.vertexCount(), std::numeric_limits<double>::infinity());
  using Item = std::pair<double, uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  dist[source] = 0.0;
  queue.push({0.0, source});
  while (!queue.empty()) {
    const auto [d, v] = queue.top();
    queue.pop();
    if (d > dist[v]) continue;
    for (const auto& [w, len] : adjacent[v]) {
      if (d + len < dist[w]) {
        dist[w] = d + len;
        queue.push({dist[w], w});
      }
    }
  }
  return dist;
}

}  // namespace mesomap::test
