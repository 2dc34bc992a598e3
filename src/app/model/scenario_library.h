#pragma once
// The scenarios a trainee can pick and an instructor can duplicate: every valid file of the
// library folders — the built-in library, the user's own folder (where the builder saves), and
// shared folders (a class folder on a network drive, MESOMAP_SCENARIO_PATH) — each entry saying
// where it comes from. Read once at start and again when the picker opens.
#include <filesystem>
#include <string>
#include <vector>

#include "core/protocol/scenario.h"

namespace mesomap::app {

struct LibraryFolder {
  std::filesystem::path directory;
  std::string source;  // "built-in", "yours", "shared"
};

struct LibraryEntry {
  std::filesystem::path path;
  Scenario scenario;
  std::string source = "built-in";
};

// The folders in the order the picker lists them: the built-in library, the user's own
// `<data>/scenarios`, then each folder of `sharedPath` (colon-separated; MESOMAP_SCENARIO_PATH).
std::vector<LibraryFolder> libraryFolders(const std::filesystem::path& builtIn, const std::filesystem::path& dataDirectory,
                                          const std::string& sharedPath);

// The shared folders: MESOMAP_SCENARIO_PATH's, then the settings' scenarioPath (`fromSettings`),
// colon-separated.
std::string sharedScenarioPath(const std::string& fromSettings);

// Every valid scenario file in the folders, sorted by source (in the folders' order) then title;
// each broken one is named in `problems` and left out. A folder that does not exist is skipped.
std::vector<LibraryEntry> readScenarioLibrary(const std::vector<LibraryFolder>& folders,
                                              std::vector<std::string>& problems);
// One folder, as the built-in library.
std::vector<LibraryEntry> readScenarioLibrary(const std::filesystem::path& directory, std::vector<std::string>& problems);

}  // namespace mesomap::app
