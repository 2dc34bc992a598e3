#include "app/model/scenario_library.h"

#include <algorithm>
#include <cstdlib>

#include "core/base/error.h"
#include "core/base/problem.h"

namespace mesomap::app {

std::string sharedScenarioPath(const std::string& fromSettings) {
  const char* environment = std::getenv("MESOMAP_SCENARIO_PATH");
  const std::string first = environment ? environment : "";
  if (first.empty() || fromSettings.empty()) return first + fromSettings;
  return first + ":" + fromSettings;
}

std::vector<LibraryFolder> libraryFolders(const std::filesystem::path& builtIn, const std::filesystem::path& dataDirectory,
                                          const std::string& sharedPath) {
  std::vector<LibraryFolder> folders{{builtIn, "built-in"}, {dataDirectory / "scenarios", "yours"}};
  size_t start = 0;
  while (start <= sharedPath.size()) {
    const size_t end = std::min(sharedPath.find(':', start), sharedPath.size());
    if (end > start) folders.push_back({sharedPath.substr(start, end - start), "shared"});
    start = end + 1;
  }
  return folders;
}

std::vector<LibraryEntry> readScenarioLibrary(const std::vector<LibraryFolder>& folders,
                                              std::vector<std::string>& problems) {
  std::vector<LibraryEntry> library;
  for (const LibraryFolder& folder : folders) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder.directory, ec))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    const size_t first = library.size();
    for (const auto& file : files) {
      try {
        ScenarioReadResult read = readScenario(file);
        if (read.ok())
          library.push_back({file, std::move(*read.scenario), folder.source});
        else
          problems.push_back("Scenario left out of the library: " +
                             formatProblem(file.string(), read.problems.front()));
      } catch (const Error& e) {
        problems.push_back(e.what());
      }
    }
    std::sort(library.begin() + std::ptrdiff_t(first), library.end(),
              [](const LibraryEntry& a, const LibraryEntry& b) { return a.scenario.title < b.scenario.title; });
  }
  return library;
}

std::vector<LibraryEntry> readScenarioLibrary(const std::filesystem::path& directory,
                                              std::vector<std::string>& problems) {
  return readScenarioLibrary(std::vector<LibraryFolder>{{directory, "built-in"}}, problems);
}

}  // namespace mesomap::app
