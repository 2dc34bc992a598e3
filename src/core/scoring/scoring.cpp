#include "core/scoring/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/base/assignment.h"

namespace mesomap {

using ordered_json = nlohmann::ordered_json;

namespace scoring {

double windowScore(double value, const ValueRange& window, double scale) {
  double outside = value < window.min ? window.min - value : value > window.max ? value - window.max : 0.0;
  // A millionth of a unit is float rounding (the app keeps 0.1 mL as a float), not a mistake.
  if (outside < 1e-6) outside = 0.0;
  return std::max(0.0, 1.0 - outside / scale);
}

}  // namespace scoring

namespace {

using namespace scoring;

constexpr size_t kComponentCount = std::size(kScoreComponents);
enum Component : size_t { Position, Depth, Angle, Volume, TechniqueMatch, Count, Spacing, Coverage, TotalVolume };

std::string fixed(double v, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v == 0.0 ? 0.0 : v);  // no "-0.0"
  return buffer;
}

// "2-4 mm", "0.1-0.2 mL", "45-90°"
std::string windowText(const ValueRange& w, int decimals, const char* unit) {
  if (std::isinf(w.max)) return "over " + fixed(w.min, decimals) + unit;
  return fixed(w.min, decimals) + "–" + fixed(w.max, decimals) + unit;
}

// Rounded for reports: the same figures in every output, and no float noise in golden files.
double rounded(double v, double step) {
  const double r = std::round(v / step) * step;
  return r == 0.0 ? 0.0 : r;
}

// The part of a circle (degrees) outside a window [min, max] (min <= max, both in 0..360).
double azimuthOutside(double value, const ValueRange& window) {
  double best = std::numeric_limits<double>::infinity();
  for (double shifted : {value - 360.0, value, value + 360.0}) {
    if (window.contains(shifted)) return 0.0;
    best = std::min({best, std::abs(shifted - window.min), std::abs(shifted - window.max)});
  }
  return best;
}

struct SnappedPoint {
  glm::vec3 position{0.0f};  // metres, on the skin
  SurfaceFrame frame;
  uint32_t triangle = 0;
  glm::vec2 uv{0.0f};
  GeodesicPoint onSkin;
};

std::optional<float> geodesicMm(const ScoringBody& body, const GeodesicPoint& a, const GeodesicPoint& b) {
  const auto d = body.geodesics.distance(a, b);
  if (!d) return std::nullopt;
  return *d * 1000.0f;
}

// The points that can cover part of a zone: those that may lie within the coverage radius of it.
std::vector<glm::vec3> pointsNear(const std::vector<glm::vec3>& points, const ZoneRegion& region, const Zone& zone) {
  std::vector<glm::vec3> near;
  for (const glm::vec3& p : points)
    if (region.mayBeWithin(p, zone.coverageRadiusMm)) near.push_back(p);
  return near;
}

// Coverage within half a percent of the reference's is the same cover: positions written to
// 0.01 mm move a few area samples across a coverage edge.
constexpr double kCoverageFeedbackMargin = 0.005;

std::string pointName(const Attempt& attempt, size_t traineeIndex) {
  const std::string& label = attempt.points[traineeIndex].label;
  return "Point " + (label.empty() ? std::to_string(traineeIndex + 1) : label);
}

// "14 mm caudal and 3 mm lateral": components of 2 mm or more, the larger first.
std::string directionText(double cranialMm, double medialMm) {
  struct Part {
    double mm;
    const char* word;
  };
  Part parts[2] = {{std::abs(cranialMm), cranialMm >= 0 ? "cranial" : "caudal"},
                   {std::abs(medialMm), medialMm >= 0 ? "medial" : "lateral"}};
  if (parts[1].mm > parts[0].mm) std::swap(parts[0], parts[1]);
  std::string text;
  for (const Part& p : parts) {
    if (p.mm < kPositionFreeMm) continue;
    text += (text.empty() ? "" : " and ") + fixed(p.mm, 0) + " mm " + p.word;
  }
  return text;
}

}  // namespace

