#include "app/placement_tool.h"
#include "app/ui_scale.h"

#include <chrono>
#include <cmath>
#include <limits>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/widgets.h"
#include "core/geometry/screen_pick.h"
#include "core/protocol/needle_spec.h"
#include "core/view/skin_section.h"

namespace mesomap::app {

namespace {

constexpr float kPickRadiusPixels = 10.0f;
const glm::vec3 kPointColor{0.10f, 0.55f, 0.60f};
const glm::vec3 kSelectedColor{0.95f, 0.45f, 0.10f};
const glm::vec3 kPreviewColor{0.55f, 0.78f, 0.80f};
const glm::vec3 kHubColor27G{0.62f, 0.62f, 0.65f};   // grey hub: 27G
const glm::vec3 kHubColor30G{0.95f, 0.80f, 0.15f};   // yellow hub: 30G

float needleLengthMm(const std::string& needle) { return static_cast<float>(mesomap::needleLengthMm(needle)); }

// Azimuth in words, for the panel.
const char* directionName(float azimuth) {
  static const char* names[] = {"cranial", "cranio-medial", "medial", "caudo-medial",
                                "caudal",  "caudo-lateral", "lateral", "cranio-lateral"};
  int octant = static_cast<int>(std::floor(std::fmod(azimuth + 22.5f + 360.0f, 360.0f) / 45.0f)) % 8;
  return names[octant];
}

}  // namespace

void PlacementTool::setBody(std::shared_ptr<const Body> body) {
  body_ = std::move(body);
  selected_.reset();
  dragging_.reset();
  hoverNeedle_.reset();
  ++uiRevision_;
}

PlacementTool::TipTissue PlacementTool::tipTissue(const PlacedPoint& point, const NeedlePlacement& needle) const {
  // The flat-skin depth, the figure scoring and the section judge (depth_target.h), so the
  // panel's words and the section never disagree.
  TipTissue t{body_->columnAt(point.position, point.normal), std::nullopt};
  t.layer = layerAt(t.column, needle.perpendicularDepth * 1000.0);
  return t;
}


std::optional<PlacementTool::Spacing> PlacementTool::hoverSpacing() const {
  const GeodesicSolver* solver = body_ ? body_->geodesicsIfReady() : nullptr;
  const PlacedPoint* from = selected_ ? document().find(*selected_) : nullptr;
  if (!solver || !from || !hoverNeedle_ || !body_) return std::nullopt;
  auto a = body_->skin().closestPoint(from->position, PartFilter::Skin);
  auto b = body_->skin().closestPoint(hoverNeedle_->entry, PartFilter::Skin);
  if (!a || !b) return std::nullopt;
  auto d = solver->distance(GeodesicPoint::onTriangle(a->triangle, a->u, a->v),
                            GeodesicPoint::onTriangle(b->triangle, b->u, b->v));
  if (!d) return std::nullopt;
  return Spacing{from->id, *d, glm::length(hoverNeedle_->entry - from->position)};
}

void PlacementTool::run(std::unique_ptr<AttemptCommand> command) { history().execute(model_->document(), std::move(command)); }

void PlacementTool::select(std::optional<uint32_t> id) {
  if (id != selected_) {
    selected_ = id;
    ++uiRevision_;
  }
}

std::optional<PlacementTool::SkinHit> PlacementTool::pickSkin(const OrbitCamera& camera, float x, float y, float w,
                                                              float h) const {
  if (!body_) return std::nullopt;
  const auto hit = body_->pickSkin(camera.rayThroughPixel(x, y, static_cast<int>(w), static_cast<int>(h)));
  if (!hit) return std::nullopt;
  return SkinHit{hit->frame};
}

std::optional<uint32_t> PlacementTool::pointUnderCursor(const OrbitCamera& camera, float x, float y, float w,
                                                        float h) const {
  std::vector<glm::vec3> positions;
  for (const PlacedPoint& p : document().points()) positions.push_back(p.position);
  const auto nearest = nearestOnScreen(camera, positions, {x, y}, w, h, kPickRadiusPixels, body_->skin());
  if (!nearest) return std::nullopt;
  return document().points()[*nearest].id;
}

NeedlePlacement PlacementTool::needleFor(const glm::vec3& position, const glm::vec3& normal,
                                         const NeedleSettings& s) const {
  return placeNeedle(body_->skin(), surfaceFrame(position, normal), s.angles, s.insertedLength);
}

bool PlacementTool::handleInput(const OrbitCamera& camera, float w, float h, const std::vector<KeyPress>& keys) {
  ImGuiIO& io = ImGui::GetIO();
  if (!body_ || w <= 0.0f || h <= 0.0f) return false;
  const float x = io.MousePos.x, y = io.MousePos.y;

  if (!io.WantCaptureKeyboard) {
    for (const KeyPress& k : keys) {
      const bool ctrl = k.primary(), shift = k.has(GLFW_MOD_SHIFT);
      if (ctrl && k.key == GLFW_KEY_Z && !shift) history().undo(model_->document());
      if ((ctrl && k.key == GLFW_KEY_Z && shift) || (ctrl && k.key == GLFW_KEY_Y)) history().redo(model_->document());
      if (!ctrl && (k.key == GLFW_KEY_DELETE || k.key == GLFW_KEY_BACKSPACE) && selected_) {
        run(removePointCommand(*selected_));
        history().endGesture();
        select(std::nullopt);
      }
      if (k.key == GLFW_KEY_ESCAPE) select(std::nullopt);
    }
    if (selected_ && !document().find(*selected_)) select(std::nullopt);  // undone away
  }

  // Hover preview: where a click would put a needle, and how deep its tip would go.
  std::optional<NeedlePlacement> hover;
  const bool mouseFree = !io.WantCaptureMouse && ImGui::IsMousePosValid();
  std::optional<SkinHit> under = mouseFree ? pickSkin(camera, x, y, w, h) : std::nullopt;
  if (under && !dragging_) hover = needleFor(under->frame.position, under->frame.normal, nextNeedle_);
  if (hover.has_value() != hoverNeedle_.has_value() ||
      (hover && glm::length(hover->entry - hoverNeedle_->entry) > 1e-5f)) {
    ++uiRevision_;
  }
  hoverNeedle_ = hover;

  if (mouseFree && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !io.KeyShift) {
    if (auto id = pointUnderCursor(camera, x, y, w, h)) {
      select(id);
      dragging_ = id;  // press on a point: a drag moves it along the skin
    }
  }
  if (dragging_) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f) && under) {
        run(movePointCommand(*dragging_, under->frame.position, under->frame.normal));
      }
      return true;
    }
    dragging_.reset();
    history().endGesture();
    return true;
  }
  // A click (press and release without moving) on free skin places a point.
  if (mouseFree && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !io.KeyShift &&
      io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 9.0f && under) {
    run(addPointCommand(under->frame.position, under->frame.normal, nextNeedle_));
    history().endGesture();
    select(document().points().back().id);
  }
  return false;
}

