#include "core/body/landmark_estimator.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <vector>

#include "core/geometry/triangle_grid.h"

namespace mesomap {

namespace {

// Levels as fractions of stature above the soles. Defaults, not from a source (the domain notes
// give none): common anthropometric proportions for standing adults.
constexpr float kC7 = 0.860f;            // cervicale
constexpr float kSternalNotch = 0.815f;  // suprasternale
constexpr float kL4 = 0.600f;            // supracristal plane: iliac crest tops and L4 spinous process
constexpr float kVertebra = 0.020f;      // between lumbar spinous processes (33 mm at 1.66 m)
constexpr float kUmbilicus = 0.610f;
constexpr float kPsisBelowL4 = 0.033f, kPsisFromMidline = 0.027f;  // S2 level, the sacral dimples
constexpr float kKneeJointLine = 0.275f;                           // tibial plateau
constexpr float kPatellaApexAboveJointLine = 0.006f, kPatellaLength = 0.026f;
constexpr float kTuberosityBelowJointLine = 0.015f;
// ~5 cm distal to the medial joint line [S: Saggini 2015; StatPearls, in the domain notes], as a
// fraction of a 1.66 m stature.
constexpr float kPesAnserineBelowJointLine = 0.030f;
constexpr float kLegAboveAnkle = 0.060f;  // where the leg's axis is taken for the ankle landmarks
constexpr float kLateralMalleolus = 0.035f, kMedialMalleolus = 0.043f;  // the lateral one is lower
constexpr float kCalcaneus = 0.013f, kAchillesInsertion = 0.024f;
// Arm: forearm (elbow to wrist) 0.146 of stature [Default: Drillis & Contini's segment
// proportions, not in the domain notes]; greater tuberosity 0.013 of stature down the arm from
// the acromion's edge.
constexpr float kForearm = 0.146f, kTuberosityDownArm = 0.013f;

constexpr float kDegree = 0.017453292519943295f;

glm::vec3 centroid(const std::vector<glm::vec3>& points) {
  glm::vec3 c(0.0f);
  for (const glm::vec3& p : points) c += p;
  return points.empty() ? c : c / static_cast<float>(points.size());
}

// Rotates unit vector `from` toward `toward` (perpendicular or not) by `degrees`.
glm::vec3 tilt(const glm::vec3& from, const glm::vec3& toward, float degrees) {
  glm::vec3 t = toward - glm::dot(toward, from) * from;
  if (glm::length(t) < 1e-6f) return from;
  t = glm::normalize(t);
  return glm::normalize(std::cos(degrees * kDegree) * from + std::sin(degrees * kDegree) * t);
}

class Estimator {
 public:
  Estimator(const Mesh& mesh, const Bvh& skin) : mesh_(mesh), skin_(skin) {
    const Bounds b = mesh.bounds();
    bottom_ = b.min.y;
    height_ = std::max(b.size().y, 1e-3f);
    midX_ = b.center().x;
    front_ = b.max.z;
    back_ = b.min.z;
    centreZ_ = b.center().z;
    for (uint32_t t = 0; t < mesh.triangleCount(); ++t)
      if (mesh.isSkinTriangle(t)) skinTriangles_.push_back(t);
    grid_ = TriangleGrid(mesh, skinTriangles_, 0.02f * height_);
  }

  LandmarkSet run();

 private:
  float level(float fraction) const { return bottom_ + fraction * height_; }
  std::string percent(float fraction) const {
    std::ostringstream s;
    s.precision(1);
    s << std::fixed << fraction * 100.0f << " % of stature";
    return s.str();
  }

  std::optional<glm::vec3> cast(const glm::vec3& origin, const glm::vec3& direction) const {
    auto hit = skin_.intersect(Ray{origin, glm::normalize(direction)}, 0.0f, 4.0f * height_, PartFilter::Skin);
    if (!hit) return std::nullopt;
    return hit->position;
  }

  // Where the skin crosses the plane through `point` with normal `normal`, within `radius`: the
  // crossings of the triangles the grid finds near the plane and the ball, in triangle order, so
  // the points (and the centroids summed from them) are those a scan of every triangle gives.
  std::vector<glm::vec3> section(const glm::vec3& point, const glm::vec3& normal, float radius) const {
    return planeCrossings(mesh_, grid_.near(point, normal, radius), point, normal, radius);
  }

  // The torso's (or neck's) front-to-back middle at height y, on the midline.
  float torsoMiddleZ(float y) const {
    auto front = cast({midX_, y, front_ + 0.1f * height_}, {0, 0, -1});
    auto back = cast({midX_, y, back_ - 0.1f * height_}, {0, 0, 1});
    return front && back ? 0.5f * (front->z + back->z) : centreZ_;
  }

