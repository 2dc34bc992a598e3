#pragma once
// The scenario builder's state and rules, apart from any window: the scenario document with
// its undo history and file (open, save atomically, autosave, recovery), the body it is
// authored on, the items' places on the skin, the painted zones' regions (rebuilt only where
// they changed), and the live validation `mesomap validate` would report. The builder's
// panels and 3D tools (app/scenario_builder.h) edit it through commands; tests drive it
// in-process with no window, GL or ImGui.
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/model/scenario_library.h"
#include "core/base/problem.h"
#include "core/body/body.h"
#include "core/editing/scenario_document.h"
#include "core/protocol/zone_region.h"

namespace mesomap::app {

enum class ItemKind { None, Landmark, Point, Zone };

// An item of the scenario where it lies on the body, for picking and focusing.
struct ResolvedItem {
  ItemKind kind;
  size_t index;
  glm::vec3 position;
};

class BuilderModel {
 public:
  // `library`: the built-in scenarios, to duplicate from. User files (saves, the autosave) go
  // to `dataDirectory`, never into the library.
  BuilderModel(std::filesystem::path libraryDirectory, std::vector<LibraryEntry> library,
               std::filesystem::path dataDirectory);

  const std::vector<LibraryEntry>& library() const { return library_; }
  const std::filesystem::path& libraryDirectory() const { return libraryDirectory_; }
  const std::filesystem::path& dataDirectory() const { return dataDirectory_; }

  // The body the scenario is authored on: its standard landmarks become nameable. Undo history
  // goes (it would bring back the old body's landmark set); an unedited scenario stays clean.
  void setBody(std::shared_ptr<const Body> body);
  const std::shared_ptr<const Body>& body() const { return body_; }
  const std::vector<Landmark>& bodyLandmarks() const { return bodyLandmarks_; }

  const Scenario& scenario() const { return document_.scenario(); }
  ScenarioDocument& document() { return document_; }
  const ScenarioDocument& document() const { return document_; }
  ScenarioHistory& history() { return history_; }
  const ScenarioHistory& history() const { return history_; }
  void execute(std::unique_ptr<ScenarioCommand> command) { history_.execute(document_, std::move(command)); }

  // Documents: each replaces the current one (the caller asks about unsaved changes first).
  void newScenario();
  void duplicate(const Scenario& source);
  // False, with message() saying why, when the file cannot be read as a scenario.
  bool openFile(const std::filesystem::path& path);
  // Atomic save; false with message() saying why. The autosave goes once saved.
  bool saveTo(const std::filesystem::path& path);
  // Where Save As proposes: the scenario's file, else `<data>/scenarios/<id>.json`.
  std::filesystem::path suggestedSavePath() const;
  // 3D Slicer markups, by default beside the scenario file (or in <data>/scenarios/ID).
  std::filesystem::path defaultMarkupsPath() const;
  void exportMarkups(const std::filesystem::path& out);
  // The scenario as it will be tried in practice: as its file keeps it, with this body's landmarks.
  Scenario scenarioToTry() const;
  // The scenario as its file keeps it. On a parametric patient the document holds a default-body
  // scenario where its hm08 anchors put it; this brings edits made there back to default-body
  // positions with exact anchors (scenario_anchors.h). Elsewhere it is the document itself.
  Scenario fileScenario() const;
  bool onPatient() const { return carried_.has_value(); }
  bool dirty() const { return document_.revision() != savedRevision_; }
  // Forget the unsaved changes and their autosave (the user chose to discard them).
  void discardChanges();
  const std::filesystem::path& path() const { return path_; }
  // Where a scenario being tried lives (its file, else the autosave).
  std::filesystem::path tryPath() const { return path_.empty() ? autosavePath() : path_; }

  // The autosave of unsaved work (at most once a second), and what a crash left behind.
  void autosave(bool now = false);
  bool hasAutosave() const;
  struct Recoverable {
    Scenario scenario;
    std::filesystem::path path;  // the file it was being edited as, if any
  };
  std::optional<Recoverable> recoverable();
  void recover(Recoverable recovered);
  void discardAutosave();
  std::filesystem::path autosavePath() const { return dataDirectory_ / "builder-autosave.json"; }

