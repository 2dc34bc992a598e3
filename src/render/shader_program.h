#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

namespace mesomap::render {

// A linked program built from two files of shaders/. Uniform locations are cached by name.
// `defines` (names, each becoming "#define NAME" after the #version line of both stages) build
// one variant of a shader that leaves out what a draw does not use.
class ShaderProgram {
 public:
  ShaderProgram(const std::string& vertexFile, const std::string& fragmentFile,
                const std::vector<std::string>& defines = {});
  ~ShaderProgram();
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  void use() const;
  void set(const char* name, float value);
  void set(const char* name, int value);
  void set(const char* name, const glm::vec2& value);
  void set(const char* name, const glm::vec3& value);
  void set(const char* name, const glm::vec4& value);
  void set(const char* name, const glm::mat4& value);
  void set(const char* name, const glm::mat3& value);

 private:
  int location(const char* name);
  unsigned program_ = 0;
  std::unordered_map<std::string, int> locations_;
};

}  // namespace mesomap::render