Overlay PlacementTool::overlay() const {
  Overlay overlay;
  auto addNeedle = [&](const NeedlePlacement& n, const NeedleSettings& s, const glm::vec3& markerColor,
                       float markerRadius) {
    overlay.markers.push_back({n.entry, markerRadius, markerColor, ""});
    NeedleGlyph glyph;
    glyph.entry = n.entry;
    glyph.direction = n.direction;
    glyph.insertedLength = n.length;
    glyph.exposedLength = std::max(0.002f, needleLengthMm(s.needle) * 0.001f - n.length) + 0.004f;
    glyph.colorSrgb = parseNeedleSpec(s.needle).gauge == 30 ? kHubColor30G : kHubColor27G;
    overlay.needles.push_back(glyph);
  };
  for (const PlacedPoint& p : document().points()) {
    const bool isSelected = selected_ && *selected_ == p.id;
    addNeedle(needleFor(p.position, p.normal, p.needle), p.needle, isSelected ? kSelectedColor : kPointColor,
              isSelected ? 0.0019f : 0.0015f);  // small: the shaft under the skin shows beside it
  }
  if (hoverNeedle_) addNeedle(*hoverNeedle_, nextNeedle_, kPreviewColor, 0.0013f);
  return overlay;
}

NeedlePreset PlacementTool::startingNeedle(Technique technique) const {
  return model_->preset(technique);
}

std::optional<SkinSection> PlacementTool::selectedSection() const {
  const PlacedPoint* point = selected_ ? document().find(*selected_) : nullptr;
  if (!point || !body_) return std::nullopt;
  const ReferencePoint* reference = model_->referenceFor(*point);
  return placedSkinSection(*point, body_->skin(), body_->regions(), reference, "");
}

