#pragma once
// What the app remembers between runs (window placement, last model), in
// $XDG_CONFIG_HOME/mesomap/settings.json (or ~/.config/...; %APPDATA% and Application Support
// elsewhere: core/base/platform_dirs.h). A damaged file is reported and
// replaced with defaults on the next save; it never stops the app from starting.
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/settings_file.h"
#include "render/glfw_window.h"

namespace mesomap::app {

struct Settings {
  render::WindowGeometry window;
  std::string lastModelDirectory;
  std::string trainee;  // remembered from the picker (empty: the login name is offered)
  std::string classDatabase, classId;  // docs/classroom.md; "" outside a class
  std::string scenarioPath;            // shared folders, colon-separated (after MESOMAP_SCENARIO_PATH)
  std::vector<RecentFile> recentFiles;  // File > Open recent, most recent first
  bool nativeDialogs = true;  // the desktop's Open/Save dialogs (else the built-in one)
};

std::filesystem::path settingsPath();
// Returns what the file holds, with defaults for anything missing or damaged; each problem is
// appended to `problems` as "settings 'FILE': FIELD: PROBLEM" (core/base/settings_file.h).
Settings loadSettings(const std::filesystem::path& path, std::vector<std::string>& problems);
void saveSettings(const Settings& settings, const std::filesystem::path& path);

}  // namespace mesomap::app
