#pragma once
// The GPU mirror of a core Mesh: one vertex buffer (position + normal), one index buffer,
// draw ranges per part. Rebuilt by upload(); core code never touches GL.
#include <vector>

#include "core/geometry/mesh.h"

namespace mesomap::render {

class MeshBuffers {
 public:
  MeshBuffers();
  ~MeshBuffers();
  MeshBuffers(const MeshBuffers&) = delete;
  MeshBuffers& operator=(const MeshBuffers&) = delete;

  void upload(const Mesh& mesh);
  // Two floats per vertex at attribute location 2 (zone margins for the body); empty removes
  // them. Must match the uploaded mesh's vertex count.
  void setVertexValues(const std::vector<glm::vec2>& values);
  // Draws the triangles of one part; the caller has bound a program.
  void drawPart(size_t part) const;
  // Every triangle in one call (the benchmark's bare draw).
  void drawAll() const;
  size_t partCount() const { return parts_.size(); }

 private:
  unsigned vertexArray_ = 0, vertexBuffer_ = 0, indexBuffer_ = 0, valueBuffer_ = 0;
  std::vector<MeshPart> parts_;
  size_t triangleCount_ = 0;
};

}  // namespace mesomap::render
