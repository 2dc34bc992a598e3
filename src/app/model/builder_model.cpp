#include "app/model/builder_model.h"

#include "core/protocol/scenario_anchors.h"
#include "core/protocol/scenario_transfer.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/base/error.h"
#include "core/base/safe_write.h"
#include "core/protocol/scenario_geometry.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/protocol/slicer_markups.h"
#include "core/scoring/scenario_validation.h"
#include "core/scoring/scoring.h"
#include "core/view/scenario_zones.h"

namespace mesomap::app {

namespace {

using Clock = std::chrono::steady_clock;

// The body checks (geometry, the reference map's own score) take tens of milliseconds: they
// run once edits pause this long, in the background.
constexpr auto kValidationPause = std::chrono::milliseconds(300);
constexpr auto kAutosaveInterval = std::chrono::seconds(1);

// A zone's identity for the region cache: its definition and where its centre lands.
std::string zoneKey(const Zone& zone, const std::optional<ResolvedPlacement>& centre) {
  std::ostringstream key;
  key.precision(9);
  key << int(zone.kind) << '|' << zone.radiusMm << '|';
  if (centre) key << centre->frame.position.x << ',' << centre->frame.position.y << ',' << centre->frame.position.z;
  for (const BrushStamp& s : zone.brush)
    key << '|' << s.positionMm.x << ',' << s.positionMm.y << ',' << s.positionMm.z << ',' << s.radiusMm << ','
        << s.erase;
  return key.str();
}

constexpr const char* kOnPatientNote =
    "; on a patient: what you place is saved for the default body, anchored to this anatomy";

std::filesystem::path autosaveNoteOf(const std::filesystem::path& dataDirectory) {
  return dataDirectory / "builder-autosave.path";
}

}  // namespace

BuilderModel::BuilderModel(std::filesystem::path libraryDirectory, std::vector<LibraryEntry> library,
                           std::filesystem::path dataDirectory)
    : libraryDirectory_(std::move(libraryDirectory)),
      dataDirectory_(std::move(dataDirectory)),
      library_(std::move(library)) {}

void BuilderModel::setBody(std::shared_ptr<const Body> body) {
  Scenario fileSpace = fileScenario();  // off the old body first: a patient's edits come back
  body_ = std::move(body);
  bodyLandmarks_.clear();
  if (body_)
    for (const PlacedLandmark& l : body_->landmarks().landmarks) bodyLandmarks_.push_back(l.landmark);
  // The scenario now lives on another body: what was resolved, built or checked is stale, and
  // undo would bring back the old body's landmark set.
  const bool wasClean = !dirty();
  show(std::move(fileSpace));
  if (wasClean) savedRevision_ = document_.revision();
  if (carried_) message_ = "Shown on this patient" + std::string(kOnPatientNote);
  history_.clear();
  zoneCache_.clear();
  zonesBuiltFor_ = ~0ull;
  resolvedRevision_ = ~0ull;
  validatedRevision_ = ~0ull;
}

// A default-body scenario on a parametric patient is edited where carrying puts it (its hm08
// anchors); fileScenario() brings it back for the file. On any other body it is edited as written.
void BuilderModel::show(Scenario fileSpace) {
  written_.reset();
  carried_.reset();
  fileSpace.bodyLandmarks = bodyLandmarks_;
  if (body_ && body_->hm08() && fileSpace.body.model == "default") {
    Scenario carried = fileSpace;
    putScenarioOnBody(carried, *body_);
    written_ = std::move(fileSpace);
    carried_ = carried;
    document_.replace(std::move(carried));
  } else {
    document_.replace(std::move(fileSpace));
  }
}

Scenario BuilderModel::fileScenario() const {
  if (!written_ || !carried_ || !body_) return document_.scenario();
  return scenarioForTheDefaultBody(document_.scenario(), *carried_, *written_, *body_);
}

void BuilderModel::replaceDocument(Scenario scenario, std::filesystem::path path, bool fromFile) {
  show(std::move(scenario));
  history_.clear();
  path_ = std::move(path);
  savedRevision_ = fromFile ? document_.revision() : ~0ull;  // a new or recovered scenario is unsaved
  validatedRevision_ = ~0ull;
  ++generation_;
}

void BuilderModel::newScenario() {
  replaceDocument(blankScenario(), {}, false);
  message_ = "New scenario: fill in the details, then add landmarks, points and zones.";
}

void BuilderModel::duplicate(const Scenario& source) {
  Scenario copy = source;
  copy.id = source.id + "_copy";
  copy.title = source.title + " (copy)";
  replaceDocument(std::move(copy), {}, false);
  message_ = "Duplicated '" + source.title + "': Save As to keep it under a new name.";
}

bool BuilderModel::openFile(const std::filesystem::path& path) {
  try {
    ScenarioReadResult read = readScenario(path);
    if (!read.scenario) {
      message_ =
          read.problems.empty() ? "Cannot open " + path.string() : formatProblem(path.string(), read.problems.front());
      return false;
    }
    replaceDocument(std::move(*read.scenario), path, true);
    message_ = "Opened " + path.filename().string() +
               (read.problems.empty() ? "" : " (" + std::to_string(read.problems.size()) + " problems to fix)");
    if (const int missing = unanchoredPositions(scenario()); missing > 0 && body_ && isDefaultBodyModel(body_->modelPath()))
      message_ += "; saving anchors its " + std::to_string(missing) + " absolute positions for patients";
    if (onPatient()) message_ += kOnPatientNote;
    return true;
  } catch (const Error& e) {
    message_ = e.what();
    return false;
  }
}

std::filesystem::path BuilderModel::suggestedSavePath() const {
  const std::string stem = scenario().id.empty() ? "scenario" : scenario().id;
  return path_.empty() ? dataDirectory_ / "scenarios" / (stem + ".json") : path_;
}

bool BuilderModel::saveTo(const std::filesystem::path& path) {
  ScenarioAnchoring anchoring;
  try {
    if (path.extension() != ".json")
      throw Error(ErrorKind::InvalidInput, path.string() + ": scenario files end in .json");
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    // Positions measured on the default body get their hm08 anchors made again, so an edited
    // point still reaches every patient exactly (on another body they stay as they are).
    Scenario written = fileScenario();
    if (body_ && isDefaultBodyModel(body_->modelPath())) anchoring = anchorScenario(written);
    writeScenario(written, path);  // atomic: temporary file + rename
  } catch (const Error& e) {
    message_ = e.what();
    return false;
  }
  path_ = path;
  savedRevision_ = document_.revision();
  discardAutosave();
  const size_t open = problems_.size();
  message_ = "Saved " + path.string() +
             (open && validationCurrent() ? " (" + std::to_string(open) + " problems still listed)" : "");
  if (anchoring.added > 0)  // an older file's upgrade, said once
    message_ += "; " + std::to_string(anchoring.added) + " absolute positions anchored for patients";
  return true;
}

std::filesystem::path BuilderModel::defaultMarkupsPath() const {
  std::filesystem::path base = path_.empty() ? dataDirectory_ / "scenarios" / scenario().id : path_;
  base.replace_extension();
  return base.string() + ".mrk.json";
}

void BuilderModel::exportMarkups(const std::filesystem::path& out) {
  if (!body_) return;
  try {
    std::error_code ec;
    std::filesystem::create_directories(out.parent_path(), ec);
    writeSlicerMarkups(scenarioMarkups(scenario(), body_->skin()), out);
    message_ = "Exported 3D Slicer markups to " + out.string();
  } catch (const Error& e) {
    message_ = e.what();
  }
}

Scenario BuilderModel::scenarioToTry() const {
  Scenario s = fileScenario();  // practice carries it to the body itself
  s.bodyLandmarks = bodyLandmarks_;
  return s;
}

void BuilderModel::discardChanges() {
  discardAutosave();
  savedRevision_ = document_.revision();
}

void BuilderModel::autosave(bool now) {
  if (!dirty() || autosavedRevision_ == document_.revision()) return;
  if (!now && Clock::now() - lastAutosave_ < kAutosaveInterval) return;
  try {
    std::filesystem::create_directories(dataDirectory_);
    writeFileAtomically(autosaveNoteOf(dataDirectory_), path_.string());
    writeFileAtomically(autosavePath(), scenarioToJson(fileScenario()));
    autosavedRevision_ = document_.revision();
  } catch (const std::exception& e) {
    message_ = std::string("Autosave failed: ") + e.what();
  }
  lastAutosave_ = Clock::now();
}

bool BuilderModel::hasAutosave() const {
  std::error_code ec;
  return std::filesystem::exists(autosavePath(), ec);
}

void BuilderModel::discardAutosave() {
  std::error_code ec;
  std::filesystem::remove(autosavePath(), ec);
  std::filesystem::remove(autosaveNoteOf(dataDirectory_), ec);
  autosavedRevision_ = 0;
}

std::optional<BuilderModel::Recoverable> BuilderModel::recoverable() {
  if (!hasAutosave()) return std::nullopt;
  try {
    ScenarioReadResult read = parseScenario(readWholeFile(autosavePath(), "builder autosave"));
    if (!read.scenario) return std::nullopt;
    Recoverable found{std::move(*read.scenario), {}};
    std::error_code ec;
    if (std::filesystem::exists(autosaveNoteOf(dataDirectory_), ec))
      found.path = readWholeFile(autosaveNoteOf(dataDirectory_), "builder autosave");
    return found;
  } catch (const Error& e) {
    message_ = e.what();
    return std::nullopt;
  }
}

void BuilderModel::recover(Recoverable recovered) {
  replaceDocument(std::move(recovered.scenario), std::move(recovered.path), false);
  message_ = "Recovered the unsaved scenario: save it to keep it.";
}

void BuilderModel::refreshResolved() {
  if (resolvedRevision_ == document_.revision() || !body_) return;
  resolved_.clear();
  const Scenario& s = scenario();
  for (size_t i = 0; i < s.landmarks.size(); ++i)
    if (auto r = resolvePlacement(s, {s.landmarks[i].positionMm, "", 0, 0}, body_->skin()))
      resolved_.push_back({ItemKind::Landmark, i, r->frame.position});
  for (size_t i = 0; i < s.points.size(); ++i)
    if (auto r = resolvePlacement(s, s.points[i].placement, body_->skin()))
      resolved_.push_back({ItemKind::Point, i, r->frame.position});
  for (size_t i = 0; i < s.zones.size(); ++i)
    if (auto r = resolvePlacement(s, s.zones[i].centre, body_->skin()))
      resolved_.push_back({ItemKind::Zone, i, r->frame.position});
  resolvedRevision_ = document_.revision();
}

glm::dvec3 BuilderModel::toFileMm(const glm::vec3& metres) {
  const glm::dvec3 mm = glm::dvec3(metres) * 1000.0;
  auto tenth = [](double v) { return std::round(v * 10.0) / 10.0; };
  return {tenth(mm.x), tenth(mm.y), tenth(mm.z)};
}

SurfacePlacement BuilderModel::onSkin(const SurfacePlacement& placement) const {
  if (body_)
    if (auto r = resolvePlacement(scenario(), placement, body_->skin())) return {toFileMm(r->frame.position), "", 0, 0};
  return placement;
}

std::optional<SurfacePlacement> BuilderModel::fromLandmark(const std::string& landmark, const glm::dvec3& mm) const {
  if (!body_) return std::nullopt;
  return placementFromLandmark(scenario(), landmark, mm, body_->skin());
}

SurfacePlacement BuilderModel::reanchored(const SurfacePlacement& placement, const std::string& landmark) const {
  const auto at = body_ ? resolvePlacement(scenario(), placement, body_->skin()) : std::nullopt;
  if (at)
    if (auto relative = fromLandmark(landmark, glm::dvec3(at->frame.position) * 1000.0)) return *relative;
  SurfacePlacement renamed = placement;
  renamed.landmark = landmark;
  return renamed;
}

SurfacePlacement BuilderModel::movedTo(const SurfacePlacement& placement, const glm::dvec3& mm) const {
  if (placement.positionMm) return {mm, "", 0, 0};
  return fromLandmark(placement.landmark, mm).value_or(placement);
}

std::string BuilderModel::defaultAnchor() const {
  const std::vector<Landmark> known = landmarksInUse(scenario());
  return !known.empty() ? known.front().id : !bodyLandmarks_.empty() ? bodyLandmarks_.front().id : "";
}

std::optional<glm::vec3> BuilderModel::positionOf(ItemKind kind, size_t index) {
  refreshResolved();
  for (const ResolvedItem& r : resolved_)
    if (r.kind == kind && r.index == index) return r.position;
  return std::nullopt;
}

void BuilderModel::rebuildZones(const GeodesicSolver& geodesics) {
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

void BuilderModel::startValidation(bool bodyChecks) {
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

void BuilderModel::update(bool bodyWork) {
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
  autosave();
}

}  // namespace mesomap::app
