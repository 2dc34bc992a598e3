#include "render/text_renderer.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <utility>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <glad/gl.h>

#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/base/utf8_path.h"
#include "render/shader_program.h"

namespace mesomap::render {

namespace {
// The characters pictures can show: printable ASCII, Latin-1 Supplement and Latin Extended-A
// (names such as "Müller, José" or "Łukasz Dvořák"), and the symbols the UI's text uses
// (bullet, minus, en and em dashes, approximately, at most/at least). Anything else shows as '?'.
constexpr std::pair<char32_t, char32_t> kCodepointRanges[] = {
    {0x20, 0x7E},     {0xA0, 0xFF},     {0x100, 0x17F},   {0x2013, 0x2014},
    {0x2022, 0x2022}, {0x2212, 0x2212}, {0x2248, 0x2248}, {0x2264, 0x2265}};

std::vector<char32_t> coveredCodepoints() {
  std::vector<char32_t> codepoints;
  for (const auto& [first, last] : kCodepointRanges)
    for (char32_t c = first; c <= last; ++c) codepoints.push_back(c);
  return codepoints;  // sorted: the ranges are in order
}

// Next codepoint of UTF-8 text; malformed bytes read as '?'.
char32_t nextCodepoint(const std::string& text, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(text[i++]);
  if (c < 0x80) return c;
  const int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
  if (extra < 0) return '?';
  char32_t codepoint = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return '?';
    codepoint = (codepoint << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
  }
  return codepoint;
}
}  // namespace

std::string findUiFont(FontWeight weight) {
  const char* inter = weight == FontWeight::Medium     ? "Inter-Medium.otf"
                      : weight == FontWeight::SemiBold ? "Inter-SemiBold.otf"
                                                       : "Inter-Regular.otf";
  // mesomap's own copy first (assets/fonts, found like the rest of its data), so pictures and
  // the UI look the same on every platform; then the system's, for a build run without it.
  std::vector<std::filesystem::path> candidates;
  try {
    const std::filesystem::path bundled = dataDirectory().path / "fonts";
    candidates = {bundled / inter, bundled / "Inter-Regular.otf"};
  } catch (const Error&) {
    // no data folder: the system fonts below
  }
  const std::filesystem::path system = "/usr/share/fonts";
  candidates.insert(candidates.end(),
                    {system / "opentype/inter" / inter, system / "opentype/inter/Inter-Regular.otf",
                     system / (weight == FontWeight::SemiBold ? "truetype/dejavu/DejaVuSans-Bold.ttf"
                                                              : "truetype/dejavu/DejaVuSans.ttf"),
                     system / "truetype/dejavu/DejaVuSans.ttf"});
  for (const auto& path : candidates) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return utf8(path);  // FreeType and ImGui take UTF-8
  }
  return "";
}

