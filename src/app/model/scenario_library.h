#pragma once
// The scenarios a trainee can pick and an instructor can duplicate: every valid file of a
// library folder, read once and shared by practice and the builder.
#include <filesystem>
#include <string>
#include <vector>

#include "core/protocol/scenario.h"

namespace mesomap::app {

struct LibraryEntry {
  std::filesystem::path path;
  Scenario scenario;
};

// Every valid scenario file in `directory`, sorted by title; each broken one is named in
// `problems` and left out.
std::vector<LibraryEntry> readScenarioLibrary(const std::filesystem::path& directory,
                                              std::vector<std::string>& problems);

}  // namespace mesomap::app
