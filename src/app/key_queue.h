#pragma once
// Key presses queued as GLFW reports them. Dear ImGui 1.86 samples key state once per frame,
// so a tap shorter than a frame (common at software-rendering frame rates, and from
// xdotool) would be lost; the queue keeps every press for the next frame.
#include <vector>

struct GLFWwindow;

namespace mesomap::app {

struct KeyPress {
  int key;   // GLFW_KEY_*
  int mods;  // GLFW_MOD_*
  bool repeat;
  bool has(int mod) const { return (mods & mod) != 0; }
  // The platform's shortcut modifier is held: Cmd on macOS, Ctrl elsewhere.
  bool primary() const;
};

// "Cmd" on macOS, "Ctrl" elsewhere: for shortcut labels.
const char* primaryModifierName();

class KeyQueue {
 public:
  // Install before ImGui's GLFW backend, which chains to the callback installed here.
  void install(GLFWwindow* window);
  std::vector<KeyPress> take();

 private:
  std::vector<KeyPress> presses_;
};

}  // namespace mesomap::app
