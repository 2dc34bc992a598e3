#pragma once
// The UI's scale on HiDPI screens: every size the app gives in pixels (a window's default size,
// a field's width, a button's) is a size at scale 1 passed through scaled(), so a 2x screen gets
// the same layout, twice as large, with fonts rasterised at that size (not blown up). The scale
// is the window's content scale (glfwGetWindowContentScale), followed when it changes (the
// window moved to another monitor, the desktop's scale changed); MESOMAP_UI_SCALE overrides it
// (tests, screenshots, a user who wants larger text).
#include <optional>
#include <string>
#include <utility>

struct GLFWwindow;

namespace mesomap::app {

inline constexpr const char* kUiScaleVariable = "MESOMAP_UI_SCALE";
// A test hook: "FRAME:SCALE" makes the window report a content-scale change to SCALE before
// frame FRAME, as moving it to another screen would (ignored while MESOMAP_UI_SCALE is set).
inline constexpr const char* kScaleChangeVariable = "MESOMAP_TEST_SCALE_CHANGE";
inline constexpr float kMinUiScale = 0.5f, kMaxUiScale = 4.0f;

float uiScale();  // 1 until set
void setUiScale(float scale);
inline float scaled(float pixelsAtScaleOne) { return pixelsAtScaleOne * uiScale(); }

// MESOMAP_UI_SCALE's value as a scale; nullopt when unset; `problem` says why a set value is
// not used (not a number, out of range).
std::optional<float> parseUiScaleOverride(const char* value, std::string& problem);

// Windows already there (open or closed) follow a change of scale by `ratio` (new / old): their
// sizes scaled; a centred window stays centred, one by an edge keeps its (scaled) gap to it; all
// kept on the display. Between frames.
void rescaleWindows(float ratio);

// Prints each visible ImGui window as "ui window 'TITLE' WxH at X,Y (scale S)" on stdout:
// scripted runs (--screenshot) show what size the UI came out at.
void printUiWindows();

// Follows the window's content scale: the scale to use now, and a change reported once.
class UiScaleWatcher {
 public:
  // Reads MESOMAP_UI_SCALE (a bad value is reported in `problem` and ignored).
  void install(GLFWwindow* window, float contentScale, std::string& problem);
  float scale() const { return overridden_ ? *overridden_ : contentScale_; }
  // The new scale once after the content scale changed (never while overridden). `frame`: the
  // frame about to be drawn, for MESOMAP_TEST_SCALE_CHANGE.
  std::optional<float> takeChange(int frame);

 private:
  std::optional<float> overridden_;
  std::optional<std::pair<int, float>> simulated_;  // MESOMAP_TEST_SCALE_CHANGE: frame, scale
  float contentScale_ = 1.0f;
};

}  // namespace mesomap::app
