// The scenario builder in the window: the model (app/model/builder_model.h), the panels that
// draw it (app/builder_panels.h), the 3D tools (pick, place, paint, drag) and the carrying out
// of what the panels and keys ask for.
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
#include "core/geometry/screen_pick.h"
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

}  // namespace

ScenarioBuilder::ScenarioBuilder(const std::filesystem::path& libraryDirectory, std::vector<LibraryEntry> library,
                                 const std::filesystem::path& dataDirectory)
    : model_(libraryDirectory, std::move(library), dataDirectory) {}

void ScenarioBuilder::setBody(std::shared_ptr<const Body> body) { model_.setBody(std::move(body)); }

void ScenarioBuilder::execute(std::unique_ptr<ScenarioCommand> command) { model_.execute(std::move(command)); }

// A replaced document: what was selected or being placed belonged to the old one.
void ScenarioBuilder::forgetSelection() {
  ui_.selection = {};
  ui_.selectedPoints.clear();
  ui_.tool = BuilderTool::Select;
  frameRequest_ = !scenario().points.empty() || !scenario().zones.empty();
  ++uiRevision_;
}

void ScenarioBuilder::whenSaved(std::function<void()> action) {
  if (!dirty()) {
    action();
    return;
  }
  afterSave_ = std::move(action);
  dialogs_.unsavedPromptOpen = true;
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
  dialogs_.saveAsPath = model_.suggestedSavePath().string();
  dialogs_.saveAsProblem.clear();
  if (findDialogHelper() != DialogHelper::None) {
    const std::filesystem::path suggested = dialogs_.saveAsPath;
    saveAsDialog_.openToSave(suggested.parent_path(), suggested.filename().string(), {".json"}, "Scenarios");
    return;
  }
  dialogs_.saveAsOpen = true;
}

// The desktop's Save as: a file that cannot be written is shown in the builder's own form, with
// the reason; cancelling it drops what the save was for (closing, say), as the form does.
void ScenarioBuilder::drawSaveAsDialog(std::string& notice, bool cancelPressed) {
  const bool wasOpen = saveAsDialog_.isOpen();
  if (auto chosen = saveAsDialog_.draw("Save scenario as", cancelPressed)) {
    dialogs_.saveAsPath = chosen->string();
    if (saveTo(*chosen))
      notice = model_.message();
    else
      dialogs_.saveAsOpen = true;
    return;
  }
  if (wasOpen && !saveAsDialog_.isOpen()) afterSave_ = nullptr;
}

bool ScenarioBuilder::saveTo(const std::filesystem::path& path) {
  if (!model_.saveTo(path)) {
    dialogs_.saveAsProblem = model_.message();
    return false;
  }
  if (afterSave_) std::exchange(afterSave_, nullptr)();
  return true;
}

// In the Save dialog, starting beside the scenario file with the name it had before there was one.
void ScenarioBuilder::exportMarkups() {
  const std::filesystem::path suggested = model_.defaultMarkupsPath();
  std::error_code ec;
  std::filesystem::create_directories(suggested.parent_path(), ec);  // <data>/scenarios on a first run
  markupsDialog_.openToSave(suggested.parent_path(), suggested.filename().string(), {".mrk.json", ".json"},
                            "3D Slicer markups");
}

bool ScenarioBuilder::mayClose() {
  if (!dirty() || quitConfirmed_) return true;
  whenSaved([this] { quitConfirmed_ = true; });
  return false;
}

void ScenarioBuilder::offerRecovery() {
  dialogs_.recoverable = model_.recoverable();
  dialogs_.recoveryOpen = dialogs_.recoverable.has_value();
}

// ---------------------------------------------------------------------------------------------
// The windows, and what they ask for

void ScenarioBuilder::draw(float top, std::string& notice) {
  (void)notice;
  for (const BuilderAction& action : drawBuilderWindow(model_, ui_, top)) apply(action);
  for (const BuilderAction& action : drawValidationWindow(model_)) apply(action);
}

