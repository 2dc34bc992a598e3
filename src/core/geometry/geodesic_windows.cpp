#include "core/geometry/geodesic_windows.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mesomap::geodesic_detail {

namespace {

// Relative slack so windows that tie with a vertex's distance (rounding apart) are kept.
constexpr double kFilterSlack = 1e-10;

// |(x, y)|. std::hypot guards against overflow and underflow that lengths on a body (metres)
// never come near, and costs several times more: it was a fifth of a scoring run.
double planarLength(double x, double y) { return std::sqrt(x * x + y * y); }

// The frame of the half-edge across edge k of `face`: its first corner at the origin, its
// second on +x, and `face` (laid out as `layout`) on the y < 0 side.
struct TwinFrame {
  uint32_t halfEdge;
  double length;
  glm::dvec2 origin, axis, normal;

  glm::dvec2 map(glm::dvec2 p) const {
    glm::dvec2 d = p - origin;
    return {glm::dot(d, axis), glm::dot(d, normal)};
  }
};

bool twinFrame(const SkinTopology& topo, uint32_t face, uint32_t k, const glm::dvec2 layout[3], TwinFrame& out) {
  const uint32_t twin = topo.twins[face * 3 + k];
  if (twin == kNone) return false;
  const uint32_t g = faceOf(twin), m = cornerOf(twin);
  const bool sameStart = topo.faces[g][m] == topo.faces[face][k];
  const glm::dvec2 p = sameStart ? layout[k] : layout[(k + 1) % 3];
  const glm::dvec2 q = sameStart ? layout[(k + 1) % 3] : layout[k];
  glm::dvec2 axis = q - p;
  const double len = glm::length(axis);
  if (!(len > 0.0)) return false;
  axis /= len;
  glm::dvec2 normal(-axis.y, axis.x);
  if (glm::dot(layout[(k + 2) % 3] - p, normal) > 0.0) normal = -normal;
  out = {twin, topo.length(g, m), p, axis, normal};
  return true;
}

// Where the ray from `source` through `through` meets the x axis (source below it).
double rayHitsAxis(glm::dvec2 source, glm::dvec2 through) {
  const double rise = through.y - source.y;
  if (rise <= 0.0) return through.x;
  return source.x + (through.x - source.x) * (-source.y / rise);
}

}  // namespace

WindowPropagator::WindowPropagator(const SkinTopology& topology)
    : topo_(topology),
      distance_(topology.vertexCount, kInfinity),
      via_(topology.vertexCount, kDirect),
      arrivalCorner_(topology.vertexCount, kNone),
      arrivalAngle_(topology.vertexCount, 0.0),
      watchedVertex_(topology.vertexCount, 0),
      watchedFace_(topology.faces.size(), 0) {}

size_t WindowPropagator::bytes() const {
  return distance_.capacity() * sizeof(double) + via_.capacity() * sizeof(uint32_t) +
         arrivalCorner_.capacity() * sizeof(uint32_t) + arrivalAngle_.capacity() * sizeof(double) +
         reached_.capacity() * sizeof(uint32_t) + windows_.capacity() * sizeof(Window) +
         heap_.capacity() * sizeof(Event) + fan_.capacity() * sizeof(FanCorner) + watchedVertex_.capacity() +
         watchedFace_.capacity();
}

void WindowPropagator::releaseLargeScratch() {
  constexpr size_t kKeptWindows = size_t(1) << 14;
  if (windows_.capacity() > kKeptWindows) std::vector<Window>().swap(windows_);
  if (heap_.capacity() > kKeptWindows) heap_.release();
}

void WindowPropagator::reset() {
  for (uint32_t v : reached_) {
    distance_[v] = kInfinity;
    via_[v] = kDirect;
    arrivalCorner_[v] = kNone;
  }
  reached_.clear();
  windows_.clear();
  heap_.clear();
  sourceVertex_ = targetVertex_ = targetFace_ = kNone;
  straightOnly_ = false;
  cover_ = nullptr;
  targetDistance_ = kInfinity;
  windowsPropagated_ = 0;
  for (const WatchedTarget& t : watched_) {
    if (t.point.vertex != kNone) watchedVertex_[t.point.vertex] = 0;
    if (t.point.face != kNone) {
      watchedFace_[t.point.face] = 0;
      for (int c = 0; c < 3; ++c) watchedVertex_[topo_.faces[t.point.face][c]] = 0;
    }
  }
  watched_.clear();
  recorded_.clear();
}

