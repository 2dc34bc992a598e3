#include "app/scenario_builder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <regex>
#include <sstream>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/error.h"
#include "core/landmarks.h"
#include "core/safe_write.h"
#include "core/scenario_geometry.h"
#include "core/scenario_overlay.h"
#include "core/scenario_validation.h"
#include "core/scenario_zones.h"
#include "core/scoring.h"
#include "core/slicer_markups.h"

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

const char* kTabNames[] = {"Details", "Landmarks", "Points", "Zones", "Rules"};
enum TabIndex { kDetailsTab, kLandmarksTab, kPointsTab, kZonesTab, kRulesTab };

// A titled section (ImGui 1.86 has no SeparatorText).
void sectionHeading(const char* text) {
  ImGui::Spacing();
  ImGui::TextColored(ImVec4(0.05f, 0.40f, 0.45f, 1.0f), "%s", text);
  ImGui::Separator();
}

double roundTenth(double v) { return std::round(v * 10.0) / 10.0; }
glm::dvec3 toFileMm(const glm::vec3& metres) {
  const glm::dvec3 mm = glm::dvec3(metres) * 1000.0;
  return {roundTenth(mm.x), roundTenth(mm.y), roundTenth(mm.z)};
}

const char* kindName(ZoneKind kind) { return kind == ZoneKind::Target ? "target" : "no-go"; }

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

bool rangeEditor(const char* label, ValueRange& range, float speed, float lo, float hi, const char* format) {
  float values[2] = {float(range.min), float(range.max)};
  if (!ImGui::DragFloat2(label, values, speed, lo, hi, format)) return false;
  // Whole tenths (or thousandths for volumes) are what an author means; floats are not.
  const double scale = speed < 0.01f ? 1000.0 : 10.0;
  range.min = std::round(double(values[0]) * scale) / scale;
  range.max = std::round(double(values[1]) * scale) / scale;
  return true;
}

bool optionalRangeEditor(const char* label, std::optional<ValueRange>& range, const ValueRange& fallback, float speed,
                         float lo, float hi, const char* format) {
  bool on = range.has_value();
  bool changed = false;
  ImGui::PushID(label);
  if (ImGui::Checkbox("##on", &on)) {
    range = on ? std::optional<ValueRange>(fallback) : std::nullopt;
    changed = true;
  }
  ImGui::SameLine();
  if (range) {
    changed |= rangeEditor(label, *range, speed, lo, hi, format);
  } else {
    ImGui::TextDisabled("%s: any", label);
  }
  ImGui::PopID();
  return changed;
}

}  // namespace

ScenarioBuilder::ScenarioBuilder(const std::filesystem::path& libraryDirectory,
                                 const std::filesystem::path& dataDirectory)
    : libraryDirectory_(libraryDirectory), dataDirectory_(dataDirectory) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(libraryDirectory, ec)) {
    if (entry.path().extension() != ".json") continue;
    try {
      ScenarioReadResult read = readScenario(entry.path());
      if (read.scenario) library_.emplace_back(entry.path(), std::move(*read.scenario));
    } catch (const Error&) {
      // The practice picker reports unreadable library files; the builder just omits them.
    }
  }
  std::sort(library_.begin(), library_.end(), [](auto& a, auto& b) { return a.second.title < b.second.title; });
}

