#pragma once
// The UI's scale on HiDPI screens: every size the app gives in pixels (a window's default size,
// a field's width, a button's) is a size at scale 1 passed through scaled(), so a 2x screen gets
// the same layout, twice as large, with fonts rasterised at that size (not blown up). The scale
// is the window's content scale (glfwGetWindowContentScale), followed when it changes (the
// window moved to another monitor, the desktop's scale changed); MESOMAP_UI_SCALE overrides it
// (tests, screenshots, a user who wants larger text).
#include <optional>
#include <string>

struct GLFWwindow;

namespace mesomap::app {

inline constexpr const char* kUiScaleVariable = "MESOMAP_UI_SCALE";
inline constexpr float kMinUiScale = 0.5f, kMaxUiScale = 4.0f;

float uiScale();  // 1 until set
void setUiScale(float scale);
inline float scaled(float pixelsAtScaleOne) { return pixelsAtScaleOne * uiScale(); }

// MESOMAP_UI_SCALE's value as a scale; nullopt when unset; `problem` says why a set value is
// not used (not a number, out of range).
std::optional<float> parseUiScaleOverride(const char* value, std::string& problem);

// Prints each visible ImGui window as "ui window 'TITLE' WxH at X,Y (scale S)" on stdout:
// scripted runs (--screenshot) show what size the UI came out at.
void printUiWindows();

// Follows the window's content scale: the scale to use now, and a change reported once.
class UiScaleWatcher {
 public:
  // Reads MESOMAP_UI_SCALE (a bad value is reported in `problem` and ignored).
  void install(GLFWwindow* window, float contentScale, std::string& problem);
  float scale() const { return overridden_ ? *overridden_ : contentScale_; }
  // The new scale once after the content scale changed (never while overridden).
  std::optional<float> takeChange();

 private:
  std::optional<float> overridden_;
  float contentScale_ = 1.0f;
};

}  // namespace mesomap::app
