#include "render/scene_renderer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <future>
#include <numeric>
#include <optional>

#include <glm/gtc/matrix_transform.hpp>

#include <glad/gl.h>

#include "core/geometry/closed_parts.h"
#include "core/view/zone_paint.h"
#include "render/framebuffer.h"
#include "render/glyph_meshes.h"
#include "render/mesh_buffers.h"
#include "render/shader_program.h"
#include "render/text_renderer.h"

namespace mesomap::render {

namespace {
glm::vec3 srgbToLinear(const glm::vec3& c) { return glm::pow(c, glm::vec3(2.2f)); }

// Long words are cut with an ellipsis (at a whole UTF-8 character) rather than letting a
// legend cover the picture.
std::string fittedText(const TextRenderer& font, std::string text, float room) {
  if (font.measure(text).x <= room) return text;
  auto isContinuationByte = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  while (!text.empty() && font.measure(text + "...").x > room) {
    while (!text.empty() && isContinuationByte(text.back())) text.pop_back();
    if (!text.empty()) text.pop_back();  // the character's first byte
  }
  return text + "...";
}

// Whether no back face of a closed part can show: the eye is outside the part's box by more than
// the reach of the near plane's corners, so the near plane cannot cut the part open.
bool backFacesHidden(const Bounds& part, const OrbitCamera& camera, float aspect) {
  const float nearPlane = std::max(camera.distance * 0.01f, 1e-3f);  // as OrbitCamera::projection
  const float halfHeight = std::tan(glm::radians(camera.fovYDegrees) * 0.5f);
  const float nearReach = nearPlane * std::sqrt(1.0f + halfHeight * halfHeight * (1.0f + aspect * aspect));
  const glm::vec3 eye = camera.eye();
  const glm::vec3 outside = glm::max(part.min - eye, glm::max(eye - part.max, glm::vec3(0.0f)));
  return glm::length(outside) > 2.0f * nearReach;
}
}  // namespace

SceneRenderer::SceneRenderer()
    : background_(std::make_unique<ShaderProgram>("background.vert", "background.frag")),
      ground_(std::make_unique<ShaderProgram>("ground.vert", "ground.frag")),
      body_(std::make_unique<ShaderProgram>("body.vert", "body.frag")),
      bodyZones_(std::make_unique<ShaderProgram>("body.vert", "body.frag", std::vector<std::string>{"PAINT_ZONES"})),
      glyph_(std::make_unique<ShaderProgram>("body.vert", "body.frag", std::vector<std::string>{"PLACED_BY_MODEL"})),
      ghost_(std::make_unique<ShaderProgram>("body.vert", "body.frag",
                                             std::vector<std::string>{"PLACED_BY_MODEL", "PULLED_TOWARD_EYE"})),
      mesh_(std::make_unique<MeshBuffers>()),
      zonePatch_(std::make_unique<MeshBuffers>()),
      sphere_(std::make_unique<MeshBuffers>()),
      cylinder_(std::make_unique<MeshBuffers>()) {
  for (Target* target : {&still_, &moving_}) {
    target->frame = std::make_unique<Framebuffer>();
    target->backdrop = std::make_unique<Framebuffer>(Framebuffer::Depth::Without);
  }
  shown_ = still_.frame.get();
  glGenVertexArrays(1, &emptyVertexArray_);
  sphere_->upload(makeUnitSphere(3));
  cylinder_->upload(makeUnitCylinder(24));
}

SceneRenderer::~SceneRenderer() { glDeleteVertexArrays(1, &emptyVertexArray_); }

void SceneRenderer::setMesh(const Mesh& mesh) { setMesh(std::make_shared<const Mesh>(mesh)); }

void SceneRenderer::setMesh(std::shared_ptr<const Mesh> mesh, std::future<ClosedParts> closedParts) {
  // The old mesh's answer is not this mesh's: drop it. (Its task holds its own reference to its
  // mesh; releasing an async future still waits for the task to end.)
  closedPartsPending_ = {};
  mesh_->upload(*mesh);
  hasZones_ = false;  // zones belong to the old mesh
  parts_ = mesh->parts;
  bounds_ = mesh->bounds();
  closedParts_.clear();
  // Milliseconds for the default body, seconds for one of millions of triangles: those are
  // checked off the drawing thread (by the caller, or here), and moving frames cull nothing
  // until the answer is in.
  constexpr size_t kCheckInBackgroundFrom = 250000;
  if (closedParts.valid())
    closedPartsPending_ = std::move(closedParts);
  else if (mesh->triangleCount() < kCheckInBackgroundFrom)
    closedParts_ = closedOutwardParts(*mesh);
  else
    closedPartsPending_ = std::async(std::launch::async, [mesh] { return closedOutwardParts(*mesh); });
  zoneSourceMesh_ = std::move(mesh);
  ++version_;
}

void SceneRenderer::warmUp() {
  if (!parts_.empty()) return;
  Mesh body = makeUnitSphere(2);
  for (MeshPart& part : body.parts) part.isSkin = true;
  setMesh(body);  // closed: its back faces are culled, as a closed body's are
  OrbitCamera camera;
  camera.frame(bounds_, 1.0f);
  Target scratch;  // not the window's targets, which keep their size and backdrop
  scratch.frame = std::make_unique<Framebuffer>();
  scratch.backdrop = std::make_unique<Framebuffer>(Framebuffer::Depth::Without);
  constexpr int kSide = 16;
  renderInto(scratch, camera, kSide, kSide, 0, /*moving=*/true);
  glFinish();
  setMesh(std::make_shared<const Mesh>());
}

void SceneRenderer::setZones(const std::vector<ZoneRegion>& regions) {
  const ZonePaintPatch patch = zonePaintPatch(*zoneSourceMesh_, regions);
  hasZones_ = !patch.empty();
  if (hasZones_) {
    zonePatch_->upload(patch.mesh);
    zonePatch_->setVertexValues(patch.marginMm);
  }
  ++version_;
}

void SceneRenderer::draw(const OrbitCamera& camera, int width, int height) {
  const float aspect = static_cast<float>(width) / static_cast<float>(std::max(height, 1));
  const glm::mat4 view = camera.view();
  const glm::mat4 projection = camera.projection(aspect);
  drawBackdrop();
  glClear(GL_DEPTH_BUFFER_BIT);
  drawContactShadow(projection * view);
  takeClosedParts(/*wait=*/true);
  drawBody(camera, view, projection, width, height);
}

// Still frames and pictures wait for a big body's closed-part check (once), so no picture depends
// on how far a worker thread got; moving frames never wait and cull nothing until it is in.
void SceneRenderer::takeClosedParts(bool wait) {
  if (!closedPartsPending_.valid() ||
      (!wait && closedPartsPending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready))
    return;
  try {
    closedParts_ = closedPartsPending_.get();
  } catch (const std::exception&) {
    closedParts_.clear();  // a check that failed (out of memory) culls nothing: every face is drawn
  }
}

void SceneRenderer::drawBackdrop() {
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_CULL_FACE);
  if (style_.background == Background::Transparent) {
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    return;
  }
  glBindVertexArray(emptyVertexArray_);
  background_->use();
  background_->set("u_topColor", srgbToLinear(style_.backgroundTopSrgb));
  background_->set("u_bottomColor", srgbToLinear(style_.backgroundBottomSrgb));
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
}

