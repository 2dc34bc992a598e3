// mesomap's config, data and cache folders by each platform's rules (core/base/platform_dirs.h):
// the Windows and macOS branches are checked here too, from a made-up environment.
#include <map>

#include <gtest/gtest.h>

#include "core/base/platform_dirs.h"

namespace mesomap {
namespace {

EnvironmentLookup environment(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::filesystem::path> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return std::filesystem::path(it->second);
  };
}

TEST(PlatformDirs, UnixFollowsXdgThenHome) {
  const auto xdg = environment({{"XDG_CONFIG_HOME", "/x/config"},
                                {"XDG_DATA_HOME", "/x/data"},
                                {"XDG_CACHE_HOME", "/x/cache"},
                                {"HOME", "/home/ana"}});
  EXPECT_EQ(appFolderFor(AppFolder::Config, Platform::Unix, xdg), "/x/config/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Data, Platform::Unix, xdg), "/x/data/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Cache, Platform::Unix, xdg), "/x/cache/mesomap");
  const auto home = environment({{"HOME", "/home/ana"}, {"XDG_DATA_HOME", "relative/ignored"}});
  EXPECT_EQ(appFolderFor(AppFolder::Config, Platform::Unix, home), "/home/ana/.config/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Data, Platform::Unix, home), "/home/ana/.local/share/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Cache, Platform::Unix, home), "/home/ana/.cache/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Config, Platform::Unix, environment({})), "");
}

TEST(PlatformDirs, WindowsUsesRoamingAppDataAndLocalAppDataForTheCache) {
  const auto env = environment({{"APPDATA", "C:/Users/Ana/AppData/Roaming"},
                                {"LOCALAPPDATA", "C:/Users/Ana/AppData/Local"},
                                {"USERPROFILE", "C:/Users/Ana"}});
  EXPECT_EQ(appFolderFor(AppFolder::Config, Platform::Windows, env), "C:/Users/Ana/AppData/Roaming/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Data, Platform::Windows, env), "C:/Users/Ana/AppData/Roaming/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Cache, Platform::Windows, env), "C:/Users/Ana/AppData/Local/mesomap/cache");
  const auto profileOnly = environment({{"USERPROFILE", "C:/Users/Ana"}});
  EXPECT_EQ(appFolderFor(AppFolder::Data, Platform::Windows, profileOnly), "C:/Users/Ana/AppData/Roaming/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Cache, Platform::Windows, profileOnly), "C:/Users/Ana/AppData/Local/mesomap/cache");
}

TEST(PlatformDirs, MacOSUsesTheLibraryFolders) {
  const auto env = environment({{"HOME", "/Users/ana"}, {"XDG_CONFIG_HOME", "/x/config"}});
  EXPECT_EQ(appFolderFor(AppFolder::Config, Platform::MacOS, env), "/Users/ana/Library/Application Support/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Data, Platform::MacOS, env), "/Users/ana/Library/Application Support/mesomap");
  EXPECT_EQ(appFolderFor(AppFolder::Cache, Platform::MacOS, env), "/Users/ana/Library/Caches/mesomap");
}

}  // namespace
}  // namespace mesomap