  // The axis of one leg at height y (side -1 right, +1 left): the middle of its section, then
  // the middle between the skin to either side and front and back.
  std::optional<glm::vec3> legAxis(float y, float side) const {
    std::vector<glm::vec3> ring;
    for (const glm::vec3& p : section({midX_, y, 0.0f}, {0, 1, 0}, 10.0f * height_))
      if (side * (p.x - midX_) > 0.01f * height_) ring.push_back(p);
    if (ring.size() < 6) return std::nullopt;
    glm::vec3 c = centroid(ring);
    for (int i = 0; i < 2; ++i) {
      auto l = cast(c, {-1, 0, 0}), r = cast(c, {1, 0, 0}), f = cast(c, {0, 0, 1}), b = cast(c, {0, 0, -1});
      if (!l || !r || !f || !b) break;
      c = glm::vec3(0.5f * (l->x + r->x), y, 0.5f * (f->z + b->z));
    }
    return c;
  }

  // The skin point furthest forward at height y near the leg's axis (the patella, the tibia).
  std::optional<glm::vec3> mostAnterior(float y, const glm::vec3& axis) const {
    std::optional<glm::vec3> best;
    const float halfSpan = 0.025f * height_;
    for (int i = -20; i <= 20; ++i) {
      auto p = cast({axis.x + halfSpan * i / 20.0f, y, axis.z}, {0, 0, 1});
      if (p && (!best || p->z > best->z)) best = p;
    }
    return best;
  }

  void add(const std::string& id, const std::optional<glm::vec3>& position, const std::string& method) {
    if (!position) {
      set_.notes.push_back("no estimate for '" + id + "': " + method + " found no skin");
      return;
    }
    const StandardLandmark* standard = findStandardLandmark(id);
    set_.landmarks.push_back({{id, standard ? standard->name : id, glm::dvec3(*position) * 1000.0}, "estimated: " + method});
  }

  void spineAndTrunk();
  void pelvis(float side, const char* suffix);
  void shoulderAndElbow(float side, const char* suffix);
  void knee(float side, const char* suffix);
  void ankle(float side, const char* suffix);