void SceneRenderer::drawContactShadow(const glm::mat4& viewProjection) {
  if (bounds_.empty() || style_.contactShadow <= 0.0f) return;
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_BLEND);
  // Alpha accumulates too, so on a transparent backdrop the shadow stays a soft shadow.
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glBindVertexArray(emptyVertexArray_);
  ground_->use();
  ground_->set("u_viewProjection", viewProjection);
  glm::vec3 centre = bounds_.center();
  centre.y = bounds_.min.y;
  ground_->set("u_centre", centre);
  ground_->set("u_radius", 0.55f * std::max(bounds_.size().x, bounds_.size().z));
  ground_->set("u_strength", style_.contactShadow);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray(0);
  glDisable(GL_BLEND);
}

void SceneRenderer::useSkinProgram(ShaderProgram& program) {
  skin_ = &program;
  skin_->use();
  skin_->set("u_view", frameView_);
  skin_->set("u_projection", frameProjection_);
  skin_->set("u_transparency", 0.0f);
}

void SceneRenderer::drawBody(const OrbitCamera& camera, const glm::mat4& view, const glm::mat4& projection, int width,
                             int height) {
  glDisable(GL_BLEND);
  glDisable(GL_CULL_FACE);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  frameView_ = view;
  frameProjection_ = projection;
  useSkinProgram(*body_);
  partsCulledLastFrame_ = 0;
  for (size_t i = 0; i < parts_.size(); ++i) {
    const MeshPart& part = parts_[i];
    // Files' material colours are rarely meant for display; skin gets a studio skin tone.
    if (part.isSkin) setMaterial(style_.skinColorSrgb, 0.6f, 0.35f, glm::vec3(0.9f, 0.25f, 0.15f));
    else setMaterial(glm::clamp(part.baseColor, 0.05f, 0.95f), 1.0f, 0.1f, glm::vec3(0.0f));
    // Closed parts skip their back faces, which only their own front faces hide (about half the
    // skin shader's fragments). At the silhouette a back face can tie a front one in depth;
    // culled, the front face always wins there, as it should.
    const float aspect = static_cast<float>(width) / static_cast<float>(std::max(height, 1));
    if (i < closedParts_.size() && closedParts_[i] && backFacesHidden(*closedParts_[i], camera, aspect)) {
      glEnable(GL_CULL_FACE);
      ++partsCulledLastFrame_;
    }
    mesh_->drawPart(i);
    glDisable(GL_CULL_FACE);
  }
  if (hasZones_ && style_.zones) drawZonePatch(width, height);
  drawOverlay();
  glDisable(GL_DEPTH_TEST);
  drawAnnotations(camera, projection * view, width, height);
}

