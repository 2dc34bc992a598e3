#include "app/ui_scale.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

namespace mesomap::app {

namespace {
float g_scale = 1.0f;
// GLFW callbacks carry no context of ours (ImGui's backend owns the user pointer).
std::optional<float> g_changedTo;
}  // namespace

float uiScale() { return g_scale; }
void setUiScale(float scale) { g_scale = scale; }

std::optional<float> parseUiScaleOverride(const char* value, std::string& problem) {
  if (!value || !*value) return std::nullopt;
  char* end = nullptr;
  const float scale = std::strtof(value, &end);
  if (*end != '\0' || !std::isfinite(scale)) {
    problem = std::string(kUiScaleVariable) + "='" + value + "' is not a number; using the screen's scale";
    return std::nullopt;
  }
  if (scale < kMinUiScale || scale > kMaxUiScale) {
    problem = std::string(kUiScaleVariable) + "='" + value + "' is out of range (0.5 to 4); using the screen's scale";
    return std::nullopt;
  }
  return scale;
}

void printUiWindows() {
  const ImGuiContext* context = ImGui::GetCurrentContext();
  if (!context) return;
  for (const ImGuiWindow* w : context->Windows) {
    // Top-level windows only (no child regions, tooltips or the hidden debug window).
    if (!w->WasActive || w->Hidden || (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip))) continue;
    if (std::string_view(w->Name).starts_with("Debug##")) continue;
    std::printf("ui window '%s' %.0fx%.0f at %.0f,%.0f (scale %g)\n", w->Name, w->Size.x, w->Size.y, w->Pos.x, w->Pos.y,
                static_cast<double>(g_scale));
  }
  std::printf("ui font %.0f px (scale %g)\n", static_cast<double>(ImGui::GetFontSize()), static_cast<double>(g_scale));
  std::fflush(stdout);
}

namespace {
// Where a window of `size` at `pos` (one axis) goes once it is `scaledSize`: a centred one stays
// centred; one nearer an edge keeps its gap to that edge, scaled. On the display either way.
float anchoredPosition(float pos, float size, float scaledSize, float display, float ratio) {
  const float before = pos, after = display - pos - size;
  float moved;
  if (std::abs(before - after) < display * 0.1f)
    moved = pos + (size - scaledSize) * 0.5f;
  else if (before < after)
    moved = before * ratio;
  else
    moved = display - after * ratio - scaledSize;
  return std::clamp(moved, 0.0f, std::max(display - scaledSize, 0.0f));
}
}  // namespace

void rescaleWindows(float ratio) {
  const ImGuiContext* context = ImGui::GetCurrentContext();
  if (!context || ratio == 1.0f) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  for (ImGuiWindow* w : context->Windows) {
    // Child regions are laid out by their parent each frame; tooltips follow the mouse.
    if (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip)) continue;
    const ImVec2 size(std::min(w->SizeFull.x * ratio, display.x), std::min(w->SizeFull.y * ratio, display.y));
    const ImVec2 pos(anchoredPosition(w->Pos.x, w->SizeFull.x, size.x, display.x, ratio),
                     anchoredPosition(w->Pos.y, w->SizeFull.y, size.y, display.y, ratio));
    ImGui::SetWindowSize(w, size);
    ImGui::SetWindowPos(w, pos);
  }
}

namespace {
// "FRAME:SCALE" from MESOMAP_TEST_SCALE_CHANGE; a value that is not is reported in `problem`.
std::optional<std::pair<int, float>> parseScaleChange(const char* value, std::string& problem) {
  if (!value || !*value) return std::nullopt;
  int frame = 0;
  float scale = 0.0f;
  char end = 0;
  if (std::sscanf(value, "%d:%f%c", &frame, &scale, &end) != 2 || frame < 0 || scale < kMinUiScale ||
      scale > kMaxUiScale) {
    problem = std::string(kScaleChangeVariable) + "='" + value + "' is not FRAME:SCALE (scale 0.5 to 4); ignored";
    return std::nullopt;
  }
  return std::pair{frame, scale};
}
}  // namespace

void UiScaleWatcher::install(GLFWwindow* window, float contentScale, std::string& problem) {
  contentScale_ = contentScale;
  overridden_ = parseUiScaleOverride(std::getenv(kUiScaleVariable), problem);
  simulated_ = parseScaleChange(std::getenv(kScaleChangeVariable), problem);
  glfwSetWindowContentScaleCallback(window, [](GLFWwindow*, float x, float) { g_changedTo = x > 0.0f ? x : 1.0f; });
}

std::optional<float> UiScaleWatcher::takeChange(int frame) {
  if (simulated_ && simulated_->first == frame) g_changedTo = simulated_->second;
  if (!g_changedTo) return std::nullopt;
  const float changed = *g_changedTo;
  g_changedTo.reset();
  if (overridden_ || changed == contentScale_) return std::nullopt;
  contentScale_ = changed;
  return changed;
}

}  // namespace mesomap::app
