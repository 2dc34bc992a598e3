#include "render/scene_renderer.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <glm/gtc/matrix_transform.hpp>

#include <glad/gl.h>

#include "render/framebuffer.h"
#include "render/glyph_meshes.h"
#include "render/mesh_buffers.h"
#include "render/shader_program.h"
#include "render/text_renderer.h"

namespace mesomap::render {

namespace {
glm::vec3 srgbToLinear(const glm::vec3& c) { return glm::pow(c, glm::vec3(2.2f)); }
}  // namespace

SceneRenderer::SceneRenderer()
    : background_(std::make_unique<ShaderProgram>("background.vert", "background.frag")),
      ground_(std::make_unique<ShaderProgram>("ground.vert", "ground.frag")),
      body_(std::make_unique<ShaderProgram>("body.vert", "body.frag")),
      mesh_(std::make_unique<MeshBuffers>()),
      sphere_(std::make_unique<MeshBuffers>()),
      cylinder_(std::make_unique<MeshBuffers>()),
      target_(std::make_unique<Framebuffer>()) {
  glGenVertexArrays(1, &emptyVertexArray_);
  sphere_->upload(makeUnitSphere(3));
  cylinder_->upload(makeUnitCylinder(24));
}

SceneRenderer::~SceneRenderer() { glDeleteVertexArrays(1, &emptyVertexArray_); }

void SceneRenderer::setMesh(const Mesh& mesh) {
  mesh_->upload(mesh);
  parts_ = mesh.parts;
  bounds_ = mesh.bounds();
  ++version_;
}

void SceneRenderer::draw(const OrbitCamera& camera, int width, int height) {
  const float aspect = static_cast<float>(width) / static_cast<float>(std::max(height, 1));
  const glm::mat4 view = camera.view();
  const glm::mat4 projection = camera.projection(aspect);

  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_CULL_FACE);
  glBindVertexArray(emptyVertexArray_);
  if (style_.background == Background::Transparent) {
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_COLOR_BUFFER_BIT);
  } else {
    background_->use();
    background_->set("u_topColor", srgbToLinear(style_.backgroundTopSrgb));
    background_->set("u_bottomColor", srgbToLinear(style_.backgroundBottomSrgb));
    glDrawArrays(GL_TRIANGLES, 0, 3);
  }

  glClear(GL_DEPTH_BUFFER_BIT);
  if (!bounds_.empty() && style_.contactShadow > 0.0f) {
    glEnable(GL_BLEND);
    // Alpha accumulates too, so on a transparent backdrop the shadow stays a soft shadow.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
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
  body_->set("u_model", glm::mat4(1.0f));
  body_->set("u_normalMatrix", glm::mat3(1.0f));
  for (size_t i = 0; i < parts_.size(); ++i) {
    const MeshPart& part = parts_[i];
    // Files' material colours are rarely meant for display; skin gets a studio skin tone.
    if (part.isSkin) setMaterial(style_.skinColorSrgb, 0.6f, 0.35f, glm::vec3(0.9f, 0.25f, 0.15f));
    else setMaterial(glm::clamp(part.baseColor, 0.05f, 0.95f), 1.0f, 0.1f, glm::vec3(0.0f));
    mesh_->drawPart(i);
  }
  drawOverlay();
  glDisable(GL_DEPTH_TEST);
  drawAnnotations(camera, projection * view, width, height);
}

void SceneRenderer::drawAnnotations(const OrbitCamera& camera, const glm::mat4& viewProjection, int width,
                                    int height) {
  const bool anyLabel = style_.labels && std::any_of(overlay_.markers.begin(), overlay_.markers.end(),
                                                     [](const MarkerGlyph& m) { return !m.label.empty(); });
  if (!anyLabel && !style_.scaleBar) return;
  // Text scales with the picture, so a 4K render reads like a 1080p one.
  const float pixelHeight = std::clamp(static_cast<float>(std::min(width, height)) / 45.0f, 11.0f, 48.0f);
  if (!text_ || pixelHeight != textPixelHeight_) {
    text_ = std::make_unique<TextRenderer>(pixelHeight);
    textPixelHeight_ = pixelHeight;
  }
  if (anyLabel) placeLabels(viewProjection, width, height);
  if (style_.scaleBar) placeScaleBar(camera, width, height);
  text_->flush(width, height);
}

