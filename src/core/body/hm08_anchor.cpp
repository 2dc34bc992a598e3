#include "core/body/hm08_anchor.h"

#include <algorithm>

namespace mesomap {

Hm08Topology::Hm08Topology(std::vector<uint32_t> hm08OfVertex) : hm08OfVertex_(std::move(hm08OfVertex)) {
  vertexOfHm08_.reserve(hm08OfVertex_.size());
  for (uint32_t v = 0; v < hm08OfVertex_.size(); ++v) vertexOfHm08_.emplace(hm08OfVertex_[v], v);
}

std::optional<glm::dvec3> Hm08Topology::positionMm(const Mesh& mesh, const Hm08Anchor& anchor) const {
  glm::dvec3 metres(0.0);
  for (int k = 0; k < 3; ++k) {
    const auto vertex = vertexOf(anchor.vertices[k]);
    if (!vertex || *vertex >= mesh.positions.size()) return std::nullopt;
    metres += anchor.weights[k] * glm::dvec3(mesh.positions[*vertex]);
  }
  return metres * 1000.0;
}

std::optional<uint32_t> Hm08Topology::vertexOf(uint32_t hm08) const {
  const auto found = vertexOfHm08_.find(hm08);
  if (found == vertexOfHm08_.end()) return std::nullopt;
  return found->second;
}

Hm08Anchor Hm08Topology::anchorAt(const Mesh& mesh, uint32_t triangle, double u, double v) const {
  const glm::uvec3 t = mesh.triangles[triangle];
  // Float picks can leave -1e-8 at an edge: weights are clamped and summed back to one.
  glm::dvec3 weights = glm::max(glm::dvec3(1.0 - u - v, u, v), glm::dvec3(0.0));
  weights /= weights.x + weights.y + weights.z;
  return Hm08Anchor{{hm08OfVertex_[t.x], hm08OfVertex_[t.y], hm08OfVertex_[t.z]}, weights};
}

}  // namespace mesomap
