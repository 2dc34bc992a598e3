#include "app/scenario_builder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "core/base/error.h"
#include "core/body/landmarks.h"
#include "core/base/safe_write.h"
#include "core/protocol/scenario_geometry.h"
#include "core/view/scenario_overlay.h"
#include "core/scoring/scenario_validation.h"
#include "core/view/scenario_zones.h"
#include "core/scoring/scoring.h"
#include "core/protocol/slicer_markups.h"

namespace mesomap::app {

namespace {

using Clock = std::chrono::steady_clock;

constexpr float kPickRadiusPixels = 12.0f;
// The body checks (geometry, the reference map's own score) take tens of milliseconds: they
// run once edits pause this long, in the background.
constexpr auto kValidationPause = std::chrono::milliseconds(300);
constexpr auto kAutosaveInterval = std::chrono::seconds(1);
const glm::vec3 kSelectedColor{0.95f, 0.45f, 0.10f};
const glm::vec3 kBrushPaintColor{0.05f, 0.55f, 0.55f};
const glm::vec3 kBrushEraseColor{0.85f, 0.35f, 0.15f};

// New point ids as the library writes them: S for IDS, P for IDP, E for IED, N for NAP.
constexpr char kPointIdLetter[] = {'E', 'S', 'P', 'N'};

double roundTenth(double v) { return std::round(v * 10.0) / 10.0; }

// A zone's identity for the region cache: its definition and where its centre lands.
std::string zoneKey(const Zone& zone, const std::optional<ResolvedPlacement>& centre) {
  std::ostringstream key;
  key.precision(9);
  key << int(zone.kind) << '|' << zone.radiusMm << '|';
  if (centre) key << centre->frame.position.x << ',' << centre->frame.position.y << ',' << centre->frame.position.z;
  for (const BrushStamp& s : zone.brush)
    key << '|' << s.positionMm.x << ',' << s.positionMm.y << ',' << s.positionMm.z << ',' << s.radiusMm << ',' << s.erase;
  return key.str();
}

}  // namespace

ScenarioBuilder::ScenarioBuilder(const std::filesystem::path& libraryDirectory, std::vector<LibraryEntry> library,
                                 const std::filesystem::path& dataDirectory)
    : libraryDirectory_(libraryDirectory), dataDirectory_(dataDirectory), library_(std::move(library)) {}

glm::dvec3 ScenarioBuilder::toFileMm(const glm::vec3& metres) {
  const glm::dvec3 mm = glm::dvec3(metres) * 1000.0;
  return {roundTenth(mm.x), roundTenth(mm.y), roundTenth(mm.z)};
}

void ScenarioBuilder::setBody(std::shared_ptr<const Body> body) {
  body_ = std::move(body);
  bodyLandmarks_.clear();
  for (const PlacedLandmark& l : body_->landmarks().landmarks) bodyLandmarks_.push_back(l.landmark);
  // The scenario now lives on another body: what was resolved, built or checked is stale, and
  // undo would bring back the old body's landmark set.
  const bool wasClean = !dirty();
  Scenario s = document_.scenario();
  s.bodyLandmarks = bodyLandmarks_;
  document_.replace(std::move(s));
  if (wasClean) savedRevision_ = document_.revision();
  history_.clear();
  zoneCache_.clear();
  zonesBuiltFor_ = ~0ull;
  resolvedRevision_ = ~0ull;
  validatedRevision_ = ~0ull;
}

void ScenarioBuilder::execute(std::unique_ptr<ScenarioCommand> command) {
  history_.execute(document_, std::move(command));
}

void ScenarioBuilder::replaceDocument(Scenario scenario, std::filesystem::path path, bool fromFile) {
  scenario.bodyLandmarks = bodyLandmarks_;
  document_.replace(std::move(scenario));
  history_.clear();
  path_ = std::move(path);
  savedRevision_ = fromFile ? document_.revision() : ~0ull;  // a new or recovered scenario is unsaved
  selection_ = {};
  selectedPoints_.clear();
  tool_ = Tool::Select;
  validatedRevision_ = ~0ull;
  frameRequest_ = !document_.scenario().points.empty() || !document_.scenario().zones.empty();
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
    replaceDocument(blankScenario(), {}, false);
    message_ = "New scenario: fill in the details, then add landmarks, points and zones.";
  });
}

void ScenarioBuilder::duplicate(const Scenario& source) {
  whenSaved([this, source] {
    Scenario copy = source;
    copy.id = source.id + "_copy";
    copy.title = source.title + " (copy)";
    replaceDocument(std::move(copy), {}, false);
    message_ = "Duplicated '" + source.title + "': Save As to keep it under a new name.";
  });
}

