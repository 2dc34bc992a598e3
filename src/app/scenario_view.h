#pragma once
// The scenario shown over the body: its reference needles, landmarks and zone names, its zones
// painted once the geodesic solver is ready, and its camera bookmarks (Scenario menu), which are
// saved back into the scenario file.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/bvh.h"
#include "core/camera.h"
#include "core/geodesic.h"
#include "core/mesh.h"
#include "core/overlay.h"
#include "core/scenario.h"
#include "core/zone_region.h"

namespace mesomap::app {

class ScenarioView {
 public:
  // Reads and checks the file; on problems the view stays as it was and Error is thrown.
  void open(const std::filesystem::path& path);
  void close();
  bool isOpen() const { return scenario_.has_value(); }
  const Scenario* scenario() const { return scenario_ ? &*scenario_ : nullptr; }
  const std::filesystem::path& path() const { return path_; }

  // The body it is drawn on; the overlay and zones are rebuilt for it.
  void setBody(const Mesh* mesh, const Bvh* skin);
  // Builds what waits for the geodesic solver (zones). Cheap when there is nothing to do.
  void update(const GeodesicSolver* geodesics);

  // Changes whenever overlay() or zones() change.
  uint64_t revision() const { return revision_; }
  const Overlay& overlay() const { return overlay_; }
  const std::vector<ZoneRegion>& zones() const { return zones_; }

  // The view that shows the scenario's points (the "region" view), for the aspect of the window.
  std::optional<OrbitCamera> regionView(float aspect) const;

  // Items of the Scenario menu for the open scenario: the region view, go to a bookmark, save the
  // current view as one (opens the dialog below), delete one. Returns the camera to move to when
  // one was chosen. Saving writes the whole scenario file atomically (writeScenario); `notice`
  // receives a one-line report, or why saving failed (the bookmarks then stay as in the file).
  std::optional<OrbitCamera> drawBookmarkMenu(float aspect, std::string& notice);
  // The "Save view as" dialog, drawn every frame outside the menus; names the current view.
  // Enter and Escape come from the app's key queue (ImGui 1.86 loses taps shorter than a frame).
  void drawSaveDialog(const OrbitCamera& current, std::string& notice, bool confirmRequested, bool cancelRequested);

 private:
  void rebuild();
  void save(std::string& notice);

  std::optional<Scenario> scenario_;
  std::filesystem::path path_;
  const Mesh* mesh_ = nullptr;
  const Bvh* skin_ = nullptr;
  Overlay overlay_;
  std::vector<ZoneRegion> zones_;
  bool zonesPending_ = false;
  uint64_t revision_ = 1;
  bool openSaveDialog_ = false;
  char nameInput_[64] = {};
  std::string nameProblem_;
};

}  // namespace mesomap::app
