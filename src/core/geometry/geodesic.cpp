#include "core/geometry/geodesic.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <cmath>
#include <deque>
#include <mutex>
#include <thread>

#include "core/geometry/geodesic_cache.h"
#include "core/geometry/geodesic_topology.h"
#include "core/geometry/geodesic_windows.h"

namespace mesomap {

using geodesic_detail::CompactLinks;
using geodesic_detail::kNone;
using geodesic_detail::Link;
using geodesic_detail::LinkGraph;
using geodesic_detail::SkinPoint;
using geodesic_detail::SkinTopology;
using geodesic_detail::WindowPropagator;

namespace {

// Builds ended by GeodesicOptions::stop in this process (geodesicBuildsStopped()).
std::atomic<size_t> buildsStopped{0};

double secondsBetween(std::chrono::steady_clock::time_point start, std::chrono::steady_clock::time_point end) {
  return std::chrono::duration<double>(end - start).count();
}

struct QueueItem {
  float key;
  uint32_t vertex;
};

}  // namespace

struct GeodesicSolver::Impl {
  GeodesicOptions options;
  SkinTopology topo;
  std::vector<glm::vec3> positions;
  // Links: exact straight geodesics between each source and the vertices within its link
  // radius, both directions.
  CompactLinks links;
  // Vertices that ran a link propagation (chooseSources).
  std::vector<uint8_t> isSource;
  Stats stats;
  Sha256::Digest cacheKey{};

  std::mutex poolMutex;
  std::vector<std::unique_ptr<WindowPropagator>> pool;

  // Window propagation needs per-vertex scratch; queries borrow one so they stay thread-safe.
  class Lease {
   public:
    explicit Lease(Impl& impl) : impl_(impl) {
      std::lock_guard lock(impl_.poolMutex);
      if (!impl_.pool.empty()) {
        prop_ = std::move(impl_.pool.back());
        impl_.pool.pop_back();
      }
      if (!prop_) prop_ = std::make_unique<WindowPropagator>(impl_.topo);
    }
    ~Lease() {
      prop_->releaseLargeScratch();
      std::lock_guard lock(impl_.poolMutex);
      impl_.pool.push_back(std::move(prop_));
    }
    WindowPropagator* operator->() { return prop_.get(); }

   private:
    Impl& impl_;
    std::unique_ptr<WindowPropagator> prop_;
  };

  std::optional<SkinPoint> toSkin(const GeodesicPoint& p) const {
    SkinPoint s;
    if (p.vertex != GeodesicPoint::kNoVertex) {
      if (p.vertex >= topo.vertexCount || !topo.onSkin[p.vertex]) return std::nullopt;
      s.vertex = p.vertex;
      return s;
    }
    const uint32_t face = topo.faceOfMeshTriangle(p.triangle);
    if (face == kNone) return std::nullopt;
    glm::dvec3 w(1.0 - double(p.uv.x) - double(p.uv.y), p.uv.x, p.uv.y);
    w = glm::max(w, glm::dvec3(0.0));
    double sum = w.x + w.y + w.z;
    w = sum > 0.0 ? w / sum : glm::dvec3(1.0, 0.0, 0.0);
    for (int c = 0; c < 3; ++c) {
      if (w[c] >= 1.0 - 1e-6) {
        s.vertex = topo.faces[face][c];
        return s;
      }
    }
    // Keep points on an edge a hair inside the face: the window setup wants the source off
    // the edge line. The shift is a millionth of the triangle.
    w = glm::max(w, glm::dvec3(1e-7));
    s.face = face;
    s.barycentric = w / (w.x + w.y + w.z);
    return s;
  }

  glm::vec3 positionOf(const SkinPoint& p) const {
    if (p.vertex != kNone) return positions[p.vertex];
    const glm::uvec3& f = topo.faces[p.face];
    return glm::vec3(p.barycentric.x * glm::dvec3(positions[f.x]) + p.barycentric.y * glm::dvec3(positions[f.y]) +
                     p.barycentric.z * glm::dvec3(positions[f.z]));
  }

