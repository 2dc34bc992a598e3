#include "app/section_inset.h"

#include <cstdint>

#include <glad/gl.h>
#include <imgui.h>

#include "render/framebuffer.h"
#include "render/skin_section_figure.h"

namespace mesomap::app {

namespace {

bool sameRange(const ValueRange& a, const ValueRange& b) { return a.min == b.min && a.max == b.max; }

// Everything the figure draws; the layer list follows from the column and the depths.
bool sameFigure(const SkinSection& a, const SkinSection& b) {
  return a.scenarioTitle == b.scenarioTitle && a.pointId == b.pointId && a.technique == b.technique &&
         a.needleText == b.needleText && a.region == b.region && a.column.epidermisMm == b.column.epidermisMm &&
         a.column.dermisMm == b.column.dermisMm && a.column.fatMm == b.column.fatMm && a.column.below == b.column.below &&
         a.angleDeg == b.angleDeg && a.insertedMm == b.insertedMm && a.curvedTipDepthMm == b.curvedTipDepthMm &&
         sameRange(a.targetDepthMm, b.targetDepthMm) && a.targetFrom == b.targetFrom &&
         a.targetLayer == b.targetLayer && a.targetTechnique == b.targetTechnique && a.targetPointId == b.targetPointId;
}

}  // namespace

SectionInset::SectionInset() = default;
SectionInset::~SectionInset() = default;

void SectionInset::draw(const SkinSection& section, float width, float height) {
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const int w = static_cast<int>(width * scale.x), h = static_cast<int>(height * scale.y);
  if (w <= 0 || h <= 0) return;
  if (!figure_) {
    figure_ = std::make_unique<render::SkinSectionFigure>();
    target_ = std::make_unique<render::Framebuffer>();
  }
  if (!drawn_ || !sameFigure(*drawn_, section) || w != drawnWidth_ || h != drawnHeight_) {
    // Drawn while the UI is built, before ImGui renders: the figure leaves the window's
    // framebuffer bound and the scissor off, and ImGui sets the rest of its state itself.
    target_->resize(w, h, 4);
    target_->bindForDrawing();
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    figure_->draw(section, glm::vec2(0.0f), glm::vec2(static_cast<float>(w), static_cast<float>(h)), w, h,
                  render::SkinSectionFigure::kPaperSrgb, true);
    target_->resolve();
    drawn_ = section;
    drawnWidth_ = w;
    drawnHeight_ = h;
    ++redraws_;
  }
  // GL's rows run bottom-up: flip.
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(target_->texture())), ImVec2(width, height),
               ImVec2(0.0f, 1.0f), ImVec2(1.0f, 0.0f));
}

}  // namespace mesomap::app