void ScenarioBuilder::drawDialogs(std::string& notice, bool confirmPressed, bool cancelPressed) {
  if (auto chosen = openBrowser_.draw("Open scenario", cancelPressed)) openFile(*chosen);
  drawSaveAsDialog(notice, cancelPressed);
  if (auto chosen = markupsDialog_.draw("Export 3D Slicer markups", cancelPressed)) {
    model_.exportMarkups(*chosen);
    notice = model_.message();
  }
  for (const BuilderAction& action : drawBuilderDialogs(model_, dialogs_, confirmPressed, cancelPressed)) {
    apply(action);
    if (action.kind == BuilderAction::Kind::SaveTo && !dialogs_.saveAsOpen) notice = model_.message();
  }
}

void ScenarioBuilder::apply(const BuilderAction& action) {
  using K = BuilderAction::Kind;
  switch (action.kind) {
    case K::None: return;
    case K::New:
    case K::Open:
    case K::Save:
    case K::SaveAs:
    case K::TryIt:
    case K::ExportMarkups:
    case K::Undo:
    case K::Redo:
    case K::Duplicate: return applyFileAction(action);
    case K::SetTool:
    case K::SetBrushRadius:
    case K::SetNewZoneKind:
    case K::SetNewPointTechnique:
    case K::SetAnchor:
    case K::PaintNewZone:
    case K::TabShown:
    case K::Select:
    case K::SelectProblem:
    case K::ClearSelection: return applyChoice(action);
    case K::EditDetails:
    case K::EditLandmark:
    case K::EditPoint:
    case K::EditZone:
    case K::EditPattern:
    case K::EditScoring:
    case K::DeleteLandmark:
    case K::DeletePoints:
    case K::MirrorPoints:
    case K::DeleteZone:
    case K::MirrorZone: return applyEdit(action);
    case K::SaveTo:
    case K::CancelSaveAs:
    case K::SaveFromPrompt:
    case K::DiscardChanges:
    case K::CancelPrompt:
    case K::Recover:
    case K::DiscardRecovery: return applyDialogAction(action);
  }
}

void ScenarioBuilder::applyFileAction(const BuilderAction& action) {
  using K = BuilderAction::Kind;
  switch (action.kind) {
    case K::New: newScenario(); break;
    case K::Open:
      openBrowser_.open(model_.path().empty() ? model_.libraryDirectory() : model_.path().parent_path(), {".json"},
                        "Scenarios");
      break;
    case K::Save: save(); break;
    case K::SaveAs: openSaveAs(); break;
    case K::TryIt:
      if (scenario().points.empty()) {
        model_.setMessage("Add reference points first: practice scores against them.");
      } else {
        tryRequest_ = model_.scenarioToTry();
        model_.autosave(true);  // the session may open the autosave: it must be current
      }
      break;
    case K::ExportMarkups: exportMarkups(); break;
    case K::Undo: model_.history().undo(model_.document()); break;
    case K::Redo: model_.history().redo(model_.document()); break;
    case K::Duplicate:
      if (action.index < library().size()) duplicate(library()[action.index].scenario);
      break;
    default: break;
  }
}

// The tool, its settings and the selection: the builder's own state, not the document's.
void ScenarioBuilder::applyChoice(const BuilderAction& action) {
  using K = BuilderAction::Kind;
  switch (action.kind) {
    case K::SetTool: ui_.tool = action.tool; break;
    case K::SetBrushRadius: ui_.brushRadiusMm = action.brushRadiusMm; break;
    case K::SetNewZoneKind: ui_.newZoneKind = action.zoneKind; break;
    case K::SetNewPointTechnique: ui_.newPointTechnique = action.technique; break;
    case K::SetAnchor: ui_.anchorLandmark = action.text; break;
    case K::PaintNewZone:
      ui_.selection = {};
      ui_.newZoneKind = action.zoneKind;
      ui_.tool = BuilderTool::Paint;
      break;
    case K::TabShown: ui_.tab = -1; break;
    case K::Select:
      select(action.item, action.index, action.add);
      if (auto at = model_.positionOf(action.item, action.index)) focus_ = at;
      break;
    case K::SelectProblem:
      if (action.index < problems().size()) selectProblem(Problem(problems()[action.index]));
      break;
    case K::ClearSelection:
      ui_.selection = {};
      ui_.selectedPoints.clear();
      break;
    default: break;
  }
  ++uiRevision_;
}