  const Mesh& mesh_;
  const Bvh& skin_;
  std::vector<uint32_t> skinTriangles_;
  TriangleGrid grid_;
  float bottom_ = 0.0f, height_ = 1.0f, midX_ = 0.0f, front_ = 0.0f, back_ = 0.0f, centreZ_ = 0.0f;
  LandmarkSet set_;
};

void Estimator::spineAndTrunk() {
  auto backMidline = [&](const char* id, float fraction, const std::string& why) {
    const float y = level(fraction);
    add(id, cast({midX_, y, torsoMiddleZ(y)}, {0, 0, -1}), "back midline at " + percent(fraction) + why);
  };
  backMidline("C7_spinous", kC7, " (cervicale)");
  backMidline("T12_spinous", kL4 + 4 * kVertebra, " (four spinous processes above L4)");
  backMidline("L1_spinous", kL4 + 3 * kVertebra, "");
  backMidline("L2_spinous", kL4 + 2 * kVertebra, "");
  backMidline("L3_spinous", kL4 + kVertebra, "");
  backMidline("L4_spinous", kL4, " (supracristal plane)");
  backMidline("L5_spinous", kL4 - kVertebra, "");
  auto frontMidline = [&](const char* id, float fraction, const std::string& why) {
    const float y = level(fraction);
    add(id, cast({midX_, y, torsoMiddleZ(y)}, {0, 0, 1}), "front midline at " + percent(fraction) + why);
  };
  frontMidline("sternal_notch", kSternalNotch, " (suprasternale)");
  frontMidline("umbilicus", kUmbilicus, "");
}

void Estimator::pelvis(float side, const char* suffix) {
  const std::string s(suffix);
  const float crest = level(kL4);
  // The crest's top lies at the side of the waist, a little behind the mid-axillary line.
  const glm::vec3 out = tilt({side, 0, 0}, {0, 0, -1}, 15.0f);
  add("iliac_crest" + s, cast({midX_, crest, torsoMiddleZ(crest)}, out),
      "side of the trunk at " + percent(kL4) + " (supracristal plane), 15 deg behind lateral");
  const float psis = level(kL4 - kPsisBelowL4);
  add("psis" + s, cast({midX_ + side * kPsisFromMidline * height_, psis, torsoMiddleZ(psis)}, {0, 0, -1}),
      "back at " + percent(kL4 - kPsisBelowL4) + ", " + percent(kPsisFromMidline) + " from the midline");
}

void Estimator::shoulderAndElbow(float side, const char* suffix) {
  const std::string s(suffix);
  // Acromion: the shoulder's top-lateral corner, the skin point furthest along "up, 30 deg
  // lateral" among the shoulder's skin (beside the neck, below the chin).
  std::optional<glm::vec3> acromion;
  float bestScore = -1e9f;
  glm::vec3 fingertip(0.0f);
  float furthest = -1e9f;
  for (uint32_t t : skinTriangles_) {
    for (int k = 0; k < 3; ++k) {
      const glm::vec3& p = mesh_.positions[mesh_.triangles[t][k]];
      const float lateral = side * (p.x - midX_), h = (p.y - bottom_) / height_;
      if (lateral > furthest) {
        furthest = lateral;
        fingertip = p;
      }
      if (lateral < 0.04f * height_ || lateral > 0.15f * height_ || h < 0.74f || h > 0.88f) continue;
      const float score = 0.5f * lateral + 0.866f * (p.y - bottom_);
      if (score > bestScore) {
        bestScore = score;
        acromion = p;
      }
    }
  }
  add("acromion" + s, acromion, "the shoulder's top-lateral corner (furthest skin up and 30 deg lateral)");
  if (!acromion) return;
  const glm::vec3 a = *acromion;

  // Wrist: the arm's narrowest section on the way from the acromion to the fingertip.
  const glm::vec3 reach = fingertip - a;
  const float reachLength = glm::length(reach);
  if (reachLength < 0.1f * height_) return;
  const glm::vec3 along = reach / reachLength;
  std::optional<glm::vec3> wrist;
  float narrowest = 1e9f;
  for (int i = 50; i <= 90; ++i) {
    const std::vector<glm::vec3> ring = section(a + along * (reachLength * i / 100.0f), along, 0.05f * height_);
    if (ring.size() < 6) continue;
    const glm::vec3 c = centroid(ring);
    float widest = 0.0f;
    for (const glm::vec3& p : ring) widest = std::max(widest, glm::length(p - c));
    if (widest < narrowest) {
      narrowest = widest;
      wrist = c;
    }
  }
  if (!wrist) return;
  // Elbow: one forearm length up the arm's centreline from the wrist, traced by sections
  // perpendicular to the running direction (they follow a bent elbow).
  glm::vec3 c = *wrist, heading = glm::normalize(a - c);
  float travelled = 0.0f;
  std::optional<glm::vec3> elbow;
  const float forearm = kForearm * height_, step = 0.01f * height_;
  for (int i = 0; i < 60 && !elbow; ++i) {
    const std::vector<glm::vec3> ring = section(c + heading * step, heading, 0.045f * height_);
    if (ring.size() < 6) break;
    const glm::vec3 next = centroid(ring);
    const float moved = glm::length(next - c);
    if (moved < 1e-6f) break;
    if (travelled + moved >= forearm) elbow = c + (next - c) * ((forearm - travelled) / moved);
    travelled += moved;
    heading = glm::normalize(0.5f * heading + 0.5f * (next - c) / moved);
    c = next;
  }
  if (!elbow) {
    set_.notes.push_back("no estimate for the elbow landmarks" + s + ": the arm's centreline was lost");
    return;
  }
  const glm::vec3 e = *elbow;
  const glm::vec3 upper = glm::normalize(e - a), fore = glm::normalize(*wrist - e);
  // The olecranon is on the convex side of the elbow's bend, the epicondyles at the ends of
  // the bending axis (lateral: away from the body). An elbow only flexes forward, so a bend
  // whose convex side faces forward is not flexion (a mesh's quirk); a straight arm bends
  // nowhere. Both: the olecranon is posterior.
  glm::vec3 posterior(0.0f), axis(0.0f);
  const bool flexed = glm::dot(upper, fore) < std::cos(15.0f * kDegree);
  if (flexed) posterior = glm::normalize(upper - fore);
  if (flexed && posterior.z < 0.0f) {
    axis = glm::normalize(glm::cross(upper, fore));
  } else {
    const glm::vec3 arm = glm::normalize(upper + fore);
    posterior = glm::normalize(glm::vec3(0, 0, -1) - glm::dot(glm::vec3(0, 0, -1), arm) * arm);
    axis = glm::normalize(glm::cross(arm, posterior));
  }
  if (side * axis.x < 0.0f) axis = -axis;
  const std::string elbowAt = "from the elbow's centre (one forearm, " + percent(kForearm) + ", up the arm from the wrist)";
  add("lateral_epicondyle" + s, cast(e, axis), "lateral end of the elbow's bending axis " + elbowAt);
  add("medial_epicondyle" + s, cast(e, -axis), "medial end of the elbow's bending axis " + elbowAt);
  add("olecranon" + s, cast(e, posterior), "convex (posterior) side of the elbow's bend " + elbowAt);
  // Greater tuberosity: just down the arm from the acromion's edge, a little forward.
  const glm::vec3 near = a + upper * (kTuberosityDownArm * height_) + glm::vec3(0, 0, 0.005f * height_);
  auto tuberosity = skin_.closestPoint(near, PartFilter::Skin);
  add("greater_tuberosity" + s, tuberosity ? std::optional<glm::vec3>(tuberosity->position) : std::nullopt,
      "skin " + percent(kTuberosityDownArm) + " down the arm from the acromion, slightly anterior");
}

void Estimator::knee(float side, const char* suffix) {
  const std::string s(suffix);
  const float joint = level(kKneeJointLine);
  auto axis = legAxis(joint, side);
  if (!axis) {
    set_.notes.push_back("no estimate for the knee landmarks" + s + ": no leg section at " + percent(kKneeJointLine));
    return;
  }
  add("medial_joint_line" + s, cast(*axis, {-side, 0, 0}), "medial side of the leg at " + percent(kKneeJointLine));
  add("lateral_joint_line" + s, cast(*axis, {side, 0, 0}), "lateral side of the leg at " + percent(kKneeJointLine));
  auto front = [&](const char* id, float fraction) {
    const float y = level(fraction);
    auto at = legAxis(y, side);
    add(std::string(id) + s, at ? mostAnterior(y, *at) : std::nullopt, "front of the leg at " + percent(fraction));
  };
  front("patella_apex", kKneeJointLine + kPatellaApexAboveJointLine);
  front("patella_base", kKneeJointLine + kPatellaApexAboveJointLine + kPatellaLength);
  front("tibial_tuberosity", kKneeJointLine - kTuberosityBelowJointLine);
  const float pes = level(kKneeJointLine - kPesAnserineBelowJointLine);
  auto pesAxis = legAxis(pes, side);
  add("pes_anserine" + s, pesAxis ? cast(*pesAxis, tilt({-side, 0, 0}, {0, 0, 1}, 40.0f)) : std::nullopt,
      "anteromedial tibia (40 deg in front of medial) at " + percent(kKneeJointLine - kPesAnserineBelowJointLine));
}

void Estimator::ankle(float side, const char* suffix) {
  const std::string s(suffix);
  auto leg = legAxis(level(kLegAboveAnkle), side);
  if (!leg) {
    set_.notes.push_back("no estimate for the ankle landmarks" + s + ": no leg section at " + percent(kLegAboveAnkle));
    return;
  }
  // The lateral malleolus is lower and further back than the medial one.
  const float back = 0.005f * height_;
  add("lateral_malleolus" + s, cast({leg->x, level(kLateralMalleolus), leg->z - back}, {side, 0, 0}),
      "lateral side of the ankle at " + percent(kLateralMalleolus) + ", on the leg's axis");
  add("medial_malleolus" + s, cast({leg->x, level(kMedialMalleolus), leg->z + back}, {-side, 0, 0}),
      "medial side of the ankle at " + percent(kMedialMalleolus) + ", on the leg's axis");
  add("achilles_insertion" + s, cast({leg->x, level(kAchillesInsertion), leg->z}, {0, 0, -1}),
      "back of the heel at " + percent(kAchillesInsertion));
  add("calcaneus" + s, cast({leg->x, level(kCalcaneus), leg->z}, {0, 0, -1}), "back of the heel at " + percent(kCalcaneus));
}

LandmarkSet Estimator::run() {
  set_.source = "estimated from the body's proportions";
  spineAndTrunk();
  for (auto [side, suffix] : {std::pair<float, const char*>{-1.0f, "_right"}, {1.0f, "_left"}}) {
    pelvis(side, suffix);
    shoulderAndElbow(side, suffix);
    knee(side, suffix);
    ankle(side, suffix);
  }
  std::stable_sort(set_.landmarks.begin(), set_.landmarks.end(), [](const PlacedLandmark& a, const PlacedLandmark& b) {
    const auto& all = standardLandmarks();
    auto index = [&](const std::string& id) {
      return std::find_if(all.begin(), all.end(), [&](const StandardLandmark& s) { return id == s.id; }) - all.begin();
    };
    return index(a.landmark.id) < index(b.landmark.id);
  });
  return set_;
}

}  // namespace

LandmarkSet estimateLandmarks(const Mesh& mesh, const Bvh& skin) { return Estimator(mesh, skin).run(); }

}  // namespace mesomap
