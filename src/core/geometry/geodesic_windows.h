#pragma once
// Exact polyhedral geodesic distances by window propagation: the Chen-Han scheme with a
// priority queue and Xin-Wang's vertex-distance filters ("improved Chen-Han"). A window is an
// interval of an edge seen straight from one (virtual) source in the unfolding; windows are
// expanded nearest first, so a run can stop at a radius or as soon as a target is settled.
// Saddle and border vertices re-emit only into their shadow (directions at least pi from the
// incoming path on both sides), which cuts the windows about fourfold on a body.
#include <cstdint>
#include <limits>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/geodesic_queue.h"
#include "core/geometry/geodesic_topology.h"

namespace mesomap::geodesic_detail {

// A vertex, or a point inside a skin face (face index into SkinTopology, not the Mesh).
struct SkinPoint {
  uint32_t vertex = kNone;
  uint32_t face = kNone;
  glm::dvec3 barycentric{0.0};  // weights of faces[face][0..2]
};

class WindowPropagator {
 public:
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();

  explicit WindowPropagator(const SkinTopology& topology);

  // Distances from `source` to every vertex within `maxDistance` are exact when it returns.
  // With a `target`, the run stops once nothing left in the queue can shorten the target's
  // distance; vertex distances are then partial.
  void run(const SkinPoint& source, double maxDistance = kInfinity, const SkinPoint* target = nullptr);
  // run() without a target, noting on the way, for each of `targets`, the distance run() with
  // that target alone would give: that run processes a prefix of this one's events (it only
  // drops events no shorter than its target's distance), and nothing later can be shorter, so
  // the two agree bit for bit. One propagation then serves a whole local field and many
  // point-to-point queries.
  void runRecording(const SkinPoint& source, double maxDistance, const std::vector<SkinPoint>& targets);
  // What a link build already has, so runStraight can skip windows whose links it would mostly
  // drop: a window on an edge whose corner c is a source within the radius, and for every point
  // q of the window d(c) + |c q| <= (1 + slack) * (q's distance through the window). Its cone's
  // vertices are then reached through c nearly as short, by c's own links (the build's pruning
  // rule, decided before the cone is walked rather than after; a heuristic: c's links are
  // straight and covered too, so the excess can add up along a chain, which the accuracy tests
  // and the bench measure). c's link radius must reach what remains of the source's:
  // linkRadius times meanEdgeLength, as the build uses.
  struct LinkCover {
    const std::vector<uint8_t>* isSource = nullptr;
    double linkRadius = 0.0;
    double slack = 0.0;
  };
  // Straight geodesics only: run() where no vertex but the source re-emits, so every distance
  // is the length of a path that bends around no vertex (the shortest such path the window
  // filters keep), never shorter than the true distance. Where the shortest path bends, the
  // vertex gets a longer straight path or none. What the solver's link build needs, for a
  // fraction of the windows: pseudo-sources behind saddles are most of a local run's work.
  // With a `cover` whose slack is above 0, covered windows are skipped (LinkCover).
  void runStraight(const SkinPoint& source, double maxDistance, const LinkCover* cover = nullptr);
  // Per target of the last runRecording: its distance, or kInfinity when not reached.
  const std::vector<double>& recordedDistances() const { return recorded_; }

  double distance(uint32_t v) const { return distance_[v]; }
  // True when the shortest path found from the source to `v` bends around no vertex.
  bool reachedDirectly(uint32_t v) const { return via_[v] == kDirect; }
  // Vertices given a finite distance by the last run (some may lie beyond maxDistance).
  const std::vector<uint32_t>& reached() const { return reached_; }
  double targetDistance() const { return targetDistance_; }
  size_t windowsPropagated() const { return windowsPropagated_; }
  // Frees the window list and queue when a long run (exactDistance across the body) grew them
  // past what local runs need, so a pooled propagator does not keep them.
  void releaseLargeScratch();
  // Heap bytes of this propagator's scratch (per-vertex state, windows and queue as grown so far).
  size_t bytes() const;

 private:
  static constexpr uint32_t kDirect = kNone;
  static constexpr uint32_t kVertexEvent = 0x80000000u;

  struct Window {
    double begin, end;  // interval on the edge, measured from the half-edge's first corner
    glm::dvec2 source;  // virtual source in the half-edge frame (y < 0: the side it came from)
    double sigma;       // path length from the real source to the virtual one
    uint32_t halfEdge;  // the window propagates into faceOf(halfEdge)
    uint32_t via;       // last vertex the path bent around, or kDirect
  };
  struct Event {
    double key;
    uint32_t id;  // window index, or kVertexEvent | vertex
  };