void PlacementTool::drawSection(const SkinSection& section) {
  // The skin under the needle to scale: its layers, the needle, the tip and its window. Built
  // every frame (a column look-up and one needle placement), drawn again only when it changed.
  // Scoring judges the flat-skin depth, as the figure draws it.
  // The verdict is judgeDepth's, the one scoring gives.
  if (section.judged.critical) {
    ImGui::TextColored(ImVec4(0.80f, 0.10f, 0.10f, 1.0f), "Critical: the tip (%.2f mm) is %s; %s stays in the %s",
                       section.tipDepthMm, criticalDepthText(section.judged).c_str(),
                       presetFor(section.targetTechnique).code, section.target.layers.c_str());
  } else if (section.judged.verdict != DepthVerdict::Correct) {
    ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.05f, 1.0f), "The tip (%.2f mm) is %s the target %.2f-%.2f mm (%s)",
                       section.tipDepthMm, section.judged.verdict == DepthVerdict::TooShallow ? "above" : "below",
                       section.targetDepthMm.min, section.targetDepthMm.max,
                       section.targetPointId.empty() ? presetFor(section.targetTechnique).code
                                                     : section.targetPointId.c_str());
  }
  const float width = ImGui::GetFontSize() * 26.0f;
  inset_.draw(section, width, width * 0.66f);
  if (ImGui::IsItemHovered()) {
    const std::string shaded =
        !section.targetPointId.empty()
            ? "Shaded: the depth window of reference point " + section.targetPointId +
                        (section.targetFrom == "target layer" ? " (its target layer here)." : ".") +
                  " It is the point this needle was matched to, or the nearest one of its technique."
            : "Shaded: the " + std::string(presetFor(section.targetTechnique).code) + " band on this skin (" +
                  section.target.layers + ").";
    ImGui::SetTooltip("%s\nLayers: %s", shaded.c_str(), section.column.source.c_str());
  }
}

