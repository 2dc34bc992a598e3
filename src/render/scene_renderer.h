#pragma once
// Draws the body scene (backdrop, contact shadow, body) for a camera into the bound
// framebuffer. The app and `mesomap render` both call this: one renderer, two front ends.
#include <functional>
#include <future>
#include <memory>
#include <optional>

#include "core/geometry/camera.h"
#include "core/base/image.h"
#include "core/geometry/closed_parts.h"
#include "core/geometry/mesh.h"
#include "core/view/overlay.h"
#include "core/protocol/zone_region.h"

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
  bool zones = true;      // zone regions painted on the skin (setZones)
  bool legend = false;    // a box naming what is drawn (the overlay's legend rows)
  // Zone tints, told apart without colour too: targets plain teal, no-go skin hatched vermillion.
  glm::vec3 targetZoneSrgb{0.0f, 0.60f, 0.53f};
  glm::vec3 noGoZoneSrgb{0.84f, 0.22f, 0.08f};
};

// How a frame is anti-aliased. Still: the full MSAA asked for, what pictures, screenshots and
// tests get. Moving: one sample per pixel and no smoothing, for the frames drawn while the camera
// moves (a fraction of the cost under software GL, where even an FXAA-style pass over the
// picture costs more than the MSAA it would replace); the app draws a still frame once it stops.
enum class FrameQuality { Still, Moving };

// Where the 2D annotations sit, in pixels (top-left origin), for callers that lay out more.
struct AnnotationBox {
  glm::vec2 min{0.0f}, max{0.0f};
  bool overlaps(const AnnotationBox& o) const {
    return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
  }
};

class SceneRenderer {
 public:
  // Needs a current GL context; compiles the shaders.
  SceneRenderer();
  ~SceneRenderer();

  // Uploads the mesh; call again when it changes. The renderer keeps its own GPU copy, and a CPU
  // one (zones are cut from it): a copy of `mesh` here, the caller's own with a shared one.
  void setMesh(const Mesh& mesh);
  // The same without a copy. `closedParts`: closedOutwardParts(*mesh), being computed by the
  // caller (the app starts it while the body is read); otherwise it is found here.
  void setMesh(std::shared_ptr<const Mesh> mesh, std::future<ClosedParts> closedParts = {});
  // Software GL (llvmpipe) builds a program's machine code for the state of its first draw, not
  // at link time: 100-250 ms for the body's. This draws a small closed body once at moving
  // quality (what a new body's first frame uses) into a tiny target, so a caller can pay that
  // while a model loads. Only before the first setMesh; leaves no mesh behind.
  void warmUp();
  // Markers and needles drawn with the body; replaces the previous overlay.
  void setOverlay(const Overlay& overlay) {
    overlay_ = overlay;
    ++version_;
  }
  // Zone regions painted on the skin of the current mesh (computed for it); empty clears them.
  void setZones(const std::vector<ZoneRegion>& regions);
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
  // Renders into the offscreen target and leaves it there, resolved (for the window). Moving
  // quality ignores `samples`.
  Framebuffer& renderOffscreen(const OrbitCamera& camera, int width, int height, int samples = 4,
                               FrameQuality quality = FrameQuality::Still);
  // The last image renderOffscreen made (to show it again without redrawing).
  const Framebuffer& offscreenTarget() const { return *shown_; }
  // How many parts the last frame drew without their back faces (closed parts seen from outside).
  size_t partsCulledLastFrame() const { return partsCulledLastFrame_; }

 private:
  SceneStyle style_;
  uint64_t version_ = 1;
  std::unique_ptr<ShaderProgram> background_, ground_;
  // Variants of the skin shader (body.vert/body.frag), each doing only what its draws need: the
  // body, the zone patch, glyphs placed by a model matrix, and glyphs seen through the skin.
  std::unique_ptr<ShaderProgram> body_, bodyZones_, glyph_, ghost_;
  ShaderProgram* skin_ = nullptr;  // whichever of them is bound; setMaterial sets its uniforms
  glm::mat4 frameView_{1.0f}, frameProjection_{1.0f};
  bool topRowFirst_ = false;  // the frame being drawn stores its rows top first (moving frames)
  // Binds one variant with this frame's camera; opaque.
  void useSkinProgram(ShaderProgram& program);
  void drawZonePatch(int width, int height);
  void drawBackdrop();
  void drawContactShadow(const glm::mat4& viewProjection);
  void takeClosedParts(bool wait);
  // The body, its zones, the overlay and the annotations, over whatever backdrop is there.
  void drawBody(const OrbitCamera& camera, const glm::mat4& view, const glm::mat4& projection, int width, int height);
  // What the backdrop cache was drawn for.
  struct BackdropKey {
    int width = 0, height = 0, samples = 0;
    Background background = Background::Gradient;
    glm::vec3 top{0.0f}, bottom{0.0f};
    bool operator==(const BackdropKey&) const = default;
  };
  // One per quality, so alternating between them reallocates nothing.
  struct Target {
    std::unique_ptr<Framebuffer> frame, backdrop;  // backdrop: colour only, same size and samples
    std::optional<BackdropKey> cached;
  };
  void fillBackdropCache(Target& target);
  // The frame into `target` (resolved); `moving` skips the wait for a big body's closed parts.
  void renderInto(Target& target, const OrbitCamera& camera, int width, int height, int samples, bool moving);
  void drawOverlay();
  void drawNeedlesUnderSkin(const std::function<void(const glm::mat4&)>& place);
  void drawAnnotations(const OrbitCamera& camera, const glm::mat4& viewProjection, int width, int height);
  struct LegendLayout {
    AnnotationBox box;
    std::string title;
    std::vector<std::string> labels;  // fitted to the picture's width
    float padding = 0, rowHeight = 0, symbolWidth = 0, symbolGap = 0, contentWidth = 0, titleHeight = 0;
  };
  LegendLayout layOutLegend(int width) const;
  void drawLegend(const LegendLayout& layout);
  // Returns the box it covers, so labels keep clear of it.
  AnnotationBox placeScaleBar(const OrbitCamera& camera, int width, int height);
  void placeLabels(const glm::mat4& viewProjection, int width, int height, std::vector<AnnotationBox> obstacles);
  void drawLegendSymbol(const LegendEntry& entry, glm::vec2 topLeft, glm::vec2 size);
  void setMaterial(const glm::vec3& colorSrgb, float specular, float wrap, const glm::vec3& subsurface);

  std::unique_ptr<MeshBuffers> mesh_;
  std::unique_ptr<MeshBuffers> zonePatch_;  // the skin under the zones, finely cut (zone_paint.h)
  std::shared_ptr<const Mesh> zoneSourceMesh_ = std::make_shared<const Mesh>();  // what the patch is cut from
  std::unique_ptr<MeshBuffers> sphere_, cylinder_;
  Overlay overlay_;
  Target still_, moving_;
  const Framebuffer* shown_ = nullptr;
  size_t partsCulledLastFrame_ = 0;
  std::unique_ptr<TextRenderer> text_, titleText_;  // made on first use, sized for the image
  float textPixelHeight_ = 0.0f;
  std::vector<MeshPart> parts_;
  // Per part: its bounds when it is closed and wound outward (back faces hidden from outside).
  ClosedParts closedParts_;
  std::future<ClosedParts> closedPartsPending_;  // being found for a new mesh
  Bounds bounds_;
  bool hasZones_ = false;
  unsigned emptyVertexArray_ = 0;  // core profile needs a bound VAO even for buffer-less draws
};

}  // namespace mesomap::render