void SceneRenderer::placeScaleBar(const OrbitCamera& camera, int width, int height) {
  // Pixels per metre at the target's depth; the bar is true to scale there.
  const float visibleHeight = 2.0f * camera.distance * std::tan(glm::radians(camera.fovYDegrees) * 0.5f);
  const float pixelsPerMetre = static_cast<float>(height) / visibleHeight;
  // The largest 1-2-5 length that fits in a fifth of the width.
  float length = 0.001f;
  for (float decade = 0.001f; decade <= 10.0f; decade *= 10.0f) {
    for (float step : {1.0f, 2.0f, 5.0f}) {
      if (step * decade * pixelsPerMetre <= 0.2f * static_cast<float>(width)) length = step * decade;
    }
  }
  const float barPixels = length * pixelsPerMetre;
  const float margin = textPixelHeight_ * 1.2f, thickness = std::max(2.0f, textPixelHeight_ / 6.0f);
  const glm::vec2 left(margin, static_cast<float>(height) - margin);
  const glm::vec4 ink(0.12f, 0.14f, 0.16f, 0.9f);
  char label[32];
  if (length >= 1.0f) std::snprintf(label, sizeof label, "%g m", length);
  else if (length >= 0.01f) std::snprintf(label, sizeof label, "%g cm", length * 100.0f);
  else std::snprintf(label, sizeof label, "%g mm", length * 1000.0f);
  const glm::vec2 textSize = text_->measure(label);
  text_->rectangle(left - glm::vec2(textPixelHeight_ * 0.4f, textSize.y + textPixelHeight_ * 0.6f),
                   glm::vec2(std::max(barPixels, textSize.x) + textPixelHeight_ * 0.8f, textSize.y + textPixelHeight_ * 1.0f),
                   glm::vec4(1.0f, 1.0f, 1.0f, 0.7f));
  text_->rectangle(left - glm::vec2(0.0f, thickness), glm::vec2(barPixels, thickness), ink);
  for (float x : {0.0f, barPixels - thickness})
    text_->rectangle(left + glm::vec2(x, -thickness * 4.0f), glm::vec2(thickness, thickness * 4.0f), ink);
  text_->text(label, left + glm::vec2(0.5f * (barPixels - textSize.x), -textSize.y - thickness * 3.0f), ink);
}

void SceneRenderer::placeLabels(const glm::mat4& viewProjection, int width, int height) {
  struct Anchor {
    glm::vec2 screen;
    const MarkerGlyph* marker;
  };
  std::vector<Anchor> anchors;
  for (const MarkerGlyph& m : overlay_.markers) {
    if (m.label.empty()) continue;
    glm::vec4 clip = viewProjection * glm::vec4(m.position, 1.0f);
    if (clip.w <= 0.0f) continue;
    glm::vec2 ndc = glm::vec2(clip) / clip.w;
    if (std::abs(ndc.x) > 1.0f || std::abs(ndc.y) > 1.0f) continue;
    anchors.push_back({glm::vec2((ndc.x * 0.5f + 0.5f) * width, (0.5f - ndc.y * 0.5f) * height), &m});
  }
  if (anchors.empty()) return;
  const float pixelHeight = textPixelHeight_;
  // Top to bottom, left to right: a stable order makes the layout reproducible.
  std::sort(anchors.begin(), anchors.end(), [](const Anchor& a, const Anchor& b) {
    return a.screen.y != b.screen.y ? a.screen.y < b.screen.y : a.screen.x < b.screen.x;
  });
  struct Box {
    glm::vec2 min, max;
    bool overlaps(const Box& o) const {
      return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
    }
  };
  std::vector<Box> placed;
  const float pad = pixelHeight * 0.3f, gap = pixelHeight * 0.6f;
  for (const Anchor& anchor : anchors) placed.push_back({anchor.screen - glm::vec2(3.0f), anchor.screen + glm::vec2(3.0f)});
  const glm::vec2 directions[] = {{1, -1}, {1, 1}, {-1, -1}, {-1, 1}, {1, 0}, {-1, 0}, {0, -1}, {0, 1}};
  for (const Anchor& anchor : anchors) {
    const glm::vec2 size = text_->measure(anchor.marker->label) + glm::vec2(2.0f * pad, 0.0f);
    std::optional<Box> chosen;
    // Nearest free spot first: eight directions at growing distances.
    for (int ring = 1; ring <= 6 && !chosen; ++ring) {
      for (const glm::vec2& d : directions) {
        const glm::vec2 centre = anchor.screen + d * (gap * static_cast<float>(ring) + size * 0.5f * glm::abs(d));
        Box box{centre - size * 0.5f, centre + size * 0.5f};
        if (box.min.x < 0 || box.min.y < 0 || box.max.x > width || box.max.y > height) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const Box& b) { return b.overlaps(box); })) continue;
        chosen = box;
        break;
      }
    }
    if (!chosen) continue;  // crowded out: better no label than one over another
    placed.push_back(*chosen);
    const glm::vec4 ink(0.12f, 0.14f, 0.16f, 1.0f);
    const glm::vec2 nearest = glm::clamp(anchor.screen, chosen->min, chosen->max);
    text_->line(anchor.screen, nearest, std::max(1.0f, pixelHeight / 12.0f), glm::vec4(0.2f, 0.22f, 0.25f, 0.8f));
    text_->rectangle(chosen->min, chosen->max - chosen->min, glm::vec4(1.0f, 1.0f, 1.0f, 0.85f));
    text_->text(anchor.marker->label, chosen->min + glm::vec2(pad, 0.0f), ink);
  }
}