TextRenderer::TextRenderer(float pixelHeight, FontWeight weight)
    : program_(std::make_unique<ShaderProgram>("text.vert", "text.frag")) {
  const std::string font = findUiFont(weight);
  if (font.empty()) throw Error(ErrorKind::Render, "text: no font found (mesomap's fonts folder is missing; reinstall mesomap, or install fonts-inter)");
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  if (FT_Init_FreeType(&library) || FT_New_Face(library, font.c_str(), 0, &face)) {
    if (library) FT_Done_FreeType(library);
    throw Error(ErrorKind::Render, "text: cannot load font '" + font + "'");
  }
  FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(std::lround(pixelHeight)));
  ascent_ = static_cast<float>(face->size->metrics.ascender) / 64.0f;
  lineHeight_ = static_cast<float>(face->size->metrics.height) / 64.0f;

  // Pack glyphs in rows of a 1024-wide atlas.
  const int atlasWidth = 1024;
  struct Bitmap {
    int width, rows;
    std::vector<uint8_t> pixels;
  };
  std::vector<Bitmap> bitmaps;
  codepoints_ = coveredCodepoints();
  const std::vector<char32_t>& codepoints = codepoints_;
  glyphs_.resize(codepoints.size());
  int x = 1, y = 1, rowHeight = 0;
  std::vector<glm::ivec2> origins;
  for (size_t index = 0; index < codepoints.size(); ++index) {
    Glyph& g = glyphs_[index];
    Bitmap bitmap{0, 0, {}};
    // A font without the symbol keeps an empty glyph (FreeType's .notdef would be a box).
    const FT_UInt glyphIndex = FT_Get_Char_Index(face, static_cast<FT_ULong>(codepoints[index]));
    if (glyphIndex != 0 && !FT_Load_Glyph(face, glyphIndex, FT_LOAD_RENDER)) {
      const FT_GlyphSlot slot = face->glyph;
      bitmap.width = static_cast<int>(slot->bitmap.width);
      bitmap.rows = static_cast<int>(slot->bitmap.rows);
      for (int r = 0; r < bitmap.rows; ++r)
        for (int col = 0; col < bitmap.width; ++col)
          bitmap.pixels.push_back(slot->bitmap.buffer[r * slot->bitmap.pitch + col]);
      g.size = glm::vec2(bitmap.width, bitmap.rows);
      g.bearing = glm::vec2(slot->bitmap_left, slot->bitmap_top);
      g.advance = static_cast<float>(slot->advance.x) / 64.0f;
    }
    if (x + bitmap.width + 1 > atlasWidth) {
      x = 1;
      y += rowHeight + 1;
      rowHeight = 0;
    }
    origins.emplace_back(x, y);
    x += bitmap.width + 1;
    rowHeight = std::max(rowHeight, bitmap.rows);
    bitmaps.push_back(std::move(bitmap));
  }
  FT_Done_Face(face);
  FT_Done_FreeType(library);

  const int atlasHeight = y + rowHeight + 1;
  std::vector<uint8_t> atlas(static_cast<size_t>(atlasWidth) * atlasHeight, 0);
  for (size_t i = 0; i < bitmaps.size(); ++i) {
    const Bitmap& b = bitmaps[i];
    for (int r = 0; r < b.rows; ++r)
      std::copy_n(&b.pixels[static_cast<size_t>(r) * b.width], b.width,
                  &atlas[static_cast<size_t>(origins[i].y + r) * atlasWidth + origins[i].x]);
    glyphs_[i].uvMin = glm::vec2(origins[i]) / glm::vec2(atlasWidth, atlasHeight);
    glyphs_[i].uvMax = glm::vec2(origins[i] + glm::ivec2(b.width, b.rows)) / glm::vec2(atlasWidth, atlasHeight);
  }
  glGenTextures(1, &atlas_);
  glBindTexture(GL_TEXTURE_2D, atlas_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlasWidth, atlasHeight, 0, GL_RED, GL_UNSIGNED_BYTE, atlas.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

  glGenVertexArrays(1, &vertexArray_);
  glGenBuffers(1, &vertexBuffer_);
  glBindVertexArray(vertexArray_);
  glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, pixel)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, uv)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, color)));
  glBindVertexArray(0);
}

TextRenderer::~TextRenderer() {
  glDeleteBuffers(1, &vertexBuffer_);
  glDeleteVertexArrays(1, &vertexArray_);
  glDeleteTextures(1, &atlas_);
}

const TextRenderer::Glyph& TextRenderer::glyphFor(char32_t codepoint) const {
  if (codepoint == 0xA0) codepoint = ' ';  // no-break space: Inter draws it as a space anyway
  auto it = std::lower_bound(codepoints_.begin(), codepoints_.end(), codepoint);
  if (it == codepoints_.end() || *it != codepoint) it = std::lower_bound(codepoints_.begin(), codepoints_.end(), U'?');
  return glyphs_[static_cast<size_t>(it - codepoints_.begin())];
}

glm::vec2 TextRenderer::measure(const std::string& text) const {
  float width = 0.0f;
  for (size_t i = 0; i < text.size();) width += glyphFor(nextCodepoint(text, i)).advance;
  return {width, lineHeight_};
}

void TextRenderer::quad(glm::vec2 a, glm::vec2 b, glm::vec2 uvA, glm::vec2 uvB, const glm::vec4& color) {
  const Vertex v[6] = {{a, uvA, color},
                       {{b.x, a.y}, {uvB.x, uvA.y}, color},
                       {b, uvB, color},
                       {a, uvA, color},
                       {b, uvB, color},
                       {{a.x, b.y}, {uvA.x, uvB.y}, color}};
  vertices_.insert(vertices_.end(), v, v + 6);
}

void TextRenderer::line(glm::vec2 from, glm::vec2 to, float width, const glm::vec4& color) {
  glm::vec2 along = to - from;
  const float length = glm::length(along);
  if (length < 1e-3f) return;
  const glm::vec2 side = glm::vec2(-along.y, along.x) / length * (width * 0.5f);
  const glm::vec2 uv(-1.0f);
  const Vertex v[6] = {{from - side, uv, color}, {to - side, uv, color}, {to + side, uv, color},
                       {from - side, uv, color}, {to + side, uv, color}, {from + side, uv, color}};
  vertices_.insert(vertices_.end(), v, v + 6);
}

