#include "app/key_queue.h"

#include <GLFW/glfw3.h>

namespace mesomap::app {

namespace {
// GLFW callbacks carry no context of ours (ImGui's backend owns the user pointer); the app
// has one window.
std::vector<KeyPress>* g_presses = nullptr;
}  // namespace

void KeyQueue::install(GLFWwindow* window) {
  g_presses = &presses_;
  glfwSetKeyCallback(window, [](GLFWwindow*, int key, int, int action, int mods) {
    if (g_presses && (action == GLFW_PRESS || action == GLFW_REPEAT)) {
      g_presses->push_back(KeyPress{key, mods, action == GLFW_REPEAT});
    }
  });
}

// macOS shortcuts use Cmd (GLFW's "super"); Ctrl there is for other things (Ctrl-click).
bool KeyPress::primary() const {
#if defined(__APPLE__)
  return has(GLFW_MOD_SUPER);
#else
  return has(GLFW_MOD_CONTROL);
#endif
}

const char* primaryModifierName() {
#if defined(__APPLE__)
  return "Cmd";
#else
  return "Ctrl";
#endif
}

std::vector<KeyPress> KeyQueue::take() {
  std::vector<KeyPress> taken;
  taken.swap(presses_);
  return taken;
}

}  // namespace mesomap::app
