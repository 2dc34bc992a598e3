#include "app/camera_controller.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace mesomap::app {

bool CameraController::update(OrbitCamera& camera, float viewportHeight, const std::vector<KeyPress>& keys,
                              bool leftButtonTaken) {
  ImGuiIO& io = ImGui::GetIO();
  bool frameRequested = false;
  const float height = viewportHeight > 1.0f ? viewportHeight : 1.0f;

  if (!io.WantCaptureMouse) {
    const bool panDrag = ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f) ||
                         ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0.0f) ||
                         (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) && io.KeyShift && !leftButtonTaken);
    if (panDrag) {
      camera.pan(io.MouseDelta.x / height, io.MouseDelta.y / height);
    } else if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) && !leftButtonTaken) {
      // 180 degrees across the viewport height feels natural at any window size.
      const float degreesPerPixel = 180.0f / height;
      camera.orbit(-io.MouseDelta.x * degreesPerPixel, io.MouseDelta.y * degreesPerPixel);
    }
    if (io.MouseWheel != 0.0f) {
      const float factor = std::pow(0.88f, io.MouseWheel);
      // Zoom toward what is under the cursor, as in map and CAD viewers: the target slides
      // toward that point by the same fraction the distance shrinks.
      if (auto point = picker_ ? picker_(io.MousePos.x, io.MousePos.y) : std::nullopt; point && factor < 1.0f) {
        camera.target += (*point - camera.target) * (1.0f - factor);
      }
      camera.zoom(factor);
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Middle)) frameRequested = true;
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Right) && picker_) {
      if (auto point = picker_(io.MousePos.x, io.MousePos.y)) camera.target = *point;  // orbit around it
    }
  }

  if (!io.WantCaptureKeyboard) {
    const float step = 5.0f;
    for (const KeyPress& k : keys) {
      if (k.has(GLFW_MOD_SHIFT)) {
        if (k.key == GLFW_KEY_LEFT) camera.pan(-0.05f, 0.0f);
        if (k.key == GLFW_KEY_RIGHT) camera.pan(0.05f, 0.0f);
        if (k.key == GLFW_KEY_UP) camera.pan(0.0f, -0.05f);
        if (k.key == GLFW_KEY_DOWN) camera.pan(0.0f, 0.05f);
      } else {
        if (k.key == GLFW_KEY_LEFT) camera.orbit(step, 0.0f);
        if (k.key == GLFW_KEY_RIGHT) camera.orbit(-step, 0.0f);
        if (k.key == GLFW_KEY_UP) camera.orbit(0.0f, step);
        if (k.key == GLFW_KEY_DOWN) camera.orbit(0.0f, -step);
      }
      if (k.key == GLFW_KEY_EQUAL || k.key == GLFW_KEY_KP_ADD || k.key == GLFW_KEY_PAGE_UP) camera.zoom(0.9f);
      if (k.key == GLFW_KEY_MINUS || k.key == GLFW_KEY_KP_SUBTRACT || k.key == GLFW_KEY_PAGE_DOWN) camera.zoom(1.0f / 0.9f);
      if (k.repeat || k.primary()) continue;
      const struct { int key; ViewPreset preset; } presets[] = {{GLFW_KEY_1, ViewPreset::Front}, {GLFW_KEY_2, ViewPreset::Back},
                                                                {GLFW_KEY_3, ViewPreset::Left},  {GLFW_KEY_4, ViewPreset::Right},
                                                                {GLFW_KEY_5, ViewPreset::Top}};
      for (const auto& p : presets) {
        if (k.key == p.key) {
          camera.setPreset(p.preset);
          frameRequested = true;
        }
      }
      if (k.key == GLFW_KEY_F || k.key == GLFW_KEY_HOME) frameRequested = true;
    }
  }
  return frameRequested;
}

}  // namespace mesomap::app
