#include "render/shader_program.h"

#include <glad/gl.h>
#include <glm/gtc/type_ptr.hpp>

#include "core/base/error.h"
#include "render/embedded_shaders.h"

namespace mesomap::render {

namespace {

const char* findSource(const std::string& file) {
  for (const auto& shader : embeddedShaders())
    if (file == shader.name) return shader.source;
  throw Error(ErrorKind::Render, "shader '" + file + "': not found in shaders/");
}

// The source with "#define NAME" lines after its first line (the #version line, which must
// come first).
std::string withDefines(const std::string& file, const std::vector<std::string>& defines) {
  std::string source = findSource(file);
  if (defines.empty()) return source;
  const size_t lineEnd = source.find('\n');
  if (source.rfind("#version", 0) != 0 || lineEnd == std::string::npos)
    throw Error(ErrorKind::Render, "shader 'shaders/" + file + "': does not start with a #version line");
  std::string lines;
  for (const std::string& name : defines) lines += "#define " + name + "\n";
  return source.insert(lineEnd + 1, lines);
}

GLuint compile(GLenum stage, const std::string& file, const std::vector<std::string>& defines) {
  const std::string text = withDefines(file, defines);
  const char* source = text.c_str();
  GLuint shader = glCreateShader(stage);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[4096];
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    glDeleteShader(shader);
    throw Error(ErrorKind::Render, "shader 'shaders/" + file + "': does not compile:\n" + log);
  }
  return shader;
}

}  // namespace

ShaderProgram::ShaderProgram(const std::string& vertexFile, const std::string& fragmentFile,
                             const std::vector<std::string>& defines) {
  GLuint vertex = compile(GL_VERTEX_SHADER, vertexFile, defines);
  GLuint fragment = compile(GL_FRAGMENT_SHADER, fragmentFile, defines);
  program_ = glCreateProgram();
  glAttachShader(program_, vertex);
  glAttachShader(program_, fragment);
  glLinkProgram(program_);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = GL_FALSE;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[4096];
    glGetProgramInfoLog(program_, sizeof log, nullptr, log);
    glDeleteProgram(program_);
    throw Error(ErrorKind::Render, "shaders '" + vertexFile + "' + '" + fragmentFile + "': do not link:\n" + log);
  }
}

ShaderProgram::~ShaderProgram() { glDeleteProgram(program_); }

void ShaderProgram::use() const { glUseProgram(program_); }

int ShaderProgram::location(const char* name) {
  auto it = locations_.find(name);
  if (it != locations_.end()) return it->second;
  int loc = glGetUniformLocation(program_, name);
  locations_.emplace(name, loc);
  return loc;
}

void ShaderProgram::set(const char* name, float value) { glUniform1f(location(name), value); }
void ShaderProgram::set(const char* name, int value) { glUniform1i(location(name), value); }
void ShaderProgram::set(const char* name, const glm::vec2& value) { glUniform2fv(location(name), 1, glm::value_ptr(value)); }
void ShaderProgram::set(const char* name, const glm::vec3& value) { glUniform3fv(location(name), 1, glm::value_ptr(value)); }
void ShaderProgram::set(const char* name, const glm::vec4& value) { glUniform4fv(location(name), 1, glm::value_ptr(value)); }
void ShaderProgram::set(const char* name, const glm::mat4& value) {
  glUniformMatrix4fv(location(name), 1, GL_FALSE, glm::value_ptr(value));
}

}  // namespace mesomap::render

namespace mesomap::render {
void ShaderProgram::set(const char* name, const glm::mat3& value) {
  glUniformMatrix3fv(location(name), 1, GL_FALSE, glm::value_ptr(value));
}
}  // namespace mesomap::render
