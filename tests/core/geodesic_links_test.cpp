#include "core/geometry/geodesic_links.h"

#include <cstring>

#include <gtest/gtest.h>

namespace mesomap::geodesic_detail {
namespace {

// Vertex 0: near targets; 1: none; 2: targets 70,000 apart (too far for 16-bit offsets);
// 3: one target below its base vertex; 4: the extreme span that still fits (65,535).
LinkGraph sampleGraph() {
  LinkGraph g;
  const std::vector<std::vector<Link>> lists = {
      {{1, 0.5f}, {7, 1.25f}, {300, 0.015625f}}, {}, {{2, 3.0f}, {70002, 0.1f}, {70003, 1e-7f}}, {{0, 2.5f}},
      {{100, 0.25f}, {100 + 65535, 4.0f}},
  };
  g.start.push_back(0);
  for (const auto& list : lists) {
    g.links.insert(g.links.end(), list.begin(), list.end());
    g.start.push_back(uint32_t(g.links.size()));
  }
  return g;
}

bool sameBits(float a, float b) { return std::memcmp(&a, &b, sizeof(float)) == 0; }

TEST(CompactLinks, ExpandGivesBackEveryLinkBitForBit) {
  const LinkGraph graph = sampleGraph();
  const CompactLinks compact(graph);
  EXPECT_EQ(compact.vertexCount(), 5u);
  EXPECT_EQ(compact.linkCount(), 9u);
  EXPECT_EQ(compact.wideLists(), 1u);  // only vertex 2's targets span more than 16 bits
  const LinkGraph back = compact.expand();
  EXPECT_EQ(back.start, graph.start);
  ASSERT_EQ(back.links.size(), graph.links.size());
  for (size_t i = 0; i < graph.links.size(); ++i) {
    EXPECT_EQ(back.links[i].target, graph.links[i].target) << "link " << i;
    EXPECT_TRUE(sameBits(back.links[i].length, graph.links[i].length)) << "link " << i;
  }
}

TEST(CompactLinks, ForEachVisitsOneVertexsLinksInOrder) {
  const CompactLinks compact(sampleGraph());
  std::vector<std::pair<uint32_t, float>> seen;
  const auto collect = [&](uint32_t v) {
    seen.clear();
    compact.forEach(v, [&](uint32_t target, float length) { seen.emplace_back(target, length); });
    return seen;
  };
  EXPECT_EQ(collect(0), (std::vector<std::pair<uint32_t, float>>{{1, 0.5f}, {7, 1.25f}, {300, 0.015625f}}));
  EXPECT_TRUE(collect(1).empty());
  EXPECT_EQ(collect(2), (std::vector<std::pair<uint32_t, float>>{{2, 3.0f}, {70002, 0.1f}, {70003, 1e-7f}}));
  EXPECT_EQ(collect(3), (std::vector<std::pair<uint32_t, float>>{{0, 2.5f}}));
  EXPECT_EQ(collect(4), (std::vector<std::pair<uint32_t, float>>{{100, 0.25f}, {65635, 4.0f}}));
}

TEST(CompactLinks, NearTargetsTakeSixBytesALink) {
  // 1,000 vertices, each linking to its 30 following neighbours: all offsets fit 16 bits.
  LinkGraph graph;
  graph.start.push_back(0);
  for (uint32_t v = 0; v < 1000; ++v) {
    for (uint32_t k = 1; k <= 30; ++k) graph.links.push_back({v + k, float(k) * 0.01f});
    graph.start.push_back(uint32_t(graph.links.size()));
  }
  const CompactLinks compact(graph);
  EXPECT_EQ(compact.wideLists(), 0u);
  // 6 bytes a link plus 8 a vertex, against 8 a link plus 4 a vertex in the plain graph.
  EXPECT_EQ(compact.bytes(), 30000u * 6u + 1001u * 4u + 1000u * 4u);
}

TEST(CompactLinks, AnEmptyGraphHoldsNothing) {
  const CompactLinks compact(LinkGraph{{0}, {}});
  EXPECT_EQ(compact.vertexCount(), 0u);
  EXPECT_EQ(compact.linkCount(), 0u);
  EXPECT_EQ(compact.expand().start, std::vector<uint32_t>{0});
}

}  // namespace
}  // namespace mesomap::geodesic_detail