  uint32_t componentOf(const SkinPoint& p) const {
    return topo.component[p.vertex != kNone ? p.vertex : topo.faces[p.face][0]];
  }

  double radiusOf(const SkinPoint& p) const {
    if (p.vertex != kNone) return options.linkRadius * topo.meanEdgeLength[p.vertex];
    const glm::uvec3& f = topo.faces[p.face];
    return options.linkRadius *
           std::max({topo.meanEdgeLength[f.x], topo.meanEdgeLength[f.y], topo.meanEdgeLength[f.z]});
  }

  // Exact distances from `p` to the vertices within its link radius.
  void localBall(const SkinPoint& p, std::vector<QueueItem>& out) {
    out.clear();
    const double radius = radiusOf(p);
    Lease prop(*this);
    prop->run(p, radius);
    for (uint32_t v : prop->reached())
      if (prop->distance(v) <= radius) out.push_back({float(prop->distance(v)), v});
  }

  // The settled ball within maxDistance of the seeds plus its frontier (tentative values, upper
  // bounds): triangles that straddle the edge of the ball then have a value at every corner.
  // In vertex order.
  std::vector<std::pair<uint32_t, float>> within(const std::vector<QueueItem>& seeds, float maxDistance) const {
    std::vector<float> dist(topo.vertexCount, kUnreachable);
    search(
        seeds, dist, [](uint32_t) { return 0.0f; }, [&](uint32_t, float d, float) { return d <= maxDistance; });
    std::vector<std::pair<uint32_t, float>> out;
    for (uint32_t v = 0; v < dist.size(); ++v)
      if (dist[v] != kUnreachable) out.emplace_back(v, dist[v]);
    return out;
  }

  // Dijkstra over the links from `seeds` (exact distances), or A* with `remaining(v)` a lower
  // bound of what is left from v (it must never exceed a link length plus the bound at the
  // link's end). `settle(v, d, d + remaining(v))` returns false to stop early. A 4-ary heap
  // with decrease-key keeps the queue at most one entry per vertex.
  template <class Remaining, class Settle>
  void search(const std::vector<QueueItem>& seeds, std::vector<float>& dist, Remaining&& remaining,
              Settle&& settle) const {
    std::vector<QueueItem> heap;
    std::vector<uint32_t> slot(topo.vertexCount, kNone);  // heap position; kNone: not queued
    heap.reserve(1024);
    const auto place = [&](size_t i, QueueItem item) {
      heap[i] = item;
      slot[item.vertex] = uint32_t(i);
    };
    const auto siftUp = [&](size_t i, QueueItem item) {
      while (i > 0) {
        const size_t parent = (i - 1) / 4;
        if (heap[parent].key <= item.key) break;
        place(i, heap[parent]);
        i = parent;
      }
      place(i, item);
    };
    const auto lower = [&](uint32_t v, float d) {
      dist[v] = d;
      const QueueItem item{d + remaining(v), v};
      if (slot[v] == kNone) {
        heap.push_back(item);
        siftUp(heap.size() - 1, item);
      } else {
        siftUp(slot[v], item);
      }
    };
    const auto popMin = [&] {
      const QueueItem top = heap[0];
      slot[top.vertex] = kNone;
      const QueueItem last = heap.back();
      heap.pop_back();
      const size_t size = heap.size();
      if (size > 0) {
        size_t i = 0;
        for (;;) {
          const size_t first = 4 * i + 1;
          if (first >= size) break;
          size_t best = first;
          const size_t end = std::min(first + 4, size);
          for (size_t c = first + 1; c < end; ++c)
            if (heap[c].key < heap[best].key) best = c;
          if (heap[best].key >= last.key) break;
          place(i, heap[best]);
          i = best;
        }
        place(i, last);
      }
      return top;
    };
    for (const QueueItem& s : seeds)
      if (s.key < dist[s.vertex]) lower(s.vertex, s.key);
    while (!heap.empty()) {
      const QueueItem item = popMin();
      const float d = dist[item.vertex];
      if (!settle(item.vertex, d, item.key)) return;
      links.forEach(item.vertex, [&](uint32_t target, float length) {
        const float nd = d + length;
        if (nd < dist[target]) lower(target, nd);
      });
    }
  }

