#include "app/scenario_builder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "core/base/error.h"
#include "core/base/safe_write.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_geometry.h"
#include "core/protocol/slicer_markups.h"
#include "core/scoring/scenario_validation.h"
#include "core/scoring/scoring.h"
#include "core/view/scenario_overlay.h"
#include "core/view/scenario_zones.h"

namespace mesomap::app {

namespace {

constexpr float kPickRadiusPixels = 12.0f;
const glm::vec3 kSelectedColor{0.95f, 0.45f, 0.10f};
const glm::vec3 kBrushPaintColor{0.05f, 0.55f, 0.55f};
const glm::vec3 kBrushEraseColor{0.85f, 0.35f, 0.15f};

// New point ids as the library writes them: S for IDS, P for IDP, E for IED, N for NAP.
constexpr char kPointIdLetter[] = {'E', 'S', 'P', 'N'};

double roundTenth(double v) { return std::round(v * 10.0) / 10.0; }

}  // namespace

ScenarioBuilder::ScenarioBuilder(const std::filesystem::path& libraryDirectory, std::vector<LibraryEntry> library,
                                 const std::filesystem::path& dataDirectory)
    : model_(libraryDirectory, std::move(library), dataDirectory) {}

glm::dvec3 ScenarioBuilder::toFileMm(const glm::vec3& metres) {
  const glm::dvec3 mm = glm::dvec3(metres) * 1000.0;
  return {roundTenth(mm.x), roundTenth(mm.y), roundTenth(mm.z)};
}

void ScenarioBuilder::setBody(std::shared_ptr<const Body> body) { model_.setBody(std::move(body)); }

void ScenarioBuilder::execute(std::unique_ptr<ScenarioCommand> command) { model_.execute(std::move(command)); }

// A replaced document: what was selected or being placed belonged to the old one.
void ScenarioBuilder::forgetSelection() {
  selection_ = {};
  selectedPoints_.clear();
  tool_ = Tool::Select;
  frameRequest_ = !scenario().points.empty() || !scenario().zones.empty();
  ++uiRevision_;
}

void ScenarioBuilder::whenSaved(std::function<void()> action) {
  if (!dirty()) {
    action();
    return;
  }
  afterSave_ = std::move(action);
  unsavedPromptOpen_ = true;
}

void ScenarioBuilder::newScenario() {
  whenSaved([this] {
    model_.newScenario();
    forgetSelection();
  });
}

void ScenarioBuilder::duplicate(const Scenario& source) {
  whenSaved([this, source] {
    model_.duplicate(source);
    forgetSelection();
  });
}

void ScenarioBuilder::openFile(const std::filesystem::path& path) {
  whenSaved([this, path] {
    if (model_.openFile(path)) forgetSelection();
  });
}

bool ScenarioBuilder::save() {
  if (model_.path().empty()) {
    openSaveAs();
    return false;
  }
  return saveTo(model_.path());
}

void ScenarioBuilder::openSaveAs() {
  saveAsPath_ = model_.suggestedSavePath().string();
  saveAsProblem_.clear();
  saveAsOpen_ = true;
}

bool ScenarioBuilder::saveTo(const std::filesystem::path& path) {
  if (!model_.saveTo(path)) {
    saveAsProblem_ = model_.message();
    return false;
  }
  if (afterSave_) std::exchange(afterSave_, nullptr)();
  return true;
}

void ScenarioBuilder::exportMarkups() { model_.exportMarkups(); }

bool ScenarioBuilder::mayClose() {
  if (!dirty() || quitConfirmed_) return true;
  whenSaved([this] { quitConfirmed_ = true; });
  return false;
}

void ScenarioBuilder::offerRecovery() {
  recoverable_ = model_.recoverable();
  recoveryOpen_ = recoverable_.has_value();
}

// ---------------------------------------------------------------------------------------------
// Selection and picking

void ScenarioBuilder::select(Kind kind, size_t index, bool add) {
  if (kind == Kind::Point) {
    if (!add) selectedPoints_.clear();
    if (add && selectedPoints_.count(index)) {
      selectedPoints_.erase(index);
    } else {
      selectedPoints_.insert(index);
    }
  } else {
    selectedPoints_.clear();
  }
  selection_ = {kind, index};
  ++uiRevision_;
}

void ScenarioBuilder::selectProblem(const Problem& problem) {
  // The problem says what it is about by index (the reader, the geometry checks and the
  // reference map's own attempt fill it in); the tab follows from its kind or its path.
  const Scenario& s = scenario();
  if (problem.subject) {
    const size_t index = problem.subject->index;
    const Kind kind = problem.subject->kind == SubjectKind::Landmark ? Kind::Landmark
                      : problem.subject->kind == SubjectKind::Point  ? Kind::Point
                                                                     : Kind::Zone;
    const size_t count = kind == Kind::Landmark ? s.landmarks.size()
                         : kind == Kind::Point  ? s.points.size()
                                                : s.zones.size();
    if (index < count) {
      select(kind, index);
      tab_ = kind == Kind::Landmark ? kLandmarksTab : kind == Kind::Point ? kPointsTab : kZonesTab;
    }
  } else if (problem.path.starts_with("pattern") || problem.path.starts_with("scoring") ||
             problem.path.starts_with("critical_rules")) {
    tab_ = kRulesTab;
  } else {
    tab_ = kDetailsTab;
  }
  model_.refreshResolved();
  for (const Resolved& r : model_.resolved())
    if (r.kind == selection_.kind && r.index == selection_.index) focus_ = r.position;
}

std::optional<SurfaceFrame> ScenarioBuilder::pickSkin(const OrbitCamera& camera, float x, float y, float w,
                                                      float h) const {
  if (!model_.body()) return std::nullopt;
  const auto hit = model_.body()->pickSkin(camera.rayThroughPixel(x, y, int(w), int(h)));
  if (!hit) return std::nullopt;
  return hit->frame;
}

std::optional<ScenarioBuilder::Resolved> ScenarioBuilder::itemUnderCursor(const OrbitCamera& camera, float x, float y,
                                                                          float w, float h) const {
  const glm::mat4 viewProjection = camera.projection(w / h) * camera.view();
  std::optional<Resolved> best;
  float bestDistance = kPickRadiusPixels;
  for (const Resolved& r : model_.resolved()) {
    const glm::vec4 clip = viewProjection * glm::vec4(r.position, 1.0f);
    if (clip.w <= 0.0f) continue;
    const glm::vec2 screen((clip.x / clip.w * 0.5f + 0.5f) * w, (0.5f - clip.y / clip.w * 0.5f) * h);
    const float d = glm::length(screen - glm::vec2(x, y));
    if (d >= bestDistance || hiddenFrom(model_.body()->skin(), camera.eye(), r.position)) continue;
    best = r;
    bestDistance = d;
  }
  return best;
}

void ScenarioBuilder::clickSkin(const SurfaceFrame& at) {
  const Scenario& s = scenario();
  const glm::dvec3 mm = toFileMm(at.position);
  switch (tool_) {
    case Tool::AddLandmark: {
      const std::string id = unusedScenarioId(s, "landmark" + std::to_string(s.landmarks.size() + 1));
      execute(addLandmarkCommand({id, "New landmark", mm}));
      model_.history().endGesture();
      select(Kind::Landmark, scenario().landmarks.size() - 1);
      tool_ = Tool::Select;
      model_.setMessage("Landmark " + id + " placed: name it in the Landmarks tab.");
      break;
    }
    case Tool::MoveLandmark:
      if (selection_.kind == Kind::Landmark && selection_.index < s.landmarks.size()) {
        execute(moveLandmarkCommand(selection_.index, mm));
        model_.history().endGesture();
      }
      tool_ = Tool::Select;
      break;
    case Tool::AddPoint: {
      const std::string id = unusedScenarioId(
          s, std::string(1, kPointIdLetter[int(newPointTechnique_)]) + std::to_string(s.points.size() + 1));
      SurfacePlacement placement{mm, "", 0, 0};
      if (!anchorLandmark_.empty())
        if (auto relative = placementFromLandmark(s, anchorLandmark_, mm, model_.body()->skin())) placement = *relative;
      execute(addPointCommand(referencePointFor(newPointTechnique_, id, placement)));
      model_.history().endGesture();
      select(Kind::Point, scenario().points.size() - 1);
      tab_ = kPointsTab;
      break;
    }
    default: break;
  }
}

void ScenarioBuilder::paintAt(const SurfaceFrame& at, bool strokeStart) {
  const Scenario& s = scenario();
  if (strokeStart) ++stroke_;
  const glm::dvec3 mm = toFileMm(at.position);
  const bool erase = tool_ == Tool::Erase;
  const bool zoneSelected = selection_.kind == Kind::Zone && selection_.index < s.zones.size();
  if (!zoneSelected) {
    if (erase || !strokeStart) {
      model_.setMessage("Select a zone to erase from.");
      return;
    }
    // Painting with no zone selected starts one: its first dab is its disc.
    Zone zone;
    zone.kind = newZoneKind_;
    zone.id = unusedScenarioId(s, newZoneKind_ == ZoneKind::Target ? "target" : "no_go");
    zone.name = newZoneKind_ == ZoneKind::Target ? "Target zone" : "No-go zone";
    // No placeholder reason: validation asks for one until the author writes it.
    zone.centre = {mm, "", 0, 0};
    zone.radiusMm = std::round(brushRadiusMm_);
    execute(editScenarioCommand(
        "Paint new zone", [zone](Scenario& sc) { sc.zones.push_back(zone); }, "stroke-" + std::to_string(stroke_)));
    select(Kind::Zone, scenario().zones.size() - 1);
    tab_ = kZonesTab;
  } else {
    execute(paintZoneCommand(selection_.index, {mm, std::round(brushRadiusMm_), erase}, stroke_));
  }
  lastDab_ = at.position;
}

bool ScenarioBuilder::handleInput(const OrbitCamera& camera, float w, float h, const std::vector<KeyPress>& keys) {
  ImGuiIO& io = ImGui::GetIO();
  if (!model_.body() || w <= 0.0f || h <= 0.0f) return false;
  model_.refreshResolved();
  if (!io.WantCaptureKeyboard) handleKeys(keys);

  const bool mouseFree = !io.WantCaptureMouse && ImGui::IsMousePosValid();
  const float x = io.MousePos.x, y = io.MousePos.y;
  const std::optional<SurfaceFrame> under = mouseFree ? pickSkin(camera, x, y, w, h) : std::nullopt;
  const bool hoverMoved =
      under.has_value() != hover_.has_value() || (under && glm::length(under->position - hover_->position) > 1e-4f);
  hover_ = under;
  if (hoverMoved && (tool_ != Tool::Select)) ++uiRevision_;  // the brush ring / preview follows

  if (tool_ == Tool::Paint || tool_ == Tool::Erase) return handlePaintMouse(under, mouseFree);
  if (tool_ == Tool::Select) return handleSelectMouse(camera, under, mouseFree, w, h);
  // Placing tools: a click (press and release without moving) on the skin.
  if (mouseFree && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !io.KeyShift &&
      io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 9.0f && under) {
    clickSkin(*under);
  }
  return false;
}

// Tools, undo/redo, save, brush size and Delete from the key queue.
void ScenarioBuilder::handleKeys(const std::vector<KeyPress>& keys) {
  for (const KeyPress& k : keys) {
    if (k.repeat) continue;
    const bool ctrl = k.has(GLFW_MOD_CONTROL), shift = k.has(GLFW_MOD_SHIFT);
    if (ctrl && k.key == GLFW_KEY_Z && !shift) model_.history().undo(model_.document());
    if ((ctrl && k.key == GLFW_KEY_Z && shift) || (ctrl && k.key == GLFW_KEY_Y))
      model_.history().redo(model_.document());
    if (ctrl && k.key == GLFW_KEY_S) shift ? openSaveAs() : (void)save();
    if (ctrl) continue;
    if (k.key == GLFW_KEY_ESCAPE) {
      if (tool_ != Tool::Select) {
        tool_ = Tool::Select;
      } else {
        selection_ = {};
        selectedPoints_.clear();
      }
      ++uiRevision_;
    }
    if (k.key == GLFW_KEY_V) tool_ = Tool::Select;
    if (k.key == GLFW_KEY_P) tool_ = Tool::AddPoint;
    if (k.key == GLFW_KEY_L) tool_ = Tool::AddLandmark;
    if (k.key == GLFW_KEY_B) tool_ = Tool::Paint;
    if (k.key == GLFW_KEY_E) tool_ = Tool::Erase;
    // The format's whole range (1-200 mm) in steps that feel even at every size.
    if (k.key == GLFW_KEY_LEFT_BRACKET)
      brushRadiusMm_ = std::max(float(kMinBrushRadiusMm), std::floor(brushRadiusMm_ / 1.25f));
    if (k.key == GLFW_KEY_RIGHT_BRACKET)
      brushRadiusMm_ = std::min(float(kMaxBrushRadiusMm), std::ceil(brushRadiusMm_ * 1.25f));
    if (k.key == GLFW_KEY_DELETE || k.key == GLFW_KEY_BACKSPACE) {
      if (selection_.kind == Kind::Point && !selectedPoints_.empty())
        execute(removePointsCommand({selectedPoints_.begin(), selectedPoints_.end()}));
      if (selection_.kind == Kind::Landmark) execute(removeLandmarkCommand(selection_.index));
      if (selection_.kind == Kind::Zone) execute(removeZoneCommand(selection_.index));
      model_.history().endGesture();
      selection_ = {};
      selectedPoints_.clear();
    }
  }
}

// Painting: a dab on press, then one each time the cursor has moved a third of the radius.
bool ScenarioBuilder::handlePaintMouse(const std::optional<SurfaceFrame>& under, bool mouseFree) {
  const ImGuiIO& io = ImGui::GetIO();
  if (mouseFree && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !io.KeyShift && under) {
    painting_ = true;
    paintAt(*under, true);
    return true;
  }
  if (painting_) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      if (under && (!lastDab_ || glm::length(under->position - *lastDab_) * 1000.0f > brushRadiusMm_ / 3.0f))
        paintAt(*under, false);
      return true;
    }
    painting_ = false;
    lastDab_.reset();
    model_.history().endGesture();
    return true;
  }
  return false;
}

