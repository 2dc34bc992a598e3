#include "render/glfw_window.h"

#include <GLFW/glfw3.h>

#include "core/base/error.h"
#include "core/view/app_icon.h"

namespace mesomap::render {

namespace {
// The taskbar and Alt-Tab show the icon at these sizes; the window manager picks one.
void setWindowIcon(GLFWwindow* window) {
  Image icons[] = {drawAppIcon(16), drawAppIcon(32), drawAppIcon(48), drawAppIcon(128)};
  GLFWimage images[4];
  for (int i = 0; i < 4; ++i) images[i] = {icons[i].width, icons[i].height, icons[i].rgba.data()};
  glfwSetWindowIcon(window, 4, images);
  glfwGetError(nullptr);  // Wayland and macOS refuse it (they take the desktop file's): not a failure
}

std::string lastGlfwError() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "unknown GLFW error";
}
}  // namespace

GlfwWindow::GlfwWindow(const std::string& title, const WindowGeometry& geometry) {
  if (!glfwInit()) {
    throw Error(ErrorKind::Render, "cannot open a window: " + lastGlfwError() +
                                       " (no display? use 'mesomap render' headless, or run under xvfb-run)");
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);  // shown once placed, so it does not jump
  glfwWindowHint(GLFW_MAXIMIZED, geometry.maximized ? GLFW_TRUE : GLFW_FALSE);
  window_ = glfwCreateWindow(geometry.width, geometry.height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    std::string why = lastGlfwError();
    glfwTerminate();
    throw Error(ErrorKind::Render, "cannot create an OpenGL 3.3 core window: " + why);
  }
  setWindowIcon(window_);
  if (geometry.x >= 0 && geometry.y >= 0 && !geometry.maximized) glfwSetWindowPos(window_, geometry.x, geometry.y);
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
  loadGlFunctions(reinterpret_cast<void* (*)(const char*)>(glfwGetProcAddress), "GLFW window");
  glfwShowWindow(window_);
}

GlfwWindow::~GlfwWindow() {
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void GlfwWindow::makeCurrent() { glfwMakeContextCurrent(window_); }

std::string GlfwWindow::description() const { return "GLFW window: " + currentGlDescription(); }

bool GlfwWindow::shouldClose() const { return glfwWindowShouldClose(window_); }

WindowGeometry GlfwWindow::geometry() const {
  WindowGeometry g;
  g.maximized = glfwGetWindowAttrib(window_, GLFW_MAXIMIZED) == GLFW_TRUE;
  glfwGetWindowPos(window_, &g.x, &g.y);
  glfwGetWindowSize(window_, &g.width, &g.height);
  return g;
}

float GlfwWindow::contentScale() const {
  float x = 1.0f, y = 1.0f;
  glfwGetWindowContentScale(window_, &x, &y);
  return x > 0.0f ? x : 1.0f;
}

}  // namespace mesomap::render
