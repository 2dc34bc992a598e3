#pragma once
// A current OpenGL 3.3 core context, whatever made it: an EGL surfaceless context for
// headless rendering (CLI, tests, CI), a hidden GLFW window for headless rendering where there
// is no EGL (Windows, macOS, MESOMAP_FORCE_PORTABLE), or a GLFW window for the app. The renderer
// only needs this interface, so all draw the same pixels.
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

// Throws Error(Render) with the reason when no headless context can be made: EGL where the
// build has it (MESOMAP_HAS_EGL), else, or when EGL fails, a hidden GLFW window.
std::unique_ptr<GlContext> createHeadlessContext();

// The two ways, for createHeadlessContext and tests that want one in particular.
std::unique_ptr<GlContext> createEglContext();  // only where MESOMAP_HAS_EGL
std::unique_ptr<GlContext> createHiddenWindowContext();

// Loads GL entry points for the current context and checks it is at least 3.3 core.
// `getProcAddress` is the platform's loader (eglGetProcAddress, glfwGetProcAddress).
void loadGlFunctions(void* (*getProcAddress)(const char*), const std::string& contextName);

// Renderer and version strings of the current context.
std::string currentGlDescription();

}  // namespace mesomap::render
