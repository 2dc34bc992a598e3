#include "core/base/platform_dirs.h"

#include <cstdlib>

namespace mesomap {

namespace {

namespace fs = std::filesystem;

fs::path unixFolder(AppFolder kind, const EnvironmentLookup& environment) {
  const char* variable = kind == AppFolder::Config ? "XDG_CONFIG_HOME"
                         : kind == AppFolder::Data ? "XDG_DATA_HOME"
                                                   : "XDG_CACHE_HOME";
  if (auto xdg = environment(variable); xdg && xdg->is_absolute()) return *xdg / "mesomap";
  const auto home = environment("HOME");
  if (!home) return {};
  const fs::path under = kind == AppFolder::Config ? fs::path(".config")
                         : kind == AppFolder::Data ? fs::path(".local") / "share"
                                                   : fs::path(".cache");
  return *home / under / "mesomap";
}

fs::path windowsFolder(AppFolder kind, const EnvironmentLookup& environment) {
  if (kind == AppFolder::Cache) {
    if (auto local = environment("LOCALAPPDATA")) return *local / "mesomap" / "cache";
  } else if (auto roaming = environment("APPDATA")) {
    return *roaming / "mesomap";
  }
  const auto profile = environment("USERPROFILE");  // the variables above missing: their defaults
  if (!profile) return {};
  if (kind == AppFolder::Cache) return *profile / "AppData" / "Local" / "mesomap" / "cache";
  return *profile / "AppData" / "Roaming" / "mesomap";
}

fs::path macFolder(AppFolder kind, const EnvironmentLookup& environment) {
  const auto home = environment("HOME");
  if (!home) return {};
  return *home / "Library" / (kind == AppFolder::Cache ? "Caches" : "Application Support") / "mesomap";
}

std::optional<fs::path> processVariable(const std::string& name) {
#if defined(_WIN32)
  const std::wstring wide(name.begin(), name.end());  // the names are ASCII
  const wchar_t* value = _wgetenv(wide.c_str());
  if (!value || !*value) return std::nullopt;
  return fs::path(value);
#else
  const char* value = std::getenv(name.c_str());
  if (!value || !*value) return std::nullopt;
  return fs::path(value);
#endif
}

}  // namespace

fs::path appFolderFor(AppFolder kind, Platform platform, const EnvironmentLookup& environment) {
  switch (platform) {
    case Platform::Windows: return windowsFolder(kind, environment);
    case Platform::MacOS: return macFolder(kind, environment);
    case Platform::Unix: break;
  }
  return unixFolder(kind, environment);
}

Platform currentPlatform() {
#if defined(_WIN32)
  return Platform::Windows;
#elif defined(__APPLE__)
  return Platform::MacOS;
#else
  return Platform::Unix;
#endif
}

fs::path appFolder(AppFolder kind) { return appFolderFor(kind, currentPlatform(), processVariable); }

}  // namespace mesomap