void SceneRenderer::drawZonePatch(int width, int height) {
  useSkinProgram(*bodyZones_);
  // Zone lines and hatching scale with the picture, like the text.
  const float pixelScale = std::clamp(static_cast<float>(std::min(width, height)) / 45.0f, 11.0f, 48.0f);
  skin_->set("u_targetZoneColor", srgbToLinear(style_.targetZoneSrgb));
  skin_->set("u_noGoZoneColor", srgbToLinear(style_.noGoZoneSrgb));
  skin_->set("u_zoneOutlineWidth", std::max(1.2f, pixelScale / 9.0f));
  skin_->set("u_hatchSpacing", std::max(6.0f, pixelScale * 0.6f));
  skin_->set("u_rowFromFragY", topRowFirst_ ? glm::vec2(-1.0f, static_cast<float>(height)) : glm::vec2(1.0f, 0.0f));
  // The patch lies on the skin's own triangles: pulled toward the eye a little, it wins the
  // depth test there and loses it to anything in front of the skin.
  setMaterial(style_.skinColorSrgb, 0.6f, 0.35f, glm::vec3(0.9f, 0.25f, 0.15f));
  glEnable(GL_POLYGON_OFFSET_FILL);
  glPolygonOffset(-1.0f, -2.0f);
  glDepthFunc(GL_LEQUAL);
  zonePatch_->drawPart(0);
  glDisable(GL_POLYGON_OFFSET_FILL);
  glDepthFunc(GL_LESS);
}

void SceneRenderer::drawAnnotations(const OrbitCamera& camera, const glm::mat4& viewProjection, int width,
                                    int height) {
  const bool anyLabel = style_.labels && std::any_of(overlay_.markers.begin(), overlay_.markers.end(),
                                                     [](const MarkerGlyph& m) { return !m.label.empty(); });
  const bool legend = style_.legend && !overlay_.legend.empty();
  if (!anyLabel && !style_.scaleBar && !legend) return;
  // Text scales with the picture, so a 4K render reads like a 1080p one.
  const float pixelHeight = std::clamp(static_cast<float>(std::min(width, height)) / 45.0f, 11.0f, 48.0f);
  if (!text_ || pixelHeight != textPixelHeight_) {
    text_ = std::make_unique<TextRenderer>(pixelHeight);
    titleText_ = std::make_unique<TextRenderer>(pixelHeight, FontWeight::SemiBold);
    textPixelHeight_ = pixelHeight;
  }
  std::vector<AnnotationBox> obstacles;
  std::optional<LegendLayout> legendLayout;
  if (legend) {
    legendLayout = layOutLegend(width);
    obstacles.push_back(legendLayout->box);
  }
  if (style_.scaleBar) obstacles.push_back(placeScaleBar(camera, width, height));
  if (anyLabel) placeLabels(viewProjection, width, height, obstacles);
  if (legendLayout) drawLegend(*legendLayout);  // last: over any leader line that crosses it
  text_->flush(width, height);
  titleText_->flush(width, height);
}

