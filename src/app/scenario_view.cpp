#include "app/scenario_view.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/base/error.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_zones.h"

namespace mesomap::app {

void ScenarioView::show(const Scenario* scenario, const std::filesystem::path& path) {
  if (!scenario) {
    if (scenario_) {
      scenario_.reset();
      path_.clear();
      rebuildZones();
    }
    return;
  }
  if (scenario_ && path == path_ && scenario->id == scenario_->id) return;
  scenario_ = *scenario;
  path_ = path;
  // The session's copy may predate bookmarks saved since: the file has the current ones.
  if (!path_.empty()) {
    try {
      ScenarioReadResult onDisk = readScenario(path_);
      if (onDisk.ok()) scenario_->cameras = onDisk.scenario->cameras;
    } catch (const Error&) {
      // Unreadable now: the session's copy stands; saving will say why it cannot write.
    }
  }
  rebuildZones();
}

void ScenarioView::setBody(const Mesh* mesh, const Bvh* skin) {
  mesh_ = mesh;
  skin_ = skin;
  rebuildZones();
}

void ScenarioView::rebuildZones() {
  zones_.clear();
  zonesPending_ = scenario_ && mesh_ && skin_ && !scenario_->zones.empty();
  ++revision_;
}

void ScenarioView::update(const GeodesicSolver* geodesics, const PreparedScenario* prepared) {
  if (!zonesPending_) return;
  if (prepared) {
    zones_.clear();
    for (const PreparedZone& z : prepared->zones) zones_.push_back(z.region);
  } else if (geodesics) {
    zones_ = scenarioZoneRegions(*scenario_, *mesh_, *skin_, *geodesics);
  } else {
    return;
  }
  zonesPending_ = false;
  ++revision_;
}

void ScenarioView::save(std::string& notice) {
  // Only the bookmarks change: everything else is written as the file holds it now.
  Scenario onDisk = readValidScenario(path_);
  onDisk.cameras = scenario_->cameras;
  writeScenario(onDisk, path_);
  notice = "Saved the camera bookmarks in " + path_.string();
}

std::optional<OrbitCamera> ScenarioView::drawBookmarkMenu(std::string& notice) {
  std::optional<OrbitCamera> chosen;
  if (!scenario_) {
    ImGui::TextDisabled("Choose a scenario first (Practice > Choose scenario...)");
    return chosen;
  }
  ImGui::TextDisabled("%s", scenario_->title.c_str());
  if (scenario_->cameras.empty()) ImGui::TextDisabled("  (no bookmarks yet)");
  for (const CameraBookmark& bookmark : scenario_->cameras)
    if (ImGui::MenuItem(bookmark.name.c_str())) chosen = cameraFromBookmark(bookmark);
  ImGui::Separator();
  if (ImGui::MenuItem("Save current view as...")) {
    openSaveDialog_ = true;
    std::snprintf(nameInput_, sizeof nameInput_, "View %zu", scenario_->cameras.size() + 1);
    nameProblem_.clear();
  }
  if (!scenario_->cameras.empty() && ImGui::BeginMenu("Delete bookmark")) {
    for (size_t i = 0; i < scenario_->cameras.size(); ++i) {
      if (!ImGui::MenuItem(scenario_->cameras[i].name.c_str())) continue;
      const std::vector<CameraBookmark> before = scenario_->cameras;
      scenario_->cameras.erase(scenario_->cameras.begin() + static_cast<std::ptrdiff_t>(i));
      try {
        save(notice);
      } catch (const Error& e) {
        scenario_->cameras = before;  // memory and file keep telling the same story
        notice = e.what();
      }
      break;
    }
    ImGui::EndMenu();
  }
  return chosen;
}

void ScenarioView::drawSaveDialog(const OrbitCamera& current, std::string& notice, bool confirmRequested,
                                  bool cancelRequested) {
  if (openSaveDialog_) {
    ImGui::OpenPopup("Save view as");
    openSaveDialog_ = false;
  }
  if (!ImGui::BeginPopupModal("Save view as", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("Name of the bookmark (saved in the scenario file):");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool entered = ImGui::InputText("##name", nameInput_, sizeof nameInput_, ImGuiInputTextFlags_EnterReturnsTrue);
  const std::string name = nameInput_;
  const bool replaces = scenario_ && scenario_->findCamera(name) != nullptr;
  if (replaces) ImGui::TextDisabled("Replaces the bookmark of that name.");
  if (!nameProblem_.empty()) ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.1f, 1.0f), "%s", nameProblem_.c_str());
  const bool wantsSave = ImGui::Button("Save", ImVec2(120, 0)) || entered || confirmRequested;
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(120, 0)) || cancelRequested) ImGui::CloseCurrentPopup();
  if (wantsSave && scenario_) {
    const bool preset = std::any_of(std::begin(kCameraPresetNames), std::end(kCameraPresetNames),
                                    [&](const char* p) { return name == p; });
    if (name.empty()) {
      nameProblem_ = "Give the bookmark a name.";
    } else if (preset) {
      nameProblem_ = "'" + name + "' is a preset view; choose another name.";
    } else {
      const std::vector<CameraBookmark> before = scenario_->cameras;
      const CameraBookmark bookmark = bookmarkFromCamera(name, current);
      auto existing = std::find_if(scenario_->cameras.begin(), scenario_->cameras.end(),
                                   [&](const CameraBookmark& c) { return c.name == name; });
      if (existing != scenario_->cameras.end()) *existing = bookmark;
      else scenario_->cameras.push_back(bookmark);
      try {
        save(notice);
        ImGui::CloseCurrentPopup();
      } catch (const Error& e) {
        scenario_->cameras = before;
        nameProblem_ = e.what();
      }
    }
  }
  ImGui::EndPopup();
}

}  // namespace mesomap::app