ScoringBody scoringBody(const Body& body) {
  return {body.mesh(), body.skin(), *body.geodesics(), body.regions(), body.patient()};
}

const char* toString(DepthVerdict verdict) {
  switch (verdict) {
    case DepthVerdict::Correct: return "correct";
    case DepthVerdict::TooShallow: return "too_shallow";
    case DepthVerdict::TooDeep: return "too_deep";
  }
  return "correct";
}

PreparedScenario prepareScenario(Scenario scenario, const ScoringBody& body) {
  PreparedScenario prepared;
  prepared.scenario = std::move(scenario);
  const Scenario& s = prepared.scenario;

  for (const ComponentInfo& c : kScoreComponents) {
    if (s.scoring.weights.empty()) {
      prepared.weights.push_back(c.defaultWeight);
    } else {
      // A scenario that lists weights lists all it wants: the others weigh nothing.
      auto it = s.scoring.weights.find(c.name);
      prepared.weights.push_back(it == s.scoring.weights.end() ? 0.0 : it->second);
    }
  }

  for (size_t i = 0; i < s.points.size(); ++i) {
    std::string why;
    auto placement = resolvePlacement(s, s.points[i].placement, body.skin, &why);
    if (!placement) {
      prepared.problems.push_back({"points[" + std::to_string(i) + "]", why});
      continue;
    }
    auto onSkin = skinPointNear(body.skin, placement->frame.position);
    if (!onSkin) continue;
    prepared.points.push_back(
        {i, *placement, *onSkin, body.regions.columnAt(placement->frame.position, placement->frame.normal, body.patient)});
  }

  std::vector<glm::vec3> referencePositions;
  for (const PreparedPoint& p : prepared.points) referencePositions.push_back(p.placement.frame.position);
  for (size_t i = 0; i < s.zones.size(); ++i) {
    const Zone& zone = s.zones[i];
    std::string why;
    auto centre = resolvePlacement(s, zone.centre, body.skin, &why);
    if (!centre) {
      prepared.problems.push_back({"zones[" + std::to_string(i) + "]", why});
      continue;
    }
    const std::vector<glm::vec3> brush = resolveBrush(zone, body.skin);
    if (brush.size() != zone.brush.size()) {
      prepared.problems.push_back({"zones[" + std::to_string(i) + "].brush", "the body has no skin to place it on"});
      continue;
    }
    PreparedZone z{i, buildZoneRegion(zone, centre->frame.position, brush, body.mesh, body.skin, body.geodesics), 0.0};
    if (zone.kind == ZoneKind::Target) {
      const NearestPointDistance near(pointsNear(referencePositions, z.region, zone), float(zone.coverageRadiusMm),
                                      body.mesh, body.skin, body.geodesics);
      z.referenceCoverage = coveredFraction(z.region, body.mesh, near, float(zone.coverageRadiusMm));
    }
    prepared.zones.push_back(std::move(z));
  }
  return prepared;
}

