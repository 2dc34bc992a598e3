#pragma once
// Every submitted attempt, kept in a SQLite database in the user's data directory, so a
// trainee can follow their scores over time and see which components hold them back.
//
// The schema carries its version (PRAGMA user_version) and is brought up to date by ordered
// migrations when opened; a database written by a newer mesomap is refused with a clear
// message rather than guessed at.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/protocol/attempt.h"
#include "core/scoring/scoring.h"

namespace mesomap {

struct StoredAttempt {
  int64_t id = 0;
  std::string scenarioId, scenarioTitle, trainee, mode, submittedAt;
  double score = 0.0;
  bool passed = false;
  bool noGoViolated = false;
  std::vector<ComponentScore> components;
  std::string attemptJson;  // the attempt file, as `mesomap score` reads it
  std::string body;         // the body it was made on ("" for attempts from before schema 2)
};

struct ScenarioProgress {
  std::string scenarioId, scenarioTitle;
  size_t attempts = 0, passes = 0;
  double bestScore = 0.0, lastScore = 0.0;
};

class ProgressStore {
 public:
  static constexpr int kSchemaVersion = 2;

  // Opens or creates the database; Error(Io) naming the file when it cannot, Error(InvalidInput)
  // when it is not a mesomap database or comes from a newer mesomap.
  explicit ProgressStore(const std::filesystem::path& file);
  ~ProgressStore();
  ProgressStore(const ProgressStore&) = delete;
  ProgressStore& operator=(const ProgressStore&) = delete;

  // Stores a scored attempt (in one transaction); returns its id. Idempotent: an attempt
  // already stored (same scenario, trainee, submission time and content) is not stored again,
  // and its id is returned.
  int64_t record(const Attempt& attempt, const ScoreReport& report);

  // Oldest first.
  std::vector<StoredAttempt> attempts(const std::string& scenarioId) const;
  std::vector<ScenarioProgress> scenarios() const;
  int schemaVersion() const;
  const std::filesystem::path& file() const { return file_; }

 private:
  int64_t recordedId(const Attempt& attempt, const ScoreReport& report) const;  // 0: not stored
  struct Db;
  std::unique_ptr<Db> db_;
  std::filesystem::path file_;
};

// $XDG_DATA_HOME/mesomap, else ~/.local/share/mesomap (created on demand by callers).
std::filesystem::path userDataDirectory();

}  // namespace mesomap
