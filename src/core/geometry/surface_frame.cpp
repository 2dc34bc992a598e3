#include "core/geometry/surface_frame.h"

#include <algorithm>
#include <cmath>

namespace mesomap {

namespace {

constexpr float kDegrees = 57.29577951308232f;

glm::vec3 projectOnPlane(const glm::vec3& v, const glm::vec3& n) { return v - glm::dot(v, n) * n; }

}  // namespace

SurfaceFrame surfaceFrame(const glm::vec3& position, const glm::vec3& normal) {
  SurfaceFrame frame;
  frame.position = position;
  const float length = glm::length(normal);
  frame.normal = length > 0.0f ? normal / length : glm::vec3(0.0f, 0.0f, 1.0f);
  const glm::vec3& n = frame.normal;

  const glm::vec3 reference = std::abs(n.y) > kVerticalNormalY ? glm::vec3(0.0f, 0.0f, -1.0f) : glm::vec3(0.0f, 1.0f, 0.0f);
  // Both projections stay well conditioned: with |n.y| <= 0.95 that of +Y has length >= 0.31,
  // and with |n.y| > 0.95 that of -Z has length >= 0.95.
  frame.cranial = glm::normalize(projectOnPlane(reference, n));

  // cross(n, cranial) is a unit tangent perpendicular to cranial. Mirrored per side so that on
  // the front it points to the midline on both halves, then flipped wherever it points away.
  const float side = position.x >= -kMidlineHalfWidth ? 1.0f : -1.0f;
  glm::vec3 medial = side * glm::cross(n, frame.cranial);
  if (medial.x * side > 0.0f) medial = -medial;
  frame.medial = medial;
  return frame;
}

glm::vec3 needleDirection(const SurfaceFrame& frame, const NeedleAngles& angles) {
  const float angle = angles.angleDegrees / kDegrees, azimuth = angles.azimuthDegrees / kDegrees;
  const glm::vec3 lean = std::cos(azimuth) * frame.cranial + std::sin(azimuth) * frame.medial;
  return glm::normalize(std::cos(angle) * lean - std::sin(angle) * frame.normal);
}

NeedleAngles needleAngles(const SurfaceFrame& frame, const glm::vec3& direction) {
  const glm::vec3 d = glm::normalize(direction);
  const float intoSkin = glm::clamp(-glm::dot(d, frame.normal), -1.0f, 1.0f);
  const float alongCranial = glm::dot(d, frame.cranial), alongMedial = glm::dot(d, frame.medial);
  NeedleAngles angles;
  angles.angleDegrees = std::atan2(intoSkin, std::hypot(alongCranial, alongMedial)) * kDegrees;
  if (std::hypot(alongCranial, alongMedial) < 1e-6f) {
    angles.azimuthDegrees = 0.0f;
  } else {
    float azimuth = std::atan2(alongMedial, alongCranial) * kDegrees;
    if (azimuth < 0.0f) azimuth += 360.0f;
    if (azimuth >= 360.0f) azimuth -= 360.0f;
    angles.azimuthDegrees = azimuth;
  }
  return angles;
}

double flatDepthMm(double insertedMm, double angleDeg) { return insertedMm * std::sin(glm::radians(angleDeg)); }

double insertedLengthMm(double depthMm, double angleDeg) {
  return depthMm / std::max(0.05, std::sin(glm::radians(angleDeg)));
}

}  // namespace mesomap