ScoreResult scoreAttempt(const PreparedScenario& prepared, const Attempt& attempt, const ScoringBody& body) {
  ScoreResult result;
  const Scenario& s = prepared.scenario;

  // 1. Every trainee point onto the skin (a point far off it is a broken file, not an error
  //    of technique).
  std::vector<SnappedPoint> trainee;
  for (size_t i = 0; i < attempt.points.size(); ++i) {
    const glm::vec3 p(attempt.points[i].positionMm * 0.001);
    const auto hit = body.skin.closestPoint(p, PartFilter::Skin);
    const std::string path = "points[" + std::to_string(i) + "].position_mm";
    if (!hit) {
      result.problems.push_back({path, "the body has no skin to place it on"});
      continue;
    }
    if (hit->distance * 1000.0 > kMaxOffSkinMm) {
      result.problems.push_back(
          {path, fixed(hit->distance * 1000.0, 1) + " mm from the skin (at most " + fixed(kMaxOffSkinMm, 1) + " mm)"});
      continue;
    }
    trainee.push_back({hit->position, surfaceFrame(hit->position, hit->normal), hit->triangle, {hit->u, hit->v},
                       GeodesicPoint::onTriangle(hit->triangle, hit->u, hit->v)});
  }
  if (!result.problems.empty()) return result;

  ScoreReport r;
  r.scenarioId = s.id;
  r.scenarioTitle = s.title;
  r.trainee = attempt.trainee;
  r.mode = attempt.mode;
  r.passMark = s.scoring.passMark;
  r.pointCount = trainee.size();

  // 2. One-to-one matching on distance along the skin, within each reference's tolerance.
  const size_t nRef = prepared.points.size(), nTrainee = trainee.size();
  std::vector<std::vector<double>> cost(nRef, std::vector<double>(nTrainee, kForbidden));
  for (size_t a = 0; a < nRef; ++a) {
    const PreparedPoint& ref = prepared.points[a];
    const double tolerance = s.points[ref.index].toleranceMm;
    for (size_t b = 0; b < nTrainee; ++b) {
      // The straight line never exceeds the path along the skin: a cheap rejection.
      if (glm::length(trainee[b].position - ref.placement.frame.position) * 1000.0 > tolerance) continue;
      if (auto d = geodesicMm(body, ref.onSkin, trainee[b].onSkin); d && *d <= tolerance) cost[a][b] = *d;
    }
  }
  const auto assignment = optimalAssignment(cost);
  std::vector<bool> traineeMatched(nTrainee, false);

  // 3. Each reference point against its match.
  for (size_t a = 0; a < nRef; ++a) {
    const PreparedPoint& ref = prepared.points[a];
    const ReferencePoint& reference = s.points[ref.index];
    PointResult pr;
    pr.referenceId = reference.id;
    pr.referenceTechnique = reference.technique;
    if (a < assignment.size() && assignment[a]) {
      const size_t b = *assignment[a];
      traineeMatched[b] = true;
      const AttemptPoint& tp = attempt.points[b];
      const SurfaceFrame& rf = ref.placement.frame;
      pr.traineeIndex = b;
      pr.distanceMm = cost[a][b];
      // Direction in the reference's frame, scaled to the distance along the skin.
      const glm::dvec3 offset = glm::dvec3(trainee[b].position - rf.position) * 1000.0;
      const double cranial = glm::dot(offset, glm::dvec3(rf.cranial)), medial = glm::dot(offset, glm::dvec3(rf.medial));
      const double planar = std::hypot(cranial, medial);
      if (planar > 1e-9) {
        pr.cranialMm = cranial * pr.distanceMm / planar;
        pr.medialMm = medial * pr.distanceMm / planar;
      }
      const double free = std::min(kPositionFreeMm, reference.toleranceMm);
      pr.positionScore =
          pr.distanceMm <= free ? 1.0
                                : 1.0 - (1.0 - kPositionScoreAtTolerance) * (pr.distanceMm - free) /
                                            std::max(1e-9, reference.toleranceMm - free);

      pr.angleDeg = tp.angleDeg;
      pr.angleScore = windowScore(tp.angleDeg, reference.angleDeg, kAngleScaleDeg);
      if (reference.azimuthDeg) {
        pr.azimuthDeg = tp.azimuthDeg;
        pr.azimuthScore = tp.angleDeg > kAzimuthIgnoredAboveDeg
                              ? 1.0
                              : std::max(0.0, 1.0 - azimuthOutside(tp.azimuthDeg, *reference.azimuthDeg) / kAzimuthScaleDeg);
      }

      const TissueColumn column = body.regions.columnAt(trainee[b].position, trainee[b].frame.normal, body.patient);
      pr.depthMm = tp.perpendicularDepthMm();
      pr.depthWindowMm = targetDepthWindowMm(reference, column);
      if (auto layer = layerAt(column, pr.depthMm)) pr.layer = layer->layer;
      else pr.layer = TissueLayer::Epidermis;
      pr.depthVerdict = pr.depthMm < pr.depthWindowMm.min   ? DepthVerdict::TooShallow
                        : pr.depthMm > pr.depthWindowMm.max ? DepthVerdict::TooDeep
                                                             : DepthVerdict::Correct;
      pr.depthScore = windowScore(pr.depthMm, pr.depthWindowMm, kDepthScaleMm);
      pr.volumeMl = tp.volumeMl;
      pr.volumeScore = windowScore(tp.volumeMl, reference.volumeMl, kVolumeScaleMl);
      pr.techniqueMatches = tp.technique == reference.technique;
    }
    r.points.push_back(pr);
  }

  // Extras: trainee points no reference claimed, with the nearest reference for the feedback.
  for (size_t b = 0; b < nTrainee; ++b) {
    if (traineeMatched[b]) continue;
    ExtraPoint extra;
    extra.traineeIndex = b;
    float nearest = std::numeric_limits<float>::infinity();
    const PreparedPoint* nearestRef = nullptr;
    for (const PreparedPoint& ref : prepared.points) {
      const float d = glm::length(trainee[b].position - ref.placement.frame.position);
      if (d < nearest) nearest = d, nearestRef = &ref;
    }
    if (nearestRef) {
      if (auto d = geodesicMm(body, nearestRef->onSkin, trainee[b].onSkin)) {
        extra.nearestReference = s.points[nearestRef->index].id;
        extra.nearestDistanceMm = *d;
      }
    }
    r.extras.push_back(extra);
  }

  // 4. The whole pattern.
  // Spacing: each trainee point's nearest neighbour along the skin. Candidates are tried in
  // order of straight distance, which never exceeds the skin distance, so the search stops
  // early; each pair is measured once, from the point that comes first in order of position,
  // so listing the points differently changes nothing.
  std::vector<double> nearestNeighbourMm(nTrainee, std::numeric_limits<double>::infinity());
  {
    const auto key = [&](size_t i) {
      const glm::vec3& p = trainee[i].position;
      return std::make_tuple(p.x, p.y, p.z, i);
    };
    std::map<std::pair<size_t, size_t>, double> measured;
    const auto skinDistance = [&](size_t a, size_t b) {
      if (key(b) < key(a)) std::swap(a, b);
      auto [it, fresh] = measured.try_emplace({a, b}, 0.0);
      if (fresh) {
        const auto d = geodesicMm(body, trainee[a].onSkin, trainee[b].onSkin);
        it->second = d ? double(*d) : std::numeric_limits<double>::infinity();
      }
      return it->second;
    };
    for (size_t a = 0; a < nTrainee; ++a) {
      std::vector<std::pair<double, size_t>> byStraightDistance;
      for (size_t b = 0; b < nTrainee; ++b)
        if (b != a)
          byStraightDistance.emplace_back(glm::length(trainee[a].position - trainee[b].position) * 1000.0, b);
      std::sort(byStraightDistance.begin(), byStraightDistance.end(),
                [&](const auto& x, const auto& y) { return x.first != y.first ? x.first < y.first : key(x.second) < key(y.second); });
      for (const auto& [straight, b] : byStraightDistance) {
        if (straight >= nearestNeighbourMm[a]) break;
        nearestNeighbourMm[a] = std::min(nearestNeighbourMm[a], skinDistance(a, b));
      }
    }
  }
  std::vector<double> sortedSpacing;
  for (double d : nearestNeighbourMm)
    if (std::isfinite(d)) sortedSpacing.push_back(d);
  std::sort(sortedSpacing.begin(), sortedSpacing.end());
  if (!sortedSpacing.empty()) {
    r.minSpacingMm = sortedSpacing.front();
    r.meanSpacingMm = std::accumulate(sortedSpacing.begin(), sortedSpacing.end(), 0.0) / double(sortedSpacing.size());
  }

  std::vector<double> volumes;
  for (const AttemptPoint& p : attempt.points) volumes.push_back(p.volumeMl);
  std::sort(volumes.begin(), volumes.end());
  r.totalVolumeMl = std::accumulate(volumes.begin(), volumes.end(), 0.0);

  std::vector<glm::vec3> traineePositions;
  for (const SnappedPoint& p : trainee) traineePositions.push_back(p.position);
  for (const PreparedZone& z : prepared.zones) {
    const Zone& zone = s.zones[z.index];
    ZoneResult zr;
    zr.id = zone.id;
    zr.name = zone.name.empty() ? zone.id : zone.name;
    zr.kind = zone.kind;
    zr.reason = zone.reason;
    if (zone.kind == ZoneKind::Target) {
      const NearestPointDistance near(pointsNear(traineePositions, z.region, zone), float(zone.coverageRadiusMm),
                                      body.mesh, body.skin, body.geodesics);
      zr.coverage = coveredFraction(z.region, body.mesh, near, float(zone.coverageRadiusMm));
      zr.referenceCoverage = z.referenceCoverage;
    } else {
      for (size_t b = 0; b < nTrainee; ++b)
        if (z.region.contains(body.mesh, trainee[b].triangle, trainee[b].uv)) zr.violatingPoints.push_back(b);
      if (!zr.violatingPoints.empty()) r.noGoViolated = true;
    }
    r.zones.push_back(zr);
  }

  // 5. Components and the weighted score.
  std::vector<ComponentScore> components(kComponentCount);
  for (size_t c = 0; c < kComponentCount; ++c) {
    components[c].name = kScoreComponents[c].name;
    components[c].weight = prepared.weights[c];
  }
  const auto set = [&](Component c, bool measurable, double score) {
    components[c].applies = measurable && components[c].weight > 0.0;
    components[c].score = measurable ? score : 0.0;
  };
  {
    double position = 0.0, depth = 0.0, angle = 0.0, volume = 0.0, technique = 0.0;
    size_t matched = 0;
    for (const PointResult& p : r.points) {
      position += p.positionScore;
      if (!p.traineeIndex) continue;
      ++matched;
      depth += p.depthScore;
      angle += p.azimuthDeg ? 0.5 * (p.angleScore + p.azimuthScore) : p.angleScore;
      volume += p.volumeScore;
      technique += p.techniqueMatches ? 1.0 : 0.0;
    }
    const bool hasReference = !r.points.empty();
    // The needle components average over matched points; with none matched there is nothing
    // right about them (an empty attempt must not score).
    const double perMatched = matched ? 1.0 / double(matched) : 0.0;
    set(Position, hasReference, hasReference ? position / double(r.points.size()) : 0.0);
    set(Depth, hasReference, depth * perMatched);
    set(Angle, hasReference, angle * perMatched);
    set(Volume, hasReference, volume * perMatched);
    set(TechniqueMatch, hasReference, technique * perMatched);
  }
  if (s.pattern.pointCount) {
    const double n = double(nTrainee), lo = s.pattern.pointCount->min, hi = s.pattern.pointCount->max;
    const double outside = n < lo ? lo - n : n > hi ? n - hi : 0.0;
    set(Count, true, std::max(0.0, 1.0 - kCountPenaltyPerPoint * outside));
  }
  if (s.pattern.spacingMm && r.minSpacingMm) {
    // Half for the closest pair (crowding: only the lower bound), half for the mean (the
    // pattern's density: both bounds). A single isolated point may sit farther out.
    const ValueRange& range = *s.pattern.spacingMm;
    const ValueRange noCloserThan{range.min, std::numeric_limits<double>::infinity()};
    set(Spacing, true,
        0.5 * windowScore(*r.minSpacingMm, noCloserThan, kSpacingScaleMm) +
            0.5 * windowScore(*r.meanSpacingMm, range, kSpacingScaleMm));
  }
  {
    double sum = 0.0;
    size_t targets = 0;
    for (const ZoneResult& z : r.zones) {
      if (z.kind != ZoneKind::Target) continue;
      ++targets;
      sum += z.referenceCoverage > 0.0 ? std::min(1.0, z.coverage / z.referenceCoverage) : z.coverage;
    }
    if (targets) set(Coverage, true, sum / double(targets));
  }
  if (s.pattern.totalVolumeMl) set(TotalVolume, true, windowScore(r.totalVolumeMl, *s.pattern.totalVolumeMl, kTotalVolumeScaleMl));

  double weighted = 0.0, totalWeight = 0.0;
  for (const ComponentScore& c : components) {
    if (!c.applies) continue;
    weighted += c.weight * c.score;
    totalWeight += c.weight;
  }
  r.score = totalWeight > 0.0 ? rounded(100.0 * weighted / totalWeight, 0.1) : 0.0;
  r.components = std::move(components);
  r.passed = r.score >= r.passMark && !r.noGoViolated;

  // 6. One plain line per problem, reference order first, then extras, then the pattern.
  auto& fb = r.feedback;
  for (const ZoneResult& z : r.zones)
    for (size_t b : z.violatingPoints)
      fb.push_back(pointName(attempt, b) + " is in the no-go zone '" + z.name + "' (" + z.reason + "): the attempt fails.");
  for (const PointResult& p : r.points) {
    const ReferencePoint& reference = *std::find_if(s.points.begin(), s.points.end(),
                                                    [&](const ReferencePoint& rp) { return rp.id == p.referenceId; });
    const char* code = presetFor(reference.technique).code;
    if (!p.traineeIndex) {
      fb.push_back("Reference " + p.referenceId + " (" + code + ") has no point within " +
                   fixed(reference.toleranceMm, 0) + " mm.");
      continue;
    }
    const std::string who = pointName(attempt, *p.traineeIndex) + " (" + p.referenceId + ")";
    std::vector<std::string> parts;
    if (p.positionScore < 1.0) {
      const std::string direction = directionText(p.cranialMm, p.medialMm);
      parts.push_back(direction.empty() ? fixed(p.distanceMm, 0) + " mm from the reference"
                                        : direction + " of the reference");
    }
    if (p.depthVerdict != DepthVerdict::Correct) {
      const std::string target =
          !reference.depthMm && reference.targetLayer ? std::string("the ") + layerName(*reference.targetLayer)
                                                      : windowText(p.depthWindowMm, 1, " mm");
      parts.push_back(std::string("the tip reached ") + layerName(p.layer) + " at " + fixed(p.depthMm, 1) +
                      " mm — " + code + " targets " + target +
                      (p.depthVerdict == DepthVerdict::TooDeep ? " (too deep)" : " (too shallow)"));
    }
    if (p.angleScore < 1.0)
      parts.push_back("angle " + fixed(p.angleDeg, 0) + "° — " + code + " asks " + windowText(reference.angleDeg, 0, "°"));
    if (p.azimuthDeg && p.azimuthScore < 1.0)
      parts.push_back("the needle leans toward " + fixed(*p.azimuthDeg, 0) + "° — the protocol asks " +
                      windowText(*reference.azimuthDeg, 0, "°") + " (0° cranial, 90° medial)");
    if (p.volumeScore < 1.0)
      parts.push_back(fixed(p.volumeMl, 2) + " mL — " + windowText(reference.volumeMl, 2, " mL") + " per point");
    if (!p.techniqueMatches)
      parts.push_back(std::string(presetFor(attempt.points[*p.traineeIndex].technique).code) + " used where " + code +
                      " is asked");
    if (parts.empty()) continue;
    std::string line = who + ": ";
    for (size_t i = 0; i < parts.size(); ++i) line += (i ? "; " : "") + parts[i];
    fb.push_back(line + ".");
  }
  for (const ExtraPoint& e : r.extras)
    fb.push_back(pointName(attempt, e.traineeIndex) + " matches no reference point" +
                 (e.nearestReference.empty() ? std::string(".")
                                             : " (nearest: " + e.nearestReference + ", " +
                                                   fixed(e.nearestDistanceMm, 0) + " mm away)."));
  if (s.pattern.pointCount && r.components[Count].score < 1.0)
    fb.push_back(std::to_string(nTrainee) + " points placed; the protocol asks " +
                 windowText(*s.pattern.pointCount, 0, "") + ".");
  if (s.pattern.spacingMm && r.components[Spacing].score < 1.0 && r.minSpacingMm) {
    const ValueRange& range = *s.pattern.spacingMm;
    if (*r.minSpacingMm < range.min)
      fb.push_back("The closest points are " + fixed(*r.minSpacingMm, 0) + " mm apart; keep at least " +
                   fixed(range.min, 0) + " mm between neighbours.");
    if (!range.contains(*r.meanSpacingMm))
      fb.push_back("Points are " + fixed(*r.meanSpacingMm, 0) + " mm from their nearest neighbour on average; the protocol asks " +
                   windowText(range, 0, " mm") + ".");
  }
  for (const ZoneResult& z : r.zones)
    if (z.kind == ZoneKind::Target && z.referenceCoverage > 0.0 && z.coverage < z.referenceCoverage - kCoverageFeedbackMargin)
      fb.push_back(z.name + ": " + fixed(100.0 * z.coverage, 0) + " % covered (the reference map covers " +
                   fixed(100.0 * z.referenceCoverage, 0) + " %).");
  if (s.pattern.totalVolumeMl && r.components[TotalVolume].score < 1.0)
    fb.push_back("Total volume " + fixed(r.totalVolumeMl, 2) + " mL; the protocol asks " +
                 windowText(*s.pattern.totalVolumeMl, 1, " mL") + ".");

  result.report = std::move(r);
  return result;
}

