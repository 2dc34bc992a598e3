#pragma once
// The window propagation's event queue: a 4-ary min-heap on `Item::key`. Half the depth of a
// binary heap and four children on one cache line or two, so a pop (most of the queue's
// cost) touches fewer lines than std::pop_heap; pops and pushes move a hole instead of
// swapping. Items with equal keys come out in an unspecified order.
#include <cstddef>
#include <vector>

namespace mesomap::geodesic_detail {

template <class Item>
class QuaternaryHeap {
 public:
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  size_t capacity() const { return items_.capacity(); }
  void clear() { items_.clear(); }
  // Frees the storage (clear() keeps it for the next run).
  void release() { std::vector<Item>().swap(items_); }
  const Item& top() const { return items_.front(); }

  void push(const Item& item) {
    size_t i = items_.size();
    items_.push_back(item);
    while (i > 0) {
      const size_t parent = (i - 1) / 4;
      if (!(item.key < items_[parent].key)) break;
      items_[i] = items_[parent];
      i = parent;
    }
    items_[i] = item;
  }

  // Removes and returns the item with the smallest key. The heap must not be empty.
  Item pop() {
    const Item top = items_.front();
    const Item last = items_.back();
    items_.pop_back();
    const size_t size = items_.size();
    if (size == 0) return top;
    size_t i = 0;
    for (;;) {
      const size_t first = 4 * i + 1;
      if (first >= size) break;
      const size_t best = first + 4 <= size ? smallestOfFour(first) : smallestOfFew(first, size);
      if (!(items_[best].key < last.key)) break;
      items_[i] = items_[best];
      i = best;
    }
    items_[i] = last;
    return top;
  }

 private:
  // The first child with the smallest key among items_[first .. first + 3], as a left-to-right
  // scan finds it, compared in pairs so the compiler can pick with conditional moves: which
  // child is smallest is a coin toss the branch predictor mostly loses.
  size_t smallestOfFour(size_t first) const {
    const Item* c = items_.data() + first;
    const size_t left = c[1].key < c[0].key ? 1 : 0;
    const size_t right = c[3].key < c[2].key ? 3 : 2;
    return first + (c[right].key < c[left].key ? right : left);
  }
  size_t smallestOfFew(size_t first, size_t size) const {
    size_t best = first;
    for (size_t c = first + 1; c < size; ++c)
      if (items_[c].key < items_[best].key) best = c;
    return best;
  }

  std::vector<Item> items_;
};

}  // namespace mesomap::geodesic_detail
