#pragma once
// Carrying a scenario's absolute positions from the body it was written for to another body.
//
// A scenario's points, zone centres, brush stamps, own landmarks and camera views may be
// absolute positions measured on its body (the library's are on the default body). On another
// body — a parametric patient, another model — those numbers name no anatomy. Both bodies have
// the standard landmarks (body/landmarks.h), so each position is carried by the landmarks around
// it: a moving-least-squares similarity (rotation, uniform scale, shift) fitted to the landmark
// pairs weighted by 1/distance², which is exact at a landmark and follows the nearest ones
// (an elbow bent otherwise, a wider knee), then snapped onto the new skin.
// Landmark-relative placements need none of this: they are walked on the new body itself.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/body/body.h"
#include "core/body/landmark.h"
#include "core/body/landmarks.h"
#include "core/geometry/bvh.h"
#include "core/protocol/scenario.h"

namespace mesomap {

// A warp from one body's landmarks to another's, over the ids both have.
class LandmarkWarp {
 public:
  // Needs at least four shared landmarks, not all on one line; otherwise valid() is false.
  LandmarkWarp(const std::vector<Landmark>& from, const std::vector<Landmark>& to);
  bool valid() const { return from_.size() >= 4; }
  size_t landmarkCount() const { return from_.size(); }
  // Where a position on the first body (mm) lies on the second (mm, not yet on its skin).
  glm::dvec3 operator()(const glm::dvec3& positionMm) const;
  // How much bigger the second body is than the first, over all the landmarks at once.
  double overallScale() const;
  // Where the first body's +Y (up) points near `positionMm` on the second body, a unit vector.
  glm::dvec3 upNear(const glm::dvec3& positionMm) const;

 private:
  std::vector<glm::dvec3> from_, to_;
};

struct ScenarioTransfer {
  int anchored = 0;              // absolute positions read from their hm08 anchors on a patient
  int carried = 0;               // absolute positions moved by the landmarks (points, zones, stamps, landmarks)
  double farthestSnapMm = 0.0;   // the largest gap between a warped position and the new skin
  size_t landmarkCount = 0;      // landmark pairs the warp used
  // What a user reads: "knee.json: 24 absolute positions written for the default body were
  // carried to this body by 43 standard landmarks (each within 6.1 mm of its skin)".
  std::string message;
};

// Puts a scenario on a body: the body's standard landmarks become visible to its placements
// (useBodyLandmarks), and when the scenario was written for the default body and this is
// another one, every absolute position is carried over by the landmarks and snapped onto
// `skin` (metres), and landmark-relative walks are stretched by the bodies' overall scale
// (segment lengths follow stature). Returns what was done when anything was carried; nullopt when the scenario
// already is on its own body, has no absolute positions, or names a body this cannot map from
// (a model file: its positions stay as written, and the fit warning says how far off they are).
// A mesh built on the hm08 topology (a parametric patient's), where hm08 anchors are read.
struct AnchoredSkin {
  const Mesh& mesh;
  const Hm08Topology& topology;
};

// `anchored`, when the body is a patient: every position with an hm08 anchor is placed exactly by
// it (the others are carried by the landmarks).
std::optional<ScenarioTransfer> putScenarioOnBody(Scenario& scenario, const LandmarkSet& bodyLandmarks,
                                                  const Bvh& skin, const std::filesystem::path& bodyModelPath,
                                                  const AnchoredSkin* anchored = nullptr);
// The same on a Body with its own landmarks, anchored when it is a patient (Body::hm08).
std::optional<ScenarioTransfer> putScenarioOnBody(Scenario& scenario, const Body& body);

}  // namespace mesomap
