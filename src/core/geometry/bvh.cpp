#include "core/geometry/bvh.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <future>
#include <new>
#include <stdexcept>
#include <thread>

#include "core/base/aligned_memory.h"
#include "core/base/simd4.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace mesomap {

using simd::Float4;
using simd::Mask4;

namespace {

constexpr uint32_t kLeafBit = 0x80000000u;
// Set in a node's reference when it has more than four children (its second box group is used).
constexpr uint32_t kWideBit = 0x40000000u;
constexpr uint32_t kEmptyRef = 0xffffffffu;
// Eight children per node: half the levels of a 4-wide tree, so half the dependent memory
// fetches per ray on big meshes, for the cost of testing the boxes as two groups of four.
constexpr int kWidth = 8;
constexpr int kGroups = kWidth / 4;
constexpr int kMaxLeafTriangles = 4;  // one packet of four lanes per leaf
constexpr int kStackSize = 512;       // >= (kWidth - 1) pushes per level times the depth bound below
constexpr int kSahDepthLimit = 48;    // deeper than this, splits halve the range: depth stays bounded
constexpr float kInf = std::numeric_limits<float>::infinity();
// Slab distances are rounded; widening the far distance by 2 * gamma(3) keeps a box test from
// rejecting a triangle it contains (Ize, "Robust BVH ray traversal", JCGT 2013).
constexpr float kRobustFar = 1.0f + 2.0f * (3.0f * 0x1p-24f) / (1.0f - 3.0f * 0x1p-24f);

uint32_t kindBits(bool isSkin) { return static_cast<uint32_t>(isSkin ? PartFilter::Skin : PartFilter::NonSkin); }

// Tree storage. Big arrays sit on 2 MiB boundaries and ask Linux for transparent huge pages:
// a ray on a million-triangle mesh visits a dozen scattered cache lines, and with 4 KiB pages
// nearly each would also miss the TLB. Elsewhere this is a plain aligned allocation.
template <class T>
T* allocateLarge(size_t count) {
  constexpr size_t kHugePage = size_t(2) << 20;
  const size_t alignment = count * sizeof(T) >= kHugePage ? kHugePage : 64;
  const size_t bytes = (std::max<size_t>(count * sizeof(T), 1) + alignment - 1) / alignment * alignment;
  void* p = allocateAligned(alignment, bytes);
  if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (alignment == kHugePage) madvise(p, bytes, MADV_HUGEPAGE);
#endif
  return static_cast<T*>(p);
}

// Slab tests divide by the direction; a zero component would turn 0 * inf into NaN.
float nonZero(float x) { return std::abs(x) < 1e-30f ? std::copysign(1e-30f, x) : x; }

}  // namespace

// The children's boxes in groups of four, each as rows [minX, maxX, minY, maxY, minZ, maxZ] of
// four lanes, so one SIMD operation handles a slab of four children; empty lanes hold an
// inverted (never hit) box. Children first: a node of up to four children (the bodies average 4.2 per node)
// lies in its first two cache lines, and only those are fetched (kWideBit says which nodes
// need all four).
struct alignas(64) Bvh::Node {
  uint32_t child[kWidth];  // node index (| kWideBit), kLeafBit | packet index, or kEmptyRef
  float bounds[kGroups][6][4];
};

// Up to four triangles of one leaf, lane by lane; unused lanes are degenerate at the origin
// and belong to no part. Normals are not stored: only the rare packet that the ray's line
// crosses needs them, and a smaller packet is fetched faster.
struct alignas(32) Bvh::TrianglePacket {
  float a[3][4];
  float b[3][4];
  float c[3][4];
  uint32_t triangle[4];
  uint32_t kind[4];  // PartFilter bits; 0 in unused lanes
};

// The vertex normals of a packet's triangles, in the packet's order: a hit's interpolated
// normal then costs one fetch next to what the walk already touched (prefetched when the hit
// is found), not an index lookup and three scattered vertex reads. Lane by lane, so one
// lane's nine floats span at most two cache lines.
struct alignas(16) Bvh::PacketNormals {
  float lane[4][9];  // normals at a, b, c
};

// ---------------------------------------------------------------------------------------------
// Single-triangle routines (scalar reference for the packet code: same operations, same order).

