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

// The order among equal keys steers which windows the propagation keeps, so it is part of
// what the link cache promises bit for bit: it must stay that of a heap whose pop takes the
// first smallest child in a left-to-right scan.
class ScanHeap {
 public:
  void push(const Item& item) {
    size_t i = items_.size();
    items_.push_back(item);
    for (; i > 0 && item.key < items_[(i - 1) / 4].key; i = (i - 1) / 4) items_[i] = items_[(i - 1) / 4];
    items_[i] = item;
  }
  Item pop() {
    const Item top = items_.front(), last = items_.back();
    items_.pop_back();
    size_t i = 0;
    while (!items_.empty() && 4 * i + 1 < items_.size()) {
      size_t best = 4 * i + 1;
      for (size_t c = best + 1; c < std::min(4 * i + 5, items_.size()); ++c)
        if (items_[c].key < items_[best].key) best = c;
      if (!(items_[best].key < last.key)) break;
      items_[i] = items_[best];
      i = best;
    }
    if (!items_.empty()) items_[i] = last;
    return top;
  }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Item> items_;
};

TEST(QuaternaryHeap, TiesComeOutInTheOrderOfAFirstSmallestChildScan) {
  std::mt19937 rng(11);
  QuaternaryHeap<Item> heap;
  ScanHeap reference;
  unsigned next = 0;
  size_t popped = 0;
  for (int round = 0; round < 5000; ++round) {
    for (int p = int(rng() % 4); p > 0; --p) {
      const Item item{double(rng() % 6), next++};  // mostly ties
      heap.push(item);
      reference.push(item);
    }
    if (rng() % 2 == 0 && !heap.empty()) {
      ASSERT_EQ(heap.pop().id, reference.pop().id) << "pop " << popped;
      ++popped;
    }
  }
  while (!heap.empty()) ASSERT_EQ(heap.pop().id, reference.pop().id);
  EXPECT_TRUE(reference.empty());
  EXPECT_GT(popped, 2000u);
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
