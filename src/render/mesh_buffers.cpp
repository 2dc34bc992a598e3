#include "render/mesh_buffers.h"

#include <glad/gl.h>

namespace mesomap::render {

MeshBuffers::MeshBuffers() {
  glGenVertexArrays(1, &vertexArray_);
  glGenBuffers(1, &vertexBuffer_);
  glGenBuffers(1, &indexBuffer_);
  glGenBuffers(1, &valueBuffer_);
}

MeshBuffers::~MeshBuffers() {
  glDeleteBuffers(1, &valueBuffer_);
  glDeleteBuffers(1, &indexBuffer_);
  glDeleteBuffers(1, &vertexBuffer_);
  glDeleteVertexArrays(1, &vertexArray_);
}

void MeshBuffers::upload(const Mesh& mesh) {
  std::vector<glm::vec3> interleaved;
  interleaved.reserve(mesh.positions.size() * 2);
  for (size_t i = 0; i < mesh.positions.size(); ++i) {
    interleaved.push_back(mesh.positions[i]);
    interleaved.push_back(mesh.normals[i]);
  }
  glBindVertexArray(vertexArray_);
  glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer_);
  glBufferData(GL_ARRAY_BUFFER, interleaved.size() * sizeof(glm::vec3), interleaved.data(), GL_STATIC_DRAW);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, indexBuffer_);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, mesh.triangles.size() * sizeof(glm::uvec3), mesh.triangles.data(),
               GL_STATIC_DRAW);
  const GLsizei stride = 2 * sizeof(glm::vec3);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(sizeof(glm::vec3)));
  glBindVertexArray(0);
  parts_ = mesh.parts;
  triangleCount_ = mesh.triangles.size();
}

void MeshBuffers::setVertexValues(const std::vector<glm::vec2>& values) {
  glBindVertexArray(vertexArray_);
  if (values.empty()) {
    glDisableVertexAttribArray(2);
  } else {
    glBindBuffer(GL_ARRAY_BUFFER, valueBuffer_);
    glBufferData(GL_ARRAY_BUFFER, values.size() * sizeof(glm::vec2), values.data(), GL_STATIC_DRAW);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, sizeof(glm::vec2), nullptr);
  }
  glBindVertexArray(0);
}

void MeshBuffers::drawPart(size_t part) const {
  const MeshPart& p = parts_[part];
  glBindVertexArray(vertexArray_);
  glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(p.triangleCount * 3), GL_UNSIGNED_INT,
                 reinterpret_cast<void*>(static_cast<size_t>(p.firstTriangle) * sizeof(glm::uvec3)));
  glBindVertexArray(0);
}

void MeshBuffers::drawAll() const {
  glBindVertexArray(vertexArray_);
  glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(triangleCount_ * 3), GL_UNSIGNED_INT, nullptr);
  glBindVertexArray(0);
}

}  // namespace mesomap::render
