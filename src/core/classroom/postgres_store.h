#pragma once
// A class server: attempts and the class model in PostgreSQL, for a class that has outgrown one
// machine. The same schema version and migrations as the SQLite store, plus what a shared server
// needs: roles (mesomap_trainee, mesomap_instructor) and row-level security, so a trainee reads
// only their own attempts and an instructor only their classes' (docs/classroom.md).
//
// Connect with a libpq connection string ("host=... dbname=... user=..." or a postgresql:// URI).
// The schema is migrated by whoever connects with the right to (the class server's owner); a
// trainee or instructor connecting to an older schema gets an error saying so.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/scoring/attempt_store.h"

namespace mesomap {

class PostgresStore : public AttemptStore {
 public:
  static constexpr int kSchemaVersion = 4;

  // StoreUnreachable when no connection can be made; Error(InvalidInput) for a schema from a
  // newer mesomap; Error(Io) for any other refusal, with the server's message.
  explicit PostgresStore(const std::string& connection);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

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

  // The login this connection acts as (current_user).
  std::string person() const;

 private:
  void migrate();
  std::vector<StoredAttempt> selectAttempts(const char* where, const std::string& key) const;
  struct Connection;
  std::unique_ptr<Connection> db_;
};

// Whether a connection string names a PostgreSQL server rather than a SQLite file.
bool isPostgresConnection(const std::string& connection);

}  // namespace mesomap