void ScenarioBuilder::openFile(const std::filesystem::path& path) {
  whenSaved([this, path] {
    try {
      ScenarioReadResult read = readScenario(path);
      if (!read.scenario) {
        message_ = read.problems.empty() ? "Cannot open " + path.string()
                                         : formatProblem(path.string(), read.problems.front());
        return;
      }
      replaceDocument(std::move(*read.scenario), path, true);
      message_ = "Opened " + path.filename().string() +
                 (read.problems.empty() ? "" : " (" + std::to_string(read.problems.size()) + " problems to fix)");
    } catch (const Error& e) {
      message_ = e.what();
    }
  });
}

bool ScenarioBuilder::save() {
  if (path_.empty()) {
    openSaveAs();
    return false;
  }
  return saveTo(path_);
}

void ScenarioBuilder::openSaveAs() {
  const std::string stem = scenario().id.empty() ? "scenario" : scenario().id;
  saveAsPath_ = (path_.empty() ? dataDirectory_ / "scenarios" / (stem + ".json") : path_).string();
  saveAsProblem_.clear();
  saveAsOpen_ = true;
}

bool ScenarioBuilder::saveTo(const std::filesystem::path& path) {
  try {
    if (path.extension() != ".json") throw Error(ErrorKind::InvalidInput, path.string() + ": scenario files end in .json");
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    writeScenario(scenario(), path);  // atomic: temporary file + rename
  } catch (const Error& e) {
    message_ = e.what();
    saveAsProblem_ = e.what();
    return false;
  }
  path_ = path;
  savedRevision_ = document_.revision();
  removeAutosave();
  const size_t open = problems_.size();
  message_ = "Saved " + path.string() +
             (open && validationCurrent() ? " (" + std::to_string(open) + " problems still listed)" : "");
  if (afterSave_) std::exchange(afterSave_, nullptr)();
  return true;
}

void ScenarioBuilder::exportMarkups() {
  if (!body_) return;
  std::filesystem::path base = path_.empty() ? dataDirectory_ / "scenarios" / scenario().id : path_;
  base.replace_extension();
  const std::filesystem::path out = base.string() + ".mrk.json";
  try {
    std::error_code ec;
    std::filesystem::create_directories(out.parent_path(), ec);
    writeSlicerMarkups(scenarioMarkups(scenario(), body_->skin()), out);
    message_ = "Exported 3D Slicer markups to " + out.string();
  } catch (const Error& e) {
    message_ = e.what();
  }
}

bool ScenarioBuilder::mayClose() {
  if (!dirty() || quitConfirmed_) return true;
  whenSaved([this] { quitConfirmed_ = true; });
  return false;
}

void ScenarioBuilder::autosave() {
  if (!dirty() || autosavedRevision_ == document_.revision() || Clock::now() - lastAutosave_ < kAutosaveInterval) return;
  try {
    std::filesystem::create_directories(dataDirectory_);
    writeFileAtomically(dataDirectory_ / "builder-autosave.path", path_.string());
    writeFileAtomically(autosavePath(), scenarioToJson(scenario()));
    autosavedRevision_ = document_.revision();
  } catch (const std::exception& e) {
    message_ = std::string("Autosave failed: ") + e.what();
  }
  lastAutosave_ = Clock::now();
}

void ScenarioBuilder::removeAutosave() {
  std::error_code ec;
  std::filesystem::remove(autosavePath(), ec);
  std::filesystem::remove(dataDirectory_ / "builder-autosave.path", ec);
  autosavedRevision_ = 0;
}

void ScenarioBuilder::offerRecovery() {
  std::error_code ec;
  if (!std::filesystem::exists(autosavePath(), ec)) return;
  try {
    ScenarioReadResult read = parseScenario(readWholeFile(autosavePath(), "builder autosave"));
    if (!read.scenario) return;
    recoverable_ = std::move(read.scenario);
    recoverablePath_.clear();
    if (std::filesystem::exists(dataDirectory_ / "builder-autosave.path", ec))
      recoverablePath_ = readWholeFile(dataDirectory_ / "builder-autosave.path", "builder autosave");
    recoveryOpen_ = true;
  } catch (const Error& e) {
    message_ = e.what();
  }
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
    const size_t count = kind == Kind::Landmark ? s.landmarks.size() : kind == Kind::Point ? s.points.size() : s.zones.size();
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
  refreshResolved();
  for (const Resolved& r : resolved_)
    if (r.kind == selection_.kind && r.index == selection_.index) focus_ = r.position;
}

