#pragma once
// File > Open recent: the last models and scenarios opened, kept in the settings. A file that is
// gone (moved, deleted, on an unplugged drive) stays listed, greyed, with a tooltip saying so,
// until a newer file pushes it out: it may come back.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/settings_file.h"

namespace mesomap::app {

// Draws the "Open recent" submenu; returns the file chosen this frame, if any.
std::optional<std::filesystem::path> drawRecentFilesMenu(const std::vector<RecentFile>& recent);

// The menu's text for an entry: "name — folder" (the folder tells two body.glb apart).
std::string recentFileLabel(const RecentFile& file);

}  // namespace mesomap::app
