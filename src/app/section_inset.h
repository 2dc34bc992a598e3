#pragma once
// The skin cross-section under the selected needle, as an image in the needle panel: drawn by
// the same SkinSectionFigure as `mesomap render --section` into a small offscreen target, and
// redrawn only when what it shows changes (a slider moving, another point), not every frame.
#include <memory>
#include <optional>

#include "core/view/skin_section.h"

namespace mesomap::render {
class Framebuffer;
class SkinSectionFigure;
}  // namespace mesomap::render

namespace mesomap::app {

class SectionInset {
 public:
  SectionInset();
  ~SectionInset();

  // An ImGui image of `section`, `width` x `height` points. Needs the window's GL context.
  void draw(const SkinSection& section, float width, float height);
  // How many times the figure was drawn (tests and the frame-time notes: not every frame).
  int redraws() const { return redraws_; }

 private:
  std::unique_ptr<render::SkinSectionFigure> figure_;  // made on first use (fonts, shaders)
  std::unique_ptr<render::Framebuffer> target_;
  std::optional<SkinSection> drawn_;
  int drawnWidth_ = 0, drawnHeight_ = 0;
  int redraws_ = 0;
};

}  // namespace mesomap::app
