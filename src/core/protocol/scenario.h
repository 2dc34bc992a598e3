#pragma once
// A training scenario: the reference protocol a trainee's attempt is scored against.
// Files are JSON ("format": "mesomap-scenario", "version": 2, and 1 reads; docs/formats.md) in
// millimetres and degrees, in the normalised body frame (Y up, facing +Z, patient's left +X).
// In memory lengths stay in millimetres, as in the file, so values read back exactly.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/base/problem.h"
#include "core/body/landmark.h"
#include "core/body/hm08_anchor.h"
#include "core/body/patient_parameters.h"
#include "core/body/tissue_layers.h"
#include "core/protocol/technique.h"

namespace mesomap {

inline constexpr int kScenarioFormatVersion = 2;

enum class PatientPosition { Prone, Supine, Sitting, Standing };

// Where a point or zone centre is: either absolute, or offsets from a landmark measured on the
// skin in the landmark's anatomical frame (so it lands on the same anatomy on any body).
struct SurfacePlacement {
  std::optional<glm::dvec3> positionMm;
  std::string landmark;
  double lateralMm = 0.0;   // away from the midline (negative: medial)
  double cranialMm = 0.0;   // toward the head (negative: caudal)
  // The same place on MakeHuman's hm08 topology (with positionMm only): how an absolute position
  // reaches every parametric patient exactly (scenario_anchors.h makes them).
  std::optional<Hm08Anchor> hm08;
};

struct ReferencePoint {
  std::string id;
  SurfacePlacement placement;
  Technique technique = Technique::IDS;
  ValueRange angleDeg;
  std::optional<ValueRange> azimuthDeg;
  std::optional<ValueRange> depthMm;         // perpendicular depth of the tip below the skin
  std::optional<TissueLayer> targetLayer;    // instead of, or as well as, a depth window
  ValueRange volumeMl;
  std::string needle;                        // "27G 4 mm"
  double toleranceMm = 10.0;                 // how far a trainee's point may be and still match
  // Version 2. Other techniques the sources accept here: full technique credit, judged on that
  // technique's own depth band and angle window.
  std::vector<Technique> acceptedTechniques;
  std::string depthNote;                     // why depth_mm leaves the technique's layers, if it does
  std::optional<ValueRange> sourceDepthMm;   // what a cited source gives, for the record (never scored)
};

struct PatternRules {
  std::optional<ValueRange> pointCount;
  std::optional<ValueRange> spacingMm;       // between neighbouring trainee points, along the skin
  std::optional<ValueRange> totalVolumeMl;
};

enum class ZoneKind { Target, NoGo };

// A rule-based region where no published map fixes each point: trainee needles of these
// techniques inside the zone are free points, not extras (up to count.max). count.min 0: they
// are accepted, not demanded.
struct FreePoints {
  std::vector<Technique> techniques;
  ValueRange count;
  std::optional<ValueRange> spacingMm;
};

// One dab of the scenario builder's brush: a geodesic disc added to a zone, or cut from it.
// Positions are absolute (the body the scenario is for), so a painted zone survives reloading
// and re-meshing; stamps apply in order, so paint after an erase fills the hole again.
inline constexpr double kMinBrushRadiusMm = 1.0;
inline constexpr double kMaxBrushRadiusMm = 200.0;

struct BrushStamp {
  glm::dvec3 positionMm{0.0};
  double radiusMm = 10.0;
  bool erase = false;
  std::optional<Hm08Anchor> hm08;  // as SurfacePlacement::hm08
  bool operator==(const BrushStamp&) const = default;
};

// A disc on the skin (geodesic radius around a placement), grown and trimmed by brush stamps:
// survives reloading and re-meshing.
struct Zone {
  std::string id;
  ZoneKind kind = ZoneKind::Target;
  std::string name;
  SurfacePlacement centre;
  double radiusMm = 20.0;
  std::vector<BrushStamp> brush;   // after the disc, in order
  double coverageRadiusMm = 15.0;  // target zones: skin within this of a point counts as covered
  std::string reason;              // no-go zones: shown to the trainee ("sural nerve")
  // Version 2, no-go zones: the shallowest layer a tip is dangerous in (a superficial nerve zone
  // lets an intradermal tip pass and fails one in the fat).
  TissueLayer dangerFromLayer = TissueLayer::Epidermis;
  std::optional<FreePoints> freePoints;  // version 2, target zones
};

// A saved view of the scenario (for pictures and the app's bookmarks menu): where the camera
// looks and from where, either as the eye's position or as yaw/pitch/distance around the target
// (OrbitCamera's convention: yaw 0 in front of the body, 90 at its left; pitch > 0 from above).
struct CameraBookmark {
  std::string name;
  glm::dvec3 targetMm{0.0};
  std::optional<glm::dvec3> eyeMm;  // when given, yaw, pitch and distance follow from it
  double yawDeg = 0.0;
  double pitchDeg = 0.0;
  double distanceMm = 400.0;
};

// View names that `--camera` and the app take as presets; a bookmark may not use them.
inline constexpr const char* kCameraPresetNames[] = {"front", "back", "left", "right", "top", "region"};

struct ScoringRules {
  std::map<std::string, double> weights;  // component -> weight (see docs/scoring.md)
  double passMark = 70.0;
};

// Rules whose breach fails an attempt whatever its weighted score (docs/scoring.md). Unset
// numbers take their defaults from the reference map (criticalLimits in scoring.h); a file
// that sets a rule gives its reason.
struct CriticalRules {
  std::optional<double> minReferenceShare;  // 0..1
  std::optional<double> maxPointVolumeMl;
  std::optional<double> maxTotalVolumeMl;
  std::optional<double> maxNeedleMm;
  std::optional<bool> tipLayer;
  std::optional<bool> wrongSide;
  std::map<std::string, std::string> reasons;  // rule name ("max_needle_mm") -> why
  bool empty() const {
    return !minReferenceShare && !maxPointVolumeMl && !maxTotalVolumeMl && !maxNeedleMm && !tipLayer && !wrongSide &&
           reasons.empty();
  }
};

struct BodyReference {
  std::string model = "default";  // "default" or a model path (relative to the scenario file)
  std::string units;               // optional override: "mm", "cm", "m"
  std::string up;                  // optional override: "y", "z", "-z"...
};

struct Scenario {
  // "$schema" as read: kept so that saving a file from the builder keeps the editor's schema.
  std::string schemaReference;
  int version = kScenarioFormatVersion;
  std::string id, title, indication, description;
  PatientPosition patientPosition = PatientPosition::Supine;  // the one shown first
  std::vector<PatientPosition> otherPositions;  // version 2: more positions the points need
  std::string schedule;
  std::vector<std::string> sources;
  std::string author;
  BodyReference body;
  // Version 2, optional: the patients it is practised on ("--patient" texts, patient_parameters.h;
  // the first is the one offered first), and the window a random patient is drawn from.
  std::vector<std::string> patients;
  PatientRange patientRange;
  std::vector<Landmark> landmarks;
  std::vector<ReferencePoint> points;
  PatternRules pattern;
  std::vector<Zone> zones;
  std::vector<CameraBookmark> cameras;
  ScoringRules scoring;
  CriticalRules critical;
  // Not from the file: the standard landmarks of the body the scenario is put on (landmarks.h,
  // useBodyLandmarks), which points and zones may name without declaring them.
  std::vector<Landmark> bodyLandmarks;
  // Not from the file: the size of the body it is put on against the body it was written for
  // (scenario_transfer.h); landmark-relative walks stretch by it, so a walk and a carried
  // absolute position keep their places on the anatomy relative to each other.
  double bodyScale = 1.0;
  // Not from the file: which way the written body's "up" points at a skin point of this body
  // (metres in, a unit vector out); walks set out cranially along it, so "cranial" keeps to a
  // limb's axis when the limb stands at another angle. Empty: straight up (+Y).
  std::function<glm::vec3(const glm::vec3&)> bodyUp;