  void reset();
  void propagateFrom(const SkinPoint& source);
  struct WatchedTarget {
    SkinPoint point;
    double cornerDistance[3] = {0.0, 0.0, 0.0};
  };
  void recordAtVertex(uint32_t v, double d);
  void recordFromWindow(uint32_t face, const Window& w, const glm::dvec2 layout[3]);
  // `arrivalCorner` / `arrivalAngle`: the corner of v the path came in through and the angle of
  // the backward direction from that corner's first edge; they bound where v may re-emit.
  void updateVertex(uint32_t v, double d, uint32_t via, uint32_t arrivalCorner, double arrivalAngle);
  // updateVertex arriving along the whole of `corner`'s first edge (arrival angle = the corner's angle).
  void updateVertexAtCorner(uint32_t v, double d, uint32_t via, uint32_t corner);
  // Fills fan_ with v's corners (angle; for a kBendShadow saddle its fan position and walking
  // sign) and returns the saddle's angle sum, 0 for other vertices.
  double loadFan(uint32_t v);
  void emitFromVertex(uint32_t v);
  // The directions where a vertex re-emits, as fan angles: all of them, or a saddle's shadow
  // of `width` from `begin`, wrapping at `total`.
  struct EmitRange {
    static constexpr double kSlack = 1e-9;
    bool everywhere = true;
    double begin = 0.0, width = 0.0, total = 0.0;
    double offset(double x) const;  // fan angle x past begin, in [0, total)
    bool contains(double x) const;
    // The part of a corner (fan position, walking sign, angle) inside the range, as angles from
    // the corner's first edge; false when no more than the slack is left.
    bool clip(double fan, int sign, double angle, double& lo, double& hi) const;
  };
  // Loads v's fan (loadFan) and where it re-emits; false when a saddle's shadow is empty.
  bool emitRange(uint32_t v, EmitRange& range);
  void propagate(const Window& w);
  // Places a window on the twin of edge k of `face` (laid out as `layout`), covering the rays
  // from `source` through the segment between edge points `from` and `to`.
  void crossEdge(uint32_t face, uint32_t k, const glm::dvec2 layout[3], glm::dvec2 source, double sigma,
                 glm::dvec2 from, glm::dvec2 to, uint32_t via);
  void push(double key, uint32_t id);
  // With a LinkCover: whether corner `vertex` of the edge covers the whole window [a, b] from
  // virtual source `s` (see LinkCover). `fromOrigin`: the corner is at x = 0. `toFarEnd`: the
  // length from s to the window's end away from the corner when already taken, else negative.
  bool coveredByCorner(uint32_t vertex, bool fromOrigin, double edgeLength, glm::dvec2 s, double sigma, double a,
                       double b, double toFarEnd) const;
  void checkTargetFromWindow(const Window& w, const glm::dvec2 layout[3]);

  const SkinTopology& topo_;
  std::vector<double> distance_;
  std::vector<uint32_t> via_;
  std::vector<uint32_t> arrivalCorner_;
  std::vector<double> arrivalAngle_;
  std::vector<uint32_t> reached_;
  std::vector<Window> windows_;
  QuaternaryHeap<Event> heap_;
  // emitFromVertex's per-corner scratch: angle, fan position and walking sign.
  struct FanCorner {
    double angle, fan;
    int sign;
  };
  std::vector<FanCorner> fan_;
  // Emits from a vertex at distance d into its corner h (fan_ entry `corner`) within `range`.
  void emitIntoCorner(uint32_t h, const FanCorner& corner, const EmitRange& range, double d, uint32_t via);
  double maxDistance_ = kInfinity;
  bool straightOnly_ = false;  // runStraight: only the source emits from a vertex
  const LinkCover* cover_ = nullptr;  // runStraight with a LinkCover
  double coverStationary_ = 0.0;      // 1 / sqrt((1 + slack)^2 - 1): where coveredByCorner looks
  uint32_t sourceVertex_ = kNone;
  // Target state.
  uint32_t targetVertex_ = kNone;
  uint32_t targetFace_ = kNone;
  glm::dvec3 targetBarycentric_{0.0};
  double targetCornerDistance_[3] = {0.0, 0.0, 0.0};
  double targetDistance_ = kInfinity;
  size_t windowsPropagated_ = 0;
  // Recording state (runRecording): the targets, their distances so far, and flags on the
  // vertices and faces that can give one, so ordinary steps pay one lookup.
  std::vector<WatchedTarget> watched_;
  std::vector<double> recorded_;
  std::vector<uint8_t> watchedVertex_, watchedFace_;
};

// Barycentric weights of `point` in the layout of its face (any frame from layoutFace).
inline glm::dvec2 pointInLayout(const glm::dvec3& barycentric, const glm::dvec2 layout[3]) {
  return barycentric.x * layout[0] + barycentric.y * layout[1] + barycentric.z * layout[2];
}

}  // namespace mesomap::geodesic_detail