void WindowPropagator::recordAtVertex(uint32_t v, double d) {
  // The same candidates, in the same arithmetic, as updateVertex gives a lone target.
  for (size_t i = 0; i < watched_.size(); ++i) {
    const WatchedTarget& t = watched_[i];
    if (v == t.point.vertex) recorded_[i] = std::min(recorded_[i], d);
    if (t.point.face != kNone)
      for (int c = 0; c < 3; ++c)
        if (topo_.faces[t.point.face][c] == v) recorded_[i] = std::min(recorded_[i], d + t.cornerDistance[c]);
  }
}

void WindowPropagator::recordFromWindow(uint32_t face, const Window& w, const glm::dvec2 layout[3]) {
  for (size_t i = 0; i < watched_.size(); ++i) {
    const WatchedTarget& t = watched_[i];
    if (t.point.face != face) continue;
    const glm::dvec2 p = pointInLayout(t.point.barycentric, layout);
    const double x = rayHitsAxis(w.source, p);
    const double slack = 1e-9 * (w.end - w.begin + 1e-12);
    if (x >= w.begin - slack && x <= w.end + slack)
      recorded_[i] = std::min(recorded_[i], w.sigma + glm::length(p - w.source));
  }
}

void WindowPropagator::push(double key, uint32_t id) {
  if (key > maxDistance_ || key >= targetDistance_) return;
  heap_.push({key, id});
}

void WindowPropagator::updateVertex(uint32_t v, double d, uint32_t via, uint32_t arrivalCorner, double arrivalAngle) {
  if (!(d < distance_[v])) return;
  if (distance_[v] == kInfinity) reached_.push_back(v);
  distance_[v] = d;
  via_[v] = via;
  arrivalCorner_[v] = arrivalCorner;
  arrivalAngle_[v] = arrivalAngle;
  if (watchedVertex_[v]) recordAtVertex(v, d);
  if (v == targetVertex_) targetDistance_ = std::min(targetDistance_, d);
  if (targetFace_ != kNone) {
    for (int c = 0; c < 3; ++c)
      if (topo_.faces[targetFace_][c] == v) targetDistance_ = std::min(targetDistance_, d + targetCornerDistance_[c]);
  }
  if (topo_.bends[v] && !straightOnly_) push(d, kVertexEvent | v);
}

void WindowPropagator::updateVertexAtCorner(uint32_t v, double d, uint32_t via, uint32_t corner) {
  // The corner's angle (an acos) matters only where v re-emits.
  if (d < distance_[v]) updateVertex(v, d, via, corner, topo_.bends[v] ? topo_.cornerAngle(corner) : 0.0);
}

