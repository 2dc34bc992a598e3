#include "app/settings.h"

#include <cstdlib>
#include <system_error>

#include "core/base/error.h"
#include "core/base/platform_dirs.h"
#include "core/base/safe_write.h"
#include "core/base/settings_file.h"

namespace mesomap::app {

std::filesystem::path settingsPath() {
  if (const char* override = std::getenv("MESOMAP_SETTINGS")) return override;
  std::filesystem::path folder = appFolder(AppFolder::Config);  // XDG, %APPDATA%, Application Support
  if (folder.empty()) folder = std::filesystem::temp_directory_path() / "mesomap";
  return folder / "settings.json";
}

Settings loadSettings(const std::filesystem::path& path, std::vector<std::string>& problems) {
  Settings settings;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return settings;  // first run
  const std::string source = "settings '" + path.string() + "'";
  std::string text;
  try {
    text = readWholeFile(path, "settings");
  } catch (const Error& e) {
    problems.push_back(std::string(e.what()) + "; using the defaults");
    return settings;
  }
  std::vector<Problem> found;
  const SettingsFile file = parseSettingsFile(text, found);
  for (const auto& problem : found) problems.push_back(formatProblem(source, problem));
  if (file.window) {
    const WindowPlacement& w = *file.window;
    settings.window = {w.x, w.y, w.width, w.height, w.maximized};
  }
  settings.lastModelDirectory = file.lastModelDirectory;
  settings.trainee = file.trainee;
  settings.classDatabase = file.classDatabase;
  settings.classId = file.classId;
  settings.scenarioPath = file.scenarioPath;
  settings.recentFiles = file.recentFiles;
  settings.nativeDialogs = file.nativeDialogs;
  return settings;
}

void saveSettings(const Settings& settings, const std::filesystem::path& path) {
  SettingsFile file;
  const render::WindowGeometry& g = settings.window;
  file.window = WindowPlacement{g.x, g.y, g.width, g.height, g.maximized};
  file.lastModelDirectory = settings.lastModelDirectory;
  file.trainee = settings.trainee;
  file.classDatabase = settings.classDatabase;
  file.classId = settings.classId;
  file.scenarioPath = settings.scenarioPath;
  file.recentFiles = settings.recentFiles;
  file.nativeDialogs = settings.nativeDialogs;
  std::filesystem::create_directories(path.parent_path());
  writeFileAtomically(path, settingsFileText(file));
}

}  // namespace mesomap::app