void ScenarioBuilder::applyEdit(const BuilderAction& action) {
  using K = BuilderAction::Kind;
  const Scenario& s = scenario();
  const size_t i = action.index;
  if (const auto* details = std::get_if<Scenario>(&action.edit))
    execute(editScenarioCommand(
        "Edit details",
        [edited = *details](Scenario& target) {
          const auto landmarks = target.bodyLandmarks;  // the body's, not the author's
          target = edited;
          target.bodyLandmarks = landmarks;
        },
        "details"));
  if (const auto* edited = std::get_if<Landmark>(&action.edit))
    execute(editScenarioCommand(
        "Edit landmark",
        [i, landmark = *edited](Scenario& target) {
          if (i < target.landmarks.size()) target.landmarks[i] = landmark;
        },
        "landmark-" + std::to_string(i)));
  if (const auto* p = std::get_if<ReferencePoint>(&action.edit)) execute(setPointCommand(i, *p));
  if (const auto* z = std::get_if<Zone>(&action.edit)) execute(setZoneCommand(i, *z));
  if (const auto* pattern = std::get_if<PatternRules>(&action.edit)) execute(setPatternCommand(*pattern));
  if (const auto* rules = std::get_if<ScoringRules>(&action.edit)) execute(setScoringRulesCommand(*rules));
  std::vector<Problem> problems;
  if (action.kind == K::MirrorPoints) {
    const std::set<size_t>& points = ui_.selectedPoints;
    execute(mirrorPointsCommand(s, {points.begin(), points.end()}, &problems));
    model_.history().endGesture();
    model_.setMessage(problems.empty() ? "Mirrored " + std::to_string(points.size()) + " points."
                                       : formatProblem("mirror", problems.front()));
  }
  const size_t zone = ui_.selection.index;
  if (action.kind == K::MirrorZone && ui_.selection.kind == Kind::Zone && zone < s.zones.size()) {
    const std::string id = s.zones[zone].id;
    execute(mirrorZoneCommand(s, zone, &problems));
    model_.history().endGesture();
    model_.setMessage(problems.empty() ? "Mirrored zone " + id + "." : formatProblem("mirror", problems.front()));
  }
  if (action.kind == K::DeleteLandmark || action.kind == K::DeletePoints || action.kind == K::DeleteZone)
    deleteSelection(action.kind);
}

// Deletes what is selected (the points for DeletePoints); nothing stays selected.
void ScenarioBuilder::deleteSelection(BuilderAction::Kind what) {
  using K = BuilderAction::Kind;
  const size_t i = ui_.selection.index;
  if (what == K::DeletePoints && !ui_.selectedPoints.empty())
    execute(removePointsCommand({ui_.selectedPoints.begin(), ui_.selectedPoints.end()}));
  if (what == K::DeleteLandmark && ui_.selection.kind == Kind::Landmark) execute(removeLandmarkCommand(i));
  if (what == K::DeleteZone && ui_.selection.kind == Kind::Zone) execute(removeZoneCommand(i));
  model_.history().endGesture();
  ui_.selection = {};
  ui_.selectedPoints.clear();
  ++uiRevision_;
}