  // Link orders, as types so that std::sort inlines them.
  struct ByTargetThenLength {
    bool operator()(const Link& a, const Link& b) const {
      return a.target < b.target || (a.target == b.target && a.length < b.length);
    }
  };
  struct ByLengthThenTarget {
    bool operator()(const Link& a, const Link& b) const {
      return a.length < b.length || (a.length == b.length && a.target < b.target);
    }
  };
  // Sorts each vertex's links with `order`.
  template <class Order>
  static void sortLists(LinkGraph& graph, Order order) {
    for (size_t v = 0; v + 1 < graph.start.size(); ++v)
      std::sort(graph.links.begin() + graph.start[v], graph.links.begin() + graph.start[v + 1], order);
  }

  // Drops a link u->v when some link u->w followed by w->v, the first hop shorter than u->v, is
  // at most pruneSlack longer: the search finds nearly the same length in two hops and relaxes
  // far fewer links. The graph is symmetric (both directions, equal lengths), so the walk from u
  // reads each two-hop path u->w->v with v > u once and decides both u->v (first hop u->w) and
  // v->u (first hop v->w, as long as w->v) from the same float sum: each path is walked once
  // instead of from both ends. v's link from u is looked up in a per-thread table by vertex.
  // The lists come sorted shortest first (gatherLinks: sorting them in place, not a sorted copy,
  // saves the fresh pages a copy costs), so the walk over w's links stops at the first one too
  // long to drop anything; they are sorted back by target after. The same tests on the same
  // floats as a plain triple loop over the directed links, so the same links survive.
  void pruneLinks(LinkGraph& graph, unsigned threadCount) {
    const uint32_t n = topo.vertexCount;
    // Per link: dropped by pruning. u's walk writes u's links to larger vertices and their
    // reverses, so every entry has one writer.
    std::vector<uint8_t> dropped(graph.links.size(), 0);
    std::atomic<uint32_t> nextVertex{0};
    const float slack = float(1.0 + options.pruneSlack);
    const auto work = [&] {
      // v -> length of the link u->v while u is walked, for v > u; entry n stays kNotLinked
      // (pruneFrom reads it for every other v, so the choice costs no branch).
      std::vector<float> linkTo(size_t(n) + 1, kNotLinked);
      std::vector<uint8_t> drops(n, 0);  // v -> kDropForward / kDropBackward, while u is walked
      constexpr uint32_t kChunk = 64;
      for (;;) {
        const uint32_t begin = nextVertex.fetch_add(kChunk);
        if (begin >= n || stopRequested()) return;
        for (uint32_t u = begin; u < std::min(n, begin + kChunk); ++u)
          pruneFrom(graph, u, slack, linkTo.data(), drops.data(), dropped.data());
      }
    };
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < threadCount; ++i) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    throwIfStopped();  // before `dropped` is read: a stopped pass leaves some of it unfilled
    uint32_t kept = 0;
    for (uint32_t u = 0; u < n; ++u) {
      const uint32_t begin = graph.start[u], end = graph.start[u + 1];
      graph.start[u] = kept;
      for (uint32_t i = begin; i < end; ++i)
        if (!dropped[i]) graph.links[kept++] = graph.links[i];
    }
    graph.start[n] = kept;
    graph.links.resize(kept);
    sortLists(graph, ByTargetThenLength());
  }