AnnotationBox SceneRenderer::placeScaleBar(const OrbitCamera& camera, int width, int height) {
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
  const glm::vec2 backdropMin = left - glm::vec2(textPixelHeight_ * 0.4f, textSize.y + textPixelHeight_ * 0.6f);
  const glm::vec2 backdropSize(std::max(barPixels, textSize.x) + textPixelHeight_ * 0.8f, textSize.y + textPixelHeight_ * 1.0f);
  text_->rectangle(backdropMin, backdropSize, glm::vec4(1.0f, 1.0f, 1.0f, 0.7f));
  text_->rectangle(left - glm::vec2(0.0f, thickness), glm::vec2(barPixels, thickness), ink);
  for (float x : {0.0f, barPixels - thickness})
    text_->rectangle(left + glm::vec2(x, -thickness * 4.0f), glm::vec2(thickness, thickness * 4.0f), ink);
  text_->text(label, left + glm::vec2(0.5f * (barPixels - textSize.x), -textSize.y - thickness * 3.0f), ink);
  return {backdropMin, backdropMin + backdropSize};
}

SceneRenderer::LegendLayout SceneRenderer::layOutLegend(int width) const {
  // A card in the top-right corner: optional title, then one row per entry (symbol, words).
  LegendLayout layout;
  const float unit = textPixelHeight_;
  const float margin = unit * 1.2f;
  layout.padding = unit * 0.8f;
  layout.rowHeight = text_->lineHeight() * 1.3f;
  layout.symbolWidth = unit * 2.2f;
  layout.symbolGap = unit * 0.6f;
  const float maxTextWidth = 0.45f * static_cast<float>(width);
  if (!overlay_.legendTitle.empty())
    layout.title = fittedText(*titleText_, overlay_.legendTitle, maxTextWidth + layout.symbolWidth + layout.symbolGap);
  float textWidth = 0.0f;
  for (const LegendEntry& e : overlay_.legend) {
    layout.labels.push_back(fittedText(*text_, e.label, maxTextWidth));
    textWidth = std::max(textWidth, text_->measure(layout.labels.back()).x);
  }
  layout.contentWidth = layout.symbolWidth + layout.symbolGap + textWidth;
  if (!layout.title.empty()) layout.contentWidth = std::max(layout.contentWidth, titleText_->measure(layout.title).x);
  layout.titleHeight = layout.title.empty() ? 0.0f : text_->lineHeight() + unit * 0.7f;
  const glm::vec2 size(layout.contentWidth + 2.0f * layout.padding,
                       layout.titleHeight + layout.rowHeight * static_cast<float>(layout.labels.size()) +
                           2.0f * layout.padding - (layout.rowHeight - text_->lineHeight()));
  const glm::vec2 topLeft(static_cast<float>(width) - margin - size.x, margin);
  layout.box = {topLeft, topLeft + size};
  return layout;
}

void SceneRenderer::drawLegend(const LegendLayout& layout) {
  const float unit = textPixelHeight_;
  const glm::vec4 ink(0.12f, 0.14f, 0.16f, 1.0f), border(0.72f, 0.74f, 0.78f, 1.0f);
  const glm::vec2 topLeft = layout.box.min, size = layout.box.max - layout.box.min;
  const float corner = unit * 0.45f;
  text_->roundedRectangle(topLeft - glm::vec2(1.0f), size + glm::vec2(2.0f), corner + 1.0f, border);
  text_->roundedRectangle(topLeft, size, corner, glm::vec4(1.0f));
  glm::vec2 pen = topLeft + glm::vec2(layout.padding);
  if (!layout.title.empty()) {
    titleText_->text(layout.title, pen, ink);
    text_->rectangle({pen.x, pen.y + text_->lineHeight() + unit * 0.3f}, {layout.contentWidth, 1.0f}, border);
    pen.y += layout.titleHeight;
  }
  for (size_t i = 0; i < layout.labels.size(); ++i) {
    drawLegendSymbol(overlay_.legend[i], pen, glm::vec2(layout.symbolWidth, text_->lineHeight()));
    text_->text(layout.labels[i], pen + glm::vec2(layout.symbolWidth + layout.symbolGap, 0.0f), ink);
    pen.y += layout.rowHeight;
  }
}