void ScenarioBuilder::applyDialogAction(const BuilderAction& action) {
  using K = BuilderAction::Kind;
  switch (action.kind) {
    case K::SaveTo:
      if (saveTo(action.text)) dialogs_.saveAsOpen = false;
      break;
    case K::CancelSaveAs:
    case K::CancelPrompt: afterSave_ = nullptr; break;
    case K::SaveFromPrompt: save(); break;  // runs the guarded action once saved
    case K::DiscardChanges:
      model_.discardChanges();  // nothing left to ask about
      if (afterSave_) std::exchange(afterSave_, nullptr)();
      break;
    case K::Recover:
      if (dialogs_.recoverable) {
        model_.recover(std::move(*dialogs_.recoverable));
        forgetSelection();
      }
      dialogs_.recoverable.reset();
      break;
    case K::DiscardRecovery:
      model_.discardAutosave();
      dialogs_.recoverable.reset();
      break;
    default: break;
  }
}

// ---------------------------------------------------------------------------------------------
// Selection and picking

void ScenarioBuilder::select(Kind kind, size_t index, bool add) {
  std::set<size_t>& points = ui_.selectedPoints;
  if (kind == Kind::Point) {
    if (!add) points.clear();
    if (add && points.count(index)) {
      points.erase(index);
    } else {
      points.insert(index);
    }
  } else {
    points.clear();
  }
  ui_.selection = {kind, index};
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
      ui_.tab = kind == Kind::Landmark ? kLandmarksTab : kind == Kind::Point ? kPointsTab : kZonesTab;
    }
  } else if (problem.path.starts_with("pattern") || problem.path.starts_with("scoring") ||
             problem.path.starts_with("critical_rules")) {
    ui_.tab = kRulesTab;
  } else {
    ui_.tab = kDetailsTab;
  }
  if (auto at = model_.positionOf(ui_.selection.kind, ui_.selection.index)) focus_ = at;
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
  std::vector<glm::vec3> positions;
  for (const Resolved& r : model_.resolved()) positions.push_back(r.position);
  const auto nearest = nearestOnScreen(camera, positions, {x, y}, w, h, kPickRadiusPixels, model_.body()->skin());
  if (!nearest) return std::nullopt;
  return model_.resolved()[*nearest];
}

void ScenarioBuilder::clickSkin(const SurfaceFrame& at) {
  const Scenario& s = scenario();
  const glm::dvec3 mm = BuilderModel::toFileMm(at.position);
  switch (ui_.tool) {
    case BuilderTool::AddLandmark: {
      const std::string id = unusedScenarioId(s, "landmark" + std::to_string(s.landmarks.size() + 1));
      execute(addLandmarkCommand({id, "New landmark", mm}));
      model_.history().endGesture();
      select(Kind::Landmark, scenario().landmarks.size() - 1);
      ui_.tool = BuilderTool::Select;
      model_.setMessage("Landmark " + id + " placed: name it in the Landmarks tab.");
      break;
    }
    case BuilderTool::MoveLandmark:
      if (ui_.selection.kind == Kind::Landmark && ui_.selection.index < s.landmarks.size()) {
        execute(moveLandmarkCommand(ui_.selection.index, mm));
        model_.history().endGesture();
      }
      ui_.tool = BuilderTool::Select;
      break;
    case BuilderTool::AddPoint: {
      const std::string id = unusedScenarioId(
          s, std::string(1, kPointIdLetter[int(ui_.newPointTechnique)]) + std::to_string(s.points.size() + 1));
      SurfacePlacement placement{mm, "", 0, 0};
      if (!ui_.anchorLandmark.empty())
        if (auto relative = model_.fromLandmark(ui_.anchorLandmark, mm)) placement = *relative;
      execute(addPointCommand(referencePointFor(ui_.newPointTechnique, id, placement)));
      model_.history().endGesture();
      select(Kind::Point, scenario().points.size() - 1);
      ui_.tab = kPointsTab;
      break;
    }
    default: break;
  }
}