void PlacementTool::drawPanel() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - scaled(12.0f), viewport->Pos.y + scaled(40.0f)),
                          ImGuiCond_FirstUseEver, ImVec2(1.0f, 0.0f));
  if (!ImGui::Begin("Points", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  ImGui::PushItemWidth(ImGui::GetFontSize() * 12.0f);
  ImGui::TextDisabled("Click the skin to place a needle; drag a point to move it.");
  ImGui::TextDisabled("Del deletes, Ctrl+Z undoes, Ctrl+Shift+Z redoes.");
  ImGui::Separator();
  drawPointList();
  ImGui::Separator();
  const PlacedPoint* point = selected_ ? document().find(*selected_) : nullptr;
  drawNeedleEditor(point);
  point = selected_ ? document().find(*selected_) : nullptr;  // the edit may have replaced it
  if (point) drawSelectedPoint(*point);
  drawUndoRedo();
  ImGui::PopItemWidth();
  ImGui::End();
}

// The placed points, one row each; at most seven rows before the list scrolls, so the needle
// settings and the skin section below stay on screen.
void PlacementTool::drawPointList() {
  const float panelWidth = ImGui::GetFontSize() * 26.0f;
  const float rowHeight = ImGui::GetTextLineHeight() + 2.0f * ImGui::GetStyle().CellPadding.y;
  const float listHeight = rowHeight * static_cast<float>(std::min<size_t>(document().points().size(), 7)) + 2.0f;
  if (!document().points().empty() &&
      ImGui::BeginTable("points", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY,
                        ImVec2(panelWidth, listHeight))) {
    for (const PlacedPoint& p : document().points()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      char label[32];
      std::snprintf(label, sizeof label, "Point %u", p.id);
      const bool isSelected = selected_ && *selected_ == p.id;
      if (ImGui::Selectable(label, isSelected, ImGuiSelectableFlags_SpanAllColumns)) select(p.id);
      if (isSelected && listShows_ != selected_) {  // chosen on the body: bring its row into view
        ImGui::SetScrollHereY(0.5f);
        listShows_ = selected_;
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(presetFor(p.needle.technique).code);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f deg", p.needle.angles.angleDegrees);
      const NeedlePlacement n = needleFor(p.position, p.normal, p.needle);
      ImGui::TableNextColumn();
      ImGui::Text("%.1f mm", n.perpendicularDepth * 1000.0f);
      ImGui::TableNextColumn();
      const TipTissue tissue = tipTissue(p, n);
      ImGui::TextDisabled("%s", tissue.layer ? layerName(tissue.layer->layer) : "above the skin");
    }
    ImGui::EndTable();
  }
  if (document().points().empty()) ImGui::TextDisabled("No points yet.");
}

// The selected point's needle, or the next point's: technique with its preset, angles, length,
// volume, needle. Edits go through setNeedleCommand; a slider drag is one undo step.
void PlacementTool::drawNeedleEditor(const PlacedPoint* point) {
  NeedleSettings settings = point ? point->needle : nextNeedle_;
  if (point) ImGui::Text("Point %u", point->id);
  else ImGui::TextUnformatted("Next point");

  bool changed = false, released = false;
  auto track = [&](bool edited) {
    changed |= edited;
    released |= ImGui::IsItemDeactivatedAfterEdit();
  };
  int technique = static_cast<int>(settings.technique);
  const char* techniqueNames[4];
  for (size_t i = 0; i < kTechniquePresets.size(); ++i) techniqueNames[i] = kTechniquePresets[i].code;
  // A technique sets its typical angle, length and volume (the scenario's, where it has points
  // of that technique); the trainee refines from there. The azimuth stays: it is the point's.
  auto applyPreset = [&](Technique t) {
    const NeedlePreset preset = startingNeedle(t);
    settings.technique = t;
    settings.angles.angleDegrees = preset.needle.angles.angleDegrees;
    if (preset.fromPoints > 0) settings.needle = preset.needle.needle;
    settings.insertedLength = std::min(preset.needle.insertedLength, needleLengthMm(settings.needle) * 0.001f);
    settings.volumeMl = preset.needle.volumeMl;
    changed = released = true;
  };
  if (ImGui::Combo("technique", &technique, techniqueNames, 4)) applyPreset(static_cast<Technique>(technique));
  ImGui::SameLine();
  ImGui::TextDisabled("%s", presetFor(settings.technique).name);
  {
    const NeedlePreset preset = startingNeedle(settings.technique);
    if (ImGui::SmallButton("Preset")) applyPreset(settings.technique);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Set angle, inserted length and volume to the preset again");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", preset.source.c_str());
  }
  track(ImGui::SliderFloat("angle", &settings.angles.angleDegrees, 0.0f, 90.0f, "%.0f deg"));
  track(ImGui::SliderFloat("azimuth", &settings.angles.azimuthDegrees, 0.0f, 359.0f, "%.0f deg"));
  ImGui::SameLine();
  ImGui::TextDisabled("%s", directionName(settings.angles.azimuthDegrees));
  float insertedMm = settings.insertedLength * 1000.0f;
  track(ImGui::SliderFloat("inserted", &insertedMm, 0.0f, needleLengthMm(settings.needle), "%.1f mm"));
  settings.insertedLength = insertedMm * 0.001f;
  track(ImGui::SliderFloat("volume", &settings.volumeMl, 0.0f, 1.0f, "%.2f mL"));
  if (needleCombo("needle", settings.needle)) {
    settings.insertedLength = std::min(settings.insertedLength, needleLengthMm(settings.needle) * 0.001f);
    changed = released = true;
  }

  if (changed) {
    if (point) run(setNeedleCommand(point->id, settings));
    else nextNeedle_ = settings;
    ++uiRevision_;
  }
  if (released) history().endGesture();
}

// Where the selected needle's tip is, its skin section, and Delete.
void PlacementTool::drawSelectedPoint(const PlacedPoint& selected) {
  NeedlePlacement n = needleFor(selected.position, selected.normal, selected.needle);
  ImGui::Separator();
  ImGui::Text("Tip %.2f mm under the skin (on the curved skin %.2f mm)", n.perpendicularDepth * 1000.0f,
              n.tipDepth * 1000.0f);
  const TipTissue tissue = tipTissue(selected, n);
  if (tissue.layer) {
    ImGui::Text("In the %s, %.2f mm into it", layerName(tissue.layer->layer), tissue.layer->depthIntoLayerMm);
  }
  ImGui::TextDisabled("%s: epidermis %.2f, dermis %.2f, fat %.1f mm, then %s", toString(tissue.column.region),
                      tissue.column.epidermisMm, tissue.column.dermisMm, tissue.column.fatMm,
                      layerName(tissue.column.below));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tissue.column.source.c_str());
  if (const auto section = selectedSection()) drawSection(*section);
  if (n.exitsSkin()) {
    ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1.0f), "The shaft leaves the skin again %.1f mm from the entry",
                       n.crossing->distance * 1000.0f);
  }
  if (ImGui::Button("Delete point")) {
    run(removePointCommand(selected.id));
    history().endGesture();
    select(std::nullopt);
  }
}

void PlacementTool::drawUndoRedo() {
  ImGui::Separator();
  ImGui::BeginDisabled(!history().canUndo());
  if (ImGui::Button("Undo")) history().undo(model_->document());
  ImGui::EndDisabled();
  if (history().canUndo() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", history().undoLabel().c_str());
  ImGui::SameLine();
  ImGui::BeginDisabled(!history().canRedo());
  if (ImGui::Button("Redo")) history().redo(model_->document());
  ImGui::EndDisabled();
  if (history().canRedo() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", history().redoLabel().c_str());
}

}  // namespace mesomap::app
