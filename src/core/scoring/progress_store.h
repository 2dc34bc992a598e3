#pragma once
// Every submitted attempt, kept in a SQLite database in the user's data directory, so a
// trainee can follow their scores over time and see which components hold them back. The
// embedded back-end of AttemptStore: one person, no server, the class model without roles.
//
// The schema carries its version (PRAGMA user_version) and is brought up to date by ordered
// migrations when opened; a database written by a newer mesomap is refused with a clear
// message rather than guessed at.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/scoring/attempt_store.h"

namespace mesomap {

class ProgressStore : public AttemptStore {
 public:
  static constexpr int kSchemaVersion = 4;

  // Opens or creates the database; Error(Io) naming the file when it cannot, Error(InvalidInput)
  // when it is not a mesomap database or comes from a newer mesomap.
  explicit ProgressStore(const std::filesystem::path& file);
  ~ProgressStore() override;
  ProgressStore(const ProgressStore&) = delete;
  ProgressStore& operator=(const ProgressStore&) = delete;

  using AttemptStore::record;
  int64_t record(const Submission& submission) override;
  std::vector<StoredAttempt> attempts(const std::string& scenarioId) const override;
  std::vector<StoredAttempt> classAttempts(const std::string& classId) const override;
  std::vector<ScenarioProgress> scenarios() const override;
  size_t attemptCount() const override;
  int schemaVersion() const override;
  std::string description() const override;

  void createClass(const ClassInfo& info) override;
  void addMember(const std::string& classId, const ClassMember& member) override;
  int64_t assign(const Assignment& assignment) override;
  std::vector<ClassInfo> classes() const override;
  std::vector<ClassMember> members(const std::string& classId) const override;
  std::vector<Assignment> assignments(const std::string& classId) const override;

  const std::filesystem::path& file() const { return file_; }

 private:
  int64_t recordedId(const Submission& submission) const;  // 0: not stored
  bool isLate(const Submission& submission) const;
  std::vector<StoredAttempt> selectAttempts(const char* where, const std::string& key) const;
  void execute(const char* sql) const;
  struct Db;
  std::unique_ptr<Db> db_;
  std::filesystem::path file_;
};

// $XDG_DATA_HOME/mesomap, else ~/.local/share/mesomap; %APPDATA%\mesomap on Windows,
// ~/Library/Application Support/mesomap on macOS (core/base/platform_dirs.h; created on demand by callers).
std::filesystem::path userDataDirectory();

}  // namespace mesomap
