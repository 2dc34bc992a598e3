#include "render/bare_draw.h"

#include <glad/gl.h>

namespace mesomap::render {

BareDraw::BareDraw(const Mesh& mesh) : plain_("bare.vert", "bare.frag"), skin_("body.vert", "body.frag") {
  mesh_.upload(mesh);
}

void BareDraw::draw(const OrbitCamera& camera, int width, int height, int samples, bool skinShader) {
  target_.resize(width, height, samples);
  target_.bindForDrawing();
  // A window's UI may have left these on.
  glDisable(GL_BLEND);
  glDisable(GL_CULL_FACE);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0.8f, 0.8f, 0.8f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  const glm::mat4 view = camera.view(), projection = camera.projection(static_cast<float>(width) / height);
  if (skinShader) {
    useSkin(view, projection);
  } else {
    plain_.use();
    plain_.set("u_viewProjection", projection * view);
  }
  mesh_.drawAll();
  glDisable(GL_DEPTH_TEST);
  target_.resolve();  // the multisample resolve; single-sampled it drew into the resolved texture
  pixels_ = target_.readPixels();
}

void BareDraw::useSkin(const glm::mat4& view, const glm::mat4& projection) {
  skin_.use();
  skin_.set("u_view", view);
  skin_.set("u_projection", projection);
  skin_.set("u_baseColor", glm::pow(glm::vec3(0.86f, 0.64f, 0.52f), glm::vec3(2.2f)));
  skin_.set("u_specular", 0.6f);
  skin_.set("u_wrap", 0.35f);
  skin_.set("u_subsurfaceTint", glm::vec3(0.9f, 0.25f, 0.15f));
}

}  // namespace mesomap::render