void SceneRenderer::drawLegendSymbol(const LegendEntry& entry, glm::vec2 topLeft, glm::vec2 size) {
  const glm::vec2 centre = topLeft + 0.5f * size;
  const float unit = textPixelHeight_;
  const glm::vec4 color(entry.colorSrgb, 1.0f);
  auto darker = [](const glm::vec3& c, float f) { return glm::vec4(c * f, 1.0f); };
  // Zone swatches show the tint as body.frag puts it on skin: the zone's hue at the skin's
  // brightness (unlit, so a little lighter than on the body).
  auto onSkin = [&](const glm::vec3& zone, float amount) {
    const glm::vec3 skin = srgbToLinear(style_.skinColorSrgb), tint = srgbToLinear(zone);
    const glm::vec3 weights(0.2126f, 0.7152f, 0.0722f);
    const glm::vec3 wash = tint * glm::dot(skin, weights) / std::max(glm::dot(tint, weights), 1e-3f);
    return glm::vec4(glm::pow(glm::mix(skin, wash, amount), glm::vec3(1.0f / 2.2f)), 1.0f);
  };
  switch (entry.symbol) {
    case LegendSymbol::Needle: {
      // As drawn on the body: a coloured ball at the entry, the steel shaft, the coloured hub.
      const glm::vec2 entryPoint = centre + glm::vec2(-0.55f * size.x, 0.32f * size.y) * 0.9f;
      const glm::vec2 hubEnd = centre + glm::vec2(0.5f * size.x, -0.36f * size.y) * 0.9f;
      const glm::vec2 along = glm::normalize(hubEnd - entryPoint);
      const glm::vec2 hubStart = hubEnd - along * (0.32f * size.x);
      text_->line(entryPoint, hubStart, std::max(1.5f, unit * 0.12f), glm::vec4(0.55f, 0.58f, 0.62f, 1.0f));
      text_->line(hubStart, hubEnd, std::max(3.0f, unit * 0.32f), color);
      text_->disc(entryPoint, unit * 0.26f, color);
      break;
    }
    case LegendSymbol::Marker:
      text_->disc(centre, unit * 0.34f, darker(entry.colorSrgb, 0.7f));
      text_->disc(centre, unit * 0.34f - std::max(1.0f, unit * 0.07f), color);
      break;
    case LegendSymbol::TargetZone:
    case LegendSymbol::NoGoZone: {
      const bool noGo = entry.symbol == LegendSymbol::NoGoZone;
      const glm::vec3 zone = noGo ? style_.noGoZoneSrgb : style_.targetZoneSrgb;
      const glm::vec2 swatchSize(size.x * 0.9f, size.y * 0.72f);
      const glm::vec2 swatch = centre - 0.5f * swatchSize;
      const float radius = unit * 0.22f;
      text_->roundedRectangle(swatch, swatchSize, radius, darker(zone, 0.55f));
      const float line = std::max(1.2f, unit / 9.0f);
      text_->roundedRectangle(swatch + glm::vec2(line), swatchSize - glm::vec2(2.0f * line), radius - line * 0.5f,
                              onSkin(zone, noGo ? 0.40f : 0.55f));
      if (noGo) {
        // The body's hatch direction: lines running from top-left to bottom-right.
        const float spacing = std::max(6.0f, unit * 0.6f), inset = line * 1.5f;
        const glm::vec2 lo = swatch + glm::vec2(inset), hi = swatch + swatchSize - glm::vec2(inset);
        for (float c = lo.x - hi.y; c < hi.x - lo.y; c += spacing * 1.41421356f) {
          // Points on x - y = c inside the box.
          const glm::vec2 a(std::max(lo.x, lo.y + c), std::max(lo.x, lo.y + c) - c);
          const glm::vec2 b(std::min(hi.x, hi.y + c), std::min(hi.x, hi.y + c) - c);
          if (b.x > a.x + 0.5f) text_->line(a, b, 0.32f * spacing, glm::vec4(glm::mix(style_.skinColorSrgb, zone, 0.78f), 1.0f));
        }
      }
      break;
    }
    case LegendSymbol::Line:
      text_->line(centre - glm::vec2(0.45f * size.x, 0.0f), centre + glm::vec2(0.45f * size.x, 0.0f),
                  std::max(2.0f, unit * 0.16f), color);
      break;
  }
}

