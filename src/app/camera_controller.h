#pragma once
// Mouse and keyboard to camera: left-drag orbits, right/middle-drag (or shift+left) pans,
// wheel or two-finger scroll zooms; arrows orbit, shift+arrows pan, +/- zoom, 1-5 presets,
// F frames the body. Reads ImGui's input state so panels keep their clicks.
#include <functional>
#include <optional>
#include <vector>

#include "app/key_queue.h"
#include "core/geometry/camera.h"

namespace mesomap::app {

class CameraController {
 public:
  // The surface point under a window position, if any: zooming heads toward it, and a
  // double-click makes it the centre of rotation.
  using SurfacePicker = std::function<std::optional<glm::vec3>(float x, float y)>;
  void setPicker(SurfacePicker picker) { picker_ = std::move(picker); }

  // Returns true when a key asked to frame the whole body (the caller knows its bounds).
  // `leftButtonTaken`: a tool owns the left button this frame (dragging a point), so no orbit.
  bool update(OrbitCamera& camera, float viewportHeightPixels, const std::vector<KeyPress>& keys,
              bool leftButtonTaken);

 private:
  SurfacePicker picker_;
};

}  // namespace mesomap::app
