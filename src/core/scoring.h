#pragma once
// Scoring a trainee's attempt against a scenario's reference protocol (docs/scoring.md has the
// formulas, so an instructor can check a score by hand).
//
// Prepare once per scenario and body (placements resolved, zones built, the reference map's own
// zone coverage measured), then score any number of attempts. Deterministic: the same inputs
// give the same report to the last byte, whatever order the attempt lists its points in.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/attempt.h"
#include "core/body_regions.h"
#include "core/bvh.h"
#include "core/depth_target.h"
#include "core/geodesic.h"
#include "core/mesh.h"
#include "core/scenario.h"
#include "core/scenario_geometry.h"
#include "core/tissue_layers.h"
#include "core/zone_region.h"

namespace mesomap {

// The body an attempt is scored on. References: the owner keeps them alive.
struct ScoringBody {
  const Mesh& mesh;
  const Bvh& skin;
  const GeodesicSolver& geodesics;
  const BodyRegionMap& regions;
  PatientProfile patient;
};

// A loaded body with what scoring needs built once: skin BVH, geodesics, body regions.
struct ScoringModel {
  explicit ScoringModel(Mesh bodyMesh);
  Mesh mesh;
  Bvh skin;
  std::shared_ptr<const GeodesicSolver> geodesics;
  BodyRegionMap regions;
  ScoringBody body(const PatientProfile& patient = {}) const { return {mesh, skin, *geodesics, regions, patient}; }
};

// The score components, in report order, with the weights used when a scenario gives none.
struct ComponentInfo {
  const char* name;
  double defaultWeight;
};
inline constexpr ComponentInfo kScoreComponents[] = {
    {"position", 35}, {"depth", 20}, {"angle", 10},  {"volume", 10},      {"technique", 5},
    {"count", 5},     {"spacing", 5}, {"coverage", 5}, {"total_volume", 5},
};

// Constants of the formulas (docs/scoring.md). A window score is 1 inside the window and loses
// 1 per `scale` outside it, down to 0.
namespace scoring {
inline constexpr double kPositionFreeMm = 2.0;        // closer than this to the reference: full marks
inline constexpr double kMatchReachTolerances = 2.0;  // matched up to 2 x tolerance; credit 0 there
inline constexpr double kAngleScaleDeg = 15.0;
inline constexpr double kAzimuthScaleDeg = 45.0;
inline constexpr double kAzimuthIgnoredAboveDeg = 80.0;  // a near-perpendicular needle has no lean
inline constexpr double kVolumeScaleMl = 0.1;
inline constexpr double kCountPenaltyPerPoint = 0.25;   // per point outside the count window
inline constexpr double kCountPenaltyPerExtra = 0.1;    // per needle that matches nothing
inline constexpr double kSpacingScaleMm = 10.0;
inline constexpr double kTotalVolumeScaleMl = 1.0;
inline constexpr double kCriticalScoreFactor = 0.5;     // a critical error halves the weighted score
inline constexpr double kDefaultMinReferenceShare = 2.0 / 3.0;
inline constexpr double kDefaultMaxNeedleMm = 13.0;
inline constexpr double kDefaultVolumeLimitFactor = 1.5;

double windowScore(double value, const ValueRange& window, double scale);
// Full credit within min(kPositionFreeMm, tolerance), then a half cosine down to 0 at
// kMatchReachTolerances x tolerance: continuous and never rising with distance.
double positionCredit(double distanceMm, double toleranceMm);
// v rounded to `decimals` places exactly as reports print it (round(v * 10^d) / 10^d).
double rounded(double v, int decimals);
}  // namespace scoring

// The critical rules with the scenario's numbers or their defaults (docs/scoring.md).
struct CriticalLimits {
  double minReferenceShare = scoring::kDefaultMinReferenceShare;
  double maxPointVolumeMl = 0.0;
  double maxTotalVolumeMl = 0.0;
  double maxNeedleMm = scoring::kDefaultMaxNeedleMm;
  bool tipLayer = true;
  bool wrongSide = true;
};
CriticalLimits criticalLimits(const Scenario& scenario);

struct PreparedPoint {
  size_t index = 0;  // into scenario.points
  ResolvedPlacement placement;
  GeodesicPoint onSkin;
  TissueColumn column;  // at the reference point
};

struct PreparedZone {
  size_t index = 0;  // into scenario.zones
  ZoneRegion region;
  double referenceCoverage = 0.0;  // target zones: the fraction the reference map itself covers
};

// A scenario resolved on a body: everything scoring needs that does not depend on the attempt.
struct PreparedScenario {
  Scenario scenario;
  std::vector<PreparedPoint> points;  // one per reference point that resolves on the body
  std::vector<PreparedZone> zones;    // one per zone that resolves
  std::vector<Problem> problems;      // placements that do not resolve (validate explains)
  std::vector<double> weights;        // per kScoreComponents entry
  CriticalLimits limits;
};

PreparedScenario prepareScenario(Scenario scenario, const ScoringBody& body);


// A reference point and the trainee point matched to it (or none: missing).
struct PointResult {
  std::string referenceId;
  Technique referenceTechnique = Technique::IDS;
  std::optional<size_t> traineeIndex;  // into Attempt::points
  double distanceMm = 0.0;             // along the skin
  double cranialMm = 0.0, medialMm = 0.0;  // where the trainee point lies from the reference
  double positionScore = 0.0;
  double angleDeg = 0.0, angleScore = 0.0;
  ValueRange angleWindowDeg;           // the reference's, or the accepted technique's
  std::optional<double> azimuthDeg;    // when the reference specifies one
  double azimuthScore = 1.0;
  double depthMm = 0.0, depthScore = 0.0;
  ValueRange depthWindowMm;            // depthTargetFor's window
  TissueLayer layer = TissueLayer::Dermis;
  DepthVerdict depthVerdict = DepthVerdict::Correct;
  double volumeMl = 0.0, volumeScore = 0.0;
  bool techniqueMatches = false;       // the reference's technique, or one it accepts
  bool acceptedTechnique = false;      // matched through accepted_techniques
};

// A trainee needle that matched no reference point: an extra, or a free point of a zone.
struct ExtraPoint {
  size_t traineeIndex = 0;
  std::string nearestReference;  // empty when no reference point is reachable
  double nearestDistanceMm = 0.0;
  std::optional<size_t> freeZone;  // into scenario.zones: a free point of that zone, not an extra
  double depthMm = 0.0, depthScore = 0.0, angleScore = 0.0;
  TissueLayer layer = TissueLayer::Dermis;
  DepthVerdict depthVerdict = DepthVerdict::Correct;
};

struct ZoneResult {
  std::string id, name;
  ZoneKind kind = ZoneKind::Target;
  double coverage = 0.0, referenceCoverage = 0.0;  // target zones
  std::vector<size_t> violatingPoints;             // no-go zones: trainee indices at a dangerous depth
  std::vector<size_t> cautionPoints;               // no-go zones: inside, but shallower than the danger
  std::string reason;
  size_t freePoints = 0;                           // target zones with free_points
  double score = 0.0;                              // target zones: the coverage component's share
};

enum class Verdict { Pass, Fail, Critical };
const char* toString(Verdict verdict);  // "pass", "fail", "critical"

// What a feedback item is about. The critical kinds fail the attempt (docs/scoring.md).
enum class FeedbackKind {
  TipLayer, NoGo, WrongSide, PointOverdose, TotalOverdose, NeedleTooLong, TooFewPoints,  // critical
  NoGoCaution, Missing, Position, Depth, Angle, Azimuth, Volume, Technique, Extra, FreePoint,
  Count, Spacing, Coverage, TotalVolume,
};
const char* toString(FeedbackKind kind);  // "tip_layer", "no_go", ...

enum class Severity { Critical, Error, Note };
const char* toString(Severity severity);  // "critical", "error", "note"

// One finding, with what it is about by index and its figures by name; `text` is made from them
// (feedbackText), so every output says the same.
struct FeedbackItem {
  FeedbackKind kind = FeedbackKind::Position;
  Severity severity = Severity::Error;
  std::optional<size_t> reference;  // into scenario.points
  std::optional<size_t> trainee;    // into attempt.points
  std::optional<size_t> zone;       // into scenario.zones
  std::vector<std::pair<std::string, double>> values;       // "distance_mm": 6.2
  std::vector<std::pair<std::string, std::string>> words;   // "point": "Point 3", "layer": "subcutaneous fat"
  std::string text;