void SceneRenderer::placeLabels(const glm::mat4& viewProjection, int width, int height,
                                std::vector<AnnotationBox> placed) {
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
  const float pad = pixelHeight * 0.3f, gap = pixelHeight * 0.6f;
  for (const Anchor& anchor : anchors) placed.push_back({anchor.screen - glm::vec2(3.0f), anchor.screen + glm::vec2(3.0f)});
  const glm::vec2 directions[] = {{1, -1}, {1, 1}, {-1, -1}, {-1, 1}, {1, 0}, {-1, 0}, {0, -1}, {0, 1}};
  for (const Anchor& anchor : anchors) {
    const glm::vec2 size = text_->measure(anchor.marker->label) + glm::vec2(2.0f * pad, 0.0f);
    std::optional<AnnotationBox> chosen;
    // Nearest free spot first: eight directions at growing distances.
    for (int ring = 1; ring <= 6 && !chosen; ++ring) {
      for (const glm::vec2& d : directions) {
        const glm::vec2 centre = anchor.screen + d * (gap * static_cast<float>(ring) + size * 0.5f * glm::abs(d));
        AnnotationBox box{centre - size * 0.5f, centre + size * 0.5f};
        if (box.min.x < 0 || box.min.y < 0 || box.max.x > width || box.max.y > height) continue;
        if (std::any_of(placed.begin(), placed.end(), [&](const AnnotationBox& b) { return b.overlaps(box); })) continue;
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
  skin_->set("u_baseColor", srgbToLinear(colorSrgb));
  skin_->set("u_specular", specular);
  skin_->set("u_wrap", wrap);
  skin_->set("u_subsurfaceTint", subsurface);
}

void SceneRenderer::drawOverlay() {
  // Glyphs share the body's lights, placed by u_model (a variant of the body's program).
  useSkinProgram(*glyph_);
  const std::function<void(const glm::mat4&)> place = [&](const glm::mat4& model) {
    skin_->set("u_model", model);
    skin_->set("u_normalMatrix", glm::transpose(glm::inverse(glm::mat3(model))));
  };
  for (const MarkerGlyph& marker : overlay_.markers) {
    if (marker.radius <= 0.0f) continue;  // a label anchor only
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
    setMaterial(glm::vec3(0.80f, 0.82f, 0.85f), 2.0f, 0.0f, glm::vec3(0.0f));  // steel shaft, outside the skin
    segment(outer, needle.exposedLength, needle.radius);
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
  drawNeedlesUnderSkin(place);
}

void SceneRenderer::drawNeedlesUnderSkin(const std::function<void(const glm::mat4&)>& place) {
  // Last, over everything opaque: the shaft under the skin and its tip, seen through the skin as
  // a translucent ghost, so a trainee sees where the needle enters and how far it goes in. Each
  // is pulled toward the eye by its own length and a margin (body.vert): the skin over it no
  // longer hides it, the far side of the body still does.
  if (overlay_.needles.empty()) return;
  useSkinProgram(*ghost_);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDepthMask(GL_FALSE);
  constexpr float kMarginMetres = 0.002f;
  for (const NeedleGlyph& needle : overlay_.needles) {
    if (needle.insertedLength <= 0.0f) continue;
    const glm::vec3 axis = glm::normalize(needle.direction);
    const glm::vec3 helper = std::abs(axis.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
    const glm::vec3 x = glm::normalize(glm::cross(helper, axis)), y = glm::cross(axis, x);
    skin_->set("u_pullTowardEye", needle.insertedLength + kMarginMetres);
    // Slate, darker than any skin tone, so the ghost reads on pale and dark skin alike.
    skin_->set("u_transparency", 0.3f);
    setMaterial(glm::vec3(0.22f, 0.30f, 0.45f), 1.0f, 0.3f, glm::vec3(0.0f));
    place(glm::mat4(glm::vec4(x * needle.radius, 0.0f), glm::vec4(y * needle.radius, 0.0f),
                    glm::vec4(axis * needle.insertedLength, 0.0f), glm::vec4(needle.entry, 1.0f)));
    cylinder_->drawPart(0);
    // The tip: a small dark bead, the point the depth is measured at.
    skin_->set("u_transparency", 0.15f);
    setMaterial(glm::vec3(0.08f, 0.12f, 0.24f), 1.0f, 0.3f, glm::vec3(0.0f));
    const float bead = std::max(needle.radius * 2.2f, 0.0005f);
    place(glm::scale(glm::translate(glm::mat4(1.0f), needle.entry + axis * needle.insertedLength), glm::vec3(bead)));
    sphere_->drawPart(0);
  }
  glDepthMask(GL_TRUE);
  glDisable(GL_BLEND);
}

// The backdrop depends only on the size and the style, so it is drawn once into a cache and
// copied in sample for sample: the same bytes as drawing it in place, without the gradient shader
// over every pixel each frame. The contact shadow moves with the camera and covers a small part of
// the picture; it is drawn over the copy each frame (a cached texture of it would still have to be
// rasterised and blended over the same pixels, which is all the shadow costs).
Framebuffer& SceneRenderer::renderOffscreen(const OrbitCamera& camera, int width, int height, int samples,
                                            FrameQuality quality) {
  const bool moving = quality == FrameQuality::Moving;
  Target& target = moving ? moving_ : still_;
  renderInto(target, camera, width, height, moving ? 0 : samples, moving);
  shown_ = target.frame.get();
  return *target.frame;
}

void SceneRenderer::renderInto(Target& target, const OrbitCamera& camera, int width, int height, int samples,
                               bool moving) {
  target.frame->resize(width, height, samples);
  target.backdrop->resize(width, height, samples);
  // Moving frames are drawn in the window's row order (Framebuffer::setTopRowFirst) where the
  // driver can flip the origin (GL 4.5 or ARB_clip_control; llvmpipe can). Still frames keep
  // GL's, so pictures keep their exact bytes.
  topRowFirst_ = moving && glClipControl != nullptr;
  target.frame->setTopRowFirst(topRowFirst_);
  target.backdrop->setTopRowFirst(topRowFirst_);
  if (topRowFirst_) glClipControl(GL_UPPER_LEFT, GL_NEGATIVE_ONE_TO_ONE);
  fillBackdropCache(target);
  target.frame->copyColorFrom(*target.backdrop);
  target.frame->bindForDrawing();
  glClear(GL_DEPTH_BUFFER_BIT);
  const glm::mat4 view = camera.view();
  const glm::mat4 projection = camera.projection(static_cast<float>(width) / static_cast<float>(height));
  drawContactShadow(projection * view);
  takeClosedParts(/*wait=*/!moving);
  drawBody(camera, view, projection, width, height);
  if (topRowFirst_) glClipControl(GL_LOWER_LEFT, GL_NEGATIVE_ONE_TO_ONE);
  topRowFirst_ = false;
  target.frame->resolve();
}

void SceneRenderer::fillBackdropCache(Target& target) {
  BackdropKey key;
  key.width = target.backdrop->width();
  key.height = target.backdrop->height();
  key.samples = target.backdrop->samples();
  key.background = style_.background;
  if (key.background == Background::Gradient) {
    key.top = style_.backgroundTopSrgb;
    key.bottom = style_.backgroundBottomSrgb;
  }
  if (target.cached == key) return;
  target.backdrop->bindForDrawing();
  drawBackdrop();
  target.cached = key;
}

Image SceneRenderer::renderImage(const OrbitCamera& camera, int width, int height, int samples) {
  Image image = renderOffscreen(camera, width, height, samples).readPixels();
  if (style_.background == Background::Transparent) unpremultiplyAlpha(image);
  return image;
}

}  // namespace mesomap::render
