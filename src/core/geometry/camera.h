#pragma once
// An orbit camera around a target, and the named views every body gets. Pure math: the app,
// the CLI renderer and tests share it.
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "core/geometry/bvh.h"
#include "core/geometry/mesh.h"

namespace mesomap {

// Views are named from the body's side: bodies face +Z, so "left" looks at the patient's left
// side (+X) and "front" looks at the face.
enum class ViewPreset { Front, Back, Left, Right, Top };

std::optional<ViewPreset> parseViewPreset(const std::string& text);
const char* toString(ViewPreset preset);

struct OrbitCamera {
  glm::vec3 target{0.0f, 0.9f, 0.0f};
  float yawDegrees = 0.0f;    // 0 = in front of the body (+Z), 90 = at the body's left (+X)
  float pitchDegrees = 0.0f;  // positive looks down from above
  float distance = 3.0f;
  float fovYDegrees = 30.0f;

  bool operator==(const OrbitCamera&) const = default;

  glm::vec3 eye() const;
  glm::vec3 forward() const;  // unit vector from eye to target
  glm::mat4 view() const;
  glm::mat4 projection(float aspect) const;

  // The ray from the eye through a pixel (x right, y down, in pixels of a width x height view).
  Ray rayThroughPixel(float x, float y, int width, int height) const;

  void orbit(float deltaYawDegrees, float deltaPitchDegrees);
  // Pans in the view plane by fractions of the visible height.
  void pan(float dxFraction, float dyFraction);
  void zoom(float factor);  // < 1 moves closer

  void setPreset(ViewPreset preset);
  // Keeps the orientation and fits the bounds in view (with a small margin).
  void frame(const Bounds& bounds, float aspect);
};

}  // namespace mesomap
