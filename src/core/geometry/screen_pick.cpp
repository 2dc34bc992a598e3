#include "core/geometry/screen_pick.h"

namespace mesomap {

namespace {

std::optional<glm::vec2> pixelOf(const glm::mat4& viewProjection, const glm::vec3& point, float width, float height) {
  const glm::vec4 clip = viewProjection * glm::vec4(point, 1.0f);
  if (clip.w <= 0.0f) return std::nullopt;
  return glm::vec2((clip.x / clip.w * 0.5f + 0.5f) * width, (0.5f - clip.y / clip.w * 0.5f) * height);
}

}  // namespace

std::optional<glm::vec2> pixelOf(const OrbitCamera& camera, const glm::vec3& point, float width, float height) {
  return pixelOf(camera.projection(width / height) * camera.view(), point, width, height);
}

std::optional<size_t> nearestOnScreen(const OrbitCamera& camera, const std::vector<glm::vec3>& points,
                                      const glm::vec2& cursor, float width, float height, float radiusPixels,
                                      const Bvh& skin) {
  const glm::mat4 viewProjection = camera.projection(width / height) * camera.view();
  std::optional<size_t> best;
  float bestDistance = radiusPixels;
  for (size_t i = 0; i < points.size(); ++i) {
    const auto pixel = pixelOf(viewProjection, points[i], width, height);
    if (!pixel) continue;
    const float d = glm::length(*pixel - cursor);
    if (d >= bestDistance || hiddenFrom(skin, camera.eye(), points[i])) continue;  // behind the body from here
    best = i;
    bestDistance = d;
  }
  return best;
}

}  // namespace mesomap