void WindowPropagator::crossEdge(uint32_t face, uint32_t k, const glm::dvec2 layout[3], glm::dvec2 source, double sigma,
                                 glm::dvec2 from, glm::dvec2 to, uint32_t via) {
  TwinFrame frame;
  if (!twinFrame(topo_, face, k, layout, frame)) return;
  glm::dvec2 s = frame.map(source);
  s.y = std::min(s.y, -1e-12 * frame.length);
  double a = rayHitsAxis(s, frame.map(from));
  double b = rayHitsAxis(s, frame.map(to));
  if (a > b) std::swap(a, b);
  a = std::max(a, 0.0);
  b = std::min(b, frame.length);
  if (!(b - a > 1e-12 * frame.length)) return;

  // Xin-Wang filters: drop the window if a known path through either end of its edge
  // already reaches the whole interval sooner.
  const uint32_t g = faceOf(frame.halfEdge), m = cornerOf(frame.halfEdge);
  // A corner not reached yet filters nothing (infinity is never shorter): its square root is
  // skipped, and each length is taken once for the filter and the window's nearest point.
  const double endCorner = distance_[topo_.faces[g][m]], beginCorner = distance_[topo_.faces[g][(m + 1) % 3]];
  double toEnd = -1.0, toBegin = -1.0;  // -1: not computed yet
  if (endCorner != kInfinity) {
    toEnd = planarLength(b - s.x, s.y);
    if (endCorner + b < (sigma + toEnd) * (1.0 - kFilterSlack)) return;
  }
  if (beginCorner != kInfinity) {
    toBegin = planarLength(a - s.x, s.y);
    if (beginCorner + (frame.length - a) < (sigma + toBegin) * (1.0 - kFilterSlack)) return;
  }
  double nearest = -s.y;
  if (s.x < a)
    nearest = toBegin >= 0.0 ? toBegin : planarLength(a - s.x, s.y);
  else if (s.x > b)
    nearest = toEnd >= 0.0 ? toEnd : planarLength(b - s.x, s.y);
  const double key = sigma + nearest;
  if (key > maxDistance_ || key >= targetDistance_) return;
  if (cover_ && (coveredByCorner(topo_.faces[g][m], true, frame.length, s, sigma, a, b, toEnd) ||
                 coveredByCorner(topo_.faces[g][(m + 1) % 3], false, frame.length, s, sigma, a, b, toBegin)))
    return;
  windows_.push_back({a, b, s, sigma, frame.halfEdge, via});
  push(key, static_cast<uint32_t>(windows_.size() - 1));
}

bool WindowPropagator::coveredByCorner(uint32_t vertex, bool fromOrigin, double edgeLength, glm::dvec2 s,
                                       double sigma, double a, double b, double toFarEnd) const {
  // A corner past the radius gets no link from the source: nothing to chain through.
  const double viaCorner = distance_[vertex];
  if (viaCorner > maxDistance_ || !(*cover_->isSource)[vertex]) return false;
  // Every vertex past the window lies within maxDistance_ of the source, so within
  // maxDistance_ * (1 + slack) - d(c) of c: c's links must reach that far.
  const double slack = 1.0 + cover_->slack;
  if (cover_->linkRadius * topo_.meanEdgeLength[vertex] < maxDistance_ * slack - viaCorner) return false;
  // The window's own length to x, times the slack, less c's way to x along the edge, is convex in
  // x: its least value on [a, b] is at its stationary point, clamped. Mostly that is the end of
  // the window far from c, whose length the Xin-Wang filter took.
  const double farEnd = fromOrigin ? b : a;
  const double stationary = s.x + (fromOrigin ? 1.0 : -1.0) * std::abs(s.y) * coverStationary_;
  const double x = std::clamp(stationary, a, b);
  const double alongEdge = fromOrigin ? x : edgeLength - x;
  const double length = x == farEnd && toFarEnd >= 0.0 ? toFarEnd : planarLength(x - s.x, s.y);
  return viaCorner + alongEdge <= slack * (sigma + length);
}

double WindowPropagator::loadFan(uint32_t v) {
  // The build's walk (buildFans) redone over corners stored in walk order: the same sums in
  // the same order, so the same bits as when the positions were stored.
  const uint32_t firstCorner = topo_.cornerStart[v], count = topo_.cornerStart[v + 1] - firstCorner;
  const bool hasFan = topo_.bends[v] == SkinTopology::kBendShadow;
  fan_.resize(count);
  double total = 0.0;
  for (uint32_t k = 0; k < count; ++k) {
    FanCorner& corner = fan_[k];
    corner.angle = topo_.cornerAngle(topo_.cornerAt(firstCorner + k));
    corner.sign = topo_.cornerReversed(firstCorner + k) ? -1 : 1;
    if (!hasFan) continue;
    corner.fan = k == 0 || corner.sign > 0 ? total : total + corner.angle;
    total = corner.sign > 0 ? corner.fan + corner.angle : corner.fan;
  }
  return total;
}

double WindowPropagator::EmitRange::offset(double x) const {
  const double t = std::fmod(x - begin, total);
  return t < 0.0 ? t + total : t;
}

bool WindowPropagator::EmitRange::contains(double x) const {
  if (everywhere) return true;
  const double t = offset(x);
  return t <= width + kSlack || t >= total - kSlack;
}

