#pragma once
// Placing needles on the skin: hover preview, click to place, click to select, drag a
// selected point along the skin, Delete, undo/redo; and the panel that edits each needle.
// Every change goes through the attempt document's commands.
#include <future>
#include <memory>
#include <optional>
#include <vector>

#include "app/key_queue.h"
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

// What the active scenario adds to the needle panel; the practice session provides it, and
// decides what its mode may show.
class PlacementGuide {
 public:
  virtual ~PlacementGuide() = default;
  // Where a technique's needle starts from: the scenario's windows, or the domain defaults.
  virtual NeedlePreset preset(Technique technique) const = 0;
  // The reference point a placed needle is judged against (the one the score matched it to,
  // else the nearest), whose depth window its skin section shades; nullptr where the mode hides
  // the reference.
  virtual const ReferencePoint* referenceFor(const PlacedPoint& point) const = 0;
};

class PlacementTool {
 public:
  // A new body: forget points and history (they belong to the old skin).
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
  uint64_t revision() const { return document_.revision() + uiRevision_; }
  Overlay overlay() const;

  const AttemptDocument& document() const { return document_; }
  // Runs a command as if the user had done it (restoring an autosave, scripted runs, clearing).
  void execute(std::unique_ptr<AttemptCommand> command) { run(std::move(command)); history_.endGesture(); }
  // The needle a new point gets (the practice session sets the scenario's main technique).
  void setNextNeedle(const NeedleSettings& needle) { nextNeedle_ = needle; }
  // nullptr: no scenario, the domain defaults and the technique's window.
  void setGuide(const PlacementGuide* guide) { guide_ = guide; }
  void select(std::optional<uint32_t> id);
  AttemptHistory& history() { return history_; }
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
  AttemptDocument document_;
  AttemptHistory history_;
  std::optional<uint32_t> selected_;
  std::optional<uint32_t> dragging_;
  NeedleSettings nextNeedle_;  // what the next placed point gets
  std::optional<NeedlePlacement> hoverNeedle_;
  uint64_t uiRevision_ = 0;  // selection and hover changes
  const PlacementGuide* guide_ = nullptr;
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
