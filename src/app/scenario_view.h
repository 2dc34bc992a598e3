#pragma once
// What the app adds to the scenario the practice session shows: its zones painted on the skin
// (built once the geodesic solver is ready) and its camera bookmarks (View > Camera bookmarks),
// which are saved back into the scenario file — except for the built-in library, which is part of
// the install (or the source tree): its bookmarks go to the user's own file.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/bvh.h"
#include "core/geometry/camera.h"
#include "core/geometry/geodesic.h"
#include "core/geometry/mesh.h"
#include "core/protocol/scenario.h"
#include "core/scoring/scoring.h"
#include "core/protocol/zone_region.h"

namespace mesomap::app {

class ScenarioView {
 public:
  // Scenarios in `libraryDirectory` keep their bookmarks in `userBookmarksFile` instead.
  void setStorage(const std::filesystem::path& libraryDirectory, const std::filesystem::path& userBookmarksFile);
  // Where bookmarks of the scenario shown are saved.
  std::filesystem::path bookmarksFile() const;

  // Follows the session's scenario (nullptr: none); cheap when it is the same one as before.
  void show(const Scenario* scenario, const std::filesystem::path& path);
  // The body it is drawn on; zones are rebuilt for it.
  void setBody(std::shared_ptr<const Body> body);
  // Builds what waits for the body's geodesic solver (zones), never waiting for it. Cheap when
  // there is nothing to do. With `prepared` (the same scenario prepared for scoring) its zone
  // regions are taken instead of being built a second time.
  void update(const PreparedScenario* prepared = nullptr);

  // Changes whenever zones() changes.
  uint64_t revision() const { return revision_; }
  const std::vector<ZoneRegion>& zones() const { return zones_; }

  // The scenario's bookmarks as saved (empty without a scenario).
  const std::vector<CameraBookmark>& bookmarks() const;
  // Adds (or replaces, by name) / deletes a bookmark and saves at once; on failure nothing
  // changes and `notice` says why. `notice` gets a one-line report either way.
  bool saveBookmark(const CameraBookmark& bookmark, std::string& notice);
  bool deleteBookmark(size_t index, std::string& notice);

  // Items of a "Camera bookmarks" menu: go to a bookmark, save the current view as one (opens
  // the dialog below), delete one. Returns the camera to move to when one was chosen. Saving
  // writes the whole scenario file atomically (writeScenario); `notice` receives a one-line
  // report, or why saving failed (the bookmarks then stay as they are in the file).
  std::optional<OrbitCamera> drawBookmarkMenu(std::string& notice);
  // The "Save view as" dialog, drawn every frame outside the menus; names the current view.
  // Enter and Escape come from the app's key queue (ImGui 1.86 loses taps shorter than a frame).
  void drawSaveDialog(const OrbitCamera& current, std::string& notice, bool confirmRequested, bool cancelRequested);

 private:
  void rebuildZones();
  void save(std::string& notice);
  bool inLibrary() const;

  std::optional<Scenario> scenario_;  // a copy: bookmarks are edited here, then written
  std::filesystem::path path_;
  std::filesystem::path libraryDirectory_, userBookmarksFile_;
  std::shared_ptr<const Body> body_;
  std::vector<ZoneRegion> zones_;
  bool zonesPending_ = false;
  uint64_t revision_ = 1;
  bool openSaveDialog_ = false;
  char nameInput_[64] = {};
  std::string nameProblem_;
};

}  // namespace mesomap::app
