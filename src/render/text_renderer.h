#pragma once
// Text and flat shapes over a rendered image (labels, legend, scale bar), so headless
// pictures carry the same words the app shows. Glyphs come from FreeType into one atlas.
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace mesomap::render {

class ShaderProgram;

class TextRenderer {
 public:
  // `pixelHeight`: the font's size in pixels. Throws Error(Render) if no font can be loaded.
  explicit TextRenderer(float pixelHeight);
  ~TextRenderer();

  float lineHeight() const { return lineHeight_; }
  float ascent() const { return ascent_; }
  glm::vec2 measure(const std::string& text) const;

  // Queue text with its top-left corner at `topLeft` (pixels), and solid rectangles.
  void text(const std::string& text, glm::vec2 topLeft, const glm::vec4& colorSrgb);
  void rectangle(glm::vec2 topLeft, glm::vec2 size, const glm::vec4& colorSrgb);
  void line(glm::vec2 from, glm::vec2 to, float width, const glm::vec4& colorSrgb);
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
  std::vector<Glyph> glyphs_;  // for characters 32..126
  std::vector<Vertex> vertices_;
  float lineHeight_ = 0.0f, ascent_ = 0.0f;
};

// The font mesomap uses everywhere: Inter (fonts-inter), else DejaVu Sans; empty if neither
// is installed. Labels over images use the medium weight, panels the regular one.
enum class FontWeight { Regular, Medium };
std::string findUiFont(FontWeight weight);

}  // namespace mesomap::render