  double value(const std::string& name, double otherwise = 0.0) const;
  std::string word(const std::string& name) const;
};

// The sentence for an item, from its kind, numbers and words.
std::string feedbackText(const FeedbackItem& item);

struct ComponentScore {
  std::string name;
  double weight = 0.0;
  bool applies = false;  // weighted and measurable for this scenario (docs/scoring.md)
  double score = 0.0;    // 0..1
};

struct ScoreReport {
  std::string scenarioId, scenarioTitle, trainee;
  AttemptMode mode = AttemptMode::Practice;
  double score = 0.0;          // 0..100, rounded to 0.1; halved by a critical error
  double weightedScore = 0.0;  // before that
  double passMark = 70.0;
  Verdict verdict = Verdict::Fail;
  bool passed = false;         // verdict == Pass
  bool noGoViolated = false;
  std::vector<ComponentScore> components;
  std::vector<PointResult> points;  // reference order
  std::vector<ExtraPoint> extras;   // trainee order (free points of zones included, marked)
  size_t pointCount = 0;
  std::optional<double> minSpacingMm, meanSpacingMm;
  double totalVolumeMl = 0.0;
  std::vector<ZoneResult> zones;
  std::vector<FeedbackItem> feedback;  // critical items first, then reference order, extras, pattern
  size_t criticalCount() const;
};

struct ScoreResult {
  std::optional<ScoreReport> report;
  std::vector<Problem> problems;  // attempt points the scorer cannot use (off the skin)
};

ScoreResult scoreAttempt(const PreparedScenario& prepared, const Attempt& attempt, const ScoringBody& body);

// The attempt that follows the reference exactly: each resolved point with the middle of every
// window (depth: of the depth window, else of the target layer there).
Attempt perfectAttempt(const PreparedScenario& prepared);

std::string reportToJson(const ScoreReport& report);
std::string reportToText(const ScoreReport& report);
std::string verdictText(const ScoreReport& report);     // "PASS", "FAIL", "FAIL (critical error)"
std::string feedbackLine(const FeedbackItem& item);     // the text, "CRITICAL: " first when it is

}  // namespace mesomap
