#pragma once
// Draws the body scene (backdrop, contact shadow, body) for a camera into the bound
// framebuffer. The app and `mesomap render` both call this: one renderer, two front ends.
#include <memory>

#include "core/camera.h"
#include "core/image.h"
#include "core/mesh.h"
#include "core/overlay.h"

namespace mesomap::render {

class ShaderProgram;
class MeshBuffers;
class Framebuffer;
class TextRenderer;

enum class Background { Gradient, Transparent };

struct SceneStyle {
  glm::vec3 skinColorSrgb{0.86f, 0.64f, 0.52f};
  // Gradient from top to bottom colour (equal colours give a solid backdrop), or transparent
  // (PNG with alpha, for slides and brochures).
  Background background = Background::Gradient;
  glm::vec3 backgroundTopSrgb{0.92f, 0.93f, 0.95f};
  glm::vec3 backgroundBottomSrgb{0.66f, 0.69f, 0.74f};
  float contactShadow = 0.45f;
  bool labels = true;     // marker labels (landmark names, point ids)
  bool scaleBar = false;  // a bar of round length at the depth of the camera's target
};

class SceneRenderer {
 public:
  // Needs a current GL context; compiles the shaders.
  SceneRenderer();
  ~SceneRenderer();

  // Uploads the mesh; call again when it changes. The renderer keeps its own GPU copy.
  void setMesh(const Mesh& mesh);
  // Markers and needles drawn with the body; replaces the previous overlay.
  void setOverlay(const Overlay& overlay) {
    overlay_ = overlay;
    ++version_;
  }
  void setStyle(const SceneStyle& style) {
    style_ = style;
    ++version_;
  }
  const SceneStyle& style() const { return style_; }
  // Changes whenever what draw() shows changes for a given camera; lets callers skip redraws.
  uint64_t version() const { return version_; }

  // Draws into the currently bound framebuffer, viewport already set to width x height.
  void draw(const OrbitCamera& camera, int width, int height);

  // Renders into the offscreen target and reads it back (headless screenshots, tests).
  Image renderImage(const OrbitCamera& camera, int width, int height, int samples = 4);
  // Renders into the offscreen target and leaves it there, resolved (for the window).
  Framebuffer& renderOffscreen(const OrbitCamera& camera, int width, int height, int samples = 4);
  // The last image renderOffscreen made (to show it again without redrawing).
  const Framebuffer& offscreenTarget() const { return *target_; }

 private:
  SceneStyle style_;
  uint64_t version_ = 1;
  std::unique_ptr<ShaderProgram> background_, ground_, body_;
  void drawOverlay();
  void drawAnnotations(const OrbitCamera& camera, const glm::mat4& viewProjection, int width, int height);
  void placeLabels(const glm::mat4& viewProjection, int width, int height);
  void placeScaleBar(const OrbitCamera& camera, int width, int height);
  void setMaterial(const glm::vec3& colorSrgb, float specular, float wrap, const glm::vec3& subsurface);

  std::unique_ptr<MeshBuffers> mesh_;
  std::unique_ptr<MeshBuffers> sphere_, cylinder_;
  Overlay overlay_;
  std::unique_ptr<Framebuffer> target_;
  std::unique_ptr<TextRenderer> text_;  // made on first use, sized for the image
  float textPixelHeight_ = 0.0f;
  std::vector<MeshPart> parts_;
  Bounds bounds_;
  unsigned emptyVertexArray_ = 0;  // core profile needs a bound VAO even for buffer-less draws
};

}  // namespace mesomap::render
