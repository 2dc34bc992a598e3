#include "render/skin_section_figure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <glad/gl.h>

#include "core/view/scenario_overlay.h"
#include "render/framebuffer.h"
#include "render/text_renderer.h"

namespace mesomap::render {

namespace {

using glm::vec2;
using glm::vec4;

constexpr float kPi = 3.14159265f;

// Flat pastels, as in anatomy textbooks; the thin epidermis is the darkest so it still reads.
vec4 layerColor(TissueLayer layer) {
  switch (layer) {
    case TissueLayer::Epidermis: return {0.86f, 0.64f, 0.53f, 1.0f};
    case TissueLayer::Dermis: return {0.97f, 0.84f, 0.80f, 1.0f};
    case TissueLayer::SubcutaneousFat: return {0.99f, 0.92f, 0.67f, 1.0f};
    case TissueLayer::Muscle: return {0.92f, 0.64f, 0.63f, 1.0f};
    case TissueLayer::Bone: return {0.95f, 0.93f, 0.86f, 1.0f};
  }
  return {1.0f, 1.0f, 1.0f, 1.0f};
}

const vec4 kInk{0.16f, 0.15f, 0.15f, 1.0f};
const vec4 kSoftInk{0.40f, 0.40f, 0.42f, 1.0f};
const vec4 kLine{0.38f, 0.29f, 0.26f, 1.0f};     // layer boundaries: dark warm brown
const vec4 kTarget{0.0f, 0.50f, 0.44f, 1.0f};    // the zones' teal, darkened for lines and words
const vec4 kSteel{0.78f, 0.80f, 0.83f, 1.0f};
const vec4 kSteelEdge{0.24f, 0.26f, 0.29f, 1.0f};

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// Millimetres with no more decimals than they need: 3, 1.45, 0.1.
std::string mm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string s = text;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string degrees(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  std::string s = text;
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  return s + "\u00b0";
}

// Words wrapped to `width` pixels.
std::vector<std::string> wrapped(const TextRenderer& font, const std::string& text, float width) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && font.measure(candidate).x > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

void dashedLine(TextRenderer& r, vec2 from, vec2 to, float width, float dash, const vec4& color) {
  const float length = glm::length(to - from);
  if (length < 1e-3f) return;
  const vec2 along = (to - from) / length;
  for (float t = 0.0f; t < length; t += 2.0f * dash) r.line(from + along * t, from + along * std::min(t + dash, length), width, color);
}

std::vector<vec2> circle(vec2 centre, float radius, int segments) {
  std::vector<vec2> points;
  for (int i = 0; i < segments; ++i) {
    const float a = 2.0f * kPi * static_cast<float>(i) / static_cast<float>(segments);
    points.push_back(centre + radius * vec2(std::cos(a), std::sin(a)));
  }
  return points;
}

// Scissor to a rectangle given with a top-left origin.
void clipTo(vec2 topLeft, vec2 size, int viewportHeight) {
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<int>(std::floor(topLeft.x)), static_cast<int>(std::floor(viewportHeight - topLeft.y - size.y)),
            static_cast<int>(std::ceil(size.x)), static_cast<int>(std::ceil(size.y)));
}

}  // namespace

SkinSectionFigure::SkinSectionFigure() : target_(std::make_unique<Framebuffer>()) {}
SkinSectionFigure::~SkinSectionFigure() = default;

void SkinSectionFigure::useFontsFor(glm::vec2 size, bool compact) {
  // Type scales with the figure, so an inset and a poster read alike; a compact inset keeps it
  // as large as the UI's own text.
  const float unit = std::clamp(std::min(size.x, size.y) / (compact ? 22.0f : 34.0f), compact ? 12.0f : 10.0f, 44.0f);
  if (text_ && unit == unit_) return;
  unit_ = unit;
  text_ = std::make_unique<TextRenderer>(unit, FontWeight::Medium);
  title_ = std::make_unique<TextRenderer>(unit * 1.3f, FontWeight::SemiBold);
  small_ = std::make_unique<TextRenderer>(unit * 0.8f, FontWeight::Regular);
}

