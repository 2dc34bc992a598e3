#include "core/geometry/geodesic_queue.h"

#include <algorithm>
#include <random>

#include <gtest/gtest.h>

namespace mesomap::geodesic_detail {
namespace {

struct Item {
  double key;
  unsigned id;
};

TEST(QuaternaryHeap, PopsInKeyOrderWhileItemsArrive) {
  // Interleaved pushes and pops, as a propagation does, against a sorted reference.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  QuaternaryHeap<Item> heap;
  std::vector<double> reference;
  unsigned next = 0;
  for (int round = 0; round < 2000; ++round) {
    const int pushes = int(rng() % 4);
    for (int p = 0; p < pushes; ++p) {
      const double key = std::floor(unit(rng) * 500.0) / 8.0;  // many ties
      heap.push({key, next++});
      reference.push_back(key);
    }
    if (rng() % 3 == 0 && !heap.empty()) {
      const auto smallest = std::min_element(reference.begin(), reference.end());
      ASSERT_EQ(heap.top().key, *smallest);
      ASSERT_EQ(heap.pop().key, *smallest);
      reference.erase(smallest);
    }
    ASSERT_EQ(heap.size(), reference.size());
  }
  std::sort(reference.begin(), reference.end());
  for (double key : reference) ASSERT_EQ(heap.pop().key, key);
  EXPECT_TRUE(heap.empty());
}

TEST(QuaternaryHeap, EveryItemComesOutOnce) {
  QuaternaryHeap<Item> heap;
  for (unsigned i = 0; i < 100; ++i) heap.push({double((i * 37) % 10), i});
  std::vector<unsigned> ids;
  double last = -1.0;
  while (!heap.empty()) {
    const Item item = heap.pop();
    EXPECT_GE(item.key, last);
    last = item.key;
    ids.push_back(item.id);
  }
  std::sort(ids.begin(), ids.end());
  for (unsigned i = 0; i < 100; ++i) EXPECT_EQ(ids[i], i);
}

TEST(QuaternaryHeap, ClearKeepsStorageAndReleaseFreesIt) {
  QuaternaryHeap<Item> heap;
  for (unsigned i = 0; i < 1000; ++i) heap.push({double(i), i});
  heap.clear();
  EXPECT_TRUE(heap.empty());
  EXPECT_GE(heap.capacity(), 1000u);
  heap.push({2.0, 1});
  heap.push({1.0, 2});
  EXPECT_EQ(heap.pop().id, 2u);
  heap.release();
  EXPECT_EQ(heap.capacity(), 0u);
}

}  // namespace
}  // namespace mesomap::geodesic_detail