  // pruneFrom's length for a vertex that u has no link to (or that is not above u): no length is
  // negative, so the drop test fails on it.
  static constexpr float kNotLinked = -1.0f;
  static constexpr uint8_t kDropForward = 1, kDropBackward = 2;
  // pruneLinks' walk from u (every list sorted shortest first, as gatherLinks leaves them).
  // `linkTo` is all kNotLinked and `drops` all 0 on entry and exit; marks u's links to larger
  // vertices, and their reverses, in `dropped` (indexed like graph.links).
  static void pruneFrom(const LinkGraph& graph, uint32_t u, float slack, float* linkTo, uint8_t* drops,
                        uint8_t* dropped) {
    const uint32_t n = uint32_t(graph.start.size() - 1);
    const Link* list = graph.links.data() + graph.start[u];
    const uint32_t count = graph.start[u + 1] - graph.start[u];
    float longest = 0.0f;
    for (uint32_t i = 0; i < count; ++i) {
      if (list[i].target < u) continue;
      linkTo[list[i].target] = list[i].length;
      longest = std::max(longest, list[i].length);
    }
    // No link above u is longer than `longest`, so a two-hop path longer than longest * slack
    // (rounded as the test rounds) drops nothing.
    const float reach = longest * slack;
    for (uint32_t i = 0; i < count; ++i) {
      const float duw = list[i].length;
      if (duw > reach) break;  // the list is shortest first
      const uint32_t w = list[i].target;
      const Link* hop = graph.links.data() + graph.start[w];
      const Link* end = graph.links.data() + graph.start[w + 1];
      for (; hop != end; ++hop) {
        const float viaW = duw + hop->length;
        if (viaW > reach) break;  // float addition is monotone: so is every later hop
        const uint32_t v = hop->target;
        const float duv = linkTo[v > u ? v : n];
        if (viaW <= duv * slack)
          drops[v] |= uint8_t((duw < duv ? kDropForward : 0) | (hop->length < duv ? kDropBackward : 0));
      }
    }
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t v = list[i].target;
      if (v < u) continue;
      if (drops[v] & kDropForward) dropped[graph.start[u] + i] = 1;
      // v's link to u has the same length: find it among v's links, shortest first.
      if (drops[v] & kDropBackward) {
        const Link* first = graph.links.data() + graph.start[v];
        const Link* last = graph.links.data() + graph.start[v + 1];
        const Link* back = std::lower_bound(first, last, Link{u, list[i].length}, ByLengthThenTarget());
        assert(back != last && back->target == u);  // gatherLinks makes the graph symmetric
        if (back != last && back->target == u) dropped[back - graph.links.data()] = 1;
      }
      drops[v] = 0;
      linkTo[v] = kNotLinked;
    }
  }

  // Links from the cache when a file there matches this mesh and these options exactly.
  bool readCachedLinks(const Mesh& mesh) {
    if (!options.cacheDirectory) return false;
    cacheKey = geodesic_detail::linkGraphKey(mesh, options);
    const std::filesystem::path file = geodesic_detail::linkGraphFile(*options.cacheDirectory, cacheKey);
    std::optional<LinkGraph> graph = geodesic_detail::readLinkGraph(file, cacheKey, topo.vertexCount, stats.cacheMiss);
    if (!graph) return false;
    links = CompactLinks(*graph);
    stats.fromCache = true;
    // Recently used files are the last the size bound evicts.
    std::error_code ignored;
    std::filesystem::last_write_time(file, std::filesystem::file_time_type::clock::now(), ignored);
    return true;
  }

  void writeCachedLinks(const LinkGraph& graph) {
    if (!options.cacheDirectory) return;
    std::string why;
    stats.cacheWritten =
        geodesic_detail::writeLinkGraph(*options.cacheDirectory, cacheKey, graph, kGeodesicCacheMaxBytes, why);
    if (!stats.cacheWritten) stats.cacheMiss += "; not stored: " + why;
  }

  bool stopRequested() const { return options.stop && options.stop->load(std::memory_order_relaxed); }
  void throwIfStopped() const {
    if (stopRequested()) {
      ++buildsStopped;
      throw GeodesicBuildStopped();
    }
  }

  // Which vertices run a link propagation of their own (see geodesic.h): every bend vertex,
  // and a non-bend vertex with fewer than kRelayNeighbours sources in its one-ring, so that a
  // straight stretch (all of a convex mesh, which has no bends) still has sources close to any
  // line to chain through. In vertex order, so the choice depends on the mesh alone. Fewer
  // relays build faster but chain worse across flat and convex stretches: with 1 the default
  // body's setup halves, but its worst vertices are 25 % off and the plane and sphere tests'
  // accuracy bounds fail; 5 keeps every accuracy figure at least as good as linking from every
  // vertex did (docs/benchmarks.md, "Links from bend vertices").
  static constexpr int kRelayNeighbours = 5;
  void chooseSources() {
    const uint32_t n = topo.vertexCount;
    isSource.assign(n, 0);
    for (uint32_t v = 0; v < n; ++v) isSource[v] = topo.onSkin[v] && topo.bends[v] ? 1 : 0;
    for (uint32_t v = 0; v < n; ++v) {
      if (!topo.onSkin[v] || isSource[v]) continue;
      // A non-bend vertex has a closed fan: each neighbour follows exactly one of its corners.
      int sourceNeighbours = 0;
      for (uint32_t i = topo.cornerStart[v]; i < topo.cornerStart[v + 1]; ++i) {
        const uint32_t h = topo.cornerAt(i);
        sourceNeighbours += isSource[topo.faces[geodesic_detail::faceOf(h)][(geodesic_detail::cornerOf(h) + 1) % 3]];
      }
      if (sourceNeighbours < kRelayNeighbours) isSource[v] = 1;
    }
  }

  // Each source's straight links: the vertices within its link radius that a path bending
  // around no vertex reaches, with that path's length. Indexed like `sources`.
  std::vector<std::vector<std::pair<uint32_t, float>>> propagateSources(const std::vector<uint32_t>& sources,
                                                                        unsigned threadCount) {
    std::vector<std::vector<std::pair<uint32_t, float>>> out(sources.size());
    std::atomic<uint32_t> next{0};
    std::atomic<size_t> windows{0};
    WindowPropagator::LinkCover cover;
    cover.isSource = &isSource;
    cover.linkRadius = options.linkRadius;
    cover.slack = options.coverSlack;
    const auto work = [&] {
      WindowPropagator prop(topo);
      constexpr uint32_t kChunk = 64;
      for (;;) {
        const uint32_t begin = next.fetch_add(kChunk);
        if (begin >= sources.size() || stopRequested()) return;
        for (uint32_t i = begin; i < std::min(uint32_t(sources.size()), begin + kChunk); ++i) {
          const uint32_t v = sources[i];
          const double radius = options.linkRadius * topo.meanEdgeLength[v];
          SkinPoint source;
          source.vertex = v;
          prop.runStraight(source, radius, &cover);
          for (uint32_t w : prop.reached())
            if (w != v && prop.distance(w) <= radius) out[i].emplace_back(w, float(prop.distance(w)));
          windows += prop.windowsPropagated();
        }
      }
    };
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < threadCount; ++i) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    stats.linkWindows = windows;
    return out;
  }

  // Both directions of every straight link, each vertex's list sorted shortest first (what
  // pruning wants); where two sources found the same pair, the shorter length. Frees `straight`
  // as it goes.
  LinkGraph gatherLinks(const std::vector<uint32_t>& sources,
                        std::vector<std::vector<std::pair<uint32_t, float>>>& straight) const {
    const uint32_t n = topo.vertexCount;
    LinkGraph graph;
    graph.start.assign(size_t(n) + 1, 0);
    for (size_t i = 0; i < sources.size(); ++i) {
      graph.start[sources[i] + 1] += uint32_t(straight[i].size());
      for (const auto& link : straight[i]) ++graph.start[link.first + 1];
    }
    for (uint32_t v = 0; v < n; ++v) graph.start[v + 1] += graph.start[v];
    graph.links.resize(graph.start[n]);
    std::vector<uint32_t> fill(graph.start.begin(), graph.start.end() - 1);
    for (size_t i = 0; i < sources.size(); ++i) {
      for (const auto& [w, d] : straight[i]) {
        graph.links[fill[sources[i]]++] = {w, d};
        graph.links[fill[w]++] = {sources[i], d};
      }
      std::vector<std::pair<uint32_t, float>>().swap(straight[i]);
    }
    // In place: a kept link never moves past the list it came from. A pair found twice keeps
    // its first place in the list and the shorter length; `at` finds it by target.
    std::vector<uint32_t> at(n, kNone);
    uint32_t kept = 0;
    for (uint32_t v = 0; v < n; ++v) {
      const uint32_t begin = graph.start[v], end = graph.start[v + 1];
      graph.start[v] = kept;
      for (uint32_t i = begin; i < end; ++i) {
        const Link link = graph.links[i];
        if (at[link.target] == kNone) {
          at[link.target] = kept;
          graph.links[kept++] = link;
        } else {
          Link& first = graph.links[at[link.target]];
          first.length = std::min(first.length, link.length);
        }
      }
      for (uint32_t i = graph.start[v]; i < kept; ++i) at[graph.links[i].target] = kNone;
      std::sort(graph.links.begin() + graph.start[v], graph.links.begin() + kept, ByLengthThenTarget());
    }
    graph.start[n] = kept;
    graph.links.resize(kept);
    return graph;
  }

  // What this produces is cached on disk: a change to it (or to the window propagation, the
  // topology it reads or the choice of sources) must bump geodesic_detail::kLinkCacheVersion.
  LinkGraph buildLinks(unsigned threadCount) {
    const uint32_t n = topo.vertexCount;
    std::vector<uint32_t> sources;
    for (uint32_t v = 0; v < n; ++v)
      if (isSource[v]) sources.push_back(v);
    const auto propagationStart = std::chrono::steady_clock::now();
    auto straight = propagateSources(sources, threadCount);
    throwIfStopped();
    const auto gatheringStart = std::chrono::steady_clock::now();
    stats.propagationSeconds = secondsBetween(propagationStart, gatheringStart);
    LinkGraph graph = gatherLinks(sources, straight);
    const auto pruningStart = std::chrono::steady_clock::now();
    stats.gatheringSeconds = secondsBetween(gatheringStart, pruningStart);
    if (options.pruneSlack > 0.0)
      pruneLinks(graph, threadCount);
    else
      sortLists(graph, ByTargetThenLength());
    stats.pruningSeconds = secondsBetween(pruningStart, std::chrono::steady_clock::now());
    return graph;
  }
};

