#pragma once
// Camera bookmarks: read and written inside scenario files ("cameras"), and in the user's own
// file for scenarios the user may not write (the built-in library, an installed copy):
// "format": "mesomap-camera-bookmarks", "version": 1, {"scenarios": {"<scenario id>": [...]}}.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/json_reader.h"
#include "core/protocol/scenario.h"

namespace mesomap {

inline constexpr int kCameraBookmarksFormatVersion = 1;

// Reads the array at `key` (optional) of `reader`, every problem under its path.
std::vector<CameraBookmark> readCameraBookmarks(ObjectReader& reader, const std::string& key);
nlohmann::ordered_json cameraBookmarksToJson(const std::vector<CameraBookmark>& cameras);

// The user's bookmarks, by scenario id.
struct UserCameraBookmarks {
  std::map<std::string, std::vector<CameraBookmark>> byScenario;
};

struct UserCameraBookmarksReadResult {
  std::optional<UserCameraBookmarks> bookmarks;
  std::vector<Problem> problems;
};

// A missing file is an empty set, not a problem.
UserCameraBookmarksReadResult readUserCameraBookmarks(const std::filesystem::path& path);
UserCameraBookmarksReadResult parseUserCameraBookmarks(const std::string& json);
void writeUserCameraBookmarks(const UserCameraBookmarks& bookmarks, const std::filesystem::path& path);  // atomic

}  // namespace mesomap