namespace {

// Which side of each edge the ray line passes, for p = vertex - origin:
//   e_ij = d . ((p_i + p_j) x (p_j - p_i)) = 2 d . (p_i x p_j),
// proportional to the barycentric weight of the opposite vertex. Written with the sum and the
// difference it is exactly antisymmetric in (i, j), so two triangles sharing an edge see the
// same value with opposite signs (no ray slips between them), and unlike p_i x p_j it keeps
// its precision when the origin is far from a small triangle.
struct EdgeTests {
  float e12, e20, e01;  // weights of a, b, c
};

EdgeTests edgeTests(const glm::vec3& d, const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2) {
  auto tripleWithD = [&](const glm::vec3& p, const glm::vec3& q) {
    const float sx = p.x + q.x, sy = p.y + q.y, sz = p.z + q.z;
    const float ex = q.x - p.x, ey = q.y - p.y, ez = q.z - p.z;
    const float cx = sy * ez - sz * ey;
    const float cy = sz * ex - sx * ez;
    const float cz = sx * ey - sy * ex;
    return d.x * cx + d.y * cy + d.z * cz;
  };
  return {tripleWithD(p1, p2), tripleWithD(p2, p0), tripleWithD(p0, p1)};
}

template <class T>
glm::vec<2, T> closestOnTriangle(const glm::vec<3, T>& p, const glm::vec<3, T>& a, const glm::vec<3, T>& b,
                                 const glm::vec<3, T>& c) {
  using V2 = glm::vec<2, T>;
  // Voronoi regions of the vertices, then the edges, then the face (Ericson, RTCD 5.1.5).
  const auto ab = b - a, ac = c - a, ap = p - a;
  const T d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
  if (d1 <= 0 && d2 <= 0) return V2(0, 0);
  const auto bp = p - b;
  const T d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
  if (d3 >= 0 && d4 <= d3) return V2(1, 0);
  const auto cp = p - c;
  const T d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
  if (d6 >= 0 && d5 <= d6) return V2(0, 1);
  const T vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0 && d1 - d3 > 0) return V2(d1 / (d1 - d3), 0);
  const T vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0 && d2 - d6 > 0) return V2(0, d2 / (d2 - d6));
  const T va = d3 * d6 - d5 * d4;
  const T onBc = d4 - d3, onCb = d5 - d6;
  if (va <= 0 && onBc >= 0 && onCb >= 0 && onBc + onCb > 0) {
    const T w = onBc / (onBc + onCb);
    return V2(1 - w, w);
  }
  const T sum = va + vb + vc;
  if (sum > 0) return V2(vb / sum, vc / sum);
  // Degenerate (zero-area) triangle: the nearest of its three edges.
  auto onSegment = [&](const glm::vec<3, T>& s, const glm::vec<3, T>& e) {
    const auto se = e - s;
    const T len2 = glm::dot(se, se);
    return len2 > 0 ? glm::clamp(glm::dot(p - s, se) / len2, T(0), T(1)) : T(0);
  };
  const T sAb = onSegment(a, b), sAc = onSegment(a, c), sBc = onSegment(b, c);
  const V2 candidates[3] = {V2(sAb, 0), V2(0, sAc), V2(1 - sBc, sBc)};
  V2 best = candidates[0];
  T bestDistance = std::numeric_limits<T>::max();
  for (const V2& uv : candidates) {
    const auto q = a + uv.x * ab + uv.y * ac;
    const T dist = glm::dot(p - q, p - q);
    if (dist < bestDistance) bestDistance = dist, best = uv;
  }
  return best;
}

// Where the ray runs through a triangle's bounding box, by the node test's arithmetic: for
// p = vertex - origin, (min p) * inv is what a node computes for any box holding the triangle,
// or less (rounding is monotonic), and (max p) * inv as much or more.
struct BoxInterval {
  float near, far;  // far already widened by kRobustFar
};

BoxInterval boxInterval(const glm::vec3& inv, const glm::vec3& p0, const glm::vec3& p1, const glm::vec3& p2) {
  float near = -kInf, far = kInf;
  for (int axis = 0; axis < 3; ++axis) {
    const float t0 = p0[axis] * inv[axis], t1 = p1[axis] * inv[axis], t2 = p2[axis] * inv[axis];
    near = std::max(near, std::min(std::min(t0, t1), t2));
    far = std::min(far, std::max(std::max(t0, t1), t2));
  }
  return {near, far * kRobustFar};
}

}  // namespace

std::optional<TriangleHit> intersectTriangle(const Ray& ray, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c,
                                             float tMin, float tMax) {
  const glm::vec3& d = ray.direction;
  const glm::vec3 p0 = a - ray.origin, p1 = b - ray.origin, p2 = c - ray.origin;
  const EdgeTests e = edgeTests(d, p0, p1, p2);
  const bool sameSide =
      (std::min(e.e12, std::min(e.e20, e.e01)) >= 0.0f) || (std::max(e.e12, std::max(e.e20, e.e01)) <= 0.0f);
  const glm::vec3 n = glm::cross(b - a, c - a);
  const float den = d.x * n.x + d.y * n.y + d.z * n.z;
  if (!sameSide || den == 0.0f) return std::nullopt;
  // A ray nearly in the triangle's plane passes the edge tests by rounding alone, and its plane
  // distance can then lie outside the triangle, even before its box: a BVH that skips boxes
  // behind the nearest hit would miss it. Such a hit is kept only where the ray crosses the
  // triangle's box, and its distance clamped to that stretch (a real hit moves by rounding).
  const glm::vec3 inv(1.0f / nonZero(d.x), 1.0f / nonZero(d.y), 1.0f / nonZero(d.z));
  const BoxInterval box = boxInterval(inv, p0, p1, p2);
  const float t = std::min(std::max((p0.x * n.x + p0.y * n.y + p0.z * n.z) / den, box.near), box.far);
  if (!(std::max(box.near, tMin) <= box.far && t >= tMin && t < tMax)) return std::nullopt;
  const float sum = e.e12 + e.e20 + e.e01;
  if (sum == 0.0f) return TriangleHit{t, 1.0f / 3.0f, 1.0f / 3.0f};  // ray lies along the triangle
  return TriangleHit{t, e.e20 / sum, e.e01 / sum};
}

glm::vec2 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
  return closestOnTriangle(p, a, b, c);
}

glm::dvec2 closestPointOnTriangle(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c) {
  return closestOnTriangle(p, a, b, c);
}

// ---------------------------------------------------------------------------------------------
// Build: binned SAH splits, up to kWidth children per node, big subtrees built in parallel.