void ScenarioBuilder::setBody(const Mesh& mesh, const Bvh& skin, const std::filesystem::path& modelPath) {
  mesh_ = &mesh;
  skin_ = &skin;
  bodyLandmarks_.clear();
  try {
    for (const PlacedLandmark& l : bodyLandmarks(modelPath, mesh, skin).landmarks) bodyLandmarks_.push_back(l.landmark);
  } catch (const Error& e) {
    message_ = std::string("Standard landmarks unavailable: ") + e.what();
  }
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
  if (!skin_) return;
  std::filesystem::path base = path_.empty() ? dataDirectory_ / "scenarios" / scenario().id : path_;
  base.replace_extension();
  const std::filesystem::path out = base.string() + ".mrk.json";
  try {
    std::error_code ec;
    std::filesystem::create_directories(out.parent_path(), ec);
    writeSlicerMarkups(scenarioMarkups(scenario(), *skin_), out);
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
  static const std::regex item(R"(^(landmarks|points|zones)\[(\d+)\])");
  std::smatch m;
  const Scenario& s = scenario();
  if (std::regex_search(problem.path, m, item)) {
    const size_t index = std::stoul(m[2]);
    const Kind kind = m[1] == "landmarks" ? Kind::Landmark : m[1] == "points" ? Kind::Point : Kind::Zone;
    select(kind, index);
    tab_ = kind == Kind::Landmark ? kLandmarksTab : kind == Kind::Point ? kPointsTab : kZonesTab;
  } else if (problem.path.starts_with("pattern") || problem.path.starts_with("scoring")) {
    tab_ = kRulesTab;
  } else if (problem.path == "reference map") {
    // "…: Point 3 (…) …": the reference map's own attempt, one point per reference point in
    // order, named by its number (or by the reference id where the feedback uses it).
    static const std::regex numbered(R"(Point (\d+)\b)");
    std::optional<size_t> index;
    if (std::regex_search(problem.message, m, numbered)) index = std::stoul(m[1]) - 1;
    for (size_t i = 0; i < s.points.size() && !index; ++i)
      if (problem.message.find("Point " + s.points[i].id + " ") != std::string::npos) index = i;
    if (index && *index < s.points.size()) {
      select(Kind::Point, *index);
      tab_ = kPointsTab;
    }
  } else {
    tab_ = kDetailsTab;
  }
  refreshResolved();
  for (const Resolved& r : resolved_)
    if (r.kind == selection_.kind && r.index == selection_.index) focus_ = r.position;
}

void ScenarioBuilder::refreshResolved() {
  if (resolvedRevision_ == document_.revision() || !skin_) return;
  resolved_.clear();
  const Scenario& s = scenario();
  for (size_t i = 0; i < s.landmarks.size(); ++i)
    if (auto r = resolvePlacement(s, {s.landmarks[i].positionMm, "", 0, 0}, *skin_))
      resolved_.push_back({Kind::Landmark, i, r->frame.position});
  for (size_t i = 0; i < s.points.size(); ++i)
    if (auto r = resolvePlacement(s, s.points[i].placement, *skin_)) resolved_.push_back({Kind::Point, i, r->frame.position});
  for (size_t i = 0; i < s.zones.size(); ++i)
    if (auto r = resolvePlacement(s, s.zones[i].centre, *skin_)) resolved_.push_back({Kind::Zone, i, r->frame.position});
  resolvedRevision_ = document_.revision();
}

std::optional<SurfaceFrame> ScenarioBuilder::pickSkin(const OrbitCamera& camera, float x, float y, float w,
                                                      float h) const {
  if (!skin_ || skin_->empty()) return std::nullopt;
  const Ray ray = camera.rayThroughPixel(x, y, int(w), int(h));
  const auto hit = skin_->intersect(ray, 0.0f, std::numeric_limits<float>::infinity(), PartFilter::All);
  if (!hit || !hit->isSkin) return std::nullopt;
  return surfaceFrame(hit->position, hit->normal);
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
    if (d >= bestDistance || hiddenFrom(*skin_, camera.eye(), r.position)) continue;
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
        if (auto relative = placementFromLandmark(s, anchorLandmark_, mm, *skin_)) placement = *relative;
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
  if (!skin_ || w <= 0.0f || h <= 0.0f) return false;
  refreshResolved();
  if (!io.WantCaptureKeyboard) {
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
      if (k.key == GLFW_KEY_LEFT_BRACKET) brushRadiusMm_ = std::max(2.0f, brushRadiusMm_ - 2.0f);
      if (k.key == GLFW_KEY_RIGHT_BRACKET) brushRadiusMm_ = std::min(100.0f, brushRadiusMm_ + 2.0f);
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

  const bool mouseFree = !io.WantCaptureMouse && ImGui::IsMousePosValid();
  const float x = io.MousePos.x, y = io.MousePos.y;
  const std::optional<SurfaceFrame> under = mouseFree ? pickSkin(camera, x, y, w, h) : std::nullopt;
  const bool hoverMoved = under.has_value() != hover_.has_value() ||
                          (under && glm::length(under->position - hover_->position) > 1e-4f);
  hover_ = under;
  if (hoverMoved && (tool_ != Tool::Select)) ++uiRevision_;  // the brush ring / preview follows

  // Painting: a dab on press, then one each time the cursor has moved a third of the radius.
  if (tool_ == Tool::Paint || tool_ == Tool::Erase) {
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

  if (tool_ == Tool::Select) {
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
            return placementFromLandmark(s, old.landmark, mm, *skin_).value_or(old);
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

  // Placing tools: a click (press and release without moving) on the skin.
  if (mouseFree && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !io.KeyShift &&
      io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] < 9.0f && under) {
    clickSkin(*under);
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
    const std::string key = zoneKey(s.zones[i], resolvePlacement(s, s.zones[i].centre, *skin_));
    auto same = std::find_if(zoneCache_.begin(), zoneCache_.end(), [&](const CachedZone& c) { return c.key == key; });
    if (same != zoneCache_.end()) {
      cache.push_back(*same);
      if (cache.back().region) cache.back().region->id = s.zones[i].id;
      changed |= same != zoneCache_.begin() + std::ptrdiff_t(i);
      continue;
    }
    // The zone at this place in the list before (the one being painted): its discs are reused.
    const ZoneRegion* before = i < zoneCache_.size() && zoneCache_[i].region ? &*zoneCache_[i].region : nullptr;
    cache.push_back({key, scenarioZoneRegion(s, s.zones[i], *mesh_, *skin_, geodesics, before)});
    changed = true;
  }
  zoneCache_ = std::move(cache);
  if (!changed) return;
  zoneRegions_.clear();
  for (const CachedZone& c : zoneCache_)
    if (c.region) zoneRegions_.push_back(*c.region);
  ++zonesRevision_;
}

void ScenarioBuilder::startValidation(const GeodesicSolver* geodesics, const BodyRegionMap* regions) {
  const uint64_t revision = document_.revision();
  // What the file reader says comes at once: it needs no body.
  ScenarioReadResult read = parseScenario(scenarioToJson(scenario()));
  if (!read.ok()) {
    problems_ = read.problems;
    validatedRevision_ = revision;
    return;
  }
  if (!geodesics || !regions || !mesh_ || !skin_ || validation_.valid()) return;
  if (Clock::now() - lastEdit_ < kValidationPause) return;
  Scenario copy = scenario();
  validation_ = std::async(std::launch::async, [copy, revision, mesh = mesh_, skin = skin_, geodesics, regions] {
    const ScoringBody body{*mesh, *skin, *geodesics, *regions, {}};
    return std::make_pair(revision, validateScenario(copy, body));
  });
}

void ScenarioBuilder::update(const GeodesicSolver* geodesics, const BodyRegionMap* regions) {
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
  if (validatedRevision_ != document_.revision()) startValidation(geodesics, regions);
  if (geodesics && mesh_ && skin_ && zonesBuiltFor_ != document_.revision()) {
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
  if (!skin_) return overlay;
  overlay = scenarioOverlay(scenario(), *skin_);
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

// ---------------------------------------------------------------------------------------------
// Panels

void ScenarioBuilder::draw(float top, std::string& notice) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + 10, top + 10), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(450, viewport->Size.y - top - 60), ImGuiCond_Appearing);
  std::string title = "Scenario builder - " + (path_.empty() ? std::string("unsaved") : path_.filename().string()) +
                      (dirty() ? " *" : "") + "###builder";
  if (ImGui::Begin(title.c_str())) {
    drawToolbar(notice);
    if (ImGui::BeginTabBar("builder tabs")) {
      using Draw = void (ScenarioBuilder::*)();
      for (int t = 0; t < 5; ++t) {
        const ImGuiTabItemFlags flags = tab_ == t ? ImGuiTabItemFlags_SetSelected : 0;
        if (!ImGui::BeginTabItem(kTabNames[t], nullptr, flags)) continue;
        switch (t) {
          case kDetailsTab: drawDetails(); break;
          case kLandmarksTab: drawLandmarks(); break;
          case kPointsTab: drawPoints(notice); break;
          case kZonesTab: drawZones(notice); break;
          case kRulesTab: drawRules(); break;
        }
        ImGui::EndTabItem();
      }
      tab_ = -1;
      ImGui::EndTabBar();
    }
  }
  ImGui::End();
  drawValidation();
}

void ScenarioBuilder::drawToolbar(std::string& notice) {
  if (ImGui::Button("New")) newScenario();
  ImGui::SameLine();
  if (ImGui::Button("Open...")) openBrowser_.open(path_.empty() ? libraryDirectory_ : path_.parent_path(), {".json"});
  ImGui::SameLine();
  if (ImGui::Button("Save")) save();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+S");
  ImGui::SameLine();
  if (ImGui::Button("Save As...")) openSaveAs();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+Shift+S");
  ImGui::SameLine();
  if (ImGui::Button("Try it")) {
    if (scenario().points.empty()) {
      message_ = "Add reference points first: practice scores against them.";
    } else {
      Scenario s = scenario();
      s.bodyLandmarks = bodyLandmarks_;
      tryRequest_ = std::move(s);
      autosavedRevision_ = 0;  // make sure the autosave the session may point to is current
      lastAutosave_ = {};
      autosave();
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open this scenario in practice mode; Builder > Back to the builder returns");
  ImGui::SameLine();
  if (ImGui::Button("Markups")) exportMarkups();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Export landmarks and points as 3D Slicer markups (.mrk.json)");

  ImGui::BeginDisabled(!history_.canUndo());
  if (ImGui::SmallButton("Undo")) history_.undo(document_);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Ctrl+Z  %s", history_.undoLabel().c_str());
  ImGui::SameLine();
  ImGui::BeginDisabled(!history_.canRedo());
  if (ImGui::SmallButton("Redo")) history_.redo(document_);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Ctrl+Shift+Z  %s", history_.redoLabel().c_str());
  ImGui::SameLine();
  if (ImGui::BeginCombo("##duplicate", "Duplicate from library", ImGuiComboFlags_NoArrowButton)) {
    for (const auto& [file, s] : library_)
      if (ImGui::Selectable(s.title.c_str())) duplicate(s);
    ImGui::EndCombo();
  }

  sectionHeading("Tool");
  const struct { Tool tool; const char* label; const char* key; } tools[] = {
      {Tool::Select, "Select", "V"}, {Tool::AddPoint, "Point", "P"}, {Tool::AddLandmark, "Landmark", "L"},
      {Tool::Paint, "Paint", "B"}, {Tool::Erase, "Erase", "E"}};
  for (const auto& t : tools) {
    if (t.tool != Tool::Select) ImGui::SameLine();
    if (ImGui::RadioButton(t.label, tool_ == t.tool)) {
      tool_ = t.tool;
      ++uiRevision_;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Key %s", t.key);
  }
  const char* hint = "";
  switch (tool_) {
    case Tool::Select: hint = "Click a landmark, point or zone centre to select it (Ctrl+click: several points); drag to move it."; break;
    case Tool::AddPoint: hint = "Click the skin to add a reference point."; break;
    case Tool::AddLandmark: hint = "Click the skin to place a new landmark."; break;
    case Tool::MoveLandmark: hint = "Click the skin where the selected landmark belongs."; break;
    case Tool::Paint: hint = "Drag on the skin to paint the selected zone (no zone selected: a new one). [ ] change the radius."; break;
    case Tool::Erase: hint = "Drag on the skin to erase from the selected zone. [ ] change the radius."; break;
  }
  ImGui::TextDisabled("%s", hint);
  if (tool_ == Tool::Paint || tool_ == Tool::Erase) {
    ImGui::SetNextItemWidth(160);
    ImGui::SliderFloat("Brush radius", &brushRadiusMm_, 2.0f, 100.0f, "%.0f mm");
    if (tool_ == Tool::Paint) {
      ImGui::SameLine();
      int kind = newZoneKind_ == ZoneKind::Target ? 0 : 1;
      ImGui::SetNextItemWidth(110);
      if (ImGui::Combo("New zones", &kind, "target\0no-go\0")) newZoneKind_ = kind ? ZoneKind::NoGo : ZoneKind::Target;
    }
  }
  if (tool_ == Tool::AddPoint) {
    int t = int(newPointTechnique_);
    ImGui::SetNextItemWidth(90);
    if (ImGui::Combo("Technique", &t, "IED\0IDS\0IDP\0NAP\0")) newPointTechnique_ = Technique(t);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    if (ImGui::BeginCombo("From", anchorLandmark_.empty() ? "the skin (absolute)" : anchorLandmark_.c_str())) {
      if (ImGui::Selectable("the skin (absolute)", anchorLandmark_.empty())) anchorLandmark_.clear();
      for (const Landmark& l : landmarksInUse(scenario()))
        if (ImGui::Selectable(l.id.c_str(), anchorLandmark_ == l.id)) anchorLandmark_ = l.id;
      for (const Landmark& l : bodyLandmarks_)
        if (ImGui::Selectable((l.id + "##body").c_str(), anchorLandmark_ == l.id)) anchorLandmark_ = l.id;
      ImGui::EndCombo();
    }
  }
  if (!message_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImVec4(0.1f, 0.45f, 0.2f, 1.0f), "%s", message_.c_str());
    ImGui::PopTextWrapPos();
  }
  (void)notice;
  ImGui::Separator();
}

void ScenarioBuilder::drawDetails() {
  Scenario s = scenario();
  bool changed = false;
  ImGui::PushItemWidth(-110);
  changed |= ImGui::InputText("Id", &s.id);
  changed |= ImGui::InputText("Title", &s.title);
  changed |= ImGui::InputText("Indication", &s.indication);
  changed |= ImGui::InputTextMultiline("Description", &s.description, ImVec2(0, 80));
  int position = int(s.patientPosition);
  if (ImGui::Combo("Patient position", &position, "prone\0supine\0sitting\0standing\0")) {
    s.patientPosition = PatientPosition(position);
    changed = true;
  }
  changed |= ImGui::InputText("Schedule", &s.schedule);
  changed |= ImGui::InputText("Author", &s.author);
  ImGui::PopItemWidth();
  sectionHeading("Sources");
  ImGui::TextDisabled("Cite each figure; say which are defaults chosen without a source.");
  for (size_t i = 0; i < s.sources.size(); ++i) {
    ImGui::PushID(int(i));
    ImGui::SetNextItemWidth(-30);
    changed |= ImGui::InputText("##source", &s.sources[i]);
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
      s.sources.erase(s.sources.begin() + std::ptrdiff_t(i));
      changed = true;
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton("Add source")) {
    s.sources.push_back("");
    changed = true;
  }
  sectionHeading("Body");
  ImGui::TextDisabled("%s", s.body.model == "default" ? "default body (MakeHuman, assimp-testmodels)" : s.body.model.c_str());
  if (changed) execute(editScenarioCommand("Edit details", [s](Scenario& target) {
      const auto landmarks = target.bodyLandmarks;
      target = s;
      target.bodyLandmarks = landmarks;
    }, "details"));
}

void ScenarioBuilder::drawLandmarks() {
  const Scenario& s = scenario();
  if (ImGui::Button("Add landmark on the body")) tool_ = Tool::AddLandmark;
  ImGui::SameLine();
  ImGui::BeginDisabled(selection_.kind != Kind::Landmark);
  if (ImGui::Button("Set selected on the body")) tool_ = Tool::MoveLandmark;
  ImGui::EndDisabled();
  if (ImGui::BeginTable("landmarks", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (size_t i = 0; i < s.landmarks.size(); ++i) {
      const Landmark& l = s.landmarks[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool selected = selection_.kind == Kind::Landmark && selection_.index == i;
      if (ImGui::Selectable((l.id + "##lm" + std::to_string(i)).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        select(Kind::Landmark, i);
        for (const Resolved& r : resolved_)
          if (r.kind == Kind::Landmark && r.index == i) focus_ = r.position;
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%.0f, %.0f, %.0f", l.positionMm.x, l.positionMm.y, l.positionMm.z);
    }
    ImGui::EndTable();
  }
  if (selection_.kind == Kind::Landmark && selection_.index < s.landmarks.size()) {
    Landmark l = s.landmarks[selection_.index];
    sectionHeading("Selected landmark");
    bool changed = ImGui::InputText("Id##landmark", &l.id);
    changed |= ImGui::InputText("Name##landmark", &l.name);
    if (changed)
      execute(editScenarioCommand("Edit landmark", [i = selection_.index, l](Scenario& target) {
        if (i < target.landmarks.size()) target.landmarks[i] = l;
      }, "landmark-" + std::to_string(selection_.index)));
    if (ImGui::Button("Delete landmark")) {
      execute(removeLandmarkCommand(selection_.index));
      selection_ = {};
    }
  }
  if (ImGui::CollapsingHeader("Standard landmarks of this body")) {
    ImGui::TextDisabled("Points and zones may be placed from these without declaring them.");
    for (const Landmark& l : bodyLandmarks_) ImGui::BulletText("%s  (%s)", l.id.c_str(), l.name.c_str());
  }
}

void ScenarioBuilder::drawPlacementEditor(SurfacePlacement& placement, const char* what, bool& changed) {
  int mode = placement.positionMm ? 0 : 1;
  ImGui::PushID(what);
  if (ImGui::RadioButton("On the skin", mode == 0) && mode != 0) {
    // Keep the point where it is now, as an absolute position.
    if (skin_)
      if (auto r = resolvePlacement(scenario(), placement, *skin_)) placement = {toFileMm(r->frame.position), "", 0, 0};
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::RadioButton("From a landmark", mode == 1) && mode != 1) {
    const std::vector<Landmark> known = landmarksInUse(scenario());
    const std::string anchor = !known.empty() ? known.front().id : !bodyLandmarks_.empty() ? bodyLandmarks_.front().id : "";
    if (auto relative = skin_ ? placementFromLandmark(scenario(), anchor, *placement.positionMm, *skin_) : std::nullopt)
      placement = *relative;
    changed = true;
  }
  if (placement.positionMm) {
    ImGui::TextDisabled("at %.1f, %.1f, %.1f mm (drag it on the body to move)", placement.positionMm->x,
                        placement.positionMm->y, placement.positionMm->z);
  } else {
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("Landmark", placement.landmark.c_str())) {
      auto offer = [&](const Landmark& l) {
        if (!ImGui::Selectable(l.id.c_str(), placement.landmark == l.id)) return;
        glm::dvec3 where{0.0};
        auto r = skin_ ? resolvePlacement(scenario(), placement, *skin_) : std::nullopt;
        if (r) where = glm::dvec3(r->frame.position) * 1000.0;
        // The point stays where it is; its offsets are measured from the new landmark.
        if (auto relative = r ? placementFromLandmark(scenario(), l.id, where, *skin_) : std::nullopt)
          placement = *relative;
        else
          placement.landmark = l.id;
        changed = true;
      };
      for (const Landmark& l : scenario().landmarks) offer(l);
      for (const Landmark& l : bodyLandmarks_) offer(l);
      ImGui::EndCombo();
    }
    float offsets[2] = {float(placement.cranialMm), float(placement.lateralMm)};
    ImGui::SetNextItemWidth(220);
    if (ImGui::DragFloat2("cranial, lateral mm", offsets, 0.5f, -300.0f, 300.0f, "%.0f")) {
      placement.cranialMm = std::round(offsets[0]);
      placement.lateralMm = std::round(offsets[1]);
      changed = true;
    }
  }
  ImGui::PopID();
}

void ScenarioBuilder::drawPoints(std::string& notice) {
  const Scenario& s = scenario();
  if (ImGui::Button("Add on the body")) tool_ = Tool::AddPoint;
  ImGui::SameLine();
  ImGui::BeginDisabled(selectedPoints_.empty());
  if (ImGui::Button("Mirror selected to the other side")) {
    std::vector<Problem> problems;
    execute(mirrorPointsCommand(s, {selectedPoints_.begin(), selectedPoints_.end()}, &problems));
    history_.endGesture();
    message_ = problems.empty() ? "Mirrored " + std::to_string(selectedPoints_.size()) + " points."
                                : formatProblem("mirror", problems.front());
  }
  ImGui::SameLine();
  if (ImGui::Button("Delete")) {
    execute(removePointsCommand({selectedPoints_.begin(), selectedPoints_.end()}));
    history_.endGesture();
    selectedPoints_.clear();
    selection_ = {};
  }
  ImGui::EndDisabled();
  if (ImGui::BeginTable("points", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                        ImVec2(0, 150))) {
    for (size_t i = 0; i < s.points.size(); ++i) {
      const ReferencePoint& p = s.points[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable((p.id + "##pt" + std::to_string(i)).c_str(), selectedPoints_.count(i) > 0,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        select(Kind::Point, i, ImGui::GetIO().KeyCtrl);
        for (const Resolved& r : resolved_)
          if (r.kind == Kind::Point && r.index == i) focus_ = r.position;
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(presetFor(p.technique).code);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f-%.0f deg", p.angleDeg.min, p.angleDeg.max);
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", p.placement.positionMm ? "on skin" : p.placement.landmark.c_str());
    }
    ImGui::EndTable();
  }
  if (selection_.kind != Kind::Point || selection_.index >= s.points.size()) {
    ImGui::TextDisabled("Select a point to edit its windows (Ctrl+click to select several).");
    return;
  }
  ReferencePoint p = s.points[selection_.index];
  bool changed = false;
  sectionHeading(("Point " + p.id).c_str());
  ImGui::PushItemWidth(220);
  changed |= ImGui::InputText("Id##point", &p.id);
  drawPlacementEditor(p.placement, "point placement", changed);
  int technique = int(p.technique);
  if (ImGui::Combo("Technique", &technique, "IED (intraepidermal)\0IDS (superficial)\0IDP (deep)\0NAP (nappage)\0")) {
    // The technique's windows come with it (technique.h); the author narrows them after.
    const ReferencePoint preset = referencePointFor(Technique(technique), p.id, p.placement);
    p.technique = preset.technique;
    p.angleDeg = preset.angleDeg;
    p.depthMm = preset.depthMm;
    changed = true;
  }
  changed |= rangeEditor("Angle deg", p.angleDeg, 0.5f, 0.0f, 90.0f, "%.0f");
  changed |= optionalRangeEditor("Azimuth deg", p.azimuthDeg, {0, 45}, 1.0f, 0.0f, 360.0f, "%.0f");
  changed |= optionalRangeEditor("Depth mm", p.depthMm, {1, 2}, 0.05f, 0.0f, 30.0f, "%.1f");
  int layer = p.targetLayer ? int(*p.targetLayer) + 1 : 0;
  if (ImGui::Combo("Target layer", &layer, "none (depth window)\0epidermis\0dermis\0subcutaneous fat\0muscle\0bone\0")) {
    p.targetLayer = layer ? std::optional<TissueLayer>(TissueLayer(layer - 1)) : std::nullopt;
    changed = true;
  }
  changed |= rangeEditor("Volume mL", p.volumeMl, 0.005f, 0.0f, 5.0f, "%.3f");
  int needle = p.needle == "30G 13 mm" ? 1 : 0;
  if (ImGui::Combo("Needle", &needle, "27G 4 mm\0" "30G 13 mm\0")) {
    p.needle = needle ? "30G 13 mm" : "27G 4 mm";
    changed = true;
  }
  float tolerance = float(p.toleranceMm);
  if (ImGui::DragFloat("Tolerance mm", &tolerance, 0.5f, 1.0f, 100.0f, "%.0f")) {
    p.toleranceMm = std::round(tolerance);
    changed = true;
  }
  ImGui::PopItemWidth();
  ImGui::TextDisabled("Tolerance: how far a trainee's point may be and still match this one.");
  if (changed) execute(setPointCommand(selection_.index, p));
  (void)notice;
}

void ScenarioBuilder::drawZones(std::string& notice) {
  const Scenario& s = scenario();
  if (ImGui::Button("Paint a new target zone")) {
    selection_ = {};
    newZoneKind_ = ZoneKind::Target;
    tool_ = Tool::Paint;
  }
  ImGui::SameLine();
  if (ImGui::Button("Paint a new no-go zone")) {
    selection_ = {};
    newZoneKind_ = ZoneKind::NoGo;
    tool_ = Tool::Paint;
  }
  for (size_t i = 0; i < s.zones.size(); ++i) {
    const Zone& z = s.zones[i];
    const bool selected = selection_.kind == Kind::Zone && selection_.index == i;
    const std::string label = z.id + "  (" + kindName(z.kind) + ", " + std::to_string(z.brush.size()) + " brush dabs)##zone" +
                              std::to_string(i);
    if (ImGui::Selectable(label.c_str(), selected)) {
      select(Kind::Zone, i);
      for (const Resolved& r : resolved_)
        if (r.kind == Kind::Zone && r.index == i) focus_ = r.position;
    }
  }
  if (selection_.kind != Kind::Zone || selection_.index >= s.zones.size()) {
    ImGui::TextDisabled("Select a zone to edit it, or paint a new one.");
    return;
  }
  Zone z = s.zones[selection_.index];
  bool changed = false;
  sectionHeading(("Zone " + z.id).c_str());
  ImGui::PushItemWidth(220);
  changed |= ImGui::InputText("Id##zone", &z.id);
  changed |= ImGui::InputText("Name##zone", &z.name);
  int kind = z.kind == ZoneKind::Target ? 0 : 1;
  if (ImGui::Combo("Kind", &kind, "target\0no-go\0")) {
    z.kind = kind ? ZoneKind::NoGo : ZoneKind::Target;
    changed = true;
  }
  if (z.kind == ZoneKind::NoGo) changed |= ImGui::InputText("Reason", &z.reason);
  drawPlacementEditor(z.centre, "zone centre", changed);
  float radius = float(z.radiusMm);
  if (ImGui::DragFloat("Disc radius mm", &radius, 0.5f, 1.0f, 500.0f, "%.0f")) {
    z.radiusMm = std::round(radius);
    changed = true;
  }
  if (z.kind == ZoneKind::Target) {
    float coverage = float(z.coverageRadiusMm);
    if (ImGui::DragFloat("Coverage radius mm", &coverage, 0.5f, 1.0f, 200.0f, "%.0f")) {
      z.coverageRadiusMm = std::round(coverage);
      changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Skin within this distance of a trainee's point counts as covered");
  }
  ImGui::PopItemWidth();
  ImGui::Text("%zu brush dabs", z.brush.size());
  ImGui::SameLine();
  if (ImGui::SmallButton("Paint")) tool_ = Tool::Paint;
  ImGui::SameLine();
  if (ImGui::SmallButton("Erase")) tool_ = Tool::Erase;
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear brush") && !z.brush.empty()) {
    z.brush.clear();
    changed = true;
  }
  if (changed) execute(setZoneCommand(selection_.index, z));
  if (ImGui::Button("Mirror to the other side")) {
    std::vector<Problem> problems;
    execute(mirrorZoneCommand(s, selection_.index, &problems));
    history_.endGesture();
    message_ = problems.empty() ? "Mirrored zone " + z.id + "." : formatProblem("mirror", problems.front());
  }
  ImGui::SameLine();
  if (ImGui::Button("Delete zone")) {
    execute(removeZoneCommand(selection_.index));
    history_.endGesture();
    selection_ = {};
  }
  (void)notice;
}

void ScenarioBuilder::drawRules() {
  const Scenario& s = scenario();
  PatternRules pattern = s.pattern;
  bool patternChanged = false;
  sectionHeading("Pattern");
  ImGui::PushItemWidth(200);
  patternChanged |= optionalRangeEditor("Point count", pattern.pointCount, {1, 10}, 0.1f, 0.0f, 200.0f, "%.0f");
  if (pattern.pointCount) {
    pattern.pointCount->min = std::round(pattern.pointCount->min);
    pattern.pointCount->max = std::round(pattern.pointCount->max);
  }
  patternChanged |= optionalRangeEditor("Spacing mm", pattern.spacingMm, {15, 30}, 0.5f, 0.0f, 300.0f, "%.0f");
  patternChanged |= optionalRangeEditor("Total volume mL", pattern.totalVolumeMl, {0.5, 1.5}, 0.005f, 0.0f, 50.0f, "%.2f");
  if (patternChanged) execute(setPatternCommand(pattern));

  ScoringRules rules = s.scoring;
  bool rulesChanged = false;
  sectionHeading("Scoring");
  ImGui::TextDisabled("Weights are relative; components left at their defaults are not written.");
  for (const ComponentInfo& c : kScoreComponents) {
    auto it = rules.weights.find(c.name);
    float weight = float(it != rules.weights.end() ? it->second : c.defaultWeight);
    if (ImGui::SliderFloat(c.name, &weight, 0.0f, 100.0f, "%.0f")) {
      rules.weights[c.name] = std::round(weight);
      rulesChanged = true;
    }
  }
  float pass = float(rules.passMark);
  if (ImGui::SliderFloat("Pass mark", &pass, 0.0f, 100.0f, "%.0f")) {
    rules.passMark = std::round(pass);
    rulesChanged = true;
  }
  ImGui::PopItemWidth();
  if (rulesChanged) execute(setScoringRulesCommand(rules));
}

void ScenarioBuilder::drawValidation() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - 10, viewport->Pos.y + viewport->Size.y - 50),
                          ImGuiCond_Appearing, ImVec2(1.0f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(520, 220), ImGuiCond_Appearing);
  if (ImGui::Begin("Validation")) {
    if (!validationCurrent()) {
      ImGui::TextDisabled("Checking...");
    } else if (problems_.empty()) {
      ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.2f, 1.0f), "No problems: mesomap validate accepts this scenario.");
    } else {
      ImGui::Text("%zu problems (as mesomap validate reports them); click one to select it:", problems_.size());
    }
    const std::string source = path_.empty() ? "unsaved" : path_.filename().string();
    // Selectable lines that wrap (ImGui's Selectable does not): an empty selectable as tall as
    // the wrapped text, with the text drawn over it.
    const float width = ImGui::GetContentRegionAvail().x;
    for (size_t i = 0; i < problems_.size(); ++i) {
      const std::string line = formatProblem(source, problems_[i]);
      const ImVec2 size = ImGui::CalcTextSize(line.c_str(), nullptr, false, width);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable(("##problem" + std::to_string(i)).c_str(), false, 0, ImVec2(width, size.y)))
        selectProblem(problems_[i]);
      ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at,
                                          ImGui::GetColorU32(ImGuiCol_Text), line.c_str(), nullptr, width);
    }
  }
  ImGui::End();
}

void ScenarioBuilder::drawDialogs(std::string& notice, bool confirmPressed, bool cancelPressed) {
  if (auto chosen = openBrowser_.draw("Open scenario", cancelPressed)) openFile(*chosen);

  if (saveAsOpen_ && !ImGui::IsPopupOpen("Save scenario as")) ImGui::OpenPopup("Save scenario as");
  if (ImGui::BeginPopupModal("Save scenario as", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("File (.json); the folder is created if needed:");
    ImGui::SetNextItemWidth(520);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##path", &saveAsPath_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (!saveAsProblem_.empty()) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1.0f), "%s", saveAsProblem_.c_str());
    if (ImGui::Button("Save", ImVec2(120, 0)) || entered || confirmPressed) {
      if (saveTo(saveAsPath_)) {
        saveAsOpen_ = false;
        notice = message_;
        ImGui::CloseCurrentPopup();
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(120, 0)) || cancelPressed) {
      saveAsOpen_ = false;
      afterSave_ = nullptr;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (unsavedPromptOpen_ && !ImGui::IsPopupOpen("Unsaved changes")) ImGui::OpenPopup("Unsaved changes");
  if (ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("'%s' has changes that are not saved.", scenario().title.c_str());
    if (ImGui::Button(path_.empty() ? "Save as..." : "Save", ImVec2(120, 0))) {
      unsavedPromptOpen_ = false;
      ImGui::CloseCurrentPopup();
      save();  // runs the guarded action once saved
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard", ImVec2(120, 0))) {
      unsavedPromptOpen_ = false;
      ImGui::CloseCurrentPopup();
      removeAutosave();
      savedRevision_ = document_.revision();  // discarded: nothing left to ask about
      if (afterSave_) std::exchange(afterSave_, nullptr)();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(120, 0)) || cancelPressed) {
      unsavedPromptOpen_ = false;
      afterSave_ = nullptr;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (recoveryOpen_ && !ImGui::IsPopupOpen("Recover scenario")) ImGui::OpenPopup("Recover scenario");
  if (ImGui::BeginPopupModal("Recover scenario", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The builder was not closed cleanly. Recover the unsaved scenario '%s'%s?",
                recoverable_ ? recoverable_->title.c_str() : "", recoverablePath_.empty() ? "" : " (edited from a file)");
    if (!recoverablePath_.empty()) ImGui::TextDisabled("%s", recoverablePath_.string().c_str());
    if (ImGui::Button("Recover", ImVec2(120, 0)) || confirmPressed) {
      if (recoverable_) replaceDocument(std::move(*recoverable_), recoverablePath_, false);
      message_ = "Recovered the unsaved scenario: save it to keep it.";
      recoveryOpen_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard", ImVec2(120, 0)) || cancelPressed) {
      removeAutosave();
      recoveryOpen_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace mesomap::app
