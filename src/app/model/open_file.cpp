#include "app/model/open_file.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/model/scenario_library.h"
#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/base/strings.h"
#include "core/import/model_loader.h"

namespace mesomap::app {

namespace {

std::string lowerExtension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return extension;
}

// Why a .json file is not a scenario or an attempt, in the words of the error message.
std::string whyNotMesomap(const std::filesystem::path& path, const nlohmann::json& json, const std::string& format) {
  if (json.is_discarded()) return "it is not valid JSON";
  if (path.string().ends_with(".mrk.json"))
    return "it is a 3D Slicer markups file, which mesomap writes (export-markups) but does not open";
  if (format.empty()) return "it has no \"format\"";
  return "its \"format\" is '" + format + "'";
}

}  // namespace

FileKind kindOfFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(ErrorKind::Io,
                quoted(path) + ": " + (std::filesystem::exists(path, ec) ? "not a file" : "file not found"));
  const std::string extension = lowerExtension(path);
  if (extension != ".json") {
    const std::vector<std::string> models = supportedModelExtensions();
    if (std::find(models.begin(), models.end(), extension) != models.end()) return FileKind::Model;
    throw Error(ErrorKind::InvalidInput, quoted(path) + ": not understood: not a model (by its extension '" +
                                             extension + "'), a scenario or an attempt (.json)");
  }
  std::ifstream in(path);
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  const std::string format = json.is_object() && json.contains("format") && json["format"].is_string()
                                 ? json["format"].get<std::string>()
                                 : "";
  if (format == "mesomap-scenario") return FileKind::Scenario;
  if (format == "mesomap-attempt") return FileKind::Attempt;
  throw Error(ErrorKind::InvalidInput, quoted(path) + ": not understood: not a mesomap scenario or attempt (" +
                                           whyNotMesomap(path, json, format) +
                                           "; they say \"format\": \"mesomap-scenario\" or \"mesomap-attempt\")");
}

std::filesystem::path scenarioOfAttempt(const std::filesystem::path& attemptPath, const std::string& scenarioId,
                                        const std::filesystem::path& dataDirectory) {
  const char* shared = std::getenv("MESOMAP_SCENARIO_PATH");
  const auto folders = libraryFolders(requiredDataPath("scenarios", "an attempt opens on its scenario"), dataDirectory,
                                      shared ? shared : "");
  std::vector<std::string> problems;
  for (const LibraryEntry& entry : readScenarioLibrary(folders, problems))
    if (entry.scenario.id == scenarioId) return entry.path;
  throw Error(ErrorKind::InvalidInput, "attempt " + quoted(attemptPath) + ": its scenario '" + scenarioId +
                                           "' is in no scenario folder; name it: mesomap --scenario SCENARIO.json " +
                                           attemptPath.string());
}

FileToOpen planOpening(const std::filesystem::path& path, const std::filesystem::path& dataDirectory) {
  FileToOpen plan;
  plan.path = path;
  plan.kind = kindOfFile(path);
  if (plan.kind == FileKind::Scenario) plan.scenarioPath = path;
  if (plan.kind == FileKind::Attempt) {
    plan.attempt = readValidAttempt(path);
    plan.scenarioPath = scenarioOfAttempt(path, plan.attempt->scenarioId, dataDirectory);
  }
  return plan;
}

const char* describe(FileKind kind) {
  switch (kind) {
    case FileKind::Model: return "model";
    case FileKind::Scenario: return "scenario";
    case FileKind::Attempt: return "attempt";
  }
  return "file";
}

}  // namespace mesomap::app