GeodesicSolver::GeodesicSolver(const Mesh& mesh, const GeodesicOptions& options) : impl_(std::make_unique<Impl>()) {
  const auto start = std::chrono::steady_clock::now();
  Impl& m = *impl_;
  m.options = options;
  m.throwIfStopped();  // a body gone before its build began (seconds of topology on a big one)
  m.topo = geodesic_detail::buildSkinTopology(mesh);
  m.throwIfStopped();
  m.positions = mesh.positions;
  m.chooseSources();
  if (!m.readCachedLinks(mesh)) {
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    const LinkGraph graph = m.buildLinks(threads);
    m.throwIfStopped();  // a stop after the last batch: store nothing for a body that is going
    m.writeCachedLinks(graph);
    m.links = CompactLinks(graph);
  }
  m.options.stop = nullptr;  // the flag's owner may go while the solver stays (geodesicSolverFor's memo)

  Stats& s = m.stats;
  s.skinVertices = size_t(std::count(m.topo.onSkin.begin(), m.topo.onSkin.end(), uint8_t(1)));
  s.skinTriangles = m.topo.faces.size();
  s.saddleVertices = m.topo.saddleVertices;
  s.bendVertices = m.topo.bends.size() - size_t(std::count(m.topo.bends.begin(), m.topo.bends.end(), uint8_t(0)));
  s.boundaryEdges = m.topo.boundaryEdges;
  s.nonManifoldEdges = m.topo.nonManifoldEdges;
  s.links = m.links.linkCount();
  s.sourceVertices = size_t(std::count(m.isSource.begin(), m.isSource.end(), uint8_t(1)));
  s.buildSeconds = secondsBetween(start, std::chrono::steady_clock::now());
}

