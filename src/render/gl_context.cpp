#include "render/gl_context.h"

#include <glad/gl.h>

#include "core/base/error.h"

namespace mesomap::render {

void loadGlFunctions(void* (*getProcAddress)(const char*), const std::string& contextName) {
  int version = gladLoadGL(reinterpret_cast<GLADloadfunc>(getProcAddress));
  if (version == 0) throw Error(ErrorKind::Render, contextName + ": cannot load OpenGL functions");
  if (GLAD_VERSION_MAJOR(version) * 10 + GLAD_VERSION_MINOR(version) < 33) {
    throw Error(ErrorKind::Render, contextName + ": OpenGL 3.3 core is needed, the driver offers " +
                                       std::to_string(GLAD_VERSION_MAJOR(version)) + "." +
                                       std::to_string(GLAD_VERSION_MINOR(version)));
  }
}

std::string currentGlDescription() {
  auto text = [](GLenum name) {
    const GLubyte* s = glGetString(name);
    return s ? std::string(reinterpret_cast<const char*>(s)) : std::string("?");
  };
  return text(GL_RENDERER) + ", OpenGL " + text(GL_VERSION);
}

}  // namespace mesomap::render
