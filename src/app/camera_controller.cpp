#include "app/camera_controller.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace mesomap::app {

bool CameraController::update(OrbitCamera& camera, float viewportHeight) {
  ImGuiIO& io = ImGui::GetIO();
  bool frameRequested = false;
  const float height = viewportHeight > 1.0f ? viewportHeight : 1.0f;

  if (!io.WantCaptureMouse) {
    const bool panDrag = ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f) ||
                         ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0.0f) ||
                         (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) && io.KeyShift);
    if (panDrag) {
      camera.pan(io.MouseDelta.x / height, io.MouseDelta.y / height);
    } else if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
      // 180 degrees across the viewport height feels natural at any window size.
      const float degreesPerPixel = 180.0f / height;
      camera.orbit(-io.MouseDelta.x * degreesPerPixel, io.MouseDelta.y * degreesPerPixel);
    }
    if (io.MouseWheel != 0.0f) camera.zoom(std::pow(0.88f, io.MouseWheel));
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Middle)) frameRequested = true;
  }

  if (!io.WantCaptureKeyboard) {
    const float step = 5.0f;
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, true); };
    if (io.KeyShift) {
      if (pressed(GLFW_KEY_LEFT)) camera.pan(-0.05f, 0.0f);
      if (pressed(GLFW_KEY_RIGHT)) camera.pan(0.05f, 0.0f);
      if (pressed(GLFW_KEY_UP)) camera.pan(0.0f, -0.05f);
      if (pressed(GLFW_KEY_DOWN)) camera.pan(0.0f, 0.05f);
    } else {
      if (pressed(GLFW_KEY_LEFT)) camera.orbit(step, 0.0f);
      if (pressed(GLFW_KEY_RIGHT)) camera.orbit(-step, 0.0f);
      if (pressed(GLFW_KEY_UP)) camera.orbit(0.0f, step);
      if (pressed(GLFW_KEY_DOWN)) camera.orbit(0.0f, -step);
    }
    if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD) || pressed(GLFW_KEY_PAGE_UP)) camera.zoom(0.9f);
    if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT) || pressed(GLFW_KEY_PAGE_DOWN)) camera.zoom(1.0f / 0.9f);
    if (!io.KeyCtrl) {
      const struct { int key; ViewPreset preset; } presets[] = {{GLFW_KEY_1, ViewPreset::Front}, {GLFW_KEY_2, ViewPreset::Back},
                                                                {GLFW_KEY_3, ViewPreset::Left},  {GLFW_KEY_4, ViewPreset::Right},
                                                                {GLFW_KEY_5, ViewPreset::Top}};
      for (const auto& p : presets) {
        if (ImGui::IsKeyPressed(p.key, false)) {
          camera.setPreset(p.preset);
          frameRequested = true;
        }
      }
      if (ImGui::IsKeyPressed(GLFW_KEY_F, false) || ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) frameRequested = true;
    }
  }
  return frameRequested;
}

}  // namespace mesomap::app