GeodesicSolver::~GeodesicSolver() = default;

const GeodesicSolver::Stats& GeodesicSolver::stats() const { return impl_->stats; }
size_t GeodesicSolver::vertexCount() const { return impl_->topo.vertexCount; }
bool GeodesicSolver::propagatesLinks(uint32_t vertex) const {
  return vertex < impl_->isSource.size() && impl_->isSource[vertex];
}

GeodesicSolver::Memory GeodesicSolver::memory() const {
  Impl& m = *impl_;
  Memory out;
  out.topology = m.topo.bytes();
  out.links = m.links.bytes();
  out.other = m.positions.capacity() * sizeof(glm::vec3) + m.isSource.capacity();
  std::lock_guard lock(m.poolMutex);
  for (const auto& prop : m.pool) out.queryScratch += prop->bytes();
  return out;
}

std::vector<float> GeodesicSolver::distanceField(const GeodesicPoint& source) const {
  std::vector<float> field;
  distanceField(source, field);
  return field;
}

void GeodesicSolver::distanceField(const GeodesicPoint& source, std::vector<float>& out) const {
  out.assign(impl_->topo.vertexCount, kUnreachable);
  const auto s = impl_->toSkin(source);
  if (!s) return;
  std::vector<QueueItem> seeds;
  impl_->localBall(*s, seeds);
  impl_->search(
      seeds, out, [](uint32_t) { return 0.0f; }, [](uint32_t, float, float) { return true; });
}