namespace {

struct Box {
  Float4 lo, hi;
  static Box empty() { return {Float4::broadcast(kInf), Float4::broadcast(-kInf)}; }
  void grow(const Box& b) {
    lo = min(lo, b.lo);
    hi = max(hi, b.hi);
  }
  float halfArea() const {
    alignas(16) float l[4], h[4];
    lo.store(l);
    hi.store(h);
    const float dx = h[0] - l[0], dy = h[1] - l[1], dz = h[2] - l[2];
    return dx < 0.0f ? 0.0f : dx * dy + dy * dz + dz * dx;
  }
};

// A triangle's box; its centroid (doubled) is lo + hi. The spare fourth lanes carry the
// triangle index as two exact 16-bit halves: raw index bits would often be denormal floats,
// which are slow in SIMD arithmetic.
struct alignas(32) PrimRef {
  float lo[4];
  float hi[4];
  void setTriangle(uint32_t t) {
    lo[3] = static_cast<float>(t >> 16);
    hi[3] = static_cast<float>(t & 0xffffu);
  }
  uint32_t triangle() const { return static_cast<uint32_t>(lo[3]) << 16 | static_cast<uint32_t>(hi[3]); }
  Box box() const { return {Float4::load(lo), Float4::load(hi)}; }
  Float4 centroid() const { return Float4::load(lo) + Float4::load(hi); }
};

struct Range {
  uint32_t begin = 0, end = 0;
  Box bounds = Box::empty();
  Box centroids = Box::empty();  // of doubled centroids
  uint32_t count() const { return end - begin; }
};

constexpr int kBins = 32;

// A node waiting on a traversal stack, with its distance along the ray (ray casts) or its
// squared distance from the query point (closest point).
struct StackEntry {
  uint32_t ref;
  float key;
};

// Pushes the children set in `mask` so that the nearest (smallest key) ends on top: sorted
// insertion above `top`, shared by ray casts and closest-point queries.
inline void pushNearestOnTop(StackEntry* stack, int& top, uint32_t mask, const uint32_t* children, const float* keys) {
  const int base = top;
  while (mask) {
    const int lane = std::countr_zero(mask);
    mask &= mask - 1;
    const StackEntry e{children[lane], keys[lane]};
    int k = top++;
    while (k > base && stack[k - 1].key < e.key) {
      stack[k] = stack[k - 1];
      --k;
    }
    stack[k] = e;
  }
}

}  // namespace

struct Bvh::Builder {
  const Mesh& mesh;
  const std::vector<uint8_t>& isSkin;
  const std::vector<glm::vec3>& normals;       // per vertex
  std::unique_ptr<PrimRef[], FreeLarge> refs;  // left uninitialised: every entry is written before use
  Node* nodes = nullptr;
  TrianglePacket* packets = nullptr;
  PacketNormals* packetNormals = nullptr;
  std::atomic<uint32_t> nodeCount{0};
  std::atomic<uint32_t> packetCount{0};
  std::atomic<int> maxDepth{0};
  uint32_t parallelGrain = 0;

  // SAH cost counts whole packets: a leaf of 1..4 triangles costs one packet test.
  static float blocks(uint32_t n) { return static_cast<float>((n + kMaxLeafTriangles - 1) / kMaxLeafTriangles); }