Attempt perfectAttempt(const PreparedScenario& prepared) {
  const Scenario& s = prepared.scenario;
  Attempt a;
  a.scenarioId = s.id;
  a.trainee = "reference";
  a.mode = AttemptMode::Practice;
  for (const PreparedPoint& p : prepared.points) {
    const ReferencePoint& ref = s.points[p.index];
    AttemptPoint point;
    point.positionMm = glm::dvec3(p.placement.frame.position) * 1000.0;
    const NeedleAngles angles = referenceAngles(ref);
    point.angleDeg = angles.angleDegrees;
    point.azimuthDeg = angles.azimuthDegrees;
    const ValueRange depth = targetDepthWindowMm(ref, p.column);
    point.depthMm = std::isinf(depth.max) ? depth.min + 2.0 : depth.middle();
    point.volumeMl = ref.volumeMl.middle();
    point.technique = ref.technique;
    point.needle = ref.needle;
    a.points.push_back(point);
  }
  return a;
}

std::string reportToJson(const ScoreReport& r) {
  ordered_json j;
  j["format"] = "mesomap-score-report";
  j["version"] = 1;
  j["scenario"] = r.scenarioId;
  j["trainee"] = r.trainee;
  j["mode"] = toString(r.mode);
  j["score"] = r.score;
  j["pass_mark"] = r.passMark;
  j["passed"] = r.passed;
  j["no_go_violated"] = r.noGoViolated;
  double totalWeight = 0.0;
  for (const ComponentScore& c : r.components)
    if (c.applies) totalWeight += c.weight;
  ordered_json components = ordered_json::array();
  for (const ComponentScore& c : r.components) {
    ordered_json o;
    o["name"] = c.name;
    o["weight"] = c.weight;
    o["applies"] = c.applies;
    o["score_percent"] = rounded(100.0 * c.score, 0.1);
    o["contribution"] = c.applies && totalWeight > 0 ? rounded(100.0 * c.weight * c.score / totalWeight, 0.01) : 0.0;
    components.push_back(o);
  }
  j["components"] = components;
  ordered_json points = ordered_json::array();
  for (const PointResult& p : r.points) {
    ordered_json o;
    o["reference"] = p.referenceId;
    if (!p.traineeIndex) {
      o["matched"] = false;
      points.push_back(o);
      continue;
    }
    o["matched"] = true;
    o["trainee_point"] = *p.traineeIndex + 1;
    o["distance_mm"] = rounded(p.distanceMm, 0.1);
    o["cranial_mm"] = rounded(p.cranialMm, 0.1);
    o["medial_mm"] = rounded(p.medialMm, 0.1);
    o["position_score"] = rounded(p.positionScore, 0.001);
    o["angle_deg"] = rounded(p.angleDeg, 0.1);
    o["angle_score"] = rounded(p.angleScore, 0.001);
    if (p.azimuthDeg) {
      o["azimuth_deg"] = rounded(*p.azimuthDeg, 0.1);
      o["azimuth_score"] = rounded(p.azimuthScore, 0.001);
    }
    o["depth_mm"] = rounded(p.depthMm, 0.01);
    o["depth_window_mm"] = {rounded(p.depthWindowMm.min, 0.01),
                            std::isinf(p.depthWindowMm.max) ? ordered_json(nullptr) : ordered_json(rounded(p.depthWindowMm.max, 0.01))};
    o["layer"] = toString(p.layer);
    o["depth_verdict"] = toString(p.depthVerdict);
    o["depth_score"] = rounded(p.depthScore, 0.001);
    o["volume_ml"] = rounded(p.volumeMl, 0.001);
    o["volume_score"] = rounded(p.volumeScore, 0.001);
    o["technique_matches"] = p.techniqueMatches;
    points.push_back(o);
  }
  j["points"] = points;
  ordered_json extras = ordered_json::array();
  for (const ExtraPoint& e : r.extras) {
    ordered_json o{{"trainee_point", e.traineeIndex + 1}};
    if (!e.nearestReference.empty()) {
      o["nearest_reference"] = e.nearestReference;
      o["nearest_distance_mm"] = rounded(e.nearestDistanceMm, 0.1);
    }
    extras.push_back(o);
  }
  j["extra_points"] = extras;
  ordered_json pattern;
  pattern["point_count"] = r.pointCount;
  pattern["min_spacing_mm"] = r.minSpacingMm ? ordered_json(rounded(*r.minSpacingMm, 0.1)) : ordered_json(nullptr);
  pattern["mean_spacing_mm"] = r.meanSpacingMm ? ordered_json(rounded(*r.meanSpacingMm, 0.1)) : ordered_json(nullptr);
  pattern["total_volume_ml"] = rounded(r.totalVolumeMl, 0.001);
  j["pattern"] = pattern;
  ordered_json zones = ordered_json::array();
  for (const ZoneResult& z : r.zones) {
    ordered_json o{{"id", z.id}, {"kind", toString(z.kind)}};
    if (z.kind == ZoneKind::Target) {
      o["coverage_percent"] = rounded(100.0 * z.coverage, 0.1);
      o["reference_coverage_percent"] = rounded(100.0 * z.referenceCoverage, 0.1);
    } else {
      ordered_json inside = ordered_json::array();
      for (size_t b : z.violatingPoints) inside.push_back(b + 1);
      o["points_inside"] = inside;
    }
    zones.push_back(o);
  }
  j["zones"] = zones;
  j["feedback"] = r.feedback;
  return j.dump(2) + "\n";
}