  // The scenario's own landmark, else the body's standard one of that id (own ones override);
  // before it is put on a body, a scenario for the default body sees the default body's set.
  const Landmark* findLandmark(const std::string& id) const;
  const CameraBookmark* findCamera(const std::string& name) const;
};

struct ScenarioReadResult {
  std::optional<Scenario> scenario;  // present when the file could be understood at all
  std::vector<Problem> problems;     // every problem, not only the first
  bool ok() const { return scenario && problems.empty(); }
};

// Reads and checks structure, types, units and ranges, and internal references (unknown
// landmark). Geometry against a body is checked separately (scenario_geometry.h).
ScenarioReadResult readScenario(const std::filesystem::path& path);
ScenarioReadResult parseScenario(const std::string& json);

// For commands that use a scenario rather than check it: the scenario, or Error(InvalidInput)
// listing every problem (and pointing at `mesomap validate`).
Scenario readValidScenario(const std::filesystem::path& path);

// Writes a scenario (atomic: temporary file + rename), in the documented key order.
void writeScenario(const Scenario& scenario, const std::filesystem::path& path);
std::string scenarioToJson(const Scenario& scenario);

const char* toString(PatientPosition p);
const char* toString(ZoneKind kind);
std::optional<TissueLayer> parseTissueLayer(const std::string& name);

}  // namespace mesomap