void SceneRenderer::setMaterial(const glm::vec3& colorSrgb, float specular, float wrap, const glm::vec3& subsurface) {
  body_->set("u_baseColor", srgbToLinear(colorSrgb));
  body_->set("u_specular", specular);
  body_->set("u_wrap", wrap);
  body_->set("u_subsurfaceTint", subsurface);
}

void SceneRenderer::drawOverlay() {
  // The body program is bound; glyphs share its lights, placed by u_model.
  auto place = [&](const glm::mat4& model) {
    body_->set("u_model", model);
    body_->set("u_normalMatrix", glm::transpose(glm::inverse(glm::mat3(model))));
  };
  for (const MarkerGlyph& marker : overlay_.markers) {
    place(glm::scale(glm::translate(glm::mat4(1.0f), marker.position), glm::vec3(marker.radius)));
    setMaterial(marker.colorSrgb, 1.0f, 0.2f, glm::vec3(0.0f));
    sphere_->drawPart(0);
  }
  for (const NeedleGlyph& needle : overlay_.needles) {
    // A frame whose +Z runs along the needle from its outer end to the tip.
    glm::vec3 axis = glm::normalize(needle.direction);
    glm::vec3 helper = std::abs(axis.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
    glm::vec3 x = glm::normalize(glm::cross(helper, axis));
    glm::vec3 y = glm::cross(axis, x);
    glm::vec3 outer = needle.entry - axis * needle.exposedLength;
    auto segment = [&](const glm::vec3& from, float length, float radius) {
      glm::mat4 m(glm::vec4(x * radius, 0.0f), glm::vec4(y * radius, 0.0f), glm::vec4(axis * length, 0.0f),
                  glm::vec4(from, 1.0f));
      place(m);
      cylinder_->drawPart(0);
    };
    setMaterial(glm::vec3(0.80f, 0.82f, 0.85f), 2.0f, 0.0f, glm::vec3(0.0f));  // steel shaft
    segment(outer, needle.exposedLength + needle.insertedLength, needle.radius);
    const float hubLength = 0.006f, hubRadius = 0.0012f;
    setMaterial(needle.colorSrgb, 1.0f, 0.2f, glm::vec3(0.0f));  // hub in the gauge's colour
    segment(outer - axis * hubLength, hubLength, hubRadius);
  }
  for (const LinkGlyph& link : overlay_.links) {
    const glm::vec3 span = link.to - link.from;
    const float length = glm::length(span);
    if (length < 1e-6f) continue;
    const glm::vec3 axis = span / length;
    const glm::vec3 helper = std::abs(axis.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
    const glm::vec3 x = glm::normalize(glm::cross(helper, axis)), y = glm::cross(axis, x);
    place(glm::mat4(glm::vec4(x * link.radius, 0.0f), glm::vec4(y * link.radius, 0.0f), glm::vec4(span, 0.0f),
                    glm::vec4(link.from, 1.0f)));
    setMaterial(link.colorSrgb, 0.5f, 0.4f, glm::vec3(0.0f));
    cylinder_->drawPart(0);
  }
}

Framebuffer& SceneRenderer::renderOffscreen(const OrbitCamera& camera, int width, int height, int samples) {
  target_->resize(width, height, samples);
  target_->bindForDrawing();
  draw(camera, width, height);
  target_->resolve();
  return *target_;
}

Image SceneRenderer::renderImage(const OrbitCamera& camera, int width, int height, int samples) {
  Image image = renderOffscreen(camera, width, height, samples).readPixels();
  if (style_.background == Background::Transparent) {
    // Multisample resolve averages colour with the clear colour (0,0,0,0): colours come out
    // premultiplied by coverage. PNG stores straight alpha, so divide it back out.
    for (size_t i = 0; i < image.rgba.size(); i += 4) {
      const unsigned alpha = image.rgba[i + 3];
      if (alpha == 0 || alpha == 255) continue;
      for (int c = 0; c < 3; ++c)
        image.rgba[i + c] = static_cast<uint8_t>(std::min(255u, (image.rgba[i + c] * 255u + alpha / 2) / alpha));
    }
  }
  return image;
}

}  // namespace mesomap::render