bool WindowPropagator::EmitRange::clip(double fan, int sign, double angle, double& lo, double& hi) const {
  lo = 0.0;
  hi = angle;
  if (everywhere) return true;
  // Walk the corner in increasing fan angle; clip against the shadow (which may wrap).
  const double cornerLow = sign > 0 ? fan : fan - angle;
  const double start = offset(cornerLow);
  double clipLo, clipHi;  // in corner-low-relative angles
  if (start <= width) {
    clipLo = 0.0;
    clipHi = std::min(angle, width - start);
  } else {
    clipLo = total - start;  // where the corner re-enters the shadow
    clipHi = std::min(angle, clipLo + width);
  }
  if (!(clipHi - clipLo > kSlack)) return false;
  if (sign > 0) {
    lo = clipLo;
    hi = clipHi;
  } else {
    lo = angle - clipHi;
    hi = angle - clipLo;
  }
  return true;
}

bool WindowPropagator::emitRange(uint32_t v, EmitRange& range) {
  // A shortest path may bend around a saddle only into directions at least pi away from where
  // it came from on both sides; all other directions are already reached by straight paths.
  // The source itself, and vertices without a closed fan, emit everywhere.
  const uint32_t firstCorner = topo_.cornerStart[v], count = topo_.cornerStart[v + 1] - firstCorner;
  const bool hasFan = topo_.bends[v] == SkinTopology::kBendShadow;
  range.total = loadFan(v);
  uint32_t arrival = 0;  // the arrival corner's index among v's corners
  if (hasFan && arrivalCorner_[v] != kNone)
    while (arrival < count && topo_.cornerAt(firstCorner + arrival) != arrivalCorner_[v]) ++arrival;
  range.everywhere = v == sourceVertex_ || !hasFan || arrival == count || arrivalCorner_[v] == kNone;
  range.begin = 0.0;
  range.width = range.total;
  if (range.everywhere) return true;
  const double back = fan_[arrival].fan + fan_[arrival].sign * arrivalAngle_[v];
  range.begin = std::fmod(back + std::numbers::pi, range.total);
  if (range.begin < 0.0) range.begin += range.total;
  range.width = range.total - 2.0 * std::numbers::pi;
  return range.width > 0.0;
}

void WindowPropagator::emitFromVertex(uint32_t v) {
  EmitRange range;
  if (!emitRange(v, range)) return;
  const double d = distance_[v];
  const uint32_t via = v == sourceVertex_ ? kDirect : v;
  const uint32_t firstCorner = topo_.cornerStart[v], count = topo_.cornerStart[v + 1] - firstCorner;
  for (uint32_t k = 0; k < count; ++k) emitIntoCorner(topo_.cornerAt(firstCorner + k), fan_[k], range, d, via);
}

void WindowPropagator::emitIntoCorner(uint32_t h, const FanCorner& corner, const EmitRange& range, double d,
                                      uint32_t via) {
  const uint32_t f = faceOf(h), c = cornerOf(h);
  const double angle = corner.angle;
  // Read only when emitting into a shadow (the range ignores it otherwise).
  const double fan = range.everywhere ? 0.0 : corner.fan;
  const int sign = corner.sign;
  const uint32_t next = (c + 1) % 3, prev = (c + 2) % 3;
  if (range.contains(fan)) updateVertexAtCorner(topo_.faces[f][next], d + topo_.length(f, c), via, f * 3 + next);
  if (range.contains(fan + sign * angle))
    updateVertex(topo_.faces[f][prev], d + topo_.length(f, prev), via, f * 3 + prev, 0.0);

  // The part of this corner inside the range, as angles from its first edge.
  double lo, hi;
  if (!range.clip(fan, sign, angle, lo, hi)) return;
  glm::dvec2 layout[3];
  layoutFace(topo_, f, next, layout);
  // Corner c looks at edge `next` from above; its first edge ends at layout[next] (the origin).
  // A ray at angle a from it meets the edge at b sin a / sin(a + beta) (law of sines).
  const double toFirst = topo_.length(f, c);
  const double beta = topo_.cornerAngle(f * 3 + next);
  const double edge = topo_.length(f, next);
  const auto hit = [&](double a) {
    if (a <= 0.0) return layout[next];
    if (a >= angle) return layout[prev];
    return glm::dvec2(std::clamp(toFirst * std::sin(a) / std::sin(a + beta), 0.0, edge), 0.0);
  };
  crossEdge(f, next, layout, layout[c], d, hit(lo), hit(hi), via);
}

