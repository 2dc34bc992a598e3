#include "core/view/app_icon.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <glm/glm.hpp>

namespace mesomap {

namespace {

// The SVG's shapes on its 128-unit canvas, painted back to front; each says whether a point is
// inside it.
struct Shape {
  glm::vec3 colour;
  bool (*inside)(glm::vec2 p);
};

float segmentDistance(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
  const glm::vec2 ab = b - a;
  const float t = std::clamp(glm::dot(p - a, ab) / glm::dot(ab, ab), 0.0f, 1.0f);
  return glm::length(p - (a + t * ab));
}

bool inTile(glm::vec2 p) {  // rect 4..124, corner radius 24
  const glm::vec2 q = glm::abs(p - glm::vec2(64.0f)) - glm::vec2(60.0f - 24.0f);
  return glm::length(glm::max(q, glm::vec2(0.0f))) <= 24.0f;
}
bool inSkin(glm::vec2 p) {
  const glm::vec2 d = (p - glm::vec2(64.0f, 74.0f)) / glm::vec2(42.0f, 36.0f);
  return glm::dot(d, d) <= 1.0f;
}
bool inPoint(glm::vec2 p) {
  for (glm::vec2 c : {glm::vec2(44, 80), glm::vec2(64, 90), glm::vec2(84, 80)})
    if (glm::length(p - c) <= 7.0f) return true;
  return false;
}
bool inShaft(glm::vec2 p) { return segmentDistance(p, {66, 64}, {104, 20}) <= 3.5f; }
bool inHub(glm::vec2 p) { return segmentDistance(p, {98, 27}, {112, 12}) <= 5.5f; }

const std::array<Shape, 5> kShapes{{
    {{0.16f, 0.52f, 0.47f}, inTile},  // the SVG's gradient, at its middle
    {{0.96f, 0.85f, 0.77f}, inSkin},
    {{0.91f, 0.44f, 0.32f}, inPoint},
    {{1.0f, 1.0f, 1.0f}, inShaft},
    {{0.15f, 0.27f, 0.33f}, inHub},
}};

}  // namespace

Image drawAppIcon(int size) {
  Image image{size, size, std::vector<uint8_t>(static_cast<size_t>(size) * size * 4, 0)};
  constexpr int kSamples = 4;  // 4x4 samples a pixel: smooth edges at 16-48 px
  const float unit = 128.0f / static_cast<float>(size);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      glm::vec3 sum(0.0f);
      float covered = 0.0f;
      for (int sy = 0; sy < kSamples; ++sy)
        for (int sx = 0; sx < kSamples; ++sx) {
          const glm::vec2 p((x + (sx + 0.5f) / kSamples) * unit, (y + (sy + 0.5f) / kSamples) * unit);
          const Shape* top = nullptr;
          for (const Shape& s : kShapes)
            if (s.inside(p)) top = &s;
          if (!top) continue;
          sum += top->colour;
          covered += 1.0f;
        }
      uint8_t* px = image.pixel(x, y);
      if (covered == 0.0f) continue;
      const glm::vec3 colour = sum / covered;  // straight alpha: colour of the covered part
      for (int c = 0; c < 3; ++c) px[c] = static_cast<uint8_t>(std::lround(colour[c] * 255.0f));
      px[3] = static_cast<uint8_t>(std::lround(covered / (kSamples * kSamples) * 255.0f));
    }
  return image;
}

}  // namespace mesomap
