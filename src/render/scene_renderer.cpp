#include "render/scene_renderer.h"

#include <cmath>

#include <glad/gl.h>

#include "render/framebuffer.h"
#include "render/mesh_buffers.h"
#include "render/shader_program.h"

namespace mesomap::render {

namespace {
glm::vec3 srgbToLinear(const glm::vec3& c) { return glm::pow(c, glm::vec3(2.2f)); }
}  // namespace

SceneRenderer::SceneRenderer()
    : background_(std::make_unique<ShaderProgram>("background.vert", "background.frag")),
      ground_(std::make_unique<ShaderProgram>("ground.vert", "ground.frag")),
      body_(std::make_unique<ShaderProgram>("body.vert", "body.frag")),
      mesh_(std::make_unique<MeshBuffers>()),
      target_(std::make_unique<Framebuffer>()) {
  glGenVertexArrays(1, &emptyVertexArray_);
}

SceneRenderer::~SceneRenderer() { glDeleteVertexArrays(1, &emptyVertexArray_); }

void SceneRenderer::setMesh(const Mesh& mesh) {
  mesh_->upload(mesh);
  parts_ = mesh.parts;
  bounds_ = mesh.bounds();
}

void SceneRenderer::draw(const OrbitCamera& camera, int width, int height) {
  const float aspect = static_cast<float>(width) / static_cast<float>(std::max(height, 1));
  const glm::mat4 view = camera.view();
  const glm::mat4 projection = camera.projection(aspect);

  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_CULL_FACE);
  glBindVertexArray(emptyVertexArray_);
  background_->use();
  background_->set("u_topColor", srgbToLinear(style_.backgroundTopSrgb));
  background_->set("u_bottomColor", srgbToLinear(style_.backgroundBottomSrgb));
  glDrawArrays(GL_TRIANGLES, 0, 3);

  glClear(GL_DEPTH_BUFFER_BIT);
  if (!bounds_.empty() && style_.contactShadow > 0.0f) {
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    ground_->use();
    ground_->set("u_viewProjection", projection * view);
    glm::vec3 centre = bounds_.center();
    centre.y = bounds_.min.y;
    ground_->set("u_centre", centre);
    ground_->set("u_radius", 0.55f * std::max(bounds_.size().x, bounds_.size().z));
    ground_->set("u_strength", style_.contactShadow);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glDisable(GL_BLEND);
  }
  glBindVertexArray(0);

  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  body_->use();
  body_->set("u_view", view);
  body_->set("u_projection", projection);
  for (size_t i = 0; i < parts_.size(); ++i) {
    const MeshPart& part = parts_[i];
    // Files' material colours are rarely meant for display; skin gets a studio skin tone.
    bool skin = part.isSkin;
    body_->set("u_baseColor", srgbToLinear(skin ? style_.skinColorSrgb : glm::clamp(part.baseColor, 0.05f, 0.95f)));
    body_->set("u_specular", skin ? 0.6f : 1.0f);
    body_->set("u_wrap", skin ? 0.35f : 0.1f);
    body_->set("u_subsurfaceTint", skin ? glm::vec3(0.9f, 0.25f, 0.15f) : glm::vec3(0.0f));
    mesh_->drawPart(i);
  }
  glDisable(GL_DEPTH_TEST);
}

Framebuffer& SceneRenderer::renderOffscreen(const OrbitCamera& camera, int width, int height, int samples) {
  target_->resize(width, height, samples);
  target_->bindForDrawing();
  draw(camera, width, height);
  target_->resolve();
  return *target_;
}

Image SceneRenderer::renderImage(const OrbitCamera& camera, int width, int height, int samples) {
  return renderOffscreen(camera, width, height, samples).readPixels();
}

}  // namespace mesomap::render
