// Headless rendering where there is no EGL (Windows, macOS, or MESOMAP_FORCE_PORTABLE): a hidden
// 1x1 GLFW window whose context draws into framebuffer objects like the EGL one. It needs a
// window system (a desktop session, or Xvfb on a Linux server), but never shows a window.
#include <GLFW/glfw3.h>

#include "core/base/error.h"
#include "render/gl_context.h"

namespace mesomap::render {

namespace {

std::string glfwErrorText() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "unknown GLFW error";
}

// GLFW stays initialised when a context goes: glfwTerminate would destroy every window of the
// process (other hidden contexts, the app's own window), and the process's exit frees it anyway.
class HiddenWindowContext : public GlContext {
 public:
  explicit HiddenWindowContext(GLFWwindow* window) : window_(window) {}
  ~HiddenWindowContext() override { glfwDestroyWindow(window_); }
  void makeCurrent() override { glfwMakeContextCurrent(window_); }
  std::string description() const override { return "hidden GLFW window: " + currentGlDescription(); }

 private:
  GLFWwindow* window_;
};

}  // namespace

std::unique_ptr<GlContext> createHiddenWindowContext() {
  if (!glfwInit()) {
    throw Error(ErrorKind::Render, "headless rendering through a hidden window: " + glfwErrorText() +
                                       " (no window system? on a Linux server, run under xvfb-run)");
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);  // macOS gives 3.3+ core only so
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  glfwWindowHint(GLFW_FOCUSED, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(1, 1, "mesomap headless", nullptr, nullptr);
  if (!window) {
    const std::string why = glfwErrorText();
    throw Error(ErrorKind::Render, "headless rendering through a hidden window: no OpenGL 3.3 core context: " + why);
  }
  glfwMakeContextCurrent(window);
  auto context = std::make_unique<HiddenWindowContext>(window);  // owns the window from here
  loadGlFunctions(reinterpret_cast<void* (*)(const char*)>(glfwGetProcAddress), "hidden GLFW window");
  return context;
}

std::unique_ptr<GlContext> createHeadlessContext() {
#if MESOMAP_HAS_EGL
  // EGL first: it needs no window system at all. The hidden window is the fallback for a
  // machine whose EGL gives no desktop OpenGL (but which has a display).
  std::string eglFailure;
  try {
    return createEglContext();
  } catch (const Error& e) {
    eglFailure = e.what();
  }
  try {
    return createHiddenWindowContext();
  } catch (const Error& e) {
    throw Error(ErrorKind::Render, eglFailure + "\n" + e.what());
  }
#else
  return createHiddenWindowContext();
#endif
}

}  // namespace mesomap::render