  // Splits `range` in two by binned SAH over centroids, or in halves when that fails or the
  // tree has grown deep. Reorders refs in place and returns both sides with their boxes.
  std::pair<Range, Range> split(const Range& range, int depth) {
    // Small ranges need few bins; clearing and sweeping 32 would cost more than binning them.
    const int binCount = range.count() <= 32 ? 8 : range.count() <= 512 ? 16 : kBins;
    alignas(16) float cLo[4], cHi[4];
    range.centroids.lo.store(cLo);
    range.centroids.hi.store(cHi);
    alignas(16) float scale[4] = {0, 0, 0, 0};
    for (int axis = 0; axis < 3; ++axis) {
      const float extent = cHi[axis] - cLo[axis];
      if (extent > 0.0f) scale[axis] = static_cast<float>(binCount) * 0.99999f / extent;
    }
    const Float4 origin = range.centroids.lo, scaleV = Float4::load(scale);
    const Float4 lastBin = Float4::broadcast(static_cast<float>(binCount - 1));
    auto binsOf = [&](const PrimRef& r, int32_t* out) {
      simd::truncateToInt(min((r.centroid() - origin) * scaleV, lastBin), out);
    };

    int bestAxis = -1, bestSplit = 0;
    if (depth < kSahDepthLimit && (scale[0] > 0.0f || scale[1] > 0.0f || scale[2] > 0.0f)) {
      // Two sets of bins, for even and odd references: neighbours often share a bin, and one
      // set would chain every update on the previous one.
      Box bins[2][3][kBins];
      uint32_t counts[2][3][kBins];
      for (int set = 0; set < 2; ++set)
        for (int axis = 0; axis < 3; ++axis)
          for (int k = 0; k < binCount; ++k) bins[set][axis][k] = Box::empty(), counts[set][axis][k] = 0;
      auto add = [&](int set, const PrimRef& r) {
        alignas(16) int32_t bin[4];
        binsOf(r, bin);
        const Box box = r.box();
        for (int axis = 0; axis < 3; ++axis) {
          bins[set][axis][bin[axis]].grow(box);
          ++counts[set][axis][bin[axis]];
        }
      };
      uint32_t i = range.begin;
      for (; i + 1 < range.end; i += 2) {
        add(0, refs[i]);
        add(1, refs[i + 1]);
      }
      if (i < range.end) add(0, refs[i]);

      float bestCost = kInf;
      for (int axis = 0; axis < 3; ++axis) {
        if (scale[axis] == 0.0f) continue;
        for (int k = 0; k < binCount; ++k) {
          bins[0][axis][k].grow(bins[1][axis][k]);
          counts[0][axis][k] += counts[1][axis][k];
        }
        const Box* axisBins = bins[0][axis];
        const uint32_t* axisCounts = counts[0][axis];
        float rightCost[kBins];  // area * blocks of bins [k, binCount)
        Box acc = Box::empty();
        uint32_t n = 0;
        for (int k = binCount - 1; k > 0; --k) {
          acc.grow(axisBins[k]);
          n += axisCounts[k];
          rightCost[k] = n ? acc.halfArea() * blocks(n) : 0.0f;
        }
        acc = Box::empty();
        n = 0;
        for (int k = 1; k < binCount; ++k) {
          acc.grow(axisBins[k - 1]);
          n += axisCounts[k - 1];
          if (n == 0 || n == range.count()) continue;
          const float cost = acc.halfArea() * blocks(n) + rightCost[k];
          if (cost < bestCost) bestCost = cost, bestAxis = axis, bestSplit = k;
        }
      }
    }

    Range left{range.begin, range.begin}, right{range.end, range.end};
    if (bestAxis >= 0) {
      // Partition in place, growing each side's boxes on the way. The bin is recomputed with
      // the same float operations as in binning, so both agree on every reference.
      const float axisOrigin = cLo[bestAxis], axisScale = scale[bestAxis];
      const float axisLast = static_cast<float>(binCount - 1);
      auto goesLeft = [&](const PrimRef& r) {
        const float f = std::min((r.lo[bestAxis] + r.hi[bestAxis] - axisOrigin) * axisScale, axisLast);
        return static_cast<int>(f) < bestSplit;
      };
      uint32_t i = range.begin, j = range.end;
      while (i < j) {
        if (goesLeft(refs[i])) {
          left.bounds.grow(refs[i].box());
          left.centroids.grow({refs[i].centroid(), refs[i].centroid()});
          ++i;
        } else {
          --j;
          std::swap(refs[i], refs[j]);
          right.bounds.grow(refs[j].box());
          right.centroids.grow({refs[j].centroid(), refs[j].centroid()});
        }
      }
      left.end = right.begin = i;
    } else {
      // No usable split (coincident centroids, or too deep): halve by index.
      const uint32_t mid = range.begin + range.count() / 2;
      left.end = right.begin = mid;
      for (uint32_t i = range.begin; i < range.end; ++i) {
        Range& side = i < mid ? left : right;
        side.bounds.grow(refs[i].box());
        side.centroids.grow({refs[i].centroid(), refs[i].centroid()});
      }
    }
    return {left, right};
  }

  uint32_t makeLeaf(const Range& range) {
    const uint32_t index = packetCount.fetch_add(1, std::memory_order_relaxed);
    TrianglePacket& packet = packets[index];
    PacketNormals& laneNormals = packetNormals[index];
    for (int lane = 0; lane < 4; ++lane) {
      const bool used = lane < static_cast<int>(range.count());
      const uint32_t t = used ? refs[range.begin + lane].triangle() : 0;
      glm::vec3 a(0.0f), b(0.0f), c(0.0f), na(0.0f), nb(0.0f), nc(0.0f);
      if (used) {
        const glm::uvec3& tri = mesh.triangles[t];
        a = mesh.positions[tri.x], b = mesh.positions[tri.y], c = mesh.positions[tri.z];
        na = normals[tri.x], nb = normals[tri.y], nc = normals[tri.z];
      }
      for (int axis = 0; axis < 3; ++axis) {
        packet.a[axis][lane] = a[axis];
        packet.b[axis][lane] = b[axis];
        packet.c[axis][lane] = c[axis];
        laneNormals.lane[lane][axis] = na[axis];
        laneNormals.lane[lane][3 + axis] = nb[axis];
        laneNormals.lane[lane][6 + axis] = nc[axis];
      }
      packet.triangle[lane] = used ? t : kEmptyRef;
      packet.kind[lane] = used ? kindBits(isSkin[t] != 0) : 0u;
    }
    return kLeafBit | index;
  }

  uint32_t buildNode(const Range& range, int depth) {
    int seen = maxDepth.load(std::memory_order_relaxed);
    while (depth > seen && !maxDepth.compare_exchange_weak(seen, depth)) {
    }
    if (range.count() <= kMaxLeafTriangles) return makeLeaf(range);

    // Split the widest splittable child until the node is full.
    Range children[kWidth] = {range};
    int childCount = 1;
    while (childCount < kWidth) {
      int pick = -1;
      float pickArea = -1.0f;
      for (int i = 0; i < childCount; ++i) {
        const float area = children[i].bounds.halfArea();
        if (children[i].count() > kMaxLeafTriangles && area > pickArea) pick = i, pickArea = area;
      }
      if (pick < 0) break;
      auto [left, right] = split(children[pick], depth);
      children[pick] = left;
      children[childCount++] = right;
    }

    const uint32_t index = nodeCount.fetch_add(1, std::memory_order_relaxed);
    Node& node = nodes[index];
    for (int lane = 0; lane < kWidth; ++lane) {
      alignas(16) float lo[4] = {kInf, kInf, kInf, 0}, hi[4] = {-kInf, -kInf, -kInf, 0};
      if (lane < childCount) {
        children[lane].bounds.lo.store(lo);
        children[lane].bounds.hi.store(hi);
      }
      for (int axis = 0; axis < 3; ++axis) {
        node.bounds[lane / 4][2 * axis][lane % 4] = lo[axis];
        node.bounds[lane / 4][2 * axis + 1][lane % 4] = hi[axis];
      }
      node.child[lane] = kEmptyRef;
    }

    // Big children go to other threads; this thread takes the last one itself.
    std::future<uint32_t> pending[kWidth];
    for (int i = 0; i < childCount; ++i) {
      if (parallelGrain && i + 1 < childCount && children[i].count() >= parallelGrain) {
        pending[i] =
            std::async(std::launch::async, [this, range = children[i], depth] { return buildNode(range, depth + 1); });
      } else {
        node.child[i] = buildNode(children[i], depth + 1);
      }
    }
    for (int i = 0; i < childCount; ++i)
      if (pending[i].valid()) node.child[i] = pending[i].get();
    return childCount > 4 ? index | kWideBit : index;
  }
};

