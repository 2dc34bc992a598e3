// Headless OpenGL through EGL: Mesa's surfaceless platform first (CI, no display, no GPU),
// then an EGL device (a GPU machine without X). No window system is touched.
#include <glad/egl.h>

#include <cstdio>
#include <vector>

#include "core/base/error.h"
#include "render/gl_context.h"

namespace mesomap::render {

namespace {

class EglHeadlessContext : public GlContext {
 public:
  EglHeadlessContext(EGLDisplay display, EGLContext context, std::string platform)
      : display_(display), context_(context), platform_(std::move(platform)) {}
  ~EglHeadlessContext() override {
    eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(display_, context_);
    eglTerminate(display_);
  }
  void makeCurrent() override {
    if (!eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, context_))
      throw Error(ErrorKind::Render, "EGL: cannot make the headless context current");
  }
  std::string description() const override { return "EGL " + platform_ + ": " + currentGlDescription(); }

 private:
  EGLDisplay display_;
  EGLContext context_;
  std::string platform_;
};

std::string eglErrorText() {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "EGL error 0x%04x", eglGetError());
  return buffer;
}

// Tries to make a GL 3.3 core context on `display`; returns null (and a reason) on failure.
EGLContext createContext(EGLDisplay display, std::string& why) {
  EGLint major = 0, minor = 0;
  if (!eglInitialize(display, &major, &minor)) {
    why = "eglInitialize failed (" + eglErrorText() + ")";
    return EGL_NO_CONTEXT;
  }
  if (!gladLoaderLoadEGL(display) || !eglBindAPI(EGL_OPENGL_API)) {
    why = "the EGL display has no desktop OpenGL";
    eglTerminate(display);
    return EGL_NO_CONTEXT;
  }
  // No surface type: we never make a surface (Mesa surfaceless offers no pbuffer configs).
  const EGLint configAttributes[] = {EGL_SURFACE_TYPE, 0, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                     EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_NONE};
  EGLConfig config = nullptr;
  EGLint count = 0;
  if (!eglChooseConfig(display, configAttributes, &config, 1, &count) || count == 0) {
    why = "no EGL config with desktop OpenGL";
    eglTerminate(display);
    return EGL_NO_CONTEXT;
  }
  const EGLint contextAttributes[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                      EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                      EGL_NONE};
  EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, contextAttributes);
  if (context == EGL_NO_CONTEXT) {
    why = "cannot create an OpenGL 3.3 core context (" + eglErrorText() + ")";
    eglTerminate(display);
    return EGL_NO_CONTEXT;
  }
  if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
    why = "surfaceless make-current failed (" + eglErrorText() + ")";
    eglDestroyContext(display, context);
    eglTerminate(display);
    return EGL_NO_CONTEXT;
  }
  return context;
}

}  // namespace

std::unique_ptr<GlContext> createEglContext() {
  if (!gladLoaderLoadEGL(EGL_NO_DISPLAY)) {
    throw Error(ErrorKind::Render, "headless rendering: cannot load libEGL (install libegl1 and libegl-mesa0)");
  }
  std::string reasons;
  auto attempt = [&](EGLDisplay display, const std::string& platform) -> std::unique_ptr<GlContext> {
    if (display == EGL_NO_DISPLAY) {
      reasons += "\n  " + platform + ": no display";
      return nullptr;
    }
    std::string why;
    EGLContext context = createContext(display, why);
    if (context == EGL_NO_CONTEXT) {
      reasons += "\n  " + platform + ": " + why;
      return nullptr;
    }
    loadGlFunctions(reinterpret_cast<void* (*)(const char*)>(eglGetProcAddress), "EGL " + platform);
    return std::make_unique<EglHeadlessContext>(display, context, platform);
  };

  // Before a display exists glad only knows EGL 1.4 plus client extensions, so the platform
  // entry point is the EXT one.
  if (eglGetPlatformDisplayEXT) {
    if (auto c = attempt(eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr),
                         "surfaceless"))
      return c;
  } else {
    reasons += "\n  surfaceless: eglGetPlatformDisplayEXT is missing";
  }
  if (eglQueryDevicesEXT && eglGetPlatformDisplayEXT) {
    EGLDeviceEXT devices[8];
    EGLint count = 0;
    if (eglQueryDevicesEXT(8, devices, &count)) {
      for (EGLint i = 0; i < count; ++i) {
        if (auto c = attempt(eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[i], nullptr),
                             "device " + std::to_string(i)))
          return c;
      }
    }
  }
  throw Error(ErrorKind::Render, "headless rendering: no EGL platform gave an OpenGL 3.3 core context:" + reasons);
}

}  // namespace mesomap::render