  // Every frame: validation (the reader's checks at once; the body checks in the background
  // once edits pause) and, with `bodyWork`, zones, once the body's geodesics are ready.
  void update(bool bodyWork);
  const std::vector<Problem>& problems() const { return problems_; }
  bool validationCurrent() const { return validatedRevision_ == document_.revision(); }
  const std::vector<ZoneRegion>& zones() const { return zoneRegions_; }
  uint64_t zonesRevision() const { return zonesRevision_; }

  // The items where they lie on this body (current after refreshResolved()).
  void refreshResolved();
  const std::vector<ResolvedItem>& resolved() const { return resolved_; }
  std::optional<glm::vec3> positionOf(ItemKind kind, size_t index);

  // Places on the skin as the scenario file writes them (millimetres to a tenth), each kept
  // where it lies on this body; without a body they stay as they are.
  static glm::dvec3 toFileMm(const glm::vec3& metres);
  // The same spot as an absolute position.
  SurfacePlacement onSkin(const SurfacePlacement& placement) const;
  // The same spot measured from `landmark`; nullopt when that cannot be resolved.
  std::optional<SurfacePlacement> fromLandmark(const std::string& landmark, const glm::dvec3& mm) const;
  // The same spot measured from another landmark (its id alone when the spot is unknown).
  SurfacePlacement reanchored(const SurfacePlacement& placement, const std::string& landmark) const;
  // `placement` moved to `mm`, keeping its kind: one from a landmark keeps its landmark.
  SurfacePlacement movedTo(const SurfacePlacement& placement, const glm::dvec3& mm) const;
  // Where a placement switched to "from a landmark" is measured from: the scenario's first
  // landmark, else the body's.
  std::string defaultAnchor() const;

  // The builder's last one-line report (saved, opened, failed).
  const std::string& message() const { return message_; }
  void setMessage(std::string text) { message_ = std::move(text); }
  // Grows whenever the document is replaced (not edited): selections must be dropped.
  uint64_t generation() const { return generation_; }

 private:
  void replaceDocument(Scenario scenario, std::filesystem::path path, bool fromFile);
  void show(Scenario fileSpace);
  void rebuildZones(const GeodesicSolver& geodesics);
  void startValidation(bool bodyChecks);

  std::filesystem::path libraryDirectory_, dataDirectory_;
  std::vector<LibraryEntry> library_;
  std::shared_ptr<const Body> body_;
  std::vector<Landmark> bodyLandmarks_;

  ScenarioDocument document_{blankScenario()};
  // While on a patient: the scenario as written, and as carrying put it on this patient.
  std::optional<Scenario> written_, carried_;
  ScenarioHistory history_;
  std::filesystem::path path_;
  uint64_t savedRevision_ = 0;
  uint64_t generation_ = 0;
  std::string message_;

  std::vector<ResolvedItem> resolved_;
  uint64_t resolvedRevision_ = ~0ull;

  // Zones: rebuilt one at a time, only those whose definition or centre changed.
  struct CachedZone {
    std::string key;  // the zone as text plus its resolved centre
    std::optional<ZoneRegion> region;
  };
  std::vector<CachedZone> zoneCache_;
  std::vector<ZoneRegion> zoneRegions_;
  uint64_t zonesBuiltFor_ = ~0ull;
  uint64_t zonesRevision_ = 1;

  // Validation: the reader's problems at once; the body checks in the background.
  std::vector<Problem> problems_;
  uint64_t validatedRevision_ = ~0ull;
  uint64_t readRevision_ = ~0ull;  // the file reader's checks ran for this revision
  std::future<std::pair<uint64_t, std::vector<Problem>>> validation_;
  std::chrono::steady_clock::time_point lastEdit_;
  uint64_t editRevision_ = ~0ull;

  uint64_t autosavedRevision_ = 0;
  std::chrono::steady_clock::time_point lastAutosave_;
};

}  // namespace mesomap::app