std::vector<std::pair<uint32_t, float>> GeodesicSolver::distancesWithin(const GeodesicPoint& source,
                                                                        float maxDistance) const {
  const auto s = impl_->toSkin(source);
  if (!s) return {};
  std::vector<QueueItem> seeds;
  impl_->localBall(*s, seeds);
  return impl_->within(seeds, maxDistance);
}

GeodesicSolver::LocalQuery GeodesicSolver::localQuery(const GeodesicPoint& source, float maxDistance,
                                                      const std::vector<GeodesicPoint>& targets) const {
  Impl& m = *impl_;
  LocalQuery out;
  const auto s = m.toSkin(source);
  out.toTargets.assign(targets.size(), std::nullopt);
  if (!s) {
    out.within = distancesWithin(source, maxDistance);
    return out;
  }
  std::vector<SkinPoint> watched;
  constexpr size_t kUnwatched = std::numeric_limits<size_t>::max();
  std::vector<size_t> watchedIndex(targets.size(), kUnwatched);
  for (size_t i = 0; i < targets.size(); ++i) {
    const auto t = m.toSkin(targets[i]);
    if (!t || m.componentOf(*t) != m.componentOf(*s)) continue;
    watchedIndex[i] = watched.size();
    watched.push_back(*t);
  }
  // localBall's propagation, noting the targets on the way (distance() runs this same
  // propagation from its second point with the first as target).
  const double radius = m.radiusOf(*s);
  std::vector<QueueItem> seeds;
  std::vector<double> recorded;
  {
    Impl::Lease prop(m);
    prop->runRecording(*s, radius, watched);
    for (uint32_t v : prop->reached())
      if (prop->distance(v) <= radius) seeds.push_back({float(prop->distance(v)), v});
    recorded = prop->recordedDistances();
  }
  for (size_t i = 0; i < targets.size(); ++i)
    if (watchedIndex[i] != kUnwatched && recorded[watchedIndex[i]] <= radius)
      out.toTargets[i] = float(recorded[watchedIndex[i]]);
  out.within = m.within(seeds, maxDistance);
  return out;
}

float GeodesicSolver::fieldAt(const std::vector<float>& field, const GeodesicPoint& source,
                              const GeodesicPoint& point) const {
  Impl& m = *impl_;
  const auto p = m.toSkin(point), s = m.toSkin(source);
  if (!p || !s || field.size() != m.topo.vertexCount || m.componentOf(*p) != m.componentOf(*s)) return kUnreachable;
  if (p->vertex != kNone) return field[p->vertex];
  // Near the source a detour through a vertex would overestimate: look for it first.
  const double radius = m.radiusOf(*p);
  Impl::Lease prop(m);
  prop->run(*p, radius, &*s);
  if (prop->targetDistance() <= radius) return float(prop->targetDistance());
  float best = kUnreachable;
  for (uint32_t v : prop->reached())
    if (prop->distance(v) <= radius) best = std::min(best, field[v] + float(prop->distance(v)));
  return best;
}