void Bvh::FreeLarge::operator()(void* p) const { freeAligned(p); }

const char* bvhVectorCode() { return simd::kImplementation; }

Bvh::Bvh() = default;
Bvh::~Bvh() = default;
Bvh::Bvh(Bvh&&) noexcept = default;
Bvh& Bvh::operator=(Bvh&&) noexcept = default;

Bvh Bvh::build(const Mesh& mesh) {
  Bvh bvh;
  const size_t count = mesh.triangles.size();
  bvh.triangleCount_ = count;
  bvh.stats_.triangles = count;
  if (count == 0) return bvh;
  if (count >= kWideBit) throw std::length_error("Bvh: too many triangles");

  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  // A mesh without (valid) vertex normals gets them computed here; loaded bodies have them.
  Mesh withNormals;
  if (mesh.normals.size() != mesh.positions.size()) {
    withNormals.positions = mesh.positions;
    withNormals.triangles = mesh.triangles;
    withNormals.recomputeNormals();
  }
  const std::vector<glm::vec3>& normals = withNormals.normals.empty() ? mesh.normals : withNormals.normals;

  std::vector<uint8_t> isSkin(count, 1);
  for (const MeshPart& part : mesh.parts) {
    const size_t end = std::min<size_t>(count, size_t(part.firstTriangle) + part.triangleCount);
    for (size_t t = part.firstTriangle; t < end; ++t) isSkin[t] = part.isSkin ? 1 : 0;
  }

  Builder builder{mesh, isSkin, normals, {}, nullptr, nullptr, nullptr};
  builder.refs.reset(allocateLarge<PrimRef>(count));
  // Worst case: one leaf per triangle and one node per leaf; only touched pages cost memory.
  bvh.nodes_.reset(allocateLarge<Node>(count));
  bvh.packets_.reset(allocateLarge<TrianglePacket>(count));
  builder.nodes = bvh.nodes_.get();
  bvh.packetNormals_.reset(allocateLarge<PacketNormals>(count));
  builder.packets = bvh.packets_.get();
  builder.packetNormals = bvh.packetNormals_.get();
  builder.parallelGrain = threads > 1 ? std::max<uint32_t>(4096, static_cast<uint32_t>(count / (8 * threads))) : 0;

  // Triangle boxes, in slices per thread; each slice also returns its bounds.
  const unsigned slices = count >= 65536 ? threads : 1;
  std::vector<std::future<Range>> sliceResults;
  for (unsigned s = 0; s < slices; ++s) {
    const uint32_t begin = static_cast<uint32_t>(count * s / slices);
    const uint32_t end = static_cast<uint32_t>(count * (s + 1) / slices);
    sliceResults.push_back(std::async(s + 1 < slices ? std::launch::async : std::launch::deferred, [&builder, &mesh,
                                                                                                    begin, end] {
      Range r{begin, end};
      for (uint32_t t = begin; t < end; ++t) {
        const glm::uvec3& tri = mesh.triangles[t];
        const glm::vec3 lo = glm::min(mesh.positions[tri.x], glm::min(mesh.positions[tri.y], mesh.positions[tri.z]));
        const glm::vec3 hi = glm::max(mesh.positions[tri.x], glm::max(mesh.positions[tri.y], mesh.positions[tri.z]));
        PrimRef& ref = builder.refs[t];
        ref.lo[0] = lo.x, ref.lo[1] = lo.y, ref.lo[2] = lo.z;
        ref.hi[0] = hi.x, ref.hi[1] = hi.y, ref.hi[2] = hi.z;
        ref.setTriangle(t);
        r.bounds.grow(ref.box());
        r.centroids.grow({ref.centroid(), ref.centroid()});
      }
      return r;
    }));
  }
  Range all{0, static_cast<uint32_t>(count)};
  for (auto& f : sliceResults) {
    const Range r = f.get();
    all.bounds.grow(r.bounds);
    all.centroids.grow(r.centroids);
  }

  bvh.root_ = builder.buildNode(all, 0);
  bvh.stats_.nodes = builder.nodeCount.load();
  bvh.stats_.leaves = builder.packetCount.load();
  bvh.stats_.depth = builder.maxDepth.load();
  return bvh;
}

// ---------------------------------------------------------------------------------------------
// Queries.

void Bvh::prefetchRef(uint32_t ref) const {
  const char* p = (ref & kLeafBit) ? reinterpret_cast<const char*>(&packets_[ref & ~kLeafBit])
                                   : reinterpret_cast<const char*>(&nodes_[ref & ~kWideBit]);
  const size_t bytes = (ref & kLeafBit)   ? sizeof(TrianglePacket)
                       : (ref & kWideBit) ? sizeof(Node)
                                          : offsetof(Node, bounds[1]);
  for (size_t offset = 0; offset < bytes; offset += 64) simd::prefetch(p + offset);
}

