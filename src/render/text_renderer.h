#pragma once
// Text and flat shapes over a rendered image (labels, legend, scale bar), so headless
// pictures carry the same words the app shows. Glyphs come from FreeType into one atlas.
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace mesomap::render {

class ShaderProgram;

// The font mesomap uses everywhere: Inter, from mesomap's data folder (assets/fonts), else the
// system's Inter or DejaVu Sans; empty if none is there. A UTF-8 path. Labels over images use the medium weight, panels the regular one, titles the
// semi-bold one.
enum class FontWeight { Regular, Medium, SemiBold };
std::string findUiFont(FontWeight weight);

class TextRenderer {
 public:
  // `pixelHeight`: the font's size in pixels. Throws Error(Render) if no font can be loaded.
  // Text is UTF-8: ASCII, Latin-1 Supplement, Latin Extended-A and the UI's few symbols
  // (dashes, bullet, minus, approximately, at most/at least); anything else shows as '?'.
  explicit TextRenderer(float pixelHeight, FontWeight weight = FontWeight::Medium);
  ~TextRenderer();

  float lineHeight() const { return lineHeight_; }
  float ascent() const { return ascent_; }
  glm::vec2 measure(const std::string& text) const;

  // Queue text with its top-left corner at `topLeft` (pixels), and solid rectangles.
  void text(const std::string& text, glm::vec2 topLeft, const glm::vec4& colorSrgb);
  void rectangle(glm::vec2 topLeft, glm::vec2 size, const glm::vec4& colorSrgb);
  void line(glm::vec2 from, glm::vec2 to, float width, const glm::vec4& colorSrgb);
  // A convex polygon, corners in order; and shapes made of them. Edges are smoothed by the
  // target's multisampling.
  void polygon(const std::vector<glm::vec2>& corners, const glm::vec4& colorSrgb);
  void disc(glm::vec2 centre, float radius, const glm::vec4& colorSrgb);
  void roundedRectangle(glm::vec2 topLeft, glm::vec2 size, float radius, const glm::vec4& colorSrgb);
  // Line segments through `points` with mitre-free joints (round caps), optionally closed.
  void polyline(const std::vector<glm::vec2>& points, float width, const glm::vec4& colorSrgb, bool closed = false);
  // Draws everything queued over the bound framebuffer, then empties the queue.
  void flush(int viewportWidth, int viewportHeight);

 private:
  struct Glyph {
    glm::vec2 size, bearing, uvMin, uvMax;
    float advance = 0.0f;
  };
  struct Vertex {
    glm::vec2 pixel, uv;
    glm::vec4 color;
  };
  void quad(glm::vec2 a, glm::vec2 b, glm::vec2 uvA, glm::vec2 uvB, const glm::vec4& color);

  std::unique_ptr<ShaderProgram> program_;
  unsigned atlas_ = 0, vertexArray_ = 0, vertexBuffer_ = 0;
  std::vector<char32_t> codepoints_;  // sorted, kCodepointRanges (text_renderer.cpp)
  std::vector<Glyph> glyphs_;         // one per codepoints_ entry
  const Glyph& glyphFor(char32_t codepoint) const;
  std::vector<Vertex> vertices_;
  float lineHeight_ = 0.0f, ascent_ = 0.0f;
};

}  // namespace mesomap::render
