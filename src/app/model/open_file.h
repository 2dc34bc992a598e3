#pragma once
// What a file handed to the app is (on the command line, dropped on the window, from the recent
// files): a model, a scenario to practise, or an attempt to open on its scenario. One place, so
// every way of opening a file understands the same files and refuses the rest the same way.
#include <filesystem>
#include <optional>
#include <string>

#include "core/protocol/attempt.h"

namespace mesomap::app {

enum class FileKind { Model, Scenario, Attempt };

// By the JSON "format" for .json files, by the extension (Assimp's list) otherwise. Throws
// Error(Io) for a missing file and Error(InvalidInput) naming the file and why it is none of these.
FileKind kindOfFile(const std::filesystem::path& path);

// The library file of the scenario an attempt was made on, from the folders the picker reads
// (the built-in library, the user's data folder, $MESOMAP_SCENARIO_PATH). Throws
// Error(InvalidInput) naming the attempt and its scenario id when no folder has it.
std::filesystem::path scenarioOfAttempt(const std::filesystem::path& attemptPath, const std::string& scenarioId,
                                        const std::filesystem::path& dataDirectory);

// How the app opens a file: what it is, and for an attempt, the attempt and its scenario's file.
struct FileToOpen {
  FileKind kind = FileKind::Model;
  std::filesystem::path path;
  std::optional<Attempt> attempt;
  std::filesystem::path scenarioPath;  // the scenario to practise (the file itself, or the attempt's)
};
// Throws Error as kindOfFile, readValidAttempt and scenarioOfAttempt do.
FileToOpen planOpening(const std::filesystem::path& path, const std::filesystem::path& dataDirectory);
const char* describe(FileKind kind);  // "model", "scenario", "attempt"

}  // namespace mesomap::app