void WindowPropagator::checkTargetFromWindow(const Window& w, const glm::dvec2 layout[3]) {
  const glm::dvec2 t = pointInLayout(targetBarycentric_, layout);
  const double x = rayHitsAxis(w.source, t);
  const double slack = 1e-9 * (w.end - w.begin + 1e-12);
  if (x >= w.begin - slack && x <= w.end + slack)
    targetDistance_ = std::min(targetDistance_, w.sigma + glm::length(t - w.source));
}

void WindowPropagator::propagate(const Window& w) {
  const uint32_t f = faceOf(w.halfEdge), k = cornerOf(w.halfEdge);
  glm::dvec2 layout[3];
  layoutFace(topo_, f, k, layout);
  const glm::dvec2 apex = layout[(k + 2) % 3];
  const glm::dvec2 s = w.source;
  const double apexX = rayHitsAxis(s, apex);
  const double slack = 1e-9 * topo_.length(f, k);
  if (apexX >= w.begin - slack && apexX <= w.end + slack) {
    const uint32_t apexCorner = f * 3 + (k + 2) % 3, apexVertex = topo_.faces[f][(k + 2) % 3];
    const double d = w.sigma + glm::length(apex - s);
    // The arrival angle (an atan2, once the hottest call here) only steers where a bend vertex
    // re-emits: skip it when the apex gains nothing or never re-emits.
    if (d < distance_[apexVertex]) {
      double arrival = 0.0;
      if (topo_.bends[apexVertex] && !straightOnly_) {
        // The way back to the source leaves the apex between its first edge (to corner k) and the source.
        const glm::dvec2 toFirst = layout[k] - apex, toSource = s - apex;
        const double back =
            std::atan2(std::abs(toFirst.x * toSource.y - toFirst.y * toSource.x), glm::dot(toFirst, toSource));
        arrival = std::min(back, topo_.cornerAngle(apexCorner));
      }
      updateVertex(apexVertex, d, w.via, apexCorner, arrival);
    }
  }
  if (f == targetFace_) checkTargetFromWindow(w, layout);
  if (watchedFace_[f]) recordFromWindow(f, w, layout);

  const glm::dvec2 begin(w.begin, 0.0), end(w.end, 0.0);
  // Rays left of the apex leave through the edge (apex, corner k), the rest through (corner k+1, apex).
  if (apexX > w.begin) crossEdge(f, (k + 2) % 3, layout, s, w.sigma, begin, apexX < w.end ? apex : end, w.via);
  if (apexX < w.end) crossEdge(f, (k + 1) % 3, layout, s, w.sigma, apexX > w.begin ? apex : begin, end, w.via);
}

void WindowPropagator::runRecording(const SkinPoint& source, double maxDistance,
                                    const std::vector<SkinPoint>& targets) {
  reset();
  maxDistance_ = maxDistance;
  for (const SkinPoint& target : targets) {
    WatchedTarget t{target};
    if (target.vertex != kNone) {
      watchedVertex_[target.vertex] = 1;
    } else {
      glm::dvec2 layout[3];
      layoutFace(topo_, target.face, 0, layout);
      const glm::dvec2 p = pointInLayout(target.barycentric, layout);
      for (int c = 0; c < 3; ++c) {
        t.cornerDistance[c] = glm::length(p - layout[c]);
        watchedVertex_[topo_.faces[target.face][c]] = 1;
      }
      watchedFace_[target.face] = 1;
    }
    watched_.push_back(t);
  }
  recorded_.assign(watched_.size(), kInfinity);
  propagateFrom(source);
}

void WindowPropagator::runStraight(const SkinPoint& source, double maxDistance, const LinkCover* cover) {
  reset();
  maxDistance_ = maxDistance;
  straightOnly_ = true;
  if (cover && cover->slack > 0.0) {
    cover_ = cover;
    coverStationary_ = 1.0 / std::sqrt((1.0 + cover->slack) * (1.0 + cover->slack) - 1.0);
  }
  propagateFrom(source);
  cover_ = nullptr;
}

