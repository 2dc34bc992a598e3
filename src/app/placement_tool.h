#pragma once
// Placing needles on the skin: hover preview, click to place, click to select, drag a
// selected point along the skin, Delete, undo/redo; and the panel that edits each needle.
// Every change goes through the attempt document's commands.
#include <future>
#include <memory>
#include <optional>
#include <vector>

#include "app/key_queue.h"
#include "app/model/practice_model.h"
#include "app/section_inset.h"
#include "core/editing/attempt_document.h"
#include "core/body/body.h"
#include "core/geometry/bvh.h"
#include "core/geometry/camera.h"
#include "core/geometry/geodesic.h"
#include "core/body/needle.h"
#include "core/view/needle_presets.h"
#include "core/view/overlay.h"
#include "core/protocol/scenario.h"
#include "core/view/skin_section.h"

namespace mesomap::app {

class PlacementTool {
 public:
  // The attempt the tool edits, with its undo history and what its mode lets be seen; the
  // model outlives the tool's use of it.
  void attach(PracticeModel& model) { model_ = &model; }
  // A new body: forget the selection and hover (the model forgets the points).
  void setBody(std::shared_ptr<const Body> body);

  // Along-the-skin distance from the selected point to the skin under the cursor, once the
  // solver is ready; with the straight-line distance for comparison.
  struct Spacing {
    uint32_t from;
    float alongSkin, straight;
  };
  std::optional<Spacing> hoverSpacing() const;

  // Mouse and keys for this frame. Returns true when the left button belongs to the tool
  // (a point is being dragged), so the camera must not orbit.
  bool handleInput(const OrbitCamera& camera, float viewWidth, float viewHeight, const std::vector<KeyPress>& keys);

  // Draws the "Points" panel; edits go through commands.
  void drawPanel();

  // Changes whenever the overlay should be rebuilt (both counters only grow: the sum never
  // comes back to a value it had).
  uint64_t revision() const { return document().revision() + uiRevision_; }
  Overlay overlay() const;

  const AttemptDocument& document() const { return model_->document(); }
  // The needle a new point gets (the practice session sets the scenario's main technique).
  void setNextNeedle(const NeedleSettings& needle) { nextNeedle_ = needle; }
  void select(std::optional<uint32_t> id);
  std::optional<uint32_t> selected() const { return selected_; }

  // The skin section under the selected needle (what the panel's inset draws), if one is selected.
  std::optional<SkinSection> selectedSection() const;

  // The skin under the cursor, if any (for the status bar).
  const std::optional<NeedlePlacement>& hoverNeedle() const { return hoverNeedle_; }

 private:
  struct SkinHit {
    SurfaceFrame frame;
  };
  std::optional<SkinHit> pickSkin(const OrbitCamera& camera, float x, float y, float w, float h) const;
  std::optional<uint32_t> pointUnderCursor(const OrbitCamera& camera, float x, float y, float w, float h) const;
  NeedlePlacement needleFor(const glm::vec3& position, const glm::vec3& normal, const NeedleSettings& s) const;
  void run(std::unique_ptr<AttemptCommand> command);

  std::shared_ptr<const Body> body_;
  // The region, its layers and the layer the needle's tip is in.
  struct TipTissue {
    TissueColumn column;
    std::optional<LayerAtDepth> layer;
  };
  TipTissue tipTissue(const PlacedPoint& point, const NeedlePlacement& needle) const;
  PracticeModel* model_ = nullptr;
  AttemptHistory& history() { return model_->history(); }
  std::optional<uint32_t> selected_;
  std::optional<uint32_t> dragging_;
  NeedleSettings nextNeedle_;  // what the next placed point gets
  std::optional<NeedlePlacement> hoverNeedle_;
  uint64_t uiRevision_ = 0;  // selection and hover changes
  SectionInset inset_;
  std::optional<uint32_t> listShows_;  // the selected point the list last scrolled to
  NeedlePreset startingNeedle(Technique technique) const;
  void drawPointList();
  void drawNeedleEditor(const PlacedPoint* point);
  void drawSelectedPoint(const PlacedPoint& point);
  void drawUndoRedo();
  void drawSection(const SkinSection& section);
};

}  // namespace mesomap::app
