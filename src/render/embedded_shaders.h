#pragma once
// The GLSL sources from shaders/, compiled into the binary by CMake (see
// third_party/embed_shaders.cmake), so an installed mesomap needs no data directory.
#include <string>
#include <vector>

namespace mesomap::render {

struct EmbeddedShader {
  const char* name;  // file name, e.g. "body.frag"
  const char* source;
};

const std::vector<EmbeddedShader>& embeddedShaders();

}  // namespace mesomap::render
