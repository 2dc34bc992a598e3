#include "app/dialog_parent.h"

#if defined(__linux__)
// GLFW's own (glfw3native.h), declared here: that header wants Xlib and Xrandr's headers, and its
// macros (None, Status, Bool...) would clash with the app's names. Weak, so a GLFW built without
// X11 (libglfw3-wayland) still loads the app: the address is then null.
extern "C" __attribute__((weak)) unsigned long glfwGetX11Window(GLFWwindow* window);
#endif

namespace mesomap::app {

unsigned long x11WindowOf(GLFWwindow* window) {
#if defined(__linux__)
  if (window && glfwGetX11Window) return glfwGetX11Window(window);
#else
  (void)window;
#endif
  return 0;
}

}  // namespace mesomap::app
