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

#include "core/body/body.h"
#include "core/protocol/attempt.h"
#include "core/body/body_regions.h"
#include "core/geometry/bvh.h"
#include "core/geometry/geodesic.h"
#include "core/geometry/mesh.h"
#include "core/protocol/scenario.h"
#include "core/protocol/scenario_geometry.h"
#include "core/body/tissue_layers.h"
#include "core/protocol/zone_region.h"

namespace mesomap {

// The body an attempt is scored on. References: the owner keeps them alive.
struct ScoringBody {
  const Mesh& mesh;
  const Bvh& skin;
  const GeodesicSolver& geodesics;
  const BodyRegionMap& regions;
  PatientProfile patient;
};

// What scoring reads of a Body (waits for its geodesic solver).
ScoringBody scoringBody(const Body& body);

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
inline constexpr double kPositionFreeMm = 2.0;       // closer than this to the reference: full marks
inline constexpr double kPositionScoreAtTolerance = 0.5;
inline constexpr double kAngleScaleDeg = 15.0;
inline constexpr double kAzimuthScaleDeg = 45.0;
inline constexpr double kAzimuthIgnoredAboveDeg = 80.0;  // a near-perpendicular needle has no lean
inline constexpr double kDepthScaleMm = 1.0;
inline constexpr double kVolumeScaleMl = 0.1;
inline constexpr double kCountPenaltyPerPoint = 0.25;
inline constexpr double kSpacingScaleMm = 10.0;
inline constexpr double kTotalVolumeScaleMl = 1.0;

double windowScore(double value, const ValueRange& window, double scale);
}  // namespace scoring

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
};

PreparedScenario prepareScenario(Scenario scenario, const ScoringBody& body);

enum class DepthVerdict { Correct, TooShallow, TooDeep };

// A reference point and the trainee point matched to it (or none: missing).
struct PointResult {
  std::string referenceId;
  Technique referenceTechnique = Technique::IDS;
  std::optional<size_t> traineeIndex;  // into Attempt::points
  double distanceMm = 0.0;             // along the skin
  double cranialMm = 0.0, medialMm = 0.0;  // where the trainee point lies from the reference
  double positionScore = 0.0;
  double angleDeg = 0.0, angleScore = 0.0;
  std::optional<double> azimuthDeg;    // when the reference specifies one
  double azimuthScore = 1.0;
  double depthMm = 0.0, depthScore = 0.0;
  ValueRange depthWindowMm;            // the depth window, or the target layer's extent
  TissueLayer layer = TissueLayer::Dermis;
  DepthVerdict depthVerdict = DepthVerdict::Correct;
  double volumeMl = 0.0, volumeScore = 0.0;
  bool techniqueMatches = false;
};

struct ExtraPoint {
  size_t traineeIndex = 0;
  std::string nearestReference;  // empty when no reference point is reachable
  double nearestDistanceMm = 0.0;
};

struct ZoneResult {
  std::string id, name;
  ZoneKind kind = ZoneKind::Target;
  double coverage = 0.0, referenceCoverage = 0.0;  // target zones
  std::vector<size_t> violatingPoints;             // no-go zones: trainee indices inside
  std::string reason;
};

struct ComponentScore {
  std::string name;
  double weight = 0.0;
  bool applies = false;  // weighted and measurable for this scenario (docs/scoring.md)
  double score = 0.0;    // 0..1
};

struct ScoreReport {
  std::string scenarioId, scenarioTitle, trainee;
  AttemptMode mode = AttemptMode::Practice;
  double score = 0.0;  // 0..100, rounded to 0.1
  double passMark = 70.0;
  bool passed = false;
  bool noGoViolated = false;
  std::vector<ComponentScore> components;
  std::vector<PointResult> points;  // reference order
  std::vector<ExtraPoint> extras;   // trainee order
  size_t pointCount = 0;
  std::optional<double> minSpacingMm, meanSpacingMm;
  double totalVolumeMl = 0.0;
  std::vector<ZoneResult> zones;
  std::vector<std::string> feedback;  // one plain-language line per problem
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
const char* toString(DepthVerdict verdict);

}  // namespace mesomap
