#include "app/scenario_view.h"
#include "app/ui_scale.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/base/error.h"
#include "core/protocol/camera_bookmarks.h"
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
      if (inLibrary()) {
        const UserCameraBookmarksReadResult user = readUserCameraBookmarks(userBookmarksFile_);
        if (user.bookmarks) {
          auto it = user.bookmarks->byScenario.find(scenario_->id);
          if (it != user.bookmarks->byScenario.end()) scenario_->cameras = it->second;
        }
      } else if (ScenarioReadResult onDisk = readScenario(path_); onDisk.ok()) {
        scenario_->cameras = onDisk.scenario->cameras;
      }
    } catch (const Error&) {
      // Unreadable now: the session's copy stands; saving will say why it cannot write.
    }
  }
  rebuildZones();
}

void ScenarioView::setStorage(const std::filesystem::path& libraryDirectory,
                              const std::filesystem::path& userBookmarksFile) {
  libraryDirectory_ = libraryDirectory;
  userBookmarksFile_ = userBookmarksFile;
}

bool ScenarioView::inLibrary() const {
  if (libraryDirectory_.empty() || userBookmarksFile_.empty() || path_.empty()) return false;
  std::error_code ec;
  return std::filesystem::equivalent(path_.parent_path(), libraryDirectory_, ec);
}

const std::vector<CameraBookmark>& ScenarioView::bookmarks() const {
  static const std::vector<CameraBookmark> none;
  return scenario_ ? scenario_->cameras : none;
}

std::filesystem::path ScenarioView::bookmarksFile() const { return inLibrary() ? userBookmarksFile_ : path_; }

void ScenarioView::setBody(std::shared_ptr<const Body> body) {
  body_ = std::move(body);
  rebuildZones();
}

void ScenarioView::rebuildZones() {
  zones_.clear();
  zonesPending_ = scenario_ && body_ && !scenario_->zones.empty();
  ++revision_;
}

void ScenarioView::update(const PreparedScenario* prepared) {
  if (!zonesPending_) return;
  if (prepared) {
    zones_.clear();
    for (const PreparedZone& z : prepared->zones) zones_.push_back(z.region);
  } else if (const GeodesicSolver* geodesics = body_->geodesicsIfReady()) {
    zones_ = scenarioZoneRegions(*scenario_, body_->mesh(), body_->skin(), *geodesics);
  } else {
    return;
  }
  zonesPending_ = false;
  ++revision_;
}

void ScenarioView::save(std::string& notice) {
  if (inLibrary()) {
    // The library ships with the program: the user's bookmarks live with the user's data.
    const UserCameraBookmarksReadResult read = readUserCameraBookmarks(userBookmarksFile_);
    if (!read.bookmarks) {
      std::string why;
      for (const Problem& p : read.problems) why += "\n  " + formatProblem(userBookmarksFile_.string(), p);
      throw Error(ErrorKind::InvalidInput, "Cannot save the camera bookmarks: " + why);
    }
    UserCameraBookmarks all = *read.bookmarks;
    all.byScenario[scenario_->id] = scenario_->cameras;
    writeUserCameraBookmarks(all, userBookmarksFile_);
    notice = "Saved the camera bookmarks in " + userBookmarksFile_.string();
    return;
  }
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
      deleteBookmark(i, notice);
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
  ImGui::Text("Name of the bookmark (saved in %s):", bookmarksFile().filename().string().c_str());
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool entered = ImGui::InputText("##name", nameInput_, sizeof nameInput_, ImGuiInputTextFlags_EnterReturnsTrue);
  const std::string name = nameInput_;
  const bool replaces = scenario_ && scenario_->findCamera(name) != nullptr;
  if (replaces) ImGui::TextDisabled("Replaces the bookmark of that name.");
  if (!nameProblem_.empty()) ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.1f, 1.0f), "%s", nameProblem_.c_str());
  const bool wantsSave = ImGui::Button("Save", ImVec2(scaled(120), 0)) || entered || confirmRequested;
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(scaled(120), 0)) || cancelRequested) ImGui::CloseCurrentPopup();
  if (wantsSave && scenario_) {
    const bool preset = std::any_of(std::begin(kCameraPresetNames), std::end(kCameraPresetNames),
                                    [&](const char* p) { return name == p; });
    if (name.empty()) {
      nameProblem_ = "Give the bookmark a name.";
    } else if (preset) {
      nameProblem_ = "'" + name + "' is a preset view; choose another name.";
    } else {
      std::string outcome;
      if (saveBookmark(bookmarkFromCamera(name, current), outcome)) {
        notice = outcome;
        ImGui::CloseCurrentPopup();
      } else {
        nameProblem_ = outcome;
      }
    }
  }
  ImGui::EndPopup();
}

bool ScenarioView::saveBookmark(const CameraBookmark& bookmark, std::string& notice) {
  if (!scenario_) return false;
  const std::vector<CameraBookmark> before = scenario_->cameras;
  auto existing = std::find_if(scenario_->cameras.begin(), scenario_->cameras.end(),
                               [&](const CameraBookmark& c) { return c.name == bookmark.name; });
  if (existing != scenario_->cameras.end()) *existing = bookmark;
  else scenario_->cameras.push_back(bookmark);
  try {
    save(notice);
    return true;
  } catch (const Error& e) {
    scenario_->cameras = before;  // memory and file keep telling the same story
    notice = e.what();
    return false;
  }
}

bool ScenarioView::deleteBookmark(size_t index, std::string& notice) {
  if (!scenario_ || index >= scenario_->cameras.size()) return false;
  const std::vector<CameraBookmark> before = scenario_->cameras;
  scenario_->cameras.erase(scenario_->cameras.begin() + static_cast<std::ptrdiff_t>(index));
  try {
    save(notice);
    return true;
  } catch (const Error& e) {
    scenario_->cameras = before;
    notice = e.what();
    return false;
  }
}

}  // namespace mesomap::app
