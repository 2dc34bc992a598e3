#include "core/scoring/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/base/assignment.h"
#include "core/protocol/needle_spec.h"

namespace mesomap {

using ordered_json = nlohmann::ordered_json;

namespace scoring {

double windowScore(double value, const ValueRange& window, double scale) {
  double outside = value < window.min ? window.min - value : value > window.max ? value - window.max : 0.0;
  // A millionth of a unit is float rounding (the app keeps 0.1 mL as a float), not a mistake.
  if (outside < 1e-6) outside = 0.0;
  return std::max(0.0, 1.0 - outside / scale);
}

double positionCredit(double distanceMm, double toleranceMm) {
  const double free = std::min(kPositionFreeMm, toleranceMm);
  const double reach = kMatchReachTolerances * toleranceMm;
  if (distanceMm <= free) return 1.0;
  if (distanceMm >= reach) return 0.0;
  return 0.5 * (1.0 + std::cos(std::numbers::pi * (distanceMm - free) / (reach - free)));
}

double rounded(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(v * scale) / scale;
  return r == 0.0 ? 0.0 : r;  // no "-0"
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
  TissueColumn column;  // the layers under the point
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

// The order of a tip's layer against a zone's danger layer: deeper layers come later.
bool atOrBelow(TissueLayer layer, TissueLayer from) { return static_cast<int>(layer) >= static_cast<int>(from); }

// The length of needle a point uses: its needle's own length, or a longer inserted length
// the file gives (an attempt that gives depth_mm says nothing about the shaft; the tip-layer
// rule judges its depth).
double needleLengthUsedMm(const AttemptPoint& p) {
  const double named = p.needle.empty() ? 0.0 : parseNeedleSpec(p.needle).lengthMm;
  return std::max(named, p.insertedMm.value_or(0.0));
}

bool accepts(const ReferencePoint& reference, Technique technique) {
  return technique == reference.technique ||
         std::find(reference.acceptedTechniques.begin(), reference.acceptedTechniques.end(), technique) !=
             reference.acceptedTechniques.end();
}

void setWord(FeedbackItem& f, const std::string& name, const std::string& value) {
  for (auto& [key, w] : f.words)
    if (key == name) w = value;
}

ValueRange presetAngles(Technique t) {
  const TechniquePreset& preset = presetFor(t);
  return {preset.angleMinDeg, preset.angleMaxDeg};
}

}  // namespace

ScoringBody scoringBody(const Body& body) {
  return {body.mesh(), body.skin(), *body.geodesics(), body.regions(), body.patient()};
}

double FeedbackItem::value(const std::string& name, double otherwise) const {
  for (const auto& [key, v] : values)
    if (key == name) return v;
  return otherwise;
}

std::string FeedbackItem::word(const std::string& name) const {
  for (const auto& [key, w] : words)
    if (key == name) return w;
  return "";
}

size_t ScoreReport::criticalCount() const {
  return size_t(std::count_if(feedback.begin(), feedback.end(),
                              [](const FeedbackItem& f) { return f.severity == Severity::Critical; }));
}

const char* toString(Verdict verdict) {
  switch (verdict) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::Critical: return "critical";
  }
  return "fail";
}

const char* toString(Severity severity) {
  switch (severity) {
    case Severity::Critical: return "critical";
    case Severity::Error: return "error";
    case Severity::Note: return "note";
  }
  return "error";
}

const char* toString(FeedbackKind kind) {
  switch (kind) {
    case FeedbackKind::TipLayer: return "tip_layer";
    case FeedbackKind::NoGo: return "no_go";
    case FeedbackKind::WrongSide: return "wrong_side";
    case FeedbackKind::PointOverdose: return "point_overdose";
    case FeedbackKind::TotalOverdose: return "total_overdose";
    case FeedbackKind::NeedleTooLong: return "needle_too_long";
    case FeedbackKind::TooFewPoints: return "too_few_points";
    case FeedbackKind::NoGoCaution: return "no_go_caution";
    case FeedbackKind::Missing: return "missing";
    case FeedbackKind::Position: return "position";
    case FeedbackKind::Depth: return "depth";
    case FeedbackKind::Angle: return "angle";
    case FeedbackKind::Azimuth: return "azimuth";
    case FeedbackKind::Volume: return "volume";
    case FeedbackKind::Technique: return "technique";
    case FeedbackKind::Extra: return "extra";
    case FeedbackKind::FreePoint: return "free_point";
    case FeedbackKind::Count: return "count";
    case FeedbackKind::Spacing: return "spacing";
    case FeedbackKind::Coverage: return "coverage";
    case FeedbackKind::TotalVolume: return "total_volume";
  }
  return "position";
}

std::string feedbackText(const FeedbackItem& f) {
  const std::string point = f.word("point"), reference = f.word("reference"), code = f.word("code");
  const std::string who = point + (reference.empty() ? "" : " (" + reference + ")");
  const auto v = [&](const char* name, int decimals) { return fixed(f.value(name), decimals); };
  const auto window = [&](const char* name, int decimals, const char* unit) {
    return windowText({f.value(std::string(name) + "_min"), f.value(std::string(name) + "_max")}, decimals, unit);
  };
  switch (f.kind) {
    case FeedbackKind::TipLayer: {
      const bool bone = f.word("layer") == "bone";
      return who + ": the tip is " + f.word("where") + " at " + v("depth_mm", 1) + " mm — " + code + " stays " +
             (f.word("layers").find("window") == std::string::npos ? "in the " : "within its ") + f.word("layers") +
             " (here at most " + v("allowed_max_mm", 1) + " mm deep); " +
             (bone ? "a needle on bone injures the periosteum."
                   : "below the dermis the drug leaves the intradermal depot mesotherapy relies on.");
    }
    case FeedbackKind::NoGo:
      return who + " is in the no-go zone '" + f.word("zone") + "' (" + f.word("reason") + ") with its tip in the " +
             f.word("layer") + ": the attempt fails.";
    case FeedbackKind::NoGoCaution:
      return who + " is in the no-go zone '" + f.word("zone") + "' (" + f.word("reason") + "); its tip stays in the " +
             f.word("layer") + ", above the danger, but keep clear of it.";
    case FeedbackKind::WrongSide:
      return "Wrong side: " + v("mirrored", 0) + " of " + v("points", 0) +
             " points lie on the mirror image of the map — the protocol treats the " + f.word("side") + " side.";
    case FeedbackKind::PointOverdose:
      return who + ": " + v("volume_ml", 2) + " mL at one point — at most " + v("max_ml", 2) + " mL per point (overdose).";
    case FeedbackKind::TotalOverdose:
      return "Total volume " + v("volume_ml", 2) + " mL is above the protocol's maximum of " + v("max_ml", 2) +
             " mL (overdose).";
    case FeedbackKind::NeedleTooLong:
      return who + ": " + v("length_mm", 1) + " mm of needle — the protocol allows at most " + v("max_mm", 1) +
             " mm; a longer needle reaches below the skin.";
    case FeedbackKind::TooFewPoints:
      return "Only " + v("reached", 0) + " of " + v("references", 0) + " reference points reached — at least " +
             v("needed", 0) + " make the treatment.";
    case FeedbackKind::Missing:
      return "Reference " + reference + " (" + code + ") has no point within " + v("reach_mm", 0) + " mm.";
    case FeedbackKind::Position: {
      const std::string direction = f.word("direction");
      return who + ": " + (direction.empty() ? v("distance_mm", 0) + " mm from the reference" : direction + " of the reference") +
             ".";
    }
    case FeedbackKind::Depth: {
      std::string text = who + ": the tip reached " + f.word("layer") + " at " + v("depth_mm", 1) + " mm — " + code +
                         " targets " + f.word("target") +
                         (f.value("too_deep") > 0 ? " (too deep)." : " (too shallow).");
      if (!f.word("note").empty()) text += " Note: " + f.word("note");
      return text;
    }
    case FeedbackKind::Angle:
      return who + ": angle " + v("angle_deg", 0) + "° — " + code + " asks " + window("window_deg", 0, "°") + ".";
    case FeedbackKind::Azimuth:
      return who + ": the needle leans toward " + v("azimuth_deg", 0) + "° — the protocol asks " +
             window("window_deg", 0, "°") + " (0° cranial, 90° medial).";
    case FeedbackKind::Volume:
      return who + ": " + v("volume_ml", 2) + " mL — " + window("window_ml", 2, " mL") + " per point.";
    case FeedbackKind::Technique:
      return who + ": " + f.word("used") + " used where " + code + " is asked.";
    case FeedbackKind::Extra:
      return point + " matches no reference point" +
             (reference.empty() ? std::string(".") : " (nearest: " + reference + ", " + v("distance_mm", 0) + " mm away).");
    case FeedbackKind::FreePoint:
      return f.word("zone") + ": " + v("count", 0) + " points placed in the zone; it asks " + window("window", 0, "") + ".";
    case FeedbackKind::Count:
      return v("count", 0) + " points placed; the protocol asks " + window("window", 0, "") + ".";
    case FeedbackKind::Spacing:
      if (f.word("measure") == "closest")
        return "The closest points are " + v("spacing_mm", 0) + " mm apart; keep at least " + v("min_mm", 0) +
               " mm between neighbours.";
      return "Points are " + v("spacing_mm", 0) + " mm from their nearest neighbour on average; the protocol asks " +
             window("window_mm", 0, " mm") + ".";
    case FeedbackKind::Coverage:
      return f.word("zone") + ": " + v("coverage_percent", 0) + " % covered (the reference map covers " +
             v("reference_percent", 0) + " %).";
    case FeedbackKind::TotalVolume:
      return "Total volume " + v("volume_ml", 2) + " mL; the protocol asks " + window("window_ml", 1, " mL") + ".";
  }
  return "";
}

CriticalLimits criticalLimits(const Scenario& s) {
  CriticalLimits limits;
  double largestPoint = 0.0, sumPoints = 0.0, longestNeedle = 0.0;
  for (const ReferencePoint& p : s.points) {
    largestPoint = std::max(largestPoint, p.volumeMl.max);
    sumPoints += p.volumeMl.max;
    longestNeedle = std::max(longestNeedle, parseNeedleSpec(p.needle).lengthMm);
  }
  const CriticalRules& rules = s.critical;
  limits.minReferenceShare = rules.minReferenceShare.value_or(kDefaultMinReferenceShare);
  limits.maxPointVolumeMl = rules.maxPointVolumeMl.value_or(kDefaultVolumeLimitFactor * largestPoint);
  limits.maxTotalVolumeMl = rules.maxTotalVolumeMl.value_or(
      s.pattern.totalVolumeMl ? s.pattern.totalVolumeMl->max : kDefaultVolumeLimitFactor * sumPoints);
  limits.maxNeedleMm = rules.maxNeedleMm.value_or(longestNeedle > 0.0 ? longestNeedle : kDefaultMaxNeedleMm);
  limits.tipLayer = rules.tipLayer.value_or(true);
  limits.wrongSide = rules.wrongSide.value_or(true);
  return limits;
}

PreparedScenario prepareScenario(Scenario scenario, const ScoringBody& body) {
  PreparedScenario prepared;
  prepared.scenario = std::move(scenario);
  const Scenario& s = prepared.scenario;
  prepared.limits = criticalLimits(s);

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
      prepared.problems.push_back({"points[" + std::to_string(i) + "]", why, ProblemSubject{SubjectKind::Point, i}});
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
      prepared.problems.push_back({"zones[" + std::to_string(i) + "]", why, ProblemSubject{SubjectKind::Zone, i}});
      continue;
    }
    const std::vector<glm::vec3> brush = resolveBrush(zone, body.skin);
    if (brush.size() != zone.brush.size()) {
      prepared.problems.push_back(
          {"zones[" + std::to_string(i) + "].brush", "the body has no skin to place it on", ProblemSubject{SubjectKind::Zone, i}});
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

namespace {

// One attempt being scored: the inputs, the trainee points on the skin, and the report as it
// is built up step by step (scoreAttempt below runs the steps in order).
struct AttemptScoring {
  const PreparedScenario& prepared;
  const Scenario& s;
  const Attempt& attempt;
  const ScoringBody& body;
  std::vector<SnappedPoint> trainee;
  // Per trainee point: the reference it matched (index into prepared.points), its depth target
  // and verdict.
  std::vector<std::optional<size_t>> matchedTo;
  std::vector<DepthTarget> depthTargets;
  std::vector<DepthJudgement> depths;
  std::vector<double> nearestNeighbourMm;
  // Per trainee point whose coverage field was measured (measureAroundPoints): its distances
  // along the skin, in mm, to the prepared reference points and trainee points that propagation
  // settled (what geodesicMm(that point, this one) gives; nullopt: not settled there).
  struct MeasuredAround {
    std::vector<std::optional<float>> toReferences, toTrainees;
  };
  std::vector<std::optional<MeasuredAround>> around;
  std::vector<LocalDistance> coverageFields;  // one per distinct trainee position near a target zone
  float coverageReachMm = 0.0f;
  ScoreReport r;
  std::vector<FeedbackItem> critical, findings;

  const ReferencePoint& referenceOf(size_t preparedIndex) const { return s.points[prepared.points[preparedIndex].index]; }
  // "Point 3", and the reference id when the needle matched one.
  FeedbackItem item(FeedbackKind kind, Severity severity, std::optional<size_t> traineeIndex,
                    std::optional<size_t> preparedIndex = std::nullopt) const {
    FeedbackItem f;
    f.kind = kind;
    f.severity = severity;
    f.trainee = traineeIndex;
    if (traineeIndex) f.words.emplace_back("point", pointName(attempt, *traineeIndex));
    if (preparedIndex) {
      const ReferencePoint& ref = referenceOf(*preparedIndex);
      f.reference = prepared.points[*preparedIndex].index;
      f.words.emplace_back("reference", ref.id);
      f.words.emplace_back("code", presetFor(ref.technique).code);
    }
    return f;
  }
};

// Every trainee point onto the skin. A point far off it is a broken file, not an error of
// technique: reported as a problem, and nothing is scored.
bool snapToSkin(AttemptScoring& sc, std::vector<Problem>& problems) {
  for (size_t i = 0; i < sc.attempt.points.size(); ++i) {
    const glm::vec3 p(sc.attempt.points[i].positionMm * 0.001);
    const auto hit = sc.body.skin.closestPoint(p, PartFilter::Skin);
    const std::string path = "points[" + std::to_string(i) + "].position_mm";
    if (!hit) {
      problems.push_back({path, "the body has no skin to place it on"});
      continue;
    }
    if (hit->distance * 1000.0 > kMaxOffSkinMm) {
      problems.push_back(
          {path, fixed(hit->distance * 1000.0, 1) + " mm from the skin (at most " + fixed(kMaxOffSkinMm, 1) + " mm)"});
      continue;
    }
    const SurfaceFrame frame = surfaceFrame(hit->position, hit->normal);
    sc.trainee.push_back({hit->position, frame, hit->triangle, {hit->u, hit->v},
                          GeodesicPoint::onTriangle(hit->triangle, hit->u, hit->v),
                          sc.body.regions.columnAt(hit->position, hit->normal, sc.body.patient)});
  }
  return problems.empty();
}

// One window propagation at each trainee point near a target zone gives its coverage field and
// its distances to the references and the other trainee points (GeodesicSolver::localQuery),
// where matching, extras, spacing and coverage would each propagate again from it.
void measureAroundPoints(AttemptScoring& sc) {
  std::vector<glm::vec3> positions;
  for (const SnappedPoint& p : sc.trainee) positions.push_back(p.position);
  std::vector<bool> nearTarget(sc.trainee.size(), false);
  for (const PreparedZone& z : sc.prepared.zones) {
    const Zone& zone = sc.s.zones[z.index];
    if (zone.kind != ZoneKind::Target) continue;
    sc.coverageReachMm = std::max(sc.coverageReachMm, float(zone.coverageRadiusMm));
    for (size_t b = 0; b < positions.size(); ++b)
      nearTarget[b] = nearTarget[b] || z.region.mayBeWithin(positions[b], zone.coverageRadiusMm);
  }
  sc.around.assign(sc.trainee.size(), std::nullopt);
  std::vector<GeodesicPoint> targets;
  for (const PreparedPoint& ref : sc.prepared.points) targets.push_back(ref.onSkin);
  for (const SnappedPoint& t : sc.trainee) targets.push_back(t.onSkin);
  std::vector<glm::vec3> measured;
  for (size_t b = 0; b < sc.trainee.size(); ++b) {
    if (!nearTarget[b] || std::find(measured.begin(), measured.end(), positions[b]) != measured.end()) continue;
    measured.push_back(positions[b]);
    // From the point the needle was snapped to (snapping its position again would move it by
    // float rounding, and the field would no longer share the propagation).
    const SnappedPoint& point = sc.trainee[b];
    GeodesicSolver::LocalQuery q = sc.body.geodesics.localQuery(point.onSkin, sc.coverageReachMm * 1e-3f, targets);
    sc.coverageFields.emplace_back(sc.body.mesh, point.triangle, point.uv, q.within);
    AttemptScoring::MeasuredAround m;
    const auto mm = [](const std::optional<float>& d) { return d ? std::optional<float>(*d * 1000.0f) : std::nullopt; };
    for (size_t i = 0; i < q.toTargets.size(); ++i)
      (i < sc.prepared.points.size() ? m.toReferences : m.toTrainees).push_back(mm(q.toTargets[i]));
    sc.around[b] = std::move(m);
  }
}

// Along the skin from reference a (prepared index) to trainee point b, as geodesicMm measures it.
std::optional<float> referenceToTraineeMm(const AttemptScoring& sc, size_t a, size_t b) {
  if (sc.around[b] && sc.around[b]->toReferences[a]) return sc.around[b]->toReferences[a];
  return geodesicMm(sc.body, sc.prepared.points[a].onSkin, sc.trainee[b].onSkin);
}

// Along the skin from trainee point a to trainee point b, as geodesicMm measures it.
std::optional<float> traineeToTraineeMm(const AttemptScoring& sc, size_t a, size_t b) {
  if (sc.around[b] && sc.around[b]->toTrainees[a]) return sc.around[b]->toTrainees[a];
  return geodesicMm(sc.body, sc.trainee[a].onSkin, sc.trainee[b].onSkin);
}

// One-to-one matching on distance along the skin, each reference reaching up to twice its
// tolerance (where its position credit reaches 0, so nothing jumps at the edge). Pairs within
// the tolerance are measured along the skin; pairs farther out are ranked by their straight
// distance (this close, a few percent shorter than the path along the skin, and several times
// cheaper) and the path is measured only for the pair matched; one longer than the reach is
// no match after all.
void matchToReferences(AttemptScoring& sc) {
  const size_t nRef = sc.prepared.points.size(), nTrainee = sc.trainee.size();
  std::vector<std::vector<double>> cost(nRef, std::vector<double>(nTrainee, kForbidden));
  std::vector<std::vector<bool>> alongSkin(nRef, std::vector<bool>(nTrainee, false));
  for (size_t a = 0; a < nRef; ++a) {
    const PreparedPoint& ref = sc.prepared.points[a];
    const double tolerance = sc.s.points[ref.index].toleranceMm, reach = kMatchReachTolerances * tolerance;
    for (size_t b = 0; b < nTrainee; ++b) {
      // The straight line never exceeds the path along the skin: a cheap rejection.
      const double straight = glm::length(sc.trainee[b].position - ref.placement.frame.position) * 1000.0;
      if (straight >= reach) continue;
      if (straight > tolerance) {
        cost[a][b] = straight;
        continue;
      }
      if (auto d = referenceToTraineeMm(sc, a, b); d && *d < reach) {
        cost[a][b] = *d;
        alongSkin[a][b] = true;
      }
    }
  }
  const auto assignment = optimalAssignment(cost);
  sc.matchedTo.assign(nTrainee, std::nullopt);
  for (size_t a = 0; a < nRef; ++a) {
    const ReferencePoint& reference = sc.referenceOf(a);
    PointResult pr;
    pr.referenceId = reference.id;
    pr.referenceTechnique = reference.technique;
    if (a < assignment.size() && assignment[a]) {
      const size_t b = *assignment[a];
      std::optional<double> distance = cost[a][b];
      if (!alongSkin[a][b]) {
        const auto d = referenceToTraineeMm(sc, a, b);
        distance = d && *d < kMatchReachTolerances * reference.toleranceMm ? std::optional<double>(*d) : std::nullopt;
      }
      if (distance) {
        pr.traineeIndex = b;
        pr.distanceMm = *distance;
        sc.matchedTo[b] = a;
      }
    }
    sc.r.points.push_back(pr);
  }
}

// Every needle's depth, by the one rule (depth_target.h): against its matched reference when it
// uses that point's technique, else against its own technique's band.
void judgeDepths(AttemptScoring& sc) {
  for (size_t b = 0; b < sc.trainee.size(); ++b) {
    const AttemptPoint& tp = sc.attempt.points[b];
    const ReferencePoint* reference = sc.matchedTo[b] ? &sc.referenceOf(*sc.matchedTo[b]) : nullptr;
    sc.depthTargets.push_back(depthTargetFor(reference, tp.technique, sc.trainee[b].column));
    sc.depths.push_back(judgeDepth(sc.depthTargets.back(), tp.perpendicularDepthMm(), sc.trainee[b].column));
  }
}

// A matched needle against its reference point: position, angle, azimuth, depth, volume and
// technique (an accepted technique is judged on its own angle window and depth band).
void judgeMatchedNeedle(AttemptScoring& sc, size_t a) {
  PointResult& pr = sc.r.points[a];
  if (!pr.traineeIndex) return;
  const size_t b = *pr.traineeIndex;
  const PreparedPoint& ref = sc.prepared.points[a];
  const ReferencePoint& reference = sc.referenceOf(a);
  const AttemptPoint& tp = sc.attempt.points[b];
  const SurfaceFrame& rf = ref.placement.frame;
  // Direction in the reference's frame, scaled to the distance along the skin.
  const glm::dvec3 offset = glm::dvec3(sc.trainee[b].position - rf.position) * 1000.0;
  const double cranial = glm::dot(offset, glm::dvec3(rf.cranial)), medial = glm::dot(offset, glm::dvec3(rf.medial));
  const double planar = std::hypot(cranial, medial);
  if (planar > 1e-9) {
    pr.cranialMm = cranial * pr.distanceMm / planar;
    pr.medialMm = medial * pr.distanceMm / planar;
  }
  pr.positionScore = positionCredit(pr.distanceMm, reference.toleranceMm);

  pr.techniqueMatches = accepts(reference, tp.technique);
  pr.acceptedTechnique = pr.techniqueMatches && tp.technique != reference.technique;
  pr.angleWindowDeg = pr.acceptedTechnique ? presetAngles(tp.technique) : reference.angleDeg;
  pr.angleDeg = tp.angleDeg;
  pr.angleScore = windowScore(tp.angleDeg, pr.angleWindowDeg, kAngleScaleDeg);
  if (reference.azimuthDeg) {
    pr.azimuthDeg = tp.azimuthDeg;
    pr.azimuthScore = tp.angleDeg > kAzimuthIgnoredAboveDeg
                          ? 1.0
                          : std::max(0.0, 1.0 - azimuthOutside(tp.azimuthDeg, *reference.azimuthDeg) / kAzimuthScaleDeg);
  }
  pr.depthMm = tp.perpendicularDepthMm();
  pr.depthWindowMm = sc.depthTargets[b].windowMm;
  pr.layer = sc.depths[b].layer;
  pr.depthVerdict = sc.depths[b].verdict;
  pr.depthScore = sc.depths[b].score;
  pr.volumeMl = tp.volumeMl;
  pr.volumeScore = windowScore(tp.volumeMl, reference.volumeMl, kVolumeScaleMl);
}

// Trainee needles no reference claimed: free points of a zone that allows them (its techniques,
// inside it, up to its count; taken in order of position, so listing order changes nothing),
// else extras. Both are judged on their own technique's band.
void sortUnmatched(AttemptScoring& sc) {
  std::vector<size_t> unmatched;
  for (size_t b = 0; b < sc.trainee.size(); ++b)
    if (!sc.matchedTo[b]) unmatched.push_back(b);
  std::vector<size_t> byPosition = unmatched;
  std::sort(byPosition.begin(), byPosition.end(), [&](size_t x, size_t y) {
    const glm::vec3 &p = sc.trainee[x].position, &q = sc.trainee[y].position;
    return std::tie(p.x, p.y, p.z, x) < std::tie(q.x, q.y, q.z, y);
  });
  std::map<size_t, std::optional<size_t>> freeZoneOf;
  std::map<size_t, size_t> taken;  // zone -> free points so far
  for (size_t b : byPosition) {
    freeZoneOf[b] = std::nullopt;
    for (const PreparedZone& z : sc.prepared.zones) {
      const Zone& zone = sc.s.zones[z.index];
      if (!zone.freePoints || taken[z.index] >= size_t(zone.freePoints->count.max)) continue;
      const auto& allowed = zone.freePoints->techniques;
      if (std::find(allowed.begin(), allowed.end(), sc.attempt.points[b].technique) == allowed.end()) continue;
      if (!z.region.contains(sc.body.mesh, sc.trainee[b].triangle, sc.trainee[b].uv)) continue;
      freeZoneOf[b] = z.index;
      ++taken[z.index];
      break;
    }
  }
  for (size_t b : unmatched) {
    ExtraPoint extra;
    extra.traineeIndex = b;
    extra.freeZone = freeZoneOf[b];
    const AttemptPoint& tp = sc.attempt.points[b];
    extra.depthMm = tp.perpendicularDepthMm();
    extra.depthScore = sc.depths[b].score;
    extra.layer = sc.depths[b].layer;
    extra.depthVerdict = sc.depths[b].verdict;
    extra.angleScore = windowScore(tp.angleDeg, presetAngles(tp.technique), kAngleScaleDeg);
    float nearest = std::numeric_limits<float>::infinity();
    std::optional<size_t> nearestRef;
    for (size_t a = 0; a < sc.prepared.points.size(); ++a) {
      const float d = glm::length(sc.trainee[b].position - sc.prepared.points[a].placement.frame.position);
      if (d < nearest) nearest = d, nearestRef = a;
    }
    if (nearestRef) {
      if (auto d = referenceToTraineeMm(sc, *nearestRef, b)) {
        extra.nearestReference = sc.s.points[sc.prepared.points[*nearestRef].index].id;
        extra.nearestDistanceMm = *d;
      }
    }
    sc.r.extras.push_back(extra);
  }
}

// Each trainee point's nearest neighbour along the skin. Candidates are tried in order of
// straight distance, which never exceeds the skin distance, so the search stops early; each
// pair is measured once, from the point that comes first in order of position, so listing the
// points differently changes nothing.
void measureSpacing(AttemptScoring& sc) {
  const size_t n = sc.trainee.size();
  sc.nearestNeighbourMm.assign(n, std::numeric_limits<double>::infinity());
  const auto key = [&](size_t i) {
    const glm::vec3& p = sc.trainee[i].position;
    return std::make_tuple(p.x, p.y, p.z, i);
  };
  std::map<std::pair<size_t, size_t>, double> measured;
  const auto skinDistance = [&](size_t a, size_t b) {
    if (key(b) < key(a)) std::swap(a, b);
    auto [it, fresh] = measured.try_emplace({a, b}, 0.0);
    if (fresh) {
      const auto d = traineeToTraineeMm(sc, a, b);
      it->second = d ? double(*d) : std::numeric_limits<double>::infinity();
    }
    return it->second;
  };
  for (size_t a = 0; a < n; ++a) {
    std::vector<std::pair<double, size_t>> byStraightDistance;
    for (size_t b = 0; b < n; ++b)
      if (b != a) byStraightDistance.emplace_back(glm::length(sc.trainee[a].position - sc.trainee[b].position) * 1000.0, b);
    std::sort(byStraightDistance.begin(), byStraightDistance.end(), [&](const auto& x, const auto& y) {
      return x.first != y.first ? x.first < y.first : key(x.second) < key(y.second);
    });
    for (const auto& [straight, b] : byStraightDistance) {
      if (straight >= sc.nearestNeighbourMm[a]) break;
      sc.nearestNeighbourMm[a] = std::min(sc.nearestNeighbourMm[a], skinDistance(a, b));
    }
  }
  std::vector<double> sorted;
  for (double d : sc.nearestNeighbourMm)
    if (std::isfinite(d)) sorted.push_back(d);
  std::sort(sorted.begin(), sorted.end());
  if (!sorted.empty()) {
    sc.r.minSpacingMm = sorted.front();
    sc.r.meanSpacingMm = std::accumulate(sorted.begin(), sorted.end(), 0.0) / double(sorted.size());
  }
  std::vector<double> volumes;
  for (const AttemptPoint& p : sc.attempt.points) volumes.push_back(p.volumeMl);
  std::sort(volumes.begin(), volumes.end());
  sc.r.totalVolumeMl = std::accumulate(volumes.begin(), volumes.end(), 0.0);
}

// Target zones: coverage against the reference map's, and for a zone of free points their
// count, spacing and needles. No-go zones: a tip at or below the zone's danger layer violates
// it; a shallower one is a caution.
void judgeZones(AttemptScoring& sc) {
  // The trainee points' coverage fields (measureAroundPoints), reaching the largest coverage
  // radius, serve every zone: distances within a zone's smaller radius are the same.
  const NearestPointDistance near(std::move(sc.coverageFields));
  for (const PreparedZone& z : sc.prepared.zones) {
    const Zone& zone = sc.s.zones[z.index];
    ZoneResult zr;
    zr.id = zone.id;
    zr.name = zone.name.empty() ? zone.id : zone.name;
    zr.kind = zone.kind;
    zr.reason = zone.reason;
    if (zone.kind == ZoneKind::NoGo) {
      for (size_t b = 0; b < sc.trainee.size(); ++b) {
        if (!z.region.contains(sc.body.mesh, sc.trainee[b].triangle, sc.trainee[b].uv)) continue;
        (atOrBelow(sc.depths[b].layer, zone.dangerFromLayer) ? zr.violatingPoints : zr.cautionPoints).push_back(b);
      }
      if (!zr.violatingPoints.empty()) sc.r.noGoViolated = true;
      sc.r.zones.push_back(zr);
      continue;
    }
    zr.coverage = coveredFraction(z.region, sc.body.mesh, near, float(zone.coverageRadiusMm));
    zr.referenceCoverage = z.referenceCoverage;
    std::vector<double> parts{z.referenceCoverage > 0.0 ? std::min(1.0, zr.coverage / z.referenceCoverage) : zr.coverage};
    if (zone.freePoints) {
      double needles = 0.0, spacing = 0.0;
      for (const ExtraPoint& e : sc.r.extras) {
        if (e.freeZone != z.index) continue;
        ++zr.freePoints;
        needles += 0.5 * (e.depthScore + e.angleScore);
        spacing += std::isfinite(sc.nearestNeighbourMm[e.traineeIndex]) ? sc.nearestNeighbourMm[e.traineeIndex] : 0.0;
      }
      // A zone whose count starts at 0 accepts free points without demanding them: no count part
      // (it would only lift the zone's score for points nobody asked for).
      if (zone.freePoints->count.min > 0)
        parts.push_back(windowScore(double(zr.freePoints), zone.freePoints->count, 1.0 / kCountPenaltyPerPoint));
      if (zr.freePoints) parts.push_back(needles / double(zr.freePoints));
      if (zone.freePoints->spacingMm && zr.freePoints > 1)
        parts.push_back(windowScore(spacing / double(zr.freePoints), *zone.freePoints->spacingMm, kSpacingScaleMm));
    }
    zr.score = std::accumulate(parts.begin(), parts.end(), 0.0) / double(parts.size());
    sc.r.zones.push_back(zr);
  }
}

void addTipLayerCritical(AttemptScoring& sc, size_t b, std::optional<size_t> preparedIndex) {
  const DepthTarget& target = sc.depthTargets[b];
  FeedbackItem f = sc.item(FeedbackKind::TipLayer, Severity::Critical, b, preparedIndex);
  // The needle's own technique's band when it is not the reference's.
  if (!preparedIndex) f.words.emplace_back("code", presetFor(target.technique).code);
  else setWord(f, "code", presetFor(target.technique).code);
  f.words.emplace_back("where", criticalDepthText(sc.depths[b]));
  f.words.emplace_back("layer", toString(sc.depths[b].layer));
  f.words.emplace_back("layers", target.layers);
  f.values = {{"depth_mm", sc.attempt.points[b].perpendicularDepthMm()}, {"allowed_max_mm", target.allowedMaxMm}};
  sc.critical.push_back(f);
}

// At least half the points (and two) far from every reference point while their mirror image
// across the midline lies on one: the map was placed on the other side.
void checkWrongSide(AttemptScoring& sc) {
  if (!sc.prepared.limits.wrongSide || sc.trainee.size() < 2) return;
  size_t mirrored = 0;
  double referenceSide = 0.0;
  for (const PreparedPoint& ref : sc.prepared.points) referenceSide += ref.placement.frame.position.x;
  for (const SnappedPoint& t : sc.trainee) {
    const glm::vec3 mirror(-t.position.x, t.position.y, t.position.z);
    bool nearAny = false, mirrorNearAny = false;
    for (const PreparedPoint& ref : sc.prepared.points) {
      const double tolerance = sc.s.points[ref.index].toleranceMm;
      nearAny = nearAny || glm::length(t.position - ref.placement.frame.position) * 1000.0 <= tolerance;
      mirrorNearAny = mirrorNearAny || glm::length(mirror - ref.placement.frame.position) * 1000.0 <= tolerance;
    }
    if (!nearAny && mirrorNearAny) ++mirrored;
  }
  if (mirrored < 2 || 2 * mirrored < sc.trainee.size()) return;
  FeedbackItem f = sc.item(FeedbackKind::WrongSide, Severity::Critical, std::nullopt);
  f.values = {{"mirrored", double(mirrored)}, {"points", double(sc.trainee.size())}};
  // The patient's left is +X.
  f.words.emplace_back("side", referenceSide >= 0.0 ? "left" : "right");
  sc.critical.push_back(f);
}

// The rules whose breach fails the attempt whatever its score (docs/scoring.md), in a fixed
// order: tip layer, no-go, wrong side, overdose, needle length, too few points.
void findCriticalErrors(AttemptScoring& sc) {
  const CriticalLimits& limits = sc.prepared.limits;
  if (limits.tipLayer) {
    for (size_t a = 0; a < sc.r.points.size(); ++a)
      if (const auto b = sc.r.points[a].traineeIndex; b && sc.depths[*b].critical) addTipLayerCritical(sc, *b, a);
    for (const ExtraPoint& e : sc.r.extras)
      if (sc.depths[e.traineeIndex].critical) addTipLayerCritical(sc, e.traineeIndex, std::nullopt);
  }
  for (size_t z = 0; z < sc.r.zones.size(); ++z) {
    const ZoneResult& zr = sc.r.zones[z];
    for (size_t b : zr.violatingPoints) {
      FeedbackItem f = sc.item(FeedbackKind::NoGo, Severity::Critical, b, sc.matchedTo[b]);
      f.zone = sc.prepared.zones[z].index;
      f.words.emplace_back("zone", zr.name);
      f.words.emplace_back("reason", zr.reason);
      f.words.emplace_back("layer", layerName(sc.depths[b].layer));
      sc.critical.push_back(f);
    }
  }
  checkWrongSide(sc);
  constexpr double kSlack = 1e-6;  // float volumes from the app
  for (size_t b = 0; b < sc.trainee.size(); ++b) {
    const AttemptPoint& tp = sc.attempt.points[b];
    if (tp.volumeMl > limits.maxPointVolumeMl + kSlack) {
      FeedbackItem f = sc.item(FeedbackKind::PointOverdose, Severity::Critical, b, sc.matchedTo[b]);
      f.values = {{"volume_ml", tp.volumeMl}, {"max_ml", limits.maxPointVolumeMl}};
      sc.critical.push_back(f);
    }
  }
  if (sc.r.totalVolumeMl > limits.maxTotalVolumeMl + kSlack) {
    FeedbackItem f = sc.item(FeedbackKind::TotalOverdose, Severity::Critical, std::nullopt);
    f.values = {{"volume_ml", sc.r.totalVolumeMl}, {"max_ml", limits.maxTotalVolumeMl}};
    sc.critical.push_back(f);
  }
  for (size_t b = 0; b < sc.trainee.size(); ++b) {
    const AttemptPoint& tp = sc.attempt.points[b];
    const double length = needleLengthUsedMm(tp);
    if (length > limits.maxNeedleMm + 1e-3) {
      FeedbackItem f = sc.item(FeedbackKind::NeedleTooLong, Severity::Critical, b, sc.matchedTo[b]);
      f.values = {{"length_mm", length}, {"max_mm", limits.maxNeedleMm}};
      sc.critical.push_back(f);
    }
  }
  const size_t references = sc.r.points.size();
  const size_t reached = size_t(std::count_if(sc.r.points.begin(), sc.r.points.end(),
                                              [](const PointResult& p) { return p.traineeIndex.has_value(); }));
  const double needed = std::ceil(limits.minReferenceShare * double(references) - 1e-9);
  if (references > 0 && double(reached) < needed) {
    FeedbackItem f = sc.item(FeedbackKind::TooFewPoints, Severity::Critical, std::nullopt);
    f.values = {{"reached", double(reached)}, {"references", double(references)}, {"needed", needed}};
    sc.critical.push_back(f);
  }
}

// The components (docs/scoring.md) and the weighted score. Needle components average over all
// reference points: a missing point has no depth, angle, volume or technique credit; each
// extra needle costs count credit and enters the volume average with none.
void weighComponents(AttemptScoring& sc) {
  ScoreReport& r = sc.r;
  std::vector<ComponentScore> components(kComponentCount);
  for (size_t c = 0; c < kComponentCount; ++c) {
    components[c].name = kScoreComponents[c].name;
    components[c].weight = sc.prepared.weights[c];
  }
  const auto set = [&](Component c, bool measurable, double score) {
    components[c].applies = measurable && components[c].weight > 0.0;
    components[c].score = measurable ? std::clamp(score, 0.0, 1.0) : 0.0;
  };
  const double nRef = double(r.points.size());
  size_t extras = 0;
  for (const ExtraPoint& e : r.extras) extras += e.freeZone ? 0 : 1;
  double position = 0.0, depth = 0.0, angle = 0.0, volume = 0.0, technique = 0.0;
  for (const PointResult& p : r.points) {
    if (!p.traineeIndex) continue;
    position += p.positionScore;
    depth += p.depthScore;
    angle += p.azimuthDeg ? 0.5 * (p.angleScore + p.azimuthScore) : p.angleScore;
    volume += p.volumeScore;
    technique += p.techniqueMatches ? 1.0 : 0.0;
  }
  const bool hasReference = nRef > 0;
  const double perReference = hasReference ? 1.0 / nRef : 0.0;
  set(Position, hasReference, position * perReference);
  set(Depth, hasReference, depth * perReference);
  set(Angle, hasReference, angle * perReference);
  set(Volume, hasReference, hasReference ? volume / (nRef + double(extras)) : 0.0);
  set(TechniqueMatch, hasReference, technique * perReference);
  {
    double outside = 0.0;
    if (sc.s.pattern.pointCount) {
      const double n = double(sc.trainee.size()), lo = sc.s.pattern.pointCount->min, hi = sc.s.pattern.pointCount->max;
      outside = n < lo ? lo - n : n > hi ? n - hi : 0.0;
    }
    set(Count, hasReference || sc.s.pattern.pointCount,
        1.0 - kCountPenaltyPerPoint * outside - kCountPenaltyPerExtra * double(extras));
  }
  if (sc.s.pattern.spacingMm && r.minSpacingMm) {
    // Half for the closest pair (crowding: only the lower bound), half for the mean (the
    // pattern's density: both bounds). A single isolated point may sit farther out.
    const ValueRange& range = *sc.s.pattern.spacingMm;
    const ValueRange noCloserThan{range.min, std::numeric_limits<double>::infinity()};
    set(Spacing, true,
        0.5 * windowScore(*r.minSpacingMm, noCloserThan, kSpacingScaleMm) +
            0.5 * windowScore(*r.meanSpacingMm, range, kSpacingScaleMm));
  }
  {
    double sum = 0.0;
    size_t targets = 0;
    for (const ZoneResult& z : r.zones)
      if (z.kind == ZoneKind::Target) sum += z.score, ++targets;
    if (targets) set(Coverage, true, sum / double(targets));
  }
  if (sc.s.pattern.totalVolumeMl)
    set(TotalVolume, true, windowScore(r.totalVolumeMl, *sc.s.pattern.totalVolumeMl, kTotalVolumeScaleMl));

  double weighted = 0.0, totalWeight = 0.0;
  for (const ComponentScore& c : components) {
    if (!c.applies) continue;
    weighted += c.weight * c.score;
    totalWeight += c.weight;
  }
  r.weightedScore = totalWeight > 0.0 ? rounded(100.0 * weighted / totalWeight, 1) : 0.0;
  r.components = std::move(components);
}

// What the trainee is told about one matched needle or missed reference, in reference order.
void describeReferencePoint(AttemptScoring& sc, size_t a) {
  const PointResult& p = sc.r.points[a];
  const ReferencePoint& reference = sc.referenceOf(a);
  if (!p.traineeIndex) {
    FeedbackItem f = sc.item(FeedbackKind::Missing, Severity::Error, std::nullopt, a);
    f.values = {{"reach_mm", kMatchReachTolerances * reference.toleranceMm}};
    sc.findings.push_back(f);
    return;
  }
  const size_t b = *p.traineeIndex;
  if (p.positionScore < 1.0) {
    FeedbackItem f = sc.item(FeedbackKind::Position, Severity::Error, b, a);
    f.values = {{"distance_mm", p.distanceMm}, {"cranial_mm", p.cranialMm}, {"medial_mm", p.medialMm},
                {"credit", p.positionScore}};
    f.words.emplace_back("direction", directionText(p.cranialMm, p.medialMm));
    sc.findings.push_back(f);
  }
  const bool depthCritical = sc.prepared.limits.tipLayer && sc.depths[b].critical;
  if (p.depthVerdict != DepthVerdict::Correct && !depthCritical) {
    const DepthTarget& target = sc.depthTargets[b];
    FeedbackItem f = sc.item(FeedbackKind::Depth, Severity::Error, b, a);
    f.values = {{"depth_mm", p.depthMm}, {"window_mm_min", target.windowMm.min}, {"window_mm_max", target.windowMm.max},
                {"too_deep", p.depthVerdict == DepthVerdict::TooDeep ? 1.0 : 0.0}};
    // The technique whose window it is: an accepted technique's own band.
    if (target.technique != reference.technique) setWord(f, "code", presetFor(target.technique).code);
    f.words.emplace_back("layer", layerName(p.layer));
    f.words.emplace_back("target", target.from == DepthSource::DepthWindow ? windowText(target.windowMm, 1, " mm")
                                                                           : "the " + target.layers + " (" +
                                                                                 windowText(target.windowMm, 1, " mm") + " here)");
    std::string note = target.note;
    if (target.sourceDepthMm)
      note += (note.empty() ? "" : " ") + std::string("The source gives ") + windowText(*target.sourceDepthMm, 1, " mm") +
              "; on this body the dermis ends at " + fixed(sc.trainee[b].column.skinMm(), 1) + " mm.";
    f.words.emplace_back("note", note);
    sc.findings.push_back(f);
  }
  if (p.angleScore < 1.0) {
    FeedbackItem f = sc.item(FeedbackKind::Angle, Severity::Error, b, a);
    if (p.acceptedTechnique) setWord(f, "code", presetFor(sc.attempt.points[b].technique).code);
    f.values = {{"angle_deg", p.angleDeg}, {"window_deg_min", p.angleWindowDeg.min}, {"window_deg_max", p.angleWindowDeg.max}};
    sc.findings.push_back(f);
  }
  if (p.azimuthDeg && p.azimuthScore < 1.0) {
    FeedbackItem f = sc.item(FeedbackKind::Azimuth, Severity::Error, b, a);
    f.values = {{"azimuth_deg", *p.azimuthDeg}, {"window_deg_min", reference.azimuthDeg->min},
                {"window_deg_max", reference.azimuthDeg->max}};
    sc.findings.push_back(f);
  }
  if (p.volumeScore < 1.0) {
    FeedbackItem f = sc.item(FeedbackKind::Volume, Severity::Error, b, a);
    f.values = {{"volume_ml", p.volumeMl}, {"window_ml_min", reference.volumeMl.min}, {"window_ml_max", reference.volumeMl.max}};
    sc.findings.push_back(f);
  }
  if (!p.techniqueMatches) {
    FeedbackItem f = sc.item(FeedbackKind::Technique, Severity::Error, b, a);
    f.words.emplace_back("used", presetFor(sc.attempt.points[b].technique).code);
    sc.findings.push_back(f);
  }
}

// Extras, then the pattern and the zones.
void describePattern(AttemptScoring& sc) {
  const ScoreReport& r = sc.r;
  for (size_t z = 0; z < r.zones.size(); ++z)
    for (size_t b : r.zones[z].cautionPoints) {
      FeedbackItem f = sc.item(FeedbackKind::NoGoCaution, Severity::Note, b, sc.matchedTo[b]);
      f.zone = sc.prepared.zones[z].index;
      f.words.emplace_back("zone", r.zones[z].name);
      f.words.emplace_back("reason", r.zones[z].reason);
      f.words.emplace_back("layer", layerName(sc.depths[b].layer));
      sc.findings.push_back(f);
    }
  for (const ExtraPoint& e : r.extras) {
    if (e.freeZone) continue;
    FeedbackItem f = sc.item(FeedbackKind::Extra, Severity::Error, e.traineeIndex);
    if (!e.nearestReference.empty()) {
      f.words.emplace_back("reference", e.nearestReference);
      f.values = {{"distance_mm", e.nearestDistanceMm}};
    }
    sc.findings.push_back(f);
  }
  const auto windowValues = [](FeedbackItem& f, const char* name, const ValueRange& w) {
    f.values.emplace_back(std::string(name) + "_min", w.min);
    f.values.emplace_back(std::string(name) + "_max", w.max);
  };
  if (sc.s.pattern.pointCount && !sc.s.pattern.pointCount->contains(double(sc.trainee.size()))) {
    FeedbackItem f = sc.item(FeedbackKind::Count, Severity::Error, std::nullopt);
    f.values = {{"count", double(sc.trainee.size())}};
    windowValues(f, "window", *sc.s.pattern.pointCount);
    sc.findings.push_back(f);
  }
  if (sc.s.pattern.spacingMm && r.components[Spacing].score < 1.0 && r.minSpacingMm) {
    const ValueRange& range = *sc.s.pattern.spacingMm;
    if (*r.minSpacingMm < range.min) {
      FeedbackItem f = sc.item(FeedbackKind::Spacing, Severity::Error, std::nullopt);
      f.words.emplace_back("measure", "closest");
      f.values = {{"spacing_mm", *r.minSpacingMm}, {"min_mm", range.min}};
      sc.findings.push_back(f);
    }
    if (!range.contains(*r.meanSpacingMm)) {
      FeedbackItem f = sc.item(FeedbackKind::Spacing, Severity::Error, std::nullopt);
      f.words.emplace_back("measure", "mean");
      f.values = {{"spacing_mm", *r.meanSpacingMm}};
      windowValues(f, "window_mm", range);
      sc.findings.push_back(f);
    }
  }
  for (size_t z = 0; z < r.zones.size(); ++z) {
    const ZoneResult& zr = r.zones[z];
    const Zone& zone = sc.s.zones[sc.prepared.zones[z].index];
    if (zr.kind != ZoneKind::Target) continue;
    if (zr.referenceCoverage > 0.0 && zr.coverage < zr.referenceCoverage - kCoverageFeedbackMargin) {
      FeedbackItem f = sc.item(FeedbackKind::Coverage, Severity::Error, std::nullopt);
      f.zone = sc.prepared.zones[z].index;
      f.words.emplace_back("zone", zr.name);
      f.values = {{"coverage_percent", 100.0 * zr.coverage}, {"reference_percent", 100.0 * zr.referenceCoverage}};
      sc.findings.push_back(f);
    }
    if (zone.freePoints && !zone.freePoints->count.contains(double(zr.freePoints))) {
      FeedbackItem f = sc.item(FeedbackKind::FreePoint, Severity::Error, std::nullopt);
      f.zone = sc.prepared.zones[z].index;
      f.words.emplace_back("zone", zr.name);
      f.values = {{"count", double(zr.freePoints)}};
      windowValues(f, "window", zone.freePoints->count);
      sc.findings.push_back(f);
    }
  }
  if (sc.s.pattern.totalVolumeMl && r.components[TotalVolume].score < 1.0) {
    FeedbackItem f = sc.item(FeedbackKind::TotalVolume, Severity::Error, std::nullopt);
    f.values = {{"volume_ml", r.totalVolumeMl}};
    windowValues(f, "window_ml", *sc.s.pattern.totalVolumeMl);
    sc.findings.push_back(f);
  }
}

}  // namespace

ScoreResult scoreAttempt(const PreparedScenario& prepared, const Attempt& attempt, const ScoringBody& body) {
  ScoreResult result;
  AttemptScoring sc{prepared, prepared.scenario, attempt, body};
  if (!snapToSkin(sc, result.problems)) return result;
  ScoreReport& r = sc.r;
  r.scenarioId = sc.s.id;
  r.scenarioTitle = sc.s.title;
  r.trainee = attempt.trainee;
  r.mode = attempt.mode;
  r.passMark = sc.s.scoring.passMark;
  r.pointCount = sc.trainee.size();

  measureAroundPoints(sc);
  matchToReferences(sc);
  judgeDepths(sc);
  for (size_t a = 0; a < r.points.size(); ++a) judgeMatchedNeedle(sc, a);
  sortUnmatched(sc);
  measureSpacing(sc);
  judgeZones(sc);
  findCriticalErrors(sc);
  weighComponents(sc);

  const bool critical = !sc.critical.empty();
  r.score = critical ? rounded(kCriticalScoreFactor * r.weightedScore, 1) : r.weightedScore;
  r.verdict = critical ? Verdict::Critical : r.score >= r.passMark ? Verdict::Pass : Verdict::Fail;
  r.passed = r.verdict == Verdict::Pass;

  for (size_t a = 0; a < r.points.size(); ++a) describeReferencePoint(sc, a);
  describePattern(sc);
  r.feedback = std::move(sc.critical);
  r.feedback.insert(r.feedback.end(), sc.findings.begin(), sc.findings.end());
  for (FeedbackItem& f : r.feedback) f.text = feedbackText(f);
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
    point.depthMm = depthTargetFor(&ref, ref.technique, p.column).windowMm.middle();
    point.volumeMl = ref.volumeMl.middle();
    point.technique = ref.technique;
    point.needle = ref.needle;
    a.points.push_back(point);
  }
  return a;
}

namespace {

ordered_json feedbackJson(const FeedbackItem& f) {
  ordered_json o{{"kind", toString(f.kind)}, {"severity", toString(f.severity)}, {"text", f.text}};
  if (f.reference) o["reference"] = *f.reference;
  if (f.trainee) o["trainee_point"] = *f.trainee + 1;
  if (f.zone) o["zone"] = *f.zone;
  ordered_json values = ordered_json::object();
  for (const auto& [name, v] : f.values) values[name] = rounded(v, 3);
  o["values"] = values;
  return o;
}

// One reference point's line of the report.
ordered_json pointJson(const PointResult& p) {
  ordered_json o;
  o["reference"] = p.referenceId;
  if (!p.traineeIndex) {
    o["matched"] = false;
    return o;
  }
  o["matched"] = true;
  o["trainee_point"] = *p.traineeIndex + 1;
  o["distance_mm"] = rounded(p.distanceMm, 1);
  o["cranial_mm"] = rounded(p.cranialMm, 1);
  o["medial_mm"] = rounded(p.medialMm, 1);
  o["position_score"] = rounded(p.positionScore, 3);
  o["angle_deg"] = rounded(p.angleDeg, 1);
  o["angle_score"] = rounded(p.angleScore, 3);
  if (p.azimuthDeg) {
    o["azimuth_deg"] = rounded(*p.azimuthDeg, 1);
    o["azimuth_score"] = rounded(p.azimuthScore, 3);
  }
  o["depth_mm"] = rounded(p.depthMm, 2);
  o["depth_window_mm"] = {rounded(p.depthWindowMm.min, 2), rounded(p.depthWindowMm.max, 2)};
  o["layer"] = toString(p.layer);
  o["depth_verdict"] = toString(p.depthVerdict);
  o["depth_score"] = rounded(p.depthScore, 3);
  o["volume_ml"] = rounded(p.volumeMl, 3);
  o["volume_score"] = rounded(p.volumeScore, 3);
  o["technique_matches"] = p.techniqueMatches;
  if (p.acceptedTechnique) o["accepted_technique"] = true;
  return o;
}

}  // namespace

std::string reportToJson(const ScoreReport& r) {
  ordered_json j;
  j["format"] = "mesomap-score-report";
  j["version"] = 2;
  j["scenario"] = r.scenarioId;
  j["trainee"] = r.trainee;
  j["mode"] = toString(r.mode);
  j["score"] = r.score;
  j["weighted_score"] = r.weightedScore;
  j["pass_mark"] = r.passMark;
  j["verdict"] = toString(r.verdict);
  j["passed"] = r.passed;
  j["no_go_violated"] = r.noGoViolated;
  ordered_json critical = ordered_json::array();
  for (const FeedbackItem& f : r.feedback)
    if (f.severity == Severity::Critical) critical.push_back(feedbackJson(f));
  j["critical"] = critical;
  double totalWeight = 0.0;
  for (const ComponentScore& c : r.components)
    if (c.applies) totalWeight += c.weight;
  ordered_json components = ordered_json::array();
  for (const ComponentScore& c : r.components) {
    ordered_json o;
    o["name"] = c.name;
    o["weight"] = c.weight;
    o["applies"] = c.applies;
    o["score_percent"] = rounded(100.0 * c.score, 1);
    o["contribution"] = c.applies && totalWeight > 0 ? rounded(100.0 * c.weight * c.score / totalWeight, 2) : 0.0;
    components.push_back(o);
  }
  j["components"] = components;
  ordered_json points = ordered_json::array();
  for (const PointResult& p : r.points) points.push_back(pointJson(p));
  j["points"] = points;
  ordered_json extras = ordered_json::array();
  for (const ExtraPoint& e : r.extras) {
    ordered_json o{{"trainee_point", e.traineeIndex + 1}};
    if (e.freeZone) o["free_point_of_zone"] = *e.freeZone;
    if (!e.nearestReference.empty()) {
      o["nearest_reference"] = e.nearestReference;
      o["nearest_distance_mm"] = rounded(e.nearestDistanceMm, 1);
    }
    o["depth_mm"] = rounded(e.depthMm, 2);
    o["layer"] = toString(e.layer);
    o["depth_verdict"] = toString(e.depthVerdict);
    extras.push_back(o);
  }
  j["extra_points"] = extras;
  ordered_json pattern;
  pattern["point_count"] = r.pointCount;
  pattern["min_spacing_mm"] = r.minSpacingMm ? ordered_json(rounded(*r.minSpacingMm, 1)) : ordered_json(nullptr);
  pattern["mean_spacing_mm"] = r.meanSpacingMm ? ordered_json(rounded(*r.meanSpacingMm, 1)) : ordered_json(nullptr);
  pattern["total_volume_ml"] = rounded(r.totalVolumeMl, 3);
  j["pattern"] = pattern;
  ordered_json zones = ordered_json::array();
  for (const ZoneResult& z : r.zones) {
    ordered_json o{{"id", z.id}, {"kind", toString(z.kind)}};
    if (z.kind == ZoneKind::Target) {
      o["coverage_percent"] = rounded(100.0 * z.coverage, 1);
      o["reference_coverage_percent"] = rounded(100.0 * z.referenceCoverage, 1);
      o["score_percent"] = rounded(100.0 * z.score, 1);
    } else {
      ordered_json inside = ordered_json::array(), caution = ordered_json::array();
      for (size_t b : z.violatingPoints) inside.push_back(b + 1);
      for (size_t b : z.cautionPoints) caution.push_back(b + 1);
      o["points_inside"] = inside;
      o["points_above_danger"] = caution;
    }
    zones.push_back(o);
  }
  j["zones"] = zones;
  ordered_json feedback = ordered_json::array();
  for (const FeedbackItem& f : r.feedback) feedback.push_back(feedbackJson(f));
  j["feedback"] = feedback;
  return j.dump(2) + "\n";
}

std::string verdictText(const ScoreReport& r) {
  switch (r.verdict) {
    case Verdict::Pass: return "PASS";
    case Verdict::Fail: return "FAIL";
    case Verdict::Critical: return "FAIL (critical error)";
  }
  return "FAIL";
}

std::string feedbackLine(const FeedbackItem& item) {
  return item.severity == Severity::Critical ? "CRITICAL: " + item.text : item.text;
}

std::string reportToText(const ScoreReport& r) {
  std::string out;
  out += r.scenarioTitle + (r.trainee.empty() ? "" : " — " + r.trainee) + " (" + toString(r.mode) + ")\n";
  out += "Score " + fixed(r.score, 1) + " / 100: " + verdictText(r) + " (pass mark " + fixed(r.passMark, 0) +
         (r.verdict == Verdict::Critical ? "; weighted score " + fixed(r.weightedScore, 1) + ", halved by " +
                                               std::to_string(r.criticalCount()) + " critical error" +
                                               (r.criticalCount() == 1 ? "" : "s")
                                         : "") +
         ")\n\n";
  out += "  component      weight   score\n";
  for (const ComponentScore& c : r.components) {
    char line[128];
    if (c.applies)
      std::snprintf(line, sizeof line, "  %-13s %7.0f  %5.1f %%\n", c.name.c_str(), c.weight, 100.0 * c.score);
    else
      std::snprintf(line, sizeof line, "  %-13s %7s  %7s\n", c.name.c_str(), "-", "n/a");
    out += line;
  }
  size_t matched = 0, extras = 0;
  for (const PointResult& p : r.points) matched += p.traineeIndex ? 1 : 0;
  for (const ExtraPoint& e : r.extras) extras += e.freeZone ? 0 : 1;
  out += "\n  " + std::to_string(r.pointCount) + " points placed, " + std::to_string(matched) + " of " +
         std::to_string(r.points.size()) + " reference points matched, " + std::to_string(extras) +
         " extra; total volume " + fixed(r.totalVolumeMl, 2) + " mL\n";
  if (r.feedback.empty()) {
    out += "\nNothing to correct.\n";
  } else {
    out += "\nFeedback:\n";
    for (const FeedbackItem& item : r.feedback) out += "  - " + feedbackLine(item) + "\n";
  }
  return out;
}

}  // namespace mesomap
