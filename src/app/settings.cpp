#include "app/settings.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/safe_write.h"

namespace mesomap::app {

std::filesystem::path settingsPath() {
  if (const char* override = std::getenv("MESOMAP_SETTINGS")) return override;
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) base = xdg;
  else if (const char* home = std::getenv("HOME"); home && *home) base = std::filesystem::path(home) / ".config";
  else base = std::filesystem::temp_directory_path();
  return base / "mesomap" / "settings.json";
}

Settings loadSettings(const std::filesystem::path& path, std::vector<std::string>& problems) {
  Settings settings;
  std::ifstream in(path);
  if (!in) return settings;  // first run
  try {
    nlohmann::json j = nlohmann::json::parse(in);
    const auto& w = j.at("window");
    render::WindowGeometry g;
    g.x = w.at("x").get<int>();
    g.y = w.at("y").get<int>();
    g.width = w.at("width").get<int>();
    g.height = w.at("height").get<int>();
    g.maximized = w.value("maximized", false);
    if (g.width < 320 || g.height < 240 || g.width > 16384 || g.height > 16384) {
      problems.push_back("settings '" + path.string() + "': window size " + std::to_string(g.width) + "x" +
                         std::to_string(g.height) + " is out of range; using the default");
    } else {
      settings.window = g;
    }
    settings.lastModelDirectory = j.value("lastModelDirectory", "");
  } catch (const std::exception& e) {
    problems.push_back("settings '" + path.string() + "' are damaged and were ignored: " + e.what());
  }
  return settings;
}

void saveSettings(const Settings& settings, const std::filesystem::path& path) {
  nlohmann::json j;
  j["version"] = 1;
  j["window"] = {{"x", settings.window.x},
                 {"y", settings.window.y},
                 {"width", settings.window.width},
                 {"height", settings.window.height},
                 {"maximized", settings.window.maximized}};
  j["lastModelDirectory"] = settings.lastModelDirectory;
  std::filesystem::create_directories(path.parent_path());
  writeFileAtomically(path, j.dump(2) + "\n");
}

}  // namespace mesomap::app