void WindowPropagator::run(const SkinPoint& source, double maxDistance, const SkinPoint* target) {
  reset();
  maxDistance_ = maxDistance;
  glm::dvec2 layout[3];

  if (target) {
    if (target->vertex != kNone) {
      targetVertex_ = target->vertex;
    } else {
      targetFace_ = target->face;
      targetBarycentric_ = target->barycentric;
      layoutFace(topo_, targetFace_, 0, layout);
      const glm::dvec2 t = pointInLayout(targetBarycentric_, layout);
      for (int c = 0; c < 3; ++c) targetCornerDistance_[c] = glm::length(t - layout[c]);
    }
  }
  propagateFrom(source);
}

void WindowPropagator::propagateFrom(const SkinPoint& source) {
  glm::dvec2 layout[3];
  if (source.vertex != kNone) {
    sourceVertex_ = source.vertex;
    reached_.push_back(source.vertex);
    distance_[source.vertex] = 0.0;
    if (source.vertex == targetVertex_) targetDistance_ = 0.0;
    if (targetFace_ != kNone)
      for (int c = 0; c < 3; ++c)
        if (topo_.faces[targetFace_][c] == source.vertex) targetDistance_ = targetCornerDistance_[c];
    if (watchedVertex_[source.vertex]) recordAtVertex(source.vertex, 0.0);
    heap_.push({0.0, kVertexEvent | source.vertex});
  } else {
    const uint32_t f = source.face;
    layoutFace(topo_, f, 0, layout);
    const glm::dvec2 s = pointInLayout(source.barycentric, layout);
    if (f == targetFace_) targetDistance_ = glm::length(pointInLayout(targetBarycentric_, layout) - s);
    for (size_t i = 0; i < watched_.size(); ++i)
      if (watched_[i].point.face == f)
        recorded_[i] = glm::length(pointInLayout(watched_[i].point.barycentric, layout) - s);
    for (uint32_t c = 0; c < 3; ++c) {
      const glm::dvec2 toFirst = layout[(c + 1) % 3] - layout[c], toSource = s - layout[c];
      const double back =
          std::atan2(std::abs(toFirst.x * toSource.y - toFirst.y * toSource.x), glm::dot(toFirst, toSource));
      updateVertex(topo_.faces[f][c], glm::length(toSource), kDirect, f * 3 + c,
                   std::min(back, topo_.cornerAngle(f * 3 + c)));
    }
    for (uint32_t k = 0; k < 3; ++k) crossEdge(f, k, layout, s, 0.0, layout[k], layout[(k + 1) % 3], kDirect);
  }

  while (!heap_.empty()) {
    const Event e = heap_.pop();
    if (e.key >= targetDistance_ || e.key > maxDistance_) break;
    if (e.id & kVertexEvent) {
      const uint32_t v = e.id & ~kVertexEvent;
      if (e.key == distance_[v]) emitFromVertex(v);
      continue;
    }
    const Window w = windows_[e.id];  // a copy: propagation may grow windows_
    // Vertex distances may have dropped since the window was queued: filter again. Not in a
    // straight run, where that seldom happens (on the default body the re-test dropped 31 of
    // 973,451 windows, for two square roots each).
    if (!straightOnly_) {
      const uint32_t g = faceOf(w.halfEdge), m = cornerOf(w.halfEdge);
      const double endCorner = distance_[topo_.faces[g][m]], beginCorner = distance_[topo_.faces[g][(m + 1) % 3]];
      if (endCorner != kInfinity &&
          endCorner + w.end < (w.sigma + planarLength(w.end - w.source.x, w.source.y)) * (1.0 - kFilterSlack))
        continue;
      if (beginCorner != kInfinity &&
          beginCorner + (topo_.length(g, m) - w.begin) <
              (w.sigma + planarLength(w.begin - w.source.x, w.source.y)) * (1.0 - kFilterSlack))
        continue;
    }
    ++windowsPropagated_;
    propagate(w);
  }
}

}  // namespace mesomap::geodesic_detail
