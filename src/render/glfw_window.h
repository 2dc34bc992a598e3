#pragma once
// The app's window: a GLFW window whose GL 3.3 core context implements GlContext, so the
// app renders through the same SceneRenderer as headless mode.
#include <string>

#include "render/gl_context.h"

struct GLFWwindow;

namespace mesomap::render {

struct WindowGeometry {
  int x = -1, y = -1;  // -1: let the window manager place it
  int width = 1400, height = 900;
  bool maximized = false;
};

class GlfwWindow : public GlContext {
 public:
  // Throws Error(Render) when there is no display or no GL 3.3 core.
  GlfwWindow(const std::string& title, const WindowGeometry& geometry);
  ~GlfwWindow() override;

  void makeCurrent() override;
  std::string description() const override;

  GLFWwindow* handle() const { return window_; }
  bool shouldClose() const;
  WindowGeometry geometry() const;
  float contentScale() const;  // HiDPI: 1 on a standard screen, 2 on a retina-class one

 private:
  GLFWwindow* window_ = nullptr;
};

}  // namespace mesomap::render
