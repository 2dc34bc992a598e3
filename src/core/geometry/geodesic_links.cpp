#include "core/geometry/geodesic_links.h"

#include <algorithm>
#include <stdexcept>

namespace mesomap::geodesic_detail {

CompactLinks::CompactLinks(const LinkGraph& graph) {
  const size_t n = graph.start.empty() ? 0 : graph.start.size() - 1;
  start_ = graph.start;
  base_.assign(n, 0);
  offsets_.assign(graph.links.size(), 0);
  lengths_.resize(graph.links.size());
  for (size_t i = 0; i < graph.links.size(); ++i) lengths_[i] = graph.links[i].length;
  for (size_t v = 0; v < n; ++v) {
    const uint32_t begin = graph.start[v], end = graph.start[v + 1];
    if (begin == end) continue;
    uint32_t low = graph.links[begin].target, high = low;
    for (uint32_t i = begin; i < end; ++i) {
      low = std::min(low, graph.links[i].target);
      high = std::max(high, graph.links[i].target);
    }
    if (high - low <= 0xffffu) {
      base_[v] = low;
      for (uint32_t i = begin; i < end; ++i) offsets_[i] = uint16_t(graph.links[i].target - low);
      continue;
    }
    if (wide_.size() >= kWide) throw std::length_error("geodesic links: too many far-numbered links");
    base_[v] = kWide | uint32_t(wide_.size());
    for (uint32_t i = begin; i < end; ++i) wide_.push_back(graph.links[i].target);
    ++wideLists_;
  }
  wide_.shrink_to_fit();
}

LinkGraph CompactLinks::expand() const {
  LinkGraph graph;
  graph.start = start_;
  graph.links.reserve(lengths_.size());
  for (uint32_t v = 0; v < base_.size(); ++v)
    forEach(v, [&](uint32_t target, float length) { graph.links.push_back({target, length}); });
  return graph;
}

size_t CompactLinks::bytes() const {
  return start_.capacity() * sizeof(uint32_t) + base_.capacity() * sizeof(uint32_t) +
         offsets_.capacity() * sizeof(uint16_t) + lengths_.capacity() * sizeof(float) +
         wide_.capacity() * sizeof(uint32_t);
}

}  // namespace mesomap::geodesic_detail