void SkinSectionFigure::draw(const SkinSection& s, vec2 topLeft, vec2 size, int viewportWidth, int viewportHeight,
                             const std::optional<glm::vec3>& paperSrgb, bool compact) {
  useFontsFor(size, compact);
  const float u = unit_;
  TextRenderer& ink = *text_;
  const vec2 origin = topLeft;
  const float padding = 1.2f * u;
  if (paperSrgb) ink.rectangle(origin, size, vec4(*paperSrgb, 1.0f));

  // ---- words first: they decide how much room the drawing gets ----
  const TechniquePreset& technique = presetFor(s.technique);
  const std::string title = s.pointId + " \u00b7 " + (compact ? std::string(technique.code)
                                                               : std::string(technique.name) + " (" + technique.code + ")") +
                            " \u00b7 " + toString(s.region);
  std::string needleWords = s.needleText.empty() ? "needle" : s.needleText + " needle";
  const std::string tipWords = "Tip " + mm(s.tipDepthMm) + " mm deep";
  const std::string tipLayerWords = std::string("in the ") + layerName(s.tipLayer);
  // A compact inset sits beside the needle's own settings: its subtitle is where the tip ends,
  // which then needs no callout over the small drawing.
  const std::string subtitle =
      compact ? tipWords + ", " + tipLayerWords
              : (s.scenarioTitle.empty() ? "" : s.scenarioTitle + " \u2014 ") + needleWords + " at " + degrees(s.angleDeg) +
                    " to the skin, " + mm(s.insertedMm) + " mm inserted";
  std::string caption = compact ? "To scale, skin flat"
                                : "Layers of the " + std::string(toString(s.region)) + " region: " + s.column.source +
                                      " ([I]: a default, not a published figure). Drawn to scale with the skin flat";
  if (std::abs(s.curvedTipDepthMm - s.tipDepthMm) >= 0.05)
    caption += (compact ? "; on the curved skin the tip ends " : "; on this body's curved skin the same needle ends ") +
               mm(s.curvedTipDepthMm) + " mm deep";
  caption += compact ? "." : ". Training protocol, not clinical advice.";
  const float textWidth = size.x - 2.0f * padding;
  const std::vector<std::string> captionLines = wrapped(*small_, caption, textWidth);

  const float headerBottom = origin.y + padding + title_->lineHeight() + ink.lineHeight() + 0.9f * u;
  const float captionTop = origin.y + size.y - padding - small_->lineHeight() * static_cast<float>(captionLines.size());

  // ---- layout of the tissue block ----
  struct LayerLabel {
    std::string text;
    float wantedY = 0.0f, y = 0.0f, anchorY = 0.0f;
    bool muted = false;
  };
  std::vector<LayerLabel> labels;
  for (const SectionLayer& layer : s.layers) {
    std::string text = compact && layer.layer == TissueLayer::SubcutaneousFat ? "Fat" : capitalised(layerName(layer.layer));
    const bool last = &layer == &s.layers.back();
    // The deepest drawn layer is cut by the picture unless it is the fat that goes on.
    if (!last || s.columnContinues) {
      const double thickness = layer.layer == TissueLayer::Epidermis   ? s.column.epidermisMm
                               : layer.layer == TissueLayer::Dermis    ? s.column.dermisMm
                                                                        : s.column.fatMm;
      text += " \u00b7 " + mm(thickness) + " mm";
    }
    labels.push_back({text});
  }
  if (s.columnContinues) {
    labels.push_back({capitalised(layerName(s.column.below)) + " from " + mm(s.column.skinMm() + s.column.fatMm) +
                          " mm (below the cut)",
                      0.0f, 0.0f, 0.0f, true});
  }
  float labelWidth = 0.0f;
  for (const LayerLabel& l : labels) labelWidth = std::max(labelWidth, ink.measure(l.text).x);

  const float rulerWidth = ink.measure("10").x + 1.2f * u;
  const float blockLeft = origin.x + padding + rulerWidth;
  const float blockRight = std::min(origin.x + 0.70f * size.x, origin.x + size.x - padding - labelWidth - 2.2f * u);
  const float figureTop = headerBottom + 0.4f * u;
  const float figureBottom = captionTop - 1.0f * u;
  const double airMm = std::max(1.5, 0.28 * s.viewDepthMm);  // room above the skin for the needle's outer end
  const float scale = static_cast<float>((figureBottom - figureTop) / (airMm + s.viewDepthMm));  // pixels per mm
  const float skinY = figureTop + static_cast<float>(airMm) * scale;
  const float blockBottom = skinY + static_cast<float>(s.viewDepthMm) * scale;
  auto depthY = [&](double depthMm) { return skinY + static_cast<float>(depthMm) * scale; };

  // The needle enters left of centre, leaving room right of the tip for its callout.
  const double angle = glm::radians(s.angleDeg);
  const vec2 direction(static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle)));  // screen: y is depth
  const float calloutWidth = compact ? 0.0f : std::max(ink.measure(tipWords).x, ink.measure(tipLayerWords).x) + 1.6f * u;
  const float blockWidth = blockRight - blockLeft;
  const float tipRun = static_cast<float>(s.tipRunMm) * scale;
  const float entryX = std::max(blockLeft + 0.3f * blockWidth,
                                std::min(blockLeft + 0.42f * blockWidth, blockRight - calloutWidth - tipRun - u));
  const vec2 entry(entryX, skinY);
  const vec2 tip = entry + direction * static_cast<float>(s.insertedMm) * scale;

  // ---- tissue: bands, textures, boundaries ----
  // When the fat goes on below the picture the block ends in a torn (wavy) edge.
  const float tear = s.columnContinues ? 0.25f * u : 0.0f, tearPeriod = 2.2f * u;
  auto tornEdgeY = [&](float x) { return blockBottom - tear + tear * std::sin((x - blockLeft) / tearPeriod * 2.0f * kPi); };
  for (const SectionLayer& layer : s.layers) {
    const float top = depthY(layer.topMm);
    const float bottom = &layer == &s.layers.back() ? blockBottom - 2.0f * tear : depthY(layer.bottomMm);
    ink.rectangle({blockLeft, top}, {blockWidth, bottom - top}, layerColor(layer.layer));
    if (tear > 0.0f && &layer == &s.layers.back()) {
      for (float x = blockLeft; x < blockRight; x += tearPeriod / 16.0f) {
        const float next = std::min(x + tearPeriod / 16.0f, blockRight);
        ink.polygon({{x, bottom}, {next, bottom}, {next, tornEdgeY(next)}, {x, tornEdgeY(x)}}, layerColor(layer.layer));
      }
    }
    const float cell = 0.55f * scale;  // textures at a fixed size in millimetres
    if (layer.layer == TissueLayer::SubcutaneousFat && cell > 6.0f) {
      // Fat lobules: staggered rings, only where they fit whole.
      const vec4 lobule(0.92f, 0.81f, 0.50f, 1.0f);
      int row = 0;
      for (float y = top + cell * 0.9f; y + cell * 0.45f < bottom; y += cell * 0.87f, ++row)
        for (float x = blockLeft + cell * (row % 2 ? 1.0f : 0.5f); x + cell * 0.5f < blockRight; x += cell)
          ink.polyline(circle({x, y}, cell * 0.42f, 20), std::max(1.0f, u * 0.05f), lobule, true);
    } else if (layer.layer == TissueLayer::Muscle) {
      const vec4 fibre(0.85f, 0.53f, 0.53f, 1.0f);
      for (float y = top + 0.3f * scale; y < bottom - 2.0f; y += 0.3f * scale) {
        std::vector<vec2> wave;
        for (float x = blockLeft; x <= blockRight; x += 0.25f * scale)
          wave.push_back({x, y + 0.04f * scale * std::sin((x - blockLeft) / scale * 2.1f)});
        ink.polyline(wave, std::max(1.0f, u * 0.05f), fibre);
      }
    } else if (layer.layer == TissueLayer::Bone) {
      // A denser cortex on top, spongy bone below.
      const float cortex = std::min(bottom - top, 0.5f * scale);
      ink.rectangle({blockLeft, top}, {blockWidth, cortex}, vec4(0.89f, 0.86f, 0.76f, 1.0f));
      const vec4 trabecula(0.84f, 0.80f, 0.68f, 1.0f);
      int row = 0;
      for (float y = top + cortex + 0.35f * scale; y < bottom - 0.1f * scale; y += 0.35f * scale, ++row)
        for (float x = blockLeft + (row % 2 ? 0.35f : 0.175f) * scale; x < blockRight - 0.1f * scale; x += 0.35f * scale)
          ink.disc({x, y}, std::max(1.0f, 0.05f * scale), trabecula);
    }
  }
  // The target window: a teal wash between dashed limits.
  const float windowTop = depthY(std::clamp(s.targetDepthMm.min, 0.0, s.viewDepthMm));
  const float windowBottom = depthY(std::clamp(s.targetDepthMm.max, 0.0, s.viewDepthMm));
  ink.rectangle({blockLeft, windowTop}, {blockWidth, windowBottom - windowTop}, vec4(0.0f, 0.60f, 0.53f, 0.16f));
  for (const SectionLayer& layer : s.layers)
    if (layer.topMm > 0.0) ink.line({blockLeft, depthY(layer.topMm)}, {blockRight, depthY(layer.topMm)}, std::max(1.0f, u * 0.06f), kLine);
  const float dash = 0.5f * u, thin = std::max(1.0f, u * 0.07f);
  dashedLine(ink, {blockLeft, windowTop}, {blockRight, windowTop}, thin * 1.4f, dash, kTarget);
  dashedLine(ink, {blockLeft, windowBottom}, {blockRight, windowBottom}, thin * 1.4f, dash, kTarget);
  // The skin surface, and the cut edges of the block.
  ink.line({blockLeft, skinY}, {blockRight, skinY}, std::max(1.5f, u * 0.09f), kLine);
  ink.line({blockLeft, skinY}, {blockLeft, tornEdgeY(blockLeft)}, thin, kLine);
  ink.line({blockRight, skinY}, {blockRight, tornEdgeY(blockRight)}, thin, kLine);
  std::vector<vec2> bottomEdge;
  for (float x = blockLeft; x < blockRight; x += tearPeriod / 16.0f) bottomEdge.push_back({x, tornEdgeY(x)});
  bottomEdge.push_back({blockRight, tornEdgeY(blockRight)});
  ink.polyline(bottomEdge, thin, kLine);
  glDisable(GL_SCISSOR_TEST);
  ink.flush(viewportWidth, viewportHeight);

  // ---- the needle, to scale, clipped to the drawing ----
  {
    const float radius = 0.5f * static_cast<float>(s.needle.outerDiameterMm) * scale;
    const vec2 side(-direction.y, direction.x);
    const double exposedMm = s.needle.lengthMm > s.insertedMm ? s.needle.lengthMm - s.insertedMm : 0.0;
    const float reachOut = static_cast<float>(exposedMm) * scale;
    const vec2 outer = entry - direction * reachOut;
    const vec2 beyond = entry - direction * (reachOut + static_cast<float>(airMm + s.viewDepthMm) * scale);
    const float point = std::max(3.0f * radius, 0.35f * scale);  // lancet point
    const vec2 pointStart = tip - direction * point;
    const float edge = std::max(1.0f, u * 0.06f);
    ink.polygon({outer + side * (radius + edge), pointStart + side * (radius + edge), tip + direction * edge,
                 pointStart - side * (radius + edge), outer - side * (radius + edge)},
                kSteelEdge);
    ink.polygon({outer + side * radius, pointStart + side * radius, tip, pointStart - side * radius, outer - side * radius}, kSteel);
    ink.line(outer - side * (radius * 0.35f), pointStart - side * (radius * 0.35f), std::max(1.0f, radius * 0.35f),
             vec4(0.95f, 0.96f, 0.97f, 1.0f));
    if (exposedMm > 0.0) {
      // The hub (gauge colour: 27G grey, 30G yellow) from the needle's outer end outward.
      const vec4 hub = s.needle.gauge == 30 ? vec4(0.95f, 0.80f, 0.15f, 1.0f) : vec4(0.66f, 0.66f, 0.69f, 1.0f);
      const float collar = 0.8f * scale, hubHalf = std::max(0.8f * scale, radius * 3.0f);
      const vec2 collarEnd = outer - direction * collar;
      const std::vector<vec2> hubShape = {outer + side * (radius * 1.6f), collarEnd + side * hubHalf, beyond + side * hubHalf,
                                          beyond - side * hubHalf, collarEnd - side * hubHalf, outer - side * (radius * 1.6f)};
      ink.polygon(hubShape, hub);
      ink.polyline(hubShape, edge, kSteelEdge, true);
    }
    clipTo({blockLeft - 2.0f * u, figureTop}, {blockRight - blockLeft + 4.0f * u, blockBottom - figureTop}, viewportHeight);
    ink.flush(viewportWidth, viewportHeight);
    glDisable(GL_SCISSOR_TEST);
  }

  // ---- measures and words over the drawing ----
  const vec4 white(1.0f, 1.0f, 1.0f, 0.92f);
  // Depth of the tip: a dashed drop from the surface, a ring at the tip, the callout.
  dashedLine(ink, {tip.x, skinY}, {tip.x, tip.y}, thin, 0.25f * u, kInk);
  ink.line({tip.x - 0.4f * u, skinY}, {tip.x + 0.4f * u, skinY}, thin, kInk);
  ink.polyline(circle(tip, 0.45f * u, 32), std::max(1.5f, u * 0.1f), kInk, true);
  if (!compact) {
    const vec2 at(tip.x + 1.0f * u, tip.y - ink.lineHeight());
    const vec2 box(calloutWidth - 0.6f * u, 2.0f * ink.lineHeight() + 0.3f * u);
    ink.roundedRectangle(at - vec2(0.3f * u, 0.15f * u), box, 0.3f * u, white);
    ink.line(tip + vec2(0.45f * u, 0.0f), vec2(at.x - 0.3f * u, tip.y), thin, kInk);
    ink.text(tipWords, at, kInk);
    ink.text(tipLayerWords, at + vec2(0.0f, ink.lineHeight()), kSoftInk);
  }
  // The angle between skin and needle, on the air side where nothing else is drawn.
  {
    const float radius = std::min(0.8f * static_cast<float>(airMm) * scale, 2.6f * u);
    std::vector<vec2> arc;
    for (int i = 0; i <= 24; ++i) {
      const float a = kPi + static_cast<float>(angle) * static_cast<float>(i) / 24.0f;
      arc.push_back(entry + radius * vec2(std::cos(a), std::sin(a)));
    }
    ink.polyline(arc, thin * 1.2f, kInk);
    const float middle = kPi + 0.5f * static_cast<float>(angle);
    const std::string words = degrees(s.angleDeg);
    const vec2 textSize = ink.measure(words);
    // On the bisector, just far enough out that the words clear both the skin and the shaft.
    const float half = std::max(0.5f * static_cast<float>(angle), 0.05f), gapToLines = 0.3f * u;
    const vec2 extent = 0.5f * textSize;
    const float clearSkin = (extent.y + gapToLines) / std::sin(half);
    const float clearShaft = (extent.x * std::sin(static_cast<float>(angle)) + extent.y * std::cos(static_cast<float>(angle)) + gapToLines) /
                             std::sin(half);
    const float distance = std::max({radius + 0.35f * u + extent.x, clearSkin, clearShaft});
    vec2 centre = entry + distance * vec2(std::cos(middle), std::sin(middle));
    // A shallow needle pushes the words far left: keep them over the drawing, off the ruler.
    if (centre.x - extent.x < blockLeft + 0.3f * u) {
      centre.x = blockLeft + 0.3f * u + extent.x;
      centre.y = std::min(centre.y, skinY - extent.y - (radius + gapToLines) * std::sin(static_cast<float>(angle)) - gapToLines);
    }
    ink.text(words, centre - 0.5f * textSize - vec2(0.0f, 0.1f * u), kInk);
  }
  // The target window's words, at the left of the band (below it when the band is thin).
  {
    std::string words = "Target " + mm(s.targetDepthMm.min) + "\u2013" + mm(s.targetDepthMm.max) + " mm";
    if (s.targetFrom == "target layer" && s.targetLayer) words = std::string("Target: ") + layerName(*s.targetLayer) + ", " + mm(s.targetDepthMm.min) + "\u2013" + mm(s.targetDepthMm.max) + " mm";
    else if (s.targetFrom == "technique window") words += std::string(" (") + presetFor(s.targetTechnique).code + " window)";
    if (!s.targetPointId.empty()) words += " \u00b7 " + s.targetPointId;  // a trainee's needle: whose window
    const float bandHeight = windowBottom - windowTop;
    const vec2 textSize = ink.measure(words);
    const float y = bandHeight > 1.3f * textSize.y ? 0.5f * (windowTop + windowBottom) - 0.5f * textSize.y : windowBottom + 0.25f * u;
    const vec2 at(blockLeft + 0.6f * u, y);
    ink.roundedRectangle(at - vec2(0.3f * u, 0.05f * u), textSize + vec2(0.6f * u, 0.1f * u), 0.25f * u, white);
    ink.text(words, at, kTarget);
  }
  // The ruler: millimetres of depth from the skin surface.
  {
    const float x = blockLeft - 0.35f * u;
    ink.line({x, skinY}, {x, blockBottom}, thin, kInk);
    const int steps = static_cast<int>(std::floor(s.viewDepthMm * 2.0 + 1e-6));
    const int labelEvery = scale < 1.6f * u ? 2 : 1;  // whole millimetres, or every other one when crowded
    for (int i = 0; i <= steps; ++i) {
      const float y = depthY(0.5 * i);
      const bool whole = i % 2 == 0;
      ink.line({x - (whole ? 0.55f : 0.3f) * u, y}, {x, y}, thin, kInk);
      if (whole && (i / 2) % labelEvery == 0) {
        const std::string number = std::to_string(i / 2);
        const vec2 textSize = ink.measure(number);
        ink.text(number, {x - 0.75f * u - textSize.x, y - 0.5f * textSize.y}, kSoftInk);
      }
    }
    const vec2 unitSize = small_->measure("mm");
    small_->text("mm", {x - 0.75f * u - unitSize.x, skinY - 1.1f * unitSize.y - 0.4f * u}, kSoftInk);
  }
  // Layer names with their thickness, right of the block, spread so none overlap.
  {
    for (size_t i = 0; i < s.layers.size(); ++i) {
      const float top = depthY(s.layers[i].topMm), bottom = depthY(s.layers[i].bottomMm);
      labels[i].anchorY = 0.5f * (top + bottom);
    }
    if (s.columnContinues) labels.back().anchorY = blockBottom;
    const float lineStep = ink.lineHeight() * 1.1f;
    for (LayerLabel& l : labels) l.y = l.wantedY = l.anchorY - 0.5f * ink.lineHeight();
    for (size_t i = 1; i < labels.size(); ++i) labels[i].y = std::max(labels[i].y, labels[i - 1].y + lineStep);
    const float lowest = blockBottom - 0.5f * ink.lineHeight();
    if (!labels.empty() && labels.back().y > lowest) {
      labels.back().y = lowest;
      for (size_t i = labels.size() - 1; i-- > 0;) labels[i].y = std::min(labels[i].y, labels[i + 1].y - lineStep);
    }
    const float textX = blockRight + 2.0f * u;
    for (const LayerLabel& l : labels) {
      const vec2 from(blockRight, l.anchorY), to(textX - 0.3f * u, l.y + 0.5f * ink.lineHeight());
      ink.disc(from, std::max(1.5f, 0.12f * u), kLine);
      ink.line(from, {from.x + 0.6f * u, from.y}, thin, kLine);
      ink.line({from.x + 0.6f * u, from.y}, to, thin, kLine);
      ink.text(l.text, {textX, l.y}, l.muted ? kSoftInk : kInk);
    }
  }
  // Title, subtitle, caption.
  title_->text(title, origin + vec2(padding), kInk);
  ink.text(subtitle, origin + vec2(padding, padding + title_->lineHeight() + 0.1f * u), compact ? kInk : kSoftInk);
  for (size_t i = 0; i < captionLines.size(); ++i)
    small_->text(captionLines[i], {origin.x + padding, captionTop + small_->lineHeight() * static_cast<float>(i)}, kSoftInk);
  ink.flush(viewportWidth, viewportHeight);
  title_->flush(viewportWidth, viewportHeight);
  small_->flush(viewportWidth, viewportHeight);
}

Image SkinSectionFigure::renderImage(const SkinSection& section, int width, int height, int samples,
                                     const std::optional<glm::vec3>& paperSrgb) {
  target_->resize(width, height, samples);
  target_->bindForDrawing();
  glViewport(0, 0, width, height);
  glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  draw(section, vec2(0.0f), vec2(static_cast<float>(width), static_cast<float>(height)), width, height, paperSrgb);
  target_->resolve();
  Image image = target_->readPixels();
  if (!paperSrgb) unpremultiplyAlpha(image);
  return image;
}

}  // namespace mesomap::render