// Selecting: a click picks the item under the cursor (Ctrl adds points); a drag moves it.
bool ScenarioBuilder::handleSelectMouse(const OrbitCamera& camera, const std::optional<SurfaceFrame>& under,
                                        bool mouseFree, float w, float h) {
  const ImGuiIO& io = ImGui::GetIO();
  const float x = io.MousePos.x, y = io.MousePos.y;
  if (mouseFree && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !io.KeyShift) {
    if (auto item = itemUnderCursor(camera, x, y, w, h)) {
      select(item->kind, item->index, io.KeyCtrl);
      tab_ = item->kind == Kind::Landmark ? kLandmarksTab : item->kind == Kind::Point ? kPointsTab : kZonesTab;
      dragging_ = item;
    }
  }
  if (dragging_) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f) && under) {
        const Scenario& s = scenario();
        const glm::dvec3 mm = toFileMm(under->position);
        const size_t i = dragging_->index;
        // A point or zone placed from a landmark keeps its landmark: the drag changes the offsets.
        auto moved = [&](const SurfacePlacement& old) -> SurfacePlacement {
          if (old.positionMm) return {mm, "", 0, 0};
          return placementFromLandmark(s, old.landmark, mm, model_.body()->skin()).value_or(old);
        };
        if (dragging_->kind == Kind::Landmark && i < s.landmarks.size()) execute(moveLandmarkCommand(i, mm));
        if (dragging_->kind == Kind::Point && i < s.points.size()) {
          ReferencePoint p = s.points[i];
          p.placement = moved(p.placement);
          execute(setPointCommand(i, p));
        }
        if (dragging_->kind == Kind::Zone && i < s.zones.size()) {
          Zone z = s.zones[i];
          z.centre = moved(z.centre);
          execute(setZoneCommand(i, z));
        }
      }
      return true;
    }
    dragging_.reset();
    model_.history().endGesture();
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Every frame

