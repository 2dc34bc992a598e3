#pragma once
// The geodesic solver's link graph as it is held in memory between queries: 6 bytes a link
// instead of 8. A vertex links only to vertices a few edges away, and the lists are sorted by
// target, so each list stores one 32-bit base and 16-bit offsets from it; a list whose targets
// span 65,536 or more (a mesh numbered without locality) keeps full 32-bit targets on the side.
// Lengths stay 32-bit floats: the same values, bit for bit, as the graph it was made from.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mesomap::geodesic_detail {

struct Link {
  uint32_t target;
  float length;
};

// Links in CSR form: vertex v's links are links[start[v] .. start[v + 1]). The build's output
// and the disk cache's format.
struct LinkGraph {
  std::vector<uint32_t> start;
  std::vector<Link> links;
};

class CompactLinks {
 public:
  CompactLinks() = default;
  // `graph` must be well formed (start non-decreasing, start.back() == links.size()).
  explicit CompactLinks(const LinkGraph& graph);

  // The graph it was made from, link for link.
  LinkGraph expand() const;

  size_t vertexCount() const { return base_.size(); }
  size_t linkCount() const { return lengths_.size(); }
  // How many lists needed full 32-bit targets.
  size_t wideLists() const { return wideLists_; }
  // Heap bytes held.
  size_t bytes() const;

  // Calls visit(target, length) for each of v's links, in stored order.
  template <class Visit>
  void forEach(uint32_t v, Visit&& visit) const {
    const uint32_t begin = start_[v], end = start_[v + 1];
    const uint32_t base = base_[v];
    if (base & kWide) {
      const uint32_t* targets = wide_.data() + (base & ~kWide);
      for (uint32_t i = begin; i < end; ++i) visit(targets[i - begin], lengths_[i]);
      return;
    }
    for (uint32_t i = begin; i < end; ++i) visit(base + offsets_[i], lengths_[i]);
  }

 private:
  static constexpr uint32_t kWide = 0x80000000u;  // base_ flag: targets in wide_ from (base & ~kWide)

  std::vector<uint32_t> start_;    // per vertex + 1: first link
  std::vector<uint32_t> base_;     // per vertex: smallest target, or kWide | offset into wide_
  std::vector<uint16_t> offsets_;  // per link: target - base (unused in wide lists)
  std::vector<float> lengths_;     // per link
  std::vector<uint32_t> wide_;
  size_t wideLists_ = 0;
};

}  // namespace mesomap::geodesic_detail
