#include "app/ui_scale.h"

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
  std::fflush(stdout);
}

void UiScaleWatcher::install(GLFWwindow* window, float contentScale, std::string& problem) {
  contentScale_ = contentScale;
  overridden_ = parseUiScaleOverride(std::getenv(kUiScaleVariable), problem);
  glfwSetWindowContentScaleCallback(window, [](GLFWwindow*, float x, float) { g_changedTo = x > 0.0f ? x : 1.0f; });
}

std::optional<float> UiScaleWatcher::takeChange() {
  if (!g_changedTo) return std::nullopt;
  const float changed = *g_changedTo;
  g_changedTo.reset();
  if (overridden_ || changed == contentScale_) return std::nullopt;
  contentScale_ = changed;
  return changed;
}

}  // namespace mesomap::app