void ScenarioBuilder::refreshResolved() {
  if (resolvedRevision_ == document_.revision() || !body_) return;
  resolved_.clear();
  const Scenario& s = scenario();
  for (size_t i = 0; i < s.landmarks.size(); ++i)
    if (auto r = resolvePlacement(s, {s.landmarks[i].positionMm, "", 0, 0}, body_->skin()))
      resolved_.push_back({Kind::Landmark, i, r->frame.position});
  for (size_t i = 0; i < s.points.size(); ++i)
    if (auto r = resolvePlacement(s, s.points[i].placement, body_->skin())) resolved_.push_back({Kind::Point, i, r->frame.position});
  for (size_t i = 0; i < s.zones.size(); ++i)
    if (auto r = resolvePlacement(s, s.zones[i].centre, body_->skin())) resolved_.push_back({Kind::Zone, i, r->frame.position});
  resolvedRevision_ = document_.revision();
}

std::optional<SurfaceFrame> ScenarioBuilder::pickSkin(const OrbitCamera& camera, float x, float y, float w,
                                                      float h) const {
  if (!body_) return std::nullopt;
  const auto hit = body_->pickSkin(camera.rayThroughPixel(x, y, int(w), int(h)));
  if (!hit) return std::nullopt;
  return hit->frame;
}

std::optional<ScenarioBuilder::Resolved> ScenarioBuilder::itemUnderCursor(const OrbitCamera& camera, float x, float y,
                                                                          float w, float h) const {
  const glm::mat4 viewProjection = camera.projection(w / h) * camera.view();
  std::optional<Resolved> best;
  float bestDistance = kPickRadiusPixels;
  for (const Resolved& r : resolved_) {
    const glm::vec4 clip = viewProjection * glm::vec4(r.position, 1.0f);
    if (clip.w <= 0.0f) continue;
    const glm::vec2 screen((clip.x / clip.w * 0.5f + 0.5f) * w, (0.5f - clip.y / clip.w * 0.5f) * h);
    const float d = glm::length(screen - glm::vec2(x, y));
    if (d >= bestDistance || hiddenFrom(body_->skin(), camera.eye(), r.position)) continue;
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
      history_.endGesture();
      select(Kind::Landmark, scenario().landmarks.size() - 1);
      tool_ = Tool::Select;
      message_ = "Landmark " + id + " placed: name it in the Landmarks tab.";
      break;
    }
    case Tool::MoveLandmark:
      if (selection_.kind == Kind::Landmark && selection_.index < s.landmarks.size()) {
        execute(moveLandmarkCommand(selection_.index, mm));
        history_.endGesture();
      }
      tool_ = Tool::Select;
      break;
    case Tool::AddPoint: {
      const std::string id = unusedScenarioId(s, std::string(1, kPointIdLetter[int(newPointTechnique_)]) + std::to_string(s.points.size() + 1));
      SurfacePlacement placement{mm, "", 0, 0};
      if (!anchorLandmark_.empty())
        if (auto relative = placementFromLandmark(s, anchorLandmark_, mm, body_->skin())) placement = *relative;
      execute(addPointCommand(referencePointFor(newPointTechnique_, id, placement)));
      history_.endGesture();
      select(Kind::Point, scenario().points.size() - 1);
      tab_ = kPointsTab;
      break;
    }
    default:
      break;
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
      message_ = "Select a zone to erase from.";
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
    execute(editScenarioCommand("Paint new zone", [zone](Scenario& sc) { sc.zones.push_back(zone); },
                                "stroke-" + std::to_string(stroke_)));
    select(Kind::Zone, scenario().zones.size() - 1);
    tab_ = kZonesTab;
  } else {
    execute(paintZoneCommand(selection_.index, {mm, std::round(brushRadiusMm_), erase}, stroke_));
  }
  lastDab_ = at.position;
}

