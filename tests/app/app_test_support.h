#pragma once
// What the in-process app tests share: the default body, loaded once per test program, a
// fresh data folder per test, and an ImGui context without a backend.
#include <filesystem>
#include <memory>
#include <string>

#include <functional>
#include <optional>

#include <imgui.h>
#include <imgui_internal.h>

#include "core/body/body.h"
#include "core/import/model_loader.h"

namespace mesomap::app::test_support {

inline std::shared_ptr<const Body> defaultBody() {
  static const std::shared_ptr<const Body> body = [] {
    LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
    return std::make_shared<const Body>(std::move(loaded.mesh), loaded.path);
  }();
  return body;
}

// `<test output>/<suite>/<name>`, emptied.
inline std::filesystem::path freshDirectory(const std::string& suite, const std::string& name) {
  const auto dir = std::filesystem::path(MESOMAP_TEST_OUTPUT) / suite / name;
  std::filesystem::remove_all(dir);
  return dir;
}

// An ImGui context with no backend, for drawing panels in-process: a display, a frame time and
// the default font built; nothing reaches a screen. Destroy it with ImGui::DestroyContext().
inline void createHeadlessImGui() {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1400, 900);
  io.DeltaTime = 1.0f / 60.0f;
  io.IniFilename = nullptr;
  unsigned char* pixels;
  int w, h;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

// Moves the mouse over window `window`, a frame at each spot (`frameAt` draws one with the
// mouse there, button up), until the item `id(window)` is hovered: where, or nothing.
inline std::optional<ImVec2> hoverOver(const std::function<void(ImVec2)>& frameAt, const char* window,
                                       const std::function<ImGuiID(ImGuiWindow*)>& id) {
  frameAt(ImVec2(-1, -1));
  frameAt(ImVec2(-1, -1));  // auto-resized windows settle in the second frame
  ImGuiWindow* w = ImGui::FindWindowByName(window);
  if (!w) return std::nullopt;
  const ImGuiID target = id(w);
  for (float y = w->Pos.y + 2; y < w->Pos.y + w->Size.y; y += 4)
    for (float x = w->Pos.x + 4; x < w->Pos.x + w->Size.x; x += 12) {
      frameAt(ImVec2(x, y));
      if (ImGui::GetCurrentContext()->HoveredId == target) return ImVec2(x, y);
    }
  return std::nullopt;
}

}  // namespace mesomap::app::test_support
