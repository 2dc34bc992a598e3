#pragma once
// The least a renderer of a mesh must do for one frame: clear, one plain shader, one draw call,
// resolve, read the picture back. The peer that the frame bench (mesomap-bench frame) and the
// window's scripted orbit (mesomap --orbit) measure the scene renderer against.
#include "core/base/image.h"
#include "core/geometry/camera.h"
#include "core/geometry/mesh.h"
#include "render/framebuffer.h"
#include "render/mesh_buffers.h"
#include "render/shader_program.h"

namespace mesomap::render {

class BareDraw {
 public:
  // Needs a current GL context; uploads the mesh.
  explicit BareDraw(const Mesh& mesh);
  // One frame into its own target at `samples` (0: single-sampled), read back. With
  // `skinShader` it draws with the app's skin shader instead (still one call), which isolates
  // that shader's cost.
  void draw(const OrbitCamera& camera, int width, int height, int samples, bool skinShader = false);

 private:
  void useSkin(const glm::mat4& view, const glm::mat4& projection);
  ShaderProgram plain_, skin_;
  MeshBuffers mesh_;
  Framebuffer target_;
  Image pixels_;
};

}  // namespace mesomap::render