bool Bvh::nearest(const Ray& ray, float tMin, float tMax, PartFilter filter, bool prefetchNormals, Slot& slot,
                  float& t) const {
  if (empty() || !(tMin <= tMax)) return false;
  const glm::vec3 d = ray.direction;
  const glm::vec3 inv(1.0f / nonZero(d.x), 1.0f / nonZero(d.y), 1.0f / nonZero(d.z));
  // Rows of the node's bounds that are nearest/farthest along each axis for this direction.
  const int nearX = inv.x >= 0.0f ? 0 : 1, nearY = inv.y >= 0.0f ? 2 : 3, nearZ = inv.z >= 0.0f ? 4 : 5;
  const Float4 ox = Float4::broadcast(ray.origin.x), oy = Float4::broadcast(ray.origin.y),
               oz = Float4::broadcast(ray.origin.z);
  const Float4 ix = Float4::broadcast(inv.x), iy = Float4::broadcast(inv.y), iz = Float4::broadcast(inv.z);
  const Float4 dx = Float4::broadcast(d.x), dy = Float4::broadcast(d.y), dz = Float4::broadcast(d.z);
  const Float4 tMinV = Float4::broadcast(tMin), robust = Float4::broadcast(kRobustFar);
  const Float4 zero = Float4::broadcast(0.0f);
  const uint32_t filterBits = static_cast<uint32_t>(filter);

  float closest = tMax;
  uint32_t bestPacket = kEmptyRef;
  int bestLane = 0;

  StackEntry stack[kStackSize];
  int top = 0;
  uint32_t ref = root_;

  for (;;) {
    while (!(ref & kLeafBit)) {
      const Node& node = nodes_[ref & ~kWideBit];
      const Float4 closestV = Float4::broadcast(closest);
      alignas(16) float tn[kWidth];
      unsigned mask = 0;
      const int groups = (ref & kWideBit) ? kGroups : 1;
      for (int g = 0; g < groups; ++g) {
        const int o = 4 * g;
        const float(*rows)[4] = node.bounds[g];
        const Float4 tx0 = (Float4::load(rows[nearX]) - ox) * ix;
        const Float4 tx1 = (Float4::load(rows[nearX ^ 1]) - ox) * ix;
        const Float4 ty0 = (Float4::load(rows[nearY]) - oy) * iy;
        const Float4 ty1 = (Float4::load(rows[nearY ^ 1]) - oy) * iy;
        const Float4 tz0 = (Float4::load(rows[nearZ]) - oz) * iz;
        const Float4 tz1 = (Float4::load(rows[nearZ ^ 1]) - oz) * iz;
        const Float4 tNear = max(max(tx0, ty0), max(tz0, tMinV));
        const Float4 tFar = min(min(tx1, ty1), min(tz1, closestV));
        mask |= (tNear <= tFar * robust).bits() << o;
        tNear.store(tn + o);
      }
      if (mask == 0) goto pop;
      // Start fetching every child to be visited now: on big meshes the walk waits on memory.
      for (unsigned m = mask; m; m &= m - 1) prefetchRef(node.child[std::countr_zero(m)]);
      const int first = std::countr_zero(mask);
      mask &= mask - 1;
      if (mask == 0) {
        ref = node.child[first];
        continue;
      }
      const int second = std::countr_zero(mask);
      mask &= mask - 1;
      if (mask == 0) {
        // Two children: visit the nearer, keep the other.
        if (tn[first] <= tn[second]) {
          stack[top++] = {node.child[second], tn[second]};
          ref = node.child[first];
        } else {
          stack[top++] = {node.child[first], tn[first]};
          ref = node.child[second];
        }
        continue;
      }
      // More: insert them far-to-near on the stack, then pop the nearest.
      mask |= (1u << first) | (1u << second);
      pushNearestOnTop(stack, top, mask, node.child, tn);
      ref = stack[--top].ref;
    }

    {
      // Leaf: the packet's four triangles at once.
      const uint32_t packetIndex = ref & ~kLeafBit;
      const TrianglePacket& p = packets_[packetIndex];
      const Float4 p0x = Float4::load(p.a[0]) - ox, p0y = Float4::load(p.a[1]) - oy, p0z = Float4::load(p.a[2]) - oz;
      const Float4 p1x = Float4::load(p.b[0]) - ox, p1y = Float4::load(p.b[1]) - oy, p1z = Float4::load(p.b[2]) - oz;
      const Float4 p2x = Float4::load(p.c[0]) - ox, p2y = Float4::load(p.c[1]) - oy, p2z = Float4::load(p.c[2]) - oz;
      // Same arithmetic as edgeTests(), four triangles at a time.
      auto tripleWithD = [&](Float4 px, Float4 py, Float4 pz, Float4 qx, Float4 qy, Float4 qz) {
        const Float4 sx = px + qx, sy = py + qy, sz = pz + qz;
        const Float4 ex = qx - px, ey = qy - py, ez = qz - pz;
        const Float4 cx = sy * ez - sz * ey;
        const Float4 cy = sz * ex - sx * ez;
        const Float4 cz = sx * ey - sy * ex;
        return dx * cx + dy * cy + dz * cz;
      };
      const Float4 e12 = tripleWithD(p1x, p1y, p1z, p2x, p2y, p2z);
      const Float4 e20 = tripleWithD(p2x, p2y, p2z, p0x, p0y, p0z);
      const Float4 e01 = tripleWithD(p0x, p0y, p0z, p1x, p1y, p1z);
      // Narrows [boxNear, boxFar] to one axis's slab of each triangle's box (boxInterval()).
      auto narrowToSlab = [](Float4 q0, Float4 q1, Float4 q2, Float4 inv, Float4& boxNear, Float4& boxFar) {
        const Float4 t0 = q0 * inv, t1 = q1 * inv, t2 = q2 * inv;
        boxNear = max(boxNear, min(min(t0, t1), t2));
        boxFar = min(boxFar, max(max(t0, t1), t2));
      };
      const Mask4 candidates = ((min(e12, min(e20, e01)) >= zero) | (max(e12, max(e20, e01)) <= zero)) &
                               simd::anyBitsShared(p.kind, filterBits);
      // Most packets are missed by the line already: skip the division for them.
      if (candidates.bits()) {
        // n = cross(b - a, c - a), as glm::cross computes it in intersectTriangle().
        const Float4 ax = Float4::load(p.a[0]), ay = Float4::load(p.a[1]), az = Float4::load(p.a[2]);
        const Float4 e1x = Float4::load(p.b[0]) - ax, e1y = Float4::load(p.b[1]) - ay, e1z = Float4::load(p.b[2]) - az;
        const Float4 e2x = Float4::load(p.c[0]) - ax, e2y = Float4::load(p.c[1]) - ay, e2z = Float4::load(p.c[2]) - az;
        const Float4 nx = e1y * e2z - e2y * e1z, ny = e1z * e2x - e2z * e1x, nz = e1x * e2y - e2x * e1y;
        const Float4 den = dx * nx + dy * ny + dz * nz;
        // Clamped to where the ray crosses each triangle's box, as in intersectTriangle().
        Float4 boxNear = Float4::broadcast(-kInf), boxFar = Float4::broadcast(kInf);
        narrowToSlab(p0x, p1x, p2x, ix, boxNear, boxFar);
        narrowToSlab(p0y, p1y, p2y, iy, boxNear, boxFar);
        narrowToSlab(p0z, p1z, p2z, iz, boxNear, boxFar);
        boxFar = boxFar * robust;
        const Float4 t = min(max((p0x * nx + p0y * ny + p0z * nz) / den, boxNear), boxFar);
        unsigned hits = (candidates & (den != zero) & (max(boxNear, tMinV) <= boxFar) & (t >= tMinV) &
                         (t < Float4::broadcast(closest)))
                            .bits();
        if (hits) {
          alignas(16) float ts[4];
          t.store(ts);
          do {
            const int lane = std::countr_zero(hits);
            hits &= hits - 1;
            if (ts[lane] < closest) closest = ts[lane], bestPacket = packetIndex, bestLane = lane;
          } while (hits);
          if (prefetchNormals) {
            const float* n = packetNormals_[bestPacket].lane[bestLane];
            simd::prefetch(n);
            simd::prefetch(n + 8);
          }
        }
      }
    }

  pop:
    for (;;) {
      if (top == 0) goto done;
      const StackEntry& e = stack[--top];
      if (e.key <= closest) {
        ref = e.ref;
        break;
      }
    }
  }

done:
  if (bestPacket == kEmptyRef) return false;
  slot = {bestPacket, bestLane};
  t = closest;
  return true;
}

