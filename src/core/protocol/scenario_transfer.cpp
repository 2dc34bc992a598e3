#include "core/protocol/scenario_transfer.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

#include <Eigen/LU>
#include <Eigen/SVD>

#include "core/protocol/scenario_landmarks.h"

namespace mesomap {

LandmarkWarp::LandmarkWarp(const std::vector<Landmark>& from, const std::vector<Landmark>& to) {
  for (const Landmark& a : from)
    for (const Landmark& b : to)
      if (a.id == b.id) {
        from_.push_back(a.positionMm);
        to_.push_back(b.positionMm);
      }
  // Points on one line fix no rotation about it: not a warp.
  bool spread = false;
  for (size_t i = 2; i < from_.size() && !spread; ++i)
    spread = glm::length(glm::cross(from_[1] - from_[0], from_[i] - from_[0])) > 1.0;
  if (!spread) from_.clear(), to_.clear();
}

namespace {

// The weighted best similarity taking `from` onto `to` (Umeyama): rotation from the SVD of the
// cross-covariance, scale from its singular values, a reflection never.
struct Similarity {
  glm::dvec3 fromCentre{0.0}, toCentre{0.0};
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
  double scale = 1.0;
};

Similarity fitSimilarity(const std::vector<glm::dvec3>& from, const std::vector<glm::dvec3>& to,
                         const std::vector<double>& weight) {
  Similarity fit;
  double total = 0.0;
  for (size_t i = 0; i < from.size(); ++i) {
    total += weight[i];
    fit.fromCentre += weight[i] * from[i];
    fit.toCentre += weight[i] * to[i];
  }
  fit.fromCentre /= total;
  fit.toCentre /= total;
  Eigen::Matrix3d covariance = Eigen::Matrix3d::Zero();
  double spreadFrom = 0.0;
  for (size_t i = 0; i < from.size(); ++i) {
    const glm::dvec3 a = from[i] - fit.fromCentre, b = to[i] - fit.toCentre;
    const Eigen::Vector3d ea(a.x, a.y, a.z), eb(b.x, b.y, b.z);
    covariance += weight[i] * eb * ea.transpose();
    spreadFrom += weight[i] * ea.squaredNorm();
  }
  const Eigen::JacobiSVD<Eigen::Matrix3d> svd(covariance, Eigen::ComputeFullU | Eigen::ComputeFullV);
  Eigen::Vector3d sign(1.0, 1.0, 1.0);
  if ((svd.matrixU() * svd.matrixV().transpose()).determinant() < 0.0) sign.z() = -1.0;
  fit.rotation = svd.matrixU() * sign.asDiagonal() * svd.matrixV().transpose();
  if (spreadFrom > 0.0) fit.scale = svd.singularValues().dot(sign) / spreadFrom;
  return fit;
}

}  // namespace

glm::dvec3 LandmarkWarp::operator()(const glm::dvec3& p) const {
  if (!valid()) return p;
  std::vector<double> weight(from_.size());
  for (size_t i = 0; i < from_.size(); ++i) {
    const glm::dvec3 d = p - from_[i];
    const double squared = glm::dot(d, d);
    if (squared < 1e-12) return to_[i];  // on a landmark: exactly its counterpart
    weight[i] = 1.0 / squared;
  }
  const Similarity fit = fitSimilarity(from_, to_, weight);
  const glm::dvec3 local = p - fit.fromCentre;
  const Eigen::Vector3d moved = fit.scale * fit.rotation * Eigen::Vector3d(local.x, local.y, local.z);
  return fit.toCentre + glm::dvec3(moved.x(), moved.y(), moved.z());
}

double LandmarkWarp::overallScale() const {
  if (!valid()) return 1.0;
  return fitSimilarity(from_, to_, std::vector<double>(from_.size(), 1.0)).scale;
}

glm::dvec3 LandmarkWarp::upNear(const glm::dvec3& p) const {
  if (!valid()) return glm::dvec3(0.0, 1.0, 0.0);
  std::vector<double> weight(to_.size());
  for (size_t i = 0; i < to_.size(); ++i) weight[i] = 1.0 / std::max(glm::dot(p - to_[i], p - to_[i]), 1.0);
  const Eigen::Vector3d up = fitSimilarity(from_, to_, weight).rotation * Eigen::Vector3d(0.0, 1.0, 0.0);
  return glm::dvec3(up.x(), up.y(), up.z());
}

namespace {

// Carries each absolute position and snaps it onto the new skin, counting what it did.
struct Carrier {
  const LandmarkWarp& warp;
  const Bvh& skin;
  const AnchoredSkin* anchored;  // a body on the hm08 topology, where anchors are read exactly
  ScenarioTransfer& done;