void TextRenderer::polygon(const std::vector<glm::vec2>& corners, const glm::vec4& color) {
  const glm::vec2 uv(-1.0f);
  for (size_t i = 1; i + 1 < corners.size(); ++i) {
    const Vertex v[3] = {{corners[0], uv, color}, {corners[i], uv, color}, {corners[i + 1], uv, color}};
    vertices_.insert(vertices_.end(), v, v + 3);
  }
}

namespace {
// Enough segments that a circle's facets stay under a quarter pixel.
int arcSegments(float radius, float angle) {
  return std::clamp(static_cast<int>(std::ceil(angle * std::sqrt(std::max(radius, 0.5f) * 2.0f))), 3, 128);
}
}  // namespace

void TextRenderer::disc(glm::vec2 centre, float radius, const glm::vec4& color) {
  const int n = arcSegments(radius, 6.2831853f);
  std::vector<glm::vec2> corners;
  for (int i = 0; i < n; ++i) {
    const float a = 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
    corners.push_back(centre + radius * glm::vec2(std::cos(a), std::sin(a)));
  }
  polygon(corners, color);
}

namespace {
std::vector<glm::vec2> roundedOutline(glm::vec2 topLeft, glm::vec2 size, float radius) {
  radius = std::clamp(radius, 0.0f, 0.5f * std::min(size.x, size.y));
  const glm::vec2 centres[4] = {topLeft + size - glm::vec2(radius), {topLeft.x + radius, topLeft.y + size.y - radius},
                                topLeft + glm::vec2(radius), {topLeft.x + size.x - radius, topLeft.y + radius}};
  const int n = arcSegments(radius, 1.5707963f);
  std::vector<glm::vec2> corners;
  for (int c = 0; c < 4; ++c)
    for (int i = 0; i <= n; ++i) {
      const float a = 1.5707963f * (static_cast<float>(c) + static_cast<float>(i) / static_cast<float>(n));
      corners.push_back(centres[c] + radius * glm::vec2(std::cos(a), std::sin(a)));
    }
  return corners;
}
}  // namespace

void TextRenderer::roundedRectangle(glm::vec2 topLeft, glm::vec2 size, float radius, const glm::vec4& color) {
  polygon(roundedOutline(topLeft, size, radius), color);
}

void TextRenderer::polyline(const std::vector<glm::vec2>& points, float width, const glm::vec4& color, bool closed) {
  const size_t segments = closed ? points.size() : points.size() - std::min<size_t>(points.size(), 1);
  for (size_t i = 0; i < segments; ++i) line(points[i], points[(i + 1) % points.size()], width, color);
  // Round joints keep corners closed without the spikes of mitres.
  if (width > 1.5f)
    for (const glm::vec2& p : points) disc(p, width * 0.5f, color);
}

void TextRenderer::rectangle(glm::vec2 topLeft, glm::vec2 size, const glm::vec4& color) {
  quad(topLeft, topLeft + size, glm::vec2(-1.0f), glm::vec2(-1.0f), color);
}

void TextRenderer::text(const std::string& text, glm::vec2 topLeft, const glm::vec4& color) {
  // Whole pixels keep glyphs sharp.
  glm::vec2 pen(std::round(topLeft.x), std::round(topLeft.y + ascent_));
  for (size_t i = 0; i < text.size();) {
    const Glyph& g = glyphFor(nextCodepoint(text, i));
    if (g.size.x > 0.0f) {
      glm::vec2 a(pen.x + g.bearing.x, pen.y - g.bearing.y);
      quad(a, a + g.size, g.uvMin, g.uvMax, color);
    }
    pen.x += g.advance;
  }
}

void TextRenderer::flush(int width, int height) {
  if (vertices_.empty()) return;
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  program_->use();
  program_->set("u_viewport", glm::vec2(static_cast<float>(width), static_cast<float>(height)));
  program_->set("u_atlas", 0);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, atlas_);
  glBindVertexArray(vertexArray_);
  glBindBuffer(GL_ARRAY_BUFFER, vertexBuffer_);
  glBufferData(GL_ARRAY_BUFFER, vertices_.size() * sizeof(Vertex), vertices_.data(), GL_STREAM_DRAW);
  glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices_.size()));
  glBindVertexArray(0);
  glDisable(GL_BLEND);
  vertices_.clear();
}

}  // namespace mesomap::render
