#pragma once
// Draws a SkinSection (core/skin_section.h) as a textbook figure: flat pastel layers under thin
// dark lines, the needle to scale at its true angle, its tip and depth, the target window, a
// millimetre ruler, the layers named with their thickness, a title and a caption with sources.
// One component for the CLI's `render --section` picture and the app's practice inset: it
// draws into any rectangle of the bound framebuffer.
#include <memory>
#include <optional>

#include <glm/glm.hpp>

#include "core/base/image.h"
#include "core/view/skin_section.h"

namespace mesomap::render {

class Framebuffer;
class TextRenderer;

class SkinSectionFigure {
 public:
  static constexpr glm::vec3 kPaperSrgb{0.992f, 0.988f, 0.980f};

  // Needs a current GL context.
  SkinSectionFigure();
  ~SkinSectionFigure();

  // Draws into `topLeft`/`size` (pixels, top-left origin) of the bound framebuffer, whose
  // viewport is viewportWidth x viewportHeight. With `paperSrgb` the rectangle is filled first;
  // without, what is there shows through (transparent pictures, an inset over the scene).
  // `compact` is for a small inset beside other text (the app's needle panel): larger type for
  // the size, a short title, no sources in the caption.
  void draw(const SkinSection& section, glm::vec2 topLeft, glm::vec2 size, int viewportWidth, int viewportHeight,
            const std::optional<glm::vec3>& paperSrgb, bool compact = false);

  // The figure alone as a picture (transparent where `paperSrgb` is empty).
  Image renderImage(const SkinSection& section, int width, int height, int samples,
                    const std::optional<glm::vec3>& paperSrgb);

 private:
  void useFontsFor(glm::vec2 size, bool compact);
  std::unique_ptr<TextRenderer> text_, title_, small_;
  float unit_ = 0.0f;  // body text size in pixels, set by the area
  std::unique_ptr<Framebuffer> target_;
};

}  // namespace mesomap::render
