#pragma once
// mesomap's own folders for this user, by the platform's convention:
//   Linux and other Unix (XDG): $XDG_CONFIG_HOME, $XDG_DATA_HOME, $XDG_CACHE_HOME, each
//     defaulting under $HOME (.config, .local/share, .cache); a relative value is ignored, as
//     the XDG spec says;
//   Windows: %APPDATA%\mesomap for settings and data (roaming), %LOCALAPPDATA%\mesomap\cache;
//   macOS: ~/Library/Application Support/mesomap, ~/Library/Caches/mesomap.
// The callers keep their own overrides (MESOMAP_SETTINGS, MESOMAP_CACHE_DIR) and fallbacks.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace mesomap {

enum class AppFolder { Config, Data, Cache };
enum class Platform { Unix, Windows, MacOS };

// An environment variable's value (nullopt when unset or empty).
using EnvironmentLookup = std::function<std::optional<std::filesystem::path>(const std::string& name)>;

// The rules above from explicit inputs (tests check every platform's branch here); empty when
// the environment names no home at all.
std::filesystem::path appFolderFor(AppFolder kind, Platform platform, const EnvironmentLookup& environment);

// For this process: the platform it was built for and its environment (read as UTF-16 on
// Windows, so a user name beyond the ANSI code page survives).
std::filesystem::path appFolder(AppFolder kind);
Platform currentPlatform();

}  // namespace mesomap