bool ScenarioBuilder::handleInput(const OrbitCamera& camera, float w, float h, const std::vector<KeyPress>& keys) {
  ImGuiIO& io = ImGui::GetIO();
  if (!body_ || w <= 0.0f || h <= 0.0f) return false;
  refreshResolved();
  if (!io.WantCaptureKeyboard) handleKeys(keys);

  const bool mouseFree = !io.WantCaptureMouse && ImGui::IsMousePosValid();
  const float x = io.MousePos.x, y = io.MousePos.y;
  const std::optional<SurfaceFrame> under = mouseFree ? pickSkin(camera, x, y, w, h) : std::nullopt;
  const bool hoverMoved = under.has_value() != hover_.has_value() ||
                          (under && glm::length(under->position - hover_->position) > 1e-4f);
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
    if (ctrl && k.key == GLFW_KEY_Z && !shift) history_.undo(document_);
    if ((ctrl && k.key == GLFW_KEY_Z && shift) || (ctrl && k.key == GLFW_KEY_Y)) history_.redo(document_);
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
    if (k.key == GLFW_KEY_LEFT_BRACKET) brushRadiusMm_ = std::max(float(kMinBrushRadiusMm), std::floor(brushRadiusMm_ / 1.25f));
    if (k.key == GLFW_KEY_RIGHT_BRACKET) brushRadiusMm_ = std::min(float(kMaxBrushRadiusMm), std::ceil(brushRadiusMm_ * 1.25f));
    if (k.key == GLFW_KEY_DELETE || k.key == GLFW_KEY_BACKSPACE) {
      if (selection_.kind == Kind::Point && !selectedPoints_.empty())
        execute(removePointsCommand({selectedPoints_.begin(), selectedPoints_.end()}));
      if (selection_.kind == Kind::Landmark) execute(removeLandmarkCommand(selection_.index));
      if (selection_.kind == Kind::Zone) execute(removeZoneCommand(selection_.index));
      history_.endGesture();
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
    history_.endGesture();
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
          return placementFromLandmark(s, old.landmark, mm, body_->skin()).value_or(old);
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
    history_.endGesture();
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Zones, validation, autosave

void ScenarioBuilder::rebuildZones(const GeodesicSolver& geodesics) {
  const Scenario& s = scenario();
  std::vector<CachedZone> cache;
  bool changed = zoneCache_.size() != s.zones.size();
  for (size_t i = 0; i < s.zones.size(); ++i) {
    const std::string key = zoneKey(s.zones[i], resolvePlacement(s, s.zones[i].centre, body_->skin()));
    auto same = std::find_if(zoneCache_.begin(), zoneCache_.end(), [&](const CachedZone& c) { return c.key == key; });
    if (same != zoneCache_.end()) {
      cache.push_back(*same);
      if (cache.back().region) cache.back().region->id = s.zones[i].id;
      changed |= same != zoneCache_.begin() + std::ptrdiff_t(i);
      continue;
    }
    // The zone at this place in the list before (the one being painted): its discs are reused.
    const ZoneRegion* before = i < zoneCache_.size() && zoneCache_[i].region ? &*zoneCache_[i].region : nullptr;
    cache.push_back({key, scenarioZoneRegion(s, s.zones[i], body_->mesh(), body_->skin(), geodesics, before)});
    changed = true;
  }
  zoneCache_ = std::move(cache);
  if (!changed) return;
  zoneRegions_.clear();
  for (const CachedZone& c : zoneCache_)
    if (c.region) zoneRegions_.push_back(*c.region);
  ++zonesRevision_;
}

void ScenarioBuilder::startValidation(bool bodyChecks) {
  const uint64_t revision = document_.revision();
  // What the file reader says comes at once: it needs no body. Once per revision.
  if (readRevision_ != revision) {
    readRevision_ = revision;
    ScenarioReadResult read = parseScenario(scenarioToJson(scenario()));
    if (!read.ok()) {
      problems_ = read.problems;
      validatedRevision_ = revision;
      return;
    }
  }
  if (!bodyChecks || !body_ || !body_->geodesicsIfReady() || validation_.valid()) return;
  if (Clock::now() - lastEdit_ < kValidationPause) return;
  Scenario copy = scenario();
  // The check holds the body it runs on: a body swapped meanwhile stays alive until it ends.
  validation_ = std::async(std::launch::async, [copy, revision, body = body_] {
    return std::make_pair(revision, validateScenario(copy, scoringBody(*body)));
  });
}

void ScenarioBuilder::update(bool bodyWork) {
  const GeodesicSolver* geodesics = bodyWork && body_ ? body_->geodesicsIfReady() : nullptr;
  if (document_.revision() != editRevision_) {
    editRevision_ = document_.revision();
    lastEdit_ = Clock::now();
  }
  if (validation_.valid() && validation_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    auto [revision, problems] = validation_.get();
    if (revision == document_.revision()) {
      problems_ = std::move(problems);
      validatedRevision_ = revision;
    }
  }
  if (validatedRevision_ != document_.revision()) startValidation(bodyWork);
  if (geodesics && zonesBuiltFor_ != document_.revision()) {
    rebuildZones(*geodesics);
    zonesBuiltFor_ = document_.revision();
  }
  if (!ImGui::IsAnyItemActive() && !painting_ && !dragging_) history_.endGesture();
  autosave();
}

// ---------------------------------------------------------------------------------------------
// What the 3D view shows

Overlay ScenarioBuilder::overlay() const {
  Overlay overlay;
  if (!body_) return overlay;
  overlay = scenarioOverlay(scenario(), body_->skin());
  // The selection: a ring of bright markers would hide the needle; one larger orange marker.
  for (const Resolved& r : resolved_) {
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