void ScenarioBuilder::update(bool bodyWork) {
  model_.update(bodyWork);
  if (!ImGui::IsAnyItemActive() && !painting_ && !dragging_) model_.history().endGesture();
}

// ---------------------------------------------------------------------------------------------
// What the 3D view shows

Overlay ScenarioBuilder::overlay() const {
  Overlay overlay;
  if (!model_.body()) return overlay;
  overlay = scenarioOverlay(scenario(), model_.body()->skin());
  // The selection: a ring of bright markers would hide the needle; one larger orange marker.
  for (const Resolved& r : model_.resolved()) {
    const bool selected = (r.kind == selection_.kind && r.index == selection_.index) ||
                          (r.kind == Kind::Point && selectedPoints_.count(r.index));
    if (selected && selection_.kind != Kind::None) overlay.markers.push_back({r.position, 0.0045f, kSelectedColor, ""});
  }
  if (hover_ && (tool_ == Tool::Paint || tool_ == Tool::Erase)) {
    // The brush outline on the skin's tangent plane, at its true radius.
    const glm::vec3 colour = tool_ == Tool::Paint ? kBrushPaintColor : kBrushEraseColor;
    const float r = brushRadiusMm_ * 1e-3f;
    const glm::vec3 lift = hover_->normal * 0.0015f;
    constexpr int kSegments = 32;
    for (int i = 0; i < kSegments; ++i) {
      auto at = [&](int k) {
        const float a = 2.0f * 3.14159265f * float(k) / kSegments;
        return hover_->position + lift + r * (std::cos(a) * hover_->cranial + std::sin(a) * hover_->medial);
      };
      overlay.links.push_back({at(i), at(i + 1), 0.0005f, colour});
    }
  } else if (hover_ && (tool_ == Tool::AddPoint || tool_ == Tool::AddLandmark || tool_ == Tool::MoveLandmark)) {
    overlay.markers.push_back({hover_->position, 0.003f, kSelectedColor, ""});
  }
  return overlay;
}

}  // namespace mesomap::app