std::string reportToText(const ScoreReport& r) {
  std::string out;
  out += r.scenarioTitle + (r.trainee.empty() ? "" : " — " + r.trainee) + " (" + toString(r.mode) + ")\n";
  out += "Score " + fixed(r.score, 1) + " / 100: " + (r.passed ? "PASS" : "FAIL") + " (pass mark " +
         fixed(r.passMark, 0) + (r.noGoViolated ? "; a point is in a no-go zone" : "") + ")\n\n";
  out += "  component      weight   score\n";
  for (const ComponentScore& c : r.components) {
    char line[128];
    if (c.applies)
      std::snprintf(line, sizeof line, "  %-13s %7.0f  %5.1f %%\n", c.name.c_str(), c.weight, 100.0 * c.score);
    else
      std::snprintf(line, sizeof line, "  %-13s %7s  %7s\n", c.name.c_str(), "-", "n/a");
    out += line;
  }
  size_t matched = 0;
  for (const PointResult& p : r.points) matched += p.traineeIndex ? 1 : 0;
  out += "\n  " + std::to_string(r.pointCount) + " points placed, " + std::to_string(matched) + " of " +
         std::to_string(r.points.size()) + " reference points matched, " + std::to_string(r.extras.size()) +
         " extra; total volume " + fixed(r.totalVolumeMl, 2) + " mL\n";
  if (r.feedback.empty()) {
    out += "\nNothing to correct.\n";
  } else {
    out += "\nFeedback:\n";
    for (const std::string& line : r.feedback) out += "  - " + line + "\n";
  }
  return out;
}

}  // namespace mesomap