std::optional<float> GeodesicSolver::distance(const GeodesicPoint& a, const GeodesicPoint& b) const {
  Impl& m = *impl_;
  const auto sa = m.toSkin(a), sb = m.toSkin(b);
  if (!sa || !sb || m.componentOf(*sa) != m.componentOf(*sb)) return std::nullopt;

  // Exact when b lies within a's link radius; otherwise this is b's neighbourhood.
  std::vector<float> toB(m.topo.vertexCount, kUnreachable);
  {
    const double radius = m.radiusOf(*sb);
    Impl::Lease prop(m);
    prop->run(*sb, radius, &*sa);
    if (prop->targetDistance() <= radius) return float(prop->targetDistance());
    for (uint32_t v : prop->reached())
      if (prop->distance(v) <= radius) toB[v] = float(prop->distance(v));
  }
  std::vector<QueueItem> seeds;
  m.localBall(*sa, seeds);
  std::vector<float> dist(m.topo.vertexCount, kUnreachable);
  // A* toward b: the straight line in space never exceeds the path along the skin.
  const glm::vec3 target = m.positionOf(*sb);
  float best = kUnreachable;
  m.search(
      seeds, dist, [&](uint32_t v) { return glm::length(m.positions[v] - target) * (1.0f - 1e-6f); },
      [&](uint32_t v, float d, float bound) {
        if (bound >= best) return false;
        if (toB[v] != kUnreachable) best = std::min(best, d + toB[v]);
        return true;
      });
  if (best == kUnreachable) return std::nullopt;
  return best;
}

std::optional<float> GeodesicSolver::exactDistance(const GeodesicPoint& a, const GeodesicPoint& b) const {
  Impl& m = *impl_;
  const auto sa = m.toSkin(a), sb = m.toSkin(b);
  if (!sa || !sb || m.componentOf(*sa) != m.componentOf(*sb)) return std::nullopt;
  Impl::Lease prop(m);
  prop->run(*sa, WindowPropagator::kInfinity, &*sb);
  if (!std::isfinite(prop->targetDistance())) return std::nullopt;
  return float(prop->targetDistance());
}

namespace {

uint64_t meshHash(const Mesh& mesh) {
  uint64_t h = 1469598103934665603ull;
  const auto mix = [&h](const void* data, size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 1099511628211ull;
  };
  mix(mesh.positions.data(), mesh.positions.size() * sizeof(glm::vec3));
  mix(mesh.triangles.data(), mesh.triangles.size() * sizeof(glm::uvec3));
  for (const MeshPart& part : mesh.parts) {
    const uint32_t fields[3] = {part.firstTriangle, part.triangleCount, part.isSkin ? 1u : 0u};
    mix(fields, sizeof(fields));
  }
  return h;
}

struct CacheEntry {
  const Mesh* mesh;
  uint64_t hash;
  double linkRadius;
  double pruneSlack;
  double coverSlack;
  std::shared_ptr<const GeodesicSolver> solver;
};

}  // namespace

size_t geodesicBuildsStopped() { return buildsStopped.load(); }

std::shared_ptr<const GeodesicSolver> geodesicSolverFor(const Mesh& mesh, const GeodesicOptions& options) {
  static std::mutex mutex;
  static std::deque<CacheEntry> cache;
  constexpr size_t kCapacity = 4;
  const uint64_t hash = meshHash(mesh);
  GeodesicOptions used = options;
  if (!used.cacheDirectory) used.cacheDirectory = geodesicCacheDirectory();
  // Held through the build so two callers asking for the same mesh share one build.
  std::lock_guard lock(mutex);
  for (const CacheEntry& e : cache)
    if (e.mesh == &mesh && e.hash == hash && e.linkRadius == options.linkRadius &&
        e.pruneSlack == options.pruneSlack && e.coverSlack == options.coverSlack)
      return e.solver;
  auto solver = std::make_shared<const GeodesicSolver>(mesh, used);
  cache.push_front({&mesh, hash, options.linkRadius, options.pruneSlack, options.coverSlack, solver});
  if (cache.size() > kCapacity) cache.pop_back();
  return solver;
}

}  // namespace mesomap
