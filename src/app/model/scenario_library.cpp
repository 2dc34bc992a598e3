#include "app/model/scenario_library.h"

#include <algorithm>

#include "core/base/error.h"
#include "core/base/problem.h"

namespace mesomap::app {

std::vector<LibraryEntry> readScenarioLibrary(const std::filesystem::path& directory,
                                              std::vector<std::string>& problems) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<LibraryEntry> library;
  for (const auto& file : files) {
    try {
      ScenarioReadResult read = readScenario(file);
      if (read.ok())
        library.push_back({file, std::move(*read.scenario)});
      else
        problems.push_back("Scenario left out of the library: " + formatProblem(file.string(), read.problems.front()));
    } catch (const Error& e) {
      problems.push_back(e.what());
    }
  }
  std::sort(library.begin(), library.end(),
            [](const LibraryEntry& a, const LibraryEntry& b) { return a.scenario.title < b.scenario.title; });
  return library;
}

}  // namespace mesomap::app