void ScenarioBuilder::paintAt(const SurfaceFrame& at, bool strokeStart) {
  const Scenario& s = scenario();
  if (strokeStart) ++stroke_;
  const glm::dvec3 mm = BuilderModel::toFileMm(at.position);
  const bool erase = ui_.tool == BuilderTool::Erase;
  const bool zoneSelected = ui_.selection.kind == Kind::Zone && ui_.selection.index < s.zones.size();
  if (!zoneSelected) {
    if (erase || !strokeStart) {
      model_.setMessage("Select a zone to erase from.");
      return;
    }
    // Painting with no zone selected starts one: its first dab is its disc.
    Zone zone;
    zone.kind = ui_.newZoneKind;
    zone.id = unusedScenarioId(s, ui_.newZoneKind == ZoneKind::Target ? "target" : "no_go");
    zone.name = ui_.newZoneKind == ZoneKind::Target ? "Target zone" : "No-go zone";
    // No placeholder reason: validation asks for one until the author writes it.
    zone.centre = {mm, "", 0, 0};
    zone.radiusMm = std::round(ui_.brushRadiusMm);
    execute(editScenarioCommand(
        "Paint new zone", [zone](Scenario& sc) { sc.zones.push_back(zone); }, "stroke-" + std::to_string(stroke_)));
    select(Kind::Zone, scenario().zones.size() - 1);
    ui_.tab = kZonesTab;
  } else {
    execute(paintZoneCommand(ui_.selection.index, {mm, std::round(ui_.brushRadiusMm), erase}, stroke_));
  }
  lastDab_ = at.position;
}

bool ScenarioBuilder::handleInput(const OrbitCamera& camera, float w, float h, const std::vector<KeyPress>& keys) {
  ImGuiIO& io = ImGui::GetIO();
  if (!model_.body() || w <= 0.0f || h <= 0.0f) return false;
  model_.refreshResolved();
  if (!io.WantCaptureKeyboard)
    for (const KeyPress& k : keys)
      if (!k.repeat) apply(keyAction(k));

  const bool mouseFree = !io.WantCaptureMouse && ImGui::IsMousePosValid();
  const float x = io.MousePos.x, y = io.MousePos.y;
  const std::optional<SurfaceFrame> under = mouseFree ? pickSkin(camera, x, y, w, h) : std::nullopt;
  const bool hoverMoved =
      under.has_value() != hover_.has_value() || (under && glm::length(under->position - hover_->position) > 1e-4f);
  hover_ = under;
  if (hoverMoved && (ui_.tool != BuilderTool::Select)) ++uiRevision_;  // the brush ring / preview follows

  if (ui_.tool == BuilderTool::Paint || ui_.tool == BuilderTool::Erase) return handlePaintMouse(under, mouseFree);
  if (ui_.tool == BuilderTool::Select) return handleSelectMouse(camera, under, mouseFree, w, h);
  // Placing tools: a click (press and release without moving) on the skin.
  if (mouseFree && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !io.KeyShift &&
      io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 9.0f && under) {
    clickSkin(*under);
  }
  return false;
}