  void onSkin(glm::dvec3& positionMm, const std::optional<Hm08Anchor>& anchor) const {
    if (anchor && anchored)
      if (auto exact = anchored->topology.positionMm(anchored->mesh, *anchor)) {
        positionMm = *exact;
        ++done.anchored;
        return;
      }
    const glm::dvec3 warped = warp(positionMm);
    const auto hit = skin.closestPoint(glm::vec3(warped * 0.001), PartFilter::Skin);
    positionMm = hit ? glm::dvec3(hit->position) * 1000.0 : warped;
    if (hit) done.farthestSnapMm = std::max(done.farthestSnapMm, hit->distance * 1000.0);
    ++done.carried;
  }
  void placement(SurfacePlacement& p) const {
    if (p.positionMm) onSkin(*p.positionMm, p.hm08);
  }
};

std::string describe(const Scenario& scenario, const ScenarioTransfer& t) {
  const auto positions = [](int n) { return std::to_string(n) + " absolute position" + (n == 1 ? "" : "s"); };
  std::ostringstream s;
  s.precision(1);
  s << std::fixed << (scenario.id.empty() ? std::string("the scenario") : scenario.id) << ": ";
  if (t.anchored > 0) {
    s << positions(t.anchored) << " written for the default body " << (t.anchored == 1 ? "was" : "were")
      << " placed on this patient by " << (t.anchored == 1 ? "its" : "their") << " hm08 anchor"
      << (t.anchored == 1 ? "" : "s");
    if (t.carried > 0) s << ", and " << positions(t.carried) << " without one carried";
  } else {
    s << positions(t.carried) << " written for the default body " << (t.carried == 1 ? "was" : "were")
      << " carried to this body";
  }
  if (t.carried > 0)
    s << " by " << t.landmarkCount << " standard landmarks (each within " << t.farthestSnapMm << " mm of its skin)";
  return s.str();
}

}  // namespace

namespace {

std::optional<ScenarioTransfer> carryScenario(Scenario& scenario, const LandmarkSet& body, const Bvh& skin,
                                              const std::filesystem::path& bodyModelPath, const AnchoredSkin* anchored) {
  useBodyLandmarks(scenario, body);
  scenario.bodyScale = 1.0;
  scenario.bodyUp = nullptr;
  if (scenario.body.model != "default" || isDefaultBodyModel(bodyModelPath)) return std::nullopt;
  const auto shared = std::make_shared<const LandmarkWarp>(defaultBodyLandmarkList(), scenario.bodyLandmarks);
  const LandmarkWarp& warp = *shared;
  if (!warp.valid()) return std::nullopt;
  ScenarioTransfer done;
  done.landmarkCount = warp.landmarkCount();
  const Carrier carry{warp, skin, anchored, done};
  for (Landmark& l : scenario.landmarks) carry.onSkin(l.positionMm, l.hm08);
  for (ReferencePoint& p : scenario.points) carry.placement(p.placement);
  for (Zone& z : scenario.zones) {
    carry.placement(z.centre);
    for (BrushStamp& stamp : z.brush) carry.onSkin(stamp.positionMm, stamp.hm08);
  }
  scenario.bodyScale = warp.overallScale();
  scenario.bodyUp = [shared](const glm::vec3& positionM) {
    return glm::vec3(shared->upNear(glm::dvec3(positionM) * 1000.0));
  };
  // Views follow the anatomy they look at; they are not on the skin, so nothing snaps.
  for (CameraBookmark& c : scenario.cameras) {
    c.targetMm = warp(c.targetMm);
    if (c.eyeMm) c.eyeMm = warp(*c.eyeMm);
    c.distanceMm *= scenario.bodyScale;
  }
  if (done.carried + done.anchored == 0) return std::nullopt;  // nothing absolute: only the walks stretched
  done.message = describe(scenario, done);
  return done;
}

}  // namespace

std::optional<ScenarioTransfer> putScenarioOnBody(Scenario& scenario, const LandmarkSet& bodyLandmarks,
                                                  const Bvh& skin, const std::filesystem::path& bodyModelPath,
                                                  const AnchoredSkin* anchored) {
  return carryScenario(scenario, bodyLandmarks, skin, bodyModelPath, anchored);
}

std::optional<ScenarioTransfer> putScenarioOnBody(Scenario& scenario, const Body& body) {
  if (!body.hm08()) return carryScenario(scenario, body.landmarks(), body.skin(), body.modelPath(), nullptr);
  const AnchoredSkin anchored{body.mesh(), *body.hm08()};
  return carryScenario(scenario, body.landmarks(), body.skin(), body.modelPath(), &anchored);
}

}  // namespace mesomap