void Bvh::slotTriangle(Slot slot, glm::vec3& a, glm::vec3& b, glm::vec3& c) const {
  const TrianglePacket& p = packets_[slot.packet];
  a = glm::vec3(p.a[0][slot.lane], p.a[1][slot.lane], p.a[2][slot.lane]);
  b = glm::vec3(p.b[0][slot.lane], p.b[1][slot.lane], p.b[2][slot.lane]);
  c = glm::vec3(p.c[0][slot.lane], p.c[1][slot.lane], p.c[2][slot.lane]);
}

TriangleHit Bvh::barycentricHit(const Ray& ray, Slot slot, float t) const {
  // Only for the winner, by the scalar twin of the packet test.
  glm::vec3 a, b, c;
  slotTriangle(slot, a, b, c);
  const EdgeTests e = edgeTests(ray.direction, a - ray.origin, b - ray.origin, c - ray.origin);
  const float sum = e.e12 + e.e20 + e.e01;
  if (sum == 0.0f) return {t, 1.0f / 3.0f, 1.0f / 3.0f};
  return {t, e.e20 / sum, e.e01 / sum};
}

Bvh::SurfaceSample Bvh::sampleSurface(Slot slot, float u, float v) const {
  const TrianglePacket& p = packets_[slot.packet];
  glm::vec3 a, b, c;
  slotTriangle(slot, a, b, c);
  SurfaceSample s;
  s.triangle = p.triangle[slot.lane];
  s.isSkin = (p.kind[slot.lane] & static_cast<uint32_t>(PartFilter::Skin)) != 0;
  s.position = a + u * (b - a) + v * (c - a);
  const glm::vec3 n = glm::cross(b - a, c - a);
  const float length = glm::length(n);
  s.geometricNormal = length > 0.0f ? n / length : glm::vec3(0.0f, 1.0f, 0.0f);
  const float* vn = packetNormals_[slot.packet].lane[slot.lane];
  const glm::vec3 na(vn[0], vn[1], vn[2]), nb(vn[3], vn[4], vn[5]), nc(vn[6], vn[7], vn[8]);
  const glm::vec3 interpolated = (1.0f - u - v) * na + u * nb + v * nc;
  const float interpolatedLength = glm::length(interpolated);
  s.normal = interpolatedLength > 1e-12f ? interpolated / interpolatedLength : s.geometricNormal;
  return s;
}