// Tools, undo/redo, save, brush size and Delete from the key queue: each key as an action.
BuilderAction ScenarioBuilder::keyAction(const KeyPress& k) const {
  using K = BuilderAction::Kind;
  BuilderAction a;
  const bool shift = k.has(GLFW_MOD_SHIFT);
  if (k.primary()) {
    if (k.key == GLFW_KEY_Z) a.kind = shift ? K::Redo : K::Undo;
    if (k.key == GLFW_KEY_Y) a.kind = K::Redo;
    if (k.key == GLFW_KEY_S) a.kind = shift ? K::SaveAs : K::Save;
    return a;
  }
  const struct {
    int key;
    BuilderTool tool;
  } toolKeys[] = {{GLFW_KEY_V, BuilderTool::Select},
                  {GLFW_KEY_P, BuilderTool::AddPoint},
                  {GLFW_KEY_L, BuilderTool::AddLandmark},
                  {GLFW_KEY_B, BuilderTool::Paint},
                  {GLFW_KEY_E, BuilderTool::Erase}};
  for (const auto& t : toolKeys)
    if (k.key == t.key) {
      a.kind = K::SetTool;
      a.tool = t.tool;
    }
  // The format's whole range (1-200 mm) in steps that feel even at every size.
  if (k.key == GLFW_KEY_LEFT_BRACKET || k.key == GLFW_KEY_RIGHT_BRACKET) {
    a.kind = K::SetBrushRadius;
    a.brushRadiusMm = k.key == GLFW_KEY_LEFT_BRACKET
                          ? std::max(float(kMinBrushRadiusMm), std::floor(ui_.brushRadiusMm / 1.25f))
                          : std::min(float(kMaxBrushRadiusMm), std::ceil(ui_.brushRadiusMm * 1.25f));
  }
  // Escape steps back: out of a placing tool, else out of the selection.
  if (k.key == GLFW_KEY_ESCAPE) {
    a.kind = ui_.tool != BuilderTool::Select ? K::SetTool : K::ClearSelection;
    a.tool = BuilderTool::Select;
  }
  if (k.key == GLFW_KEY_DELETE || k.key == GLFW_KEY_BACKSPACE) {
    const ItemKind selected = ui_.selection.kind;
    a.kind = selected == Kind::Point      ? K::DeletePoints
             : selected == Kind::Landmark ? K::DeleteLandmark
             : selected == Kind::Zone     ? K::DeleteZone
                                          : K::ClearSelection;
  }
  return a;
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
      if (under && (!lastDab_ || glm::length(under->position - *lastDab_) * 1000.0f > ui_.brushRadiusMm / 3.0f))
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
      ui_.tab = item->kind == Kind::Landmark ? kLandmarksTab : item->kind == Kind::Point ? kPointsTab : kZonesTab;
      dragging_ = item;
    }
  }
  if (dragging_) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f) && under) {
        const Scenario& s = scenario();
        const glm::dvec3 mm = BuilderModel::toFileMm(under->position);
        const size_t i = dragging_->index;
        // A point or zone placed from a landmark keeps its landmark: the drag changes the offsets.
        auto moved = [&](const SurfacePlacement& old) { return model_.movedTo(old, mm); };
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
    const bool selected = (r.kind == ui_.selection.kind && r.index == ui_.selection.index) ||
                          (r.kind == Kind::Point && ui_.selectedPoints.count(r.index));
    if (selected && ui_.selection.kind != Kind::None)
      overlay.markers.push_back({r.position, 0.0045f, kSelectedColor, ""});
  }
  if (hover_ && (ui_.tool == BuilderTool::Paint || ui_.tool == BuilderTool::Erase)) {
    // The brush outline on the skin's tangent plane, at its true radius.
    const glm::vec3 colour = ui_.tool == BuilderTool::Paint ? kBrushPaintColor : kBrushEraseColor;
    const float r = ui_.brushRadiusMm * 1e-3f;
    const glm::vec3 lift = hover_->normal * 0.0015f;
    constexpr int kSegments = 32;
    for (int i = 0; i < kSegments; ++i) {
      auto at = [&](int k) {
        const float a = 2.0f * 3.14159265f * float(k) / kSegments;
        return hover_->position + lift + r * (std::cos(a) * hover_->cranial + std::sin(a) * hover_->medial);
      };
      overlay.links.push_back({at(i), at(i + 1), 0.0005f, colour});
    }
  } else if (hover_ && (ui_.tool == BuilderTool::AddPoint || ui_.tool == BuilderTool::AddLandmark ||
                        ui_.tool == BuilderTool::MoveLandmark)) {
    overlay.markers.push_back({hover_->position, 0.003f, kSelectedColor, ""});
  }
  return overlay;
}

}  // namespace mesomap::app
