#include "core/geometry/camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace mesomap {

std::optional<ViewPreset> parseViewPreset(const std::string& text) {
  if (text == "front") return ViewPreset::Front;
  if (text == "back") return ViewPreset::Back;
  if (text == "left") return ViewPreset::Left;
  if (text == "right") return ViewPreset::Right;
  if (text == "top") return ViewPreset::Top;
  return std::nullopt;
}

const char* toString(ViewPreset preset) {
  switch (preset) {
    case ViewPreset::Front: return "front";
    case ViewPreset::Back: return "back";
    case ViewPreset::Left: return "left";
    case ViewPreset::Right: return "right";
    case ViewPreset::Top: return "top";
  }
  return "front";
}

glm::vec3 OrbitCamera::forward() const {
  float yaw = glm::radians(yawDegrees), pitch = glm::radians(pitchDegrees);
  glm::vec3 fromTarget(std::sin(yaw) * std::cos(pitch), std::sin(pitch), std::cos(yaw) * std::cos(pitch));
  return -fromTarget;
}

glm::vec3 OrbitCamera::eye() const { return target - forward() * distance; }

glm::mat4 OrbitCamera::view() const {
  // Near the poles the world up is parallel to the view; lean on the yaw direction instead.
  glm::vec3 up(0.0f, 1.0f, 0.0f);
  if (std::abs(pitchDegrees) > 89.0f) {
    float yaw = glm::radians(yawDegrees);
    // From above, the body's front faces the bottom of the screen, as when looking down at a
    // patient standing in front of you.
    up = glm::vec3(-std::sin(yaw), 0.0f, -std::cos(yaw)) * (pitchDegrees > 0 ? 1.0f : -1.0f);
  }
  return glm::lookAt(eye(), target, up);
}

glm::mat4 OrbitCamera::projection(float aspect) const {
  float nearPlane = std::max(distance * 0.01f, 1e-3f);
  float farPlane = distance * 10.0f + 10.0f;
  return glm::perspective(glm::radians(fovYDegrees), std::max(aspect, 1e-3f), nearPlane, farPlane);
}

Ray OrbitCamera::rayThroughPixel(float x, float y, int width, int height) const {
  const float aspect = static_cast<float>(width) / static_cast<float>(std::max(height, 1));
  const glm::mat4 inverse = glm::inverse(projection(aspect) * view());
  const float ndcX = 2.0f * x / static_cast<float>(width) - 1.0f;
  const float ndcY = 1.0f - 2.0f * y / static_cast<float>(height);
  glm::vec4 nearPoint = inverse * glm::vec4(ndcX, ndcY, -1.0f, 1.0f);
  glm::vec4 farPoint = inverse * glm::vec4(ndcX, ndcY, 1.0f, 1.0f);
  glm::vec3 from = glm::vec3(nearPoint) / nearPoint.w;
  glm::vec3 to = glm::vec3(farPoint) / farPoint.w;
  return Ray{from, glm::normalize(to - from)};
}

void OrbitCamera::orbit(float deltaYaw, float deltaPitch) {
  yawDegrees = std::fmod(yawDegrees + deltaYaw, 360.0f);
  pitchDegrees = std::clamp(pitchDegrees + deltaPitch, -90.0f, 90.0f);
}

void OrbitCamera::pan(float dxFraction, float dyFraction) {
  float visibleHeight = 2.0f * distance * std::tan(glm::radians(fovYDegrees) * 0.5f);
  glm::mat4 v = view();
  glm::vec3 right(v[0][0], v[1][0], v[2][0]);
  glm::vec3 up(v[0][1], v[1][1], v[2][1]);
  target += (-right * dxFraction + up * dyFraction) * visibleHeight;
}

void OrbitCamera::zoom(float factor) { distance = std::clamp(distance * factor, 0.02f, 500.0f); }

void OrbitCamera::setPreset(ViewPreset preset) {
  switch (preset) {
    case ViewPreset::Front: yawDegrees = 0.0f; pitchDegrees = 0.0f; break;
    case ViewPreset::Back: yawDegrees = 180.0f; pitchDegrees = 0.0f; break;
    case ViewPreset::Left: yawDegrees = 90.0f; pitchDegrees = 0.0f; break;
    case ViewPreset::Right: yawDegrees = -90.0f; pitchDegrees = 0.0f; break;
    case ViewPreset::Top: yawDegrees = 0.0f; pitchDegrees = 90.0f; break;
  }
}

void OrbitCamera::frame(const Bounds& bounds, float aspect) {
  if (bounds.empty()) return;
  target = bounds.center();
  // Fit the box's projection on the view plane: its extent along the camera's right and up.
  glm::mat4 v = view();
  glm::vec3 half = bounds.size() * 0.5f;
  float halfWidth = 0.0f, halfHeight = 0.0f, halfDepth = 0.0f;
  for (int i = 0; i < 3; ++i) {
    halfWidth += std::abs(v[i][0]) * half[i];
    halfHeight += std::abs(v[i][1]) * half[i];
    halfDepth += std::abs(v[i][2]) * half[i];
  }
  float tanHalfY = std::tan(glm::radians(fovYDegrees) * 0.5f);
  float tanHalfX = tanHalfY * std::max(aspect, 1e-3f);
  const float margin = 1.08f;
  distance = margin * std::max(halfHeight / tanHalfY, halfWidth / tanHalfX) + halfDepth;
}

}  // namespace mesomap