bool Bvh::intersectNearest(const Ray& ray, float tMin, float tMax, PartFilter filter, uint32_t& triangle,
                           TriangleHit& hit) const {
  Slot slot;
  float t = 0.0f;
  if (!nearest(ray, tMin, tMax, filter, false, slot, t)) return false;
  hit = barycentricHit(ray, slot, t);
  triangle = packets_[slot.packet].triangle[slot.lane];
  return true;
}

std::optional<RayHit> Bvh::intersect(const Ray& ray, float tMin, float tMax, PartFilter filter) const {
  Slot slot;
  float t = 0.0f;
  if (!nearest(ray, tMin, tMax, filter, true, slot, t)) return std::nullopt;
  const TriangleHit h = barycentricHit(ray, slot, t);
  const SurfaceSample s = sampleSurface(slot, h.u, h.v);
  RayHit hit;
  hit.triangle = s.triangle;
  hit.u = h.u;
  hit.v = h.v;
  hit.t = h.t;
  hit.position = s.position;
  hit.normal = s.normal;
  hit.geometricNormal = s.geometricNormal;
  hit.isSkin = s.isSkin;
  return hit;
}

std::optional<ClosestPoint> Bvh::closestPoint(const glm::vec3& p, PartFilter filter, float maxDistance) const {
  if (empty()) return std::nullopt;
  const Float4 px = Float4::broadcast(p.x), py = Float4::broadcast(p.y), pz = Float4::broadcast(p.z);
  const Float4 zero = Float4::broadcast(0.0f);
  const uint32_t filterBits = static_cast<uint32_t>(filter);
  float best = maxDistance < kInf ? maxDistance * maxDistance : kInf;  // squared
  Slot bestSlot{kEmptyRef, 0};
  glm::vec2 bestUv(0.0f);

  StackEntry stack[kStackSize];
  int top = 0;
  uint32_t ref = root_;

  for (;;) {
    while (!(ref & kLeafBit)) {
      const Node& node = nodes_[ref & ~kWideBit];
      // Squared distance from p to each child box (zero inside it).
      alignas(16) float dist[kWidth];
      unsigned mask = 0;
      const int groups = (ref & kWideBit) ? kGroups : 1;
      for (int g = 0; g < groups; ++g) {
        const int o = 4 * g;
        const float(*rows)[4] = node.bounds[g];
        const Float4 gx = max(max(Float4::load(rows[0]) - px, px - Float4::load(rows[1])), zero);
        const Float4 gy = max(max(Float4::load(rows[2]) - py, py - Float4::load(rows[3])), zero);
        const Float4 gz = max(max(Float4::load(rows[4]) - pz, pz - Float4::load(rows[5])), zero);
        const Float4 d2 = gx * gx + gy * gy + gz * gz;
        // Strictly nearer only: unused lanes hold inverted infinite boxes, at distance inf.
        mask |= (d2 < Float4::broadcast(best)).bits() << o;
        d2.store(dist + o);
      }
      if (mask == 0) goto pop;
      {
        pushNearestOnTop(stack, top, mask, node.child, dist);
        ref = stack[--top].ref;
      }
    }

    {
      const uint32_t packetIndex = ref & ~kLeafBit;
      const TrianglePacket& packet = packets_[packetIndex];
      for (int lane = 0; lane < 4; ++lane) {
        if (!(packet.kind[lane] & filterBits)) continue;
        const glm::vec3 a(packet.a[0][lane], packet.a[1][lane], packet.a[2][lane]);
        const glm::vec3 b(packet.b[0][lane], packet.b[1][lane], packet.b[2][lane]);
        const glm::vec3 c(packet.c[0][lane], packet.c[1][lane], packet.c[2][lane]);
        const glm::vec2 uv = closestPointOnTriangle(p, a, b, c);
        const glm::vec3 q = a + uv.x * (b - a) + uv.y * (c - a);
        const float dist2 = glm::dot(p - q, p - q);
        if (dist2 < best) best = dist2, bestSlot = {packetIndex, lane}, bestUv = uv;
      }
    }

  pop:
    for (;;) {
      if (top == 0) goto done;
      const StackEntry& e = stack[--top];
      if (e.key < best) {
        ref = e.ref;
        break;
      }
    }
  }

done:
  if (bestSlot.packet == kEmptyRef) return std::nullopt;
  const SurfaceSample s = sampleSurface(bestSlot, bestUv.x, bestUv.y);
  ClosestPoint result;
  result.triangle = s.triangle;
  result.u = bestUv.x;
  result.v = bestUv.y;
  result.distance = std::sqrt(best);
  result.position = s.position;
  result.normal = s.normal;
  result.geometricNormal = s.geometricNormal;
  result.isSkin = s.isSkin;
  return result;
}

bool hiddenFrom(const Bvh& bvh, const glm::vec3& eye, const glm::vec3& point, float margin) {
  const glm::vec3 toPoint = point - eye;
  const float length = glm::length(toPoint);
  if (length <= margin) return false;
  return bvh.intersect(Ray{eye, toPoint}, 0.0f, 1.0f - margin / length, PartFilter::All).has_value();
}

}  // namespace mesomap
