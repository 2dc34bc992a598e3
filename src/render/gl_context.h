#pragma once
// A current OpenGL 3.3 core context, whatever made it: an EGL surfaceless context for
// headless rendering (CLI, tests, CI) or a GLFW window for the app. The renderer only needs
// this interface, so both draw the same pixels.
#include <memory>
#include <string>

namespace mesomap::render {

class GlContext {
 public:
  virtual ~GlContext() = default;
  virtual void makeCurrent() = 0;
  // "EGL surfaceless: Mesa llvmpipe, OpenGL 4.5 core"...
  virtual std::string description() const = 0;
};

// Throws Error(Render) with the reason when no headless context can be made.
std::unique_ptr<GlContext> createHeadlessContext();

// Loads GL entry points for the current context and checks it is at least 3.3 core.
// `getProcAddress` is the platform's loader (eglGetProcAddress, glfwGetProcAddress).
void loadGlFunctions(void* (*getProcAddress)(const char*), const std::string& contextName);

// Renderer and version strings of the current context.
std::string currentGlDescription();

}  // namespace mesomap::render
