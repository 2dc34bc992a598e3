#include "core/view/scenario_camera.h"

#include <cmath>
#include <vector>

#include "core/protocol/scenario_geometry.h"
#include "core/view/scenario_overlay.h"

namespace mesomap {

namespace {

constexpr float kRegionMarginMm = 40.0f;

// OrbitCamera puts the eye at target + distance * (sin yaw cos pitch, sin pitch, cos yaw cos pitch).
void aimFrom(OrbitCamera& camera, const glm::vec3& towardEye) {
  const glm::vec3 d = glm::normalize(towardEye);
  camera.yawDegrees = glm::degrees(std::atan2(d.x, d.z));
  camera.pitchDegrees = glm::degrees(std::asin(glm::clamp(d.y, -1.0f, 1.0f)));
}

}  // namespace

OrbitCamera cameraFromBookmark(const CameraBookmark& bookmark) {
  OrbitCamera camera;
  camera.target = glm::vec3(bookmark.targetMm * 0.001);
  if (bookmark.eyeMm) {
    const glm::vec3 towardEye = glm::vec3((*bookmark.eyeMm - bookmark.targetMm) * 0.001);
    aimFrom(camera, towardEye);
    camera.distance = glm::length(towardEye);
  } else {
    camera.yawDegrees = static_cast<float>(bookmark.yawDeg);
    camera.pitchDegrees = static_cast<float>(bookmark.pitchDeg);
    camera.distance = static_cast<float>(bookmark.distanceMm * 0.001);
  }
  return camera;
}

CameraBookmark bookmarkFromCamera(const std::string& name, const OrbitCamera& camera) {
  // Whole tenths of a millimetre and degree: readable files, and well below what anyone sees.
  auto round = [](double v) { return std::round(v * 10.0) / 10.0; };
  CameraBookmark b;
  b.name = name;
  b.targetMm = glm::dvec3(round(camera.target.x * 1000.0), round(camera.target.y * 1000.0), round(camera.target.z * 1000.0));
  double yaw = std::fmod(static_cast<double>(camera.yawDegrees), 360.0);
  if (yaw > 180.0) yaw -= 360.0;
  if (yaw <= -180.0) yaw += 360.0;
  b.yawDeg = round(yaw);
  b.pitchDeg = round(camera.pitchDegrees);
  b.distanceMm = round(camera.distance * 1000.0);
  return b;
}

bool frameScenario(OrbitCamera& camera, const Scenario& scenario, const Bvh& skin, float aspect, float marginMm) {
  Bounds region = scenarioBounds(scenario, skin);
  if (region.empty()) return false;
  region.grow(region.min - glm::vec3(marginMm * 0.001f));
  region.grow(region.max + glm::vec3(marginMm * 0.001f));
  camera.frame(region, aspect);
  return true;
}

std::optional<OrbitCamera> regionCamera(const Scenario& scenario, const Bvh& skin, float aspect) {
  std::vector<SurfaceFrame> points;
  for (const ReferencePoint& p : scenario.points)
    if (auto r = resolvePlacement(scenario, p.placement, skin)) points.push_back(r->frame);
  if (points.empty())
    for (const Zone& z : scenario.zones)
      if (auto r = resolvePlacement(scenario, z.centre, skin)) points.push_back(r->frame);
  if (points.empty()) return std::nullopt;

  glm::vec3 meanNormal(0.0f);
  for (const SurfaceFrame& f : points) meanNormal += f.normal;
  // Eight directions around the body, level and from a little above, then the mean normal
  // (kept within 45 degrees of level: a view straight down a limb reads badly).
  std::vector<glm::vec3> candidates;
  for (float pitch : {0.0f, 25.0f})
    for (int i = 0; i < 8; ++i) {
      const float yaw = glm::radians(45.0f * static_cast<float>(i)), p = glm::radians(pitch);
      candidates.emplace_back(std::sin(yaw) * std::cos(p), std::sin(p), std::cos(yaw) * std::cos(p));
    }
  if (glm::length(meanNormal) > 1e-3f) {
    glm::vec3 d = glm::normalize(meanNormal);
    d.y = glm::clamp(d.y, -0.7f, 0.7f);
    candidates.push_back(glm::normalize(d));
  }

  // Framed on the points alone: a no-go zone on the far side of a limb must not pull back
  // the camera.
  Bounds around;
  for (const SurfaceFrame& f : points) around.grow(f.position);
  around.grow(around.min - glm::vec3(kRegionMarginMm * 0.001f));
  around.grow(around.max + glm::vec3(kRegionMarginMm * 0.001f));
  std::optional<OrbitCamera> best;
  float bestScore = -1.0f;
  for (const glm::vec3& direction : candidates) {
    OrbitCamera camera;
    aimFrom(camera, direction);
    camera.frame(around, aspect);
    // A point counts when its skin faces the eye clearly and nothing hides it; the summed
    // facing breaks ties toward the most frontal view of the points.
    float score = 0.0f;
    const glm::vec3 eye = camera.eye();
    for (const SurfaceFrame& f : points) {
      const float facing = glm::dot(f.normal, glm::normalize(eye - f.position));
      if (facing > 0.25f && !hiddenFrom(skin, eye, f.position)) score += 1.0f + 0.1f * facing;
    }
    if (score > bestScore + 1e-4f) {
      bestScore = score;
      best = camera;
    }
  }
  return best;
}

}  // namespace mesomap
