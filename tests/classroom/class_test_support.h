#pragma once
// Both back-ends for the store tests: a fresh SQLite file, or a fresh database on the class
// server named by MESOMAP_TEST_CLASS_DB (scripts/test.sh starts one with scripts/pg_cluster.sh).
// Without a server the PostgreSQL tests are skipped, so ctest reports them as such; with
// MESOMAP_REQUIRE_CLASS_SERVER=1 (scripts/test.sh, hence .ci/run) they fail instead.
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <ostream>
#include <string>

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "core/classroom/offline_queue.h"
#include "core/classroom/postgres_store.h"
#include "core/scoring/progress_store.h"

namespace mesomap::testing {

enum class Backend { SQLite, PostgreSQL };

inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::SQLite ? "SQLite" : "PostgreSQL";
}
// For gtest's "GetParam() = ..." in ctest's test names.
inline void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::SQLite ? "SQLite" : "PostgreSQL");
}

inline std::string classServer() {
  const char* server = std::getenv("MESOMAP_TEST_CLASS_DB");
  return server && *server ? server : "";
}

inline bool classServerRequired() {
  const char* required = std::getenv("MESOMAP_REQUIRE_CLASS_SERVER");
  return required && std::string(required) == "1";
}

// Runs SQL as the server's superuser; fails the test with the server's message.
inline void runOnServer(const std::string& connection, const std::string& sql) {
  PGconn* db = PQconnectdb(connection.c_str());
  ASSERT_EQ(PQstatus(db), CONNECTION_OK) << PQerrorMessage(db);
  PQsetNoticeProcessor(
      db, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(db, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  EXPECT_TRUE(ok) << sql << ": " << PQerrorMessage(db);
  PQclear(r);
  PQfinish(db);
}

inline void runOnSqlite(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

// A database name PostgreSQL accepts, from the running test's name.
inline std::string databaseForThisTest() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string("mesomap_") + info->test_suite_name() + "_" + info->name();
  for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? char(std::tolower(c)) : '_';
  return name.substr(0, 63);
}

// A fresh, empty store location for the running test: a SQLite path, or a connection string to
// a new database. Skips (or fails, when required) a PostgreSQL test without a server.
#define MESOMAP_FRESH_STORE(backend, out)                                                                        \
  do {                                                                                                           \
    if ((backend) == ::mesomap::testing::Backend::SQLite) {                                                      \
      const auto file =                                                                                          \
          std::filesystem::path(MESOMAP_TEST_OUTPUT) / (::mesomap::testing::databaseForThisTest() + ".sqlite");  \
      std::filesystem::remove(file);                                                                             \
      (out) = file.string();                                                                                     \
      break;                                                                                                     \
    }                                                                                                            \
    const std::string server = ::mesomap::testing::classServer();                                                \
    if (server.empty()) {                                                                                        \
      if (::mesomap::testing::classServerRequired())                                                             \
        FAIL() << "MESOMAP_REQUIRE_CLASS_SERVER=1 but no MESOMAP_TEST_CLASS_DB";                                 \
      GTEST_SKIP() << "no class server: set MESOMAP_TEST_CLASS_DB (scripts/pg_cluster.sh start DIR prints one)"; \
    }                                                                                                            \
    const std::string database = ::mesomap::testing::databaseForThisTest();                                      \
    ::mesomap::testing::runOnServer(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE);");           \
    ::mesomap::testing::runOnServer(server, "CREATE DATABASE " + database + ";");                                \
    (out) = server + " dbname=" + database;                                                                      \
  } while (false)

// Runs scripts/pg_cluster.sh on the test cluster (stop/restart); fails the test when it fails.
inline void cluster(const std::string& action) {
  const char* dir = std::getenv("MESOMAP_TEST_PG_CLUSTER");
  ASSERT_TRUE(dir && *dir) << "MESOMAP_TEST_PG_CLUSTER (the cluster's folder) is needed to stop the server";
  const std::string command =
      "bash '" MESOMAP_SOURCE_DIR "/scripts/pg_cluster.sh' " + action + " '" + dir + "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

// The server comes back whatever the test did, so the tests after it find it running.
struct RestartsTheServer {
  ~RestartsTheServer() { cluster("restart"); }
};

// The cluster's logins for the tests (shared by every test database): ana and ben trainees,
// ines and olga instructors.
inline void createTestLogins(const std::string& connection) {
  runOnServer(connection,
              "DO $$ DECLARE who TEXT; BEGIN"
              " FOREACH who IN ARRAY ARRAY['ana', 'ben'] LOOP"
              "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = who) THEN"
              "   EXECUTE format('CREATE ROLE %I LOGIN IN ROLE mesomap_trainee', who); END IF; END LOOP;"
              " FOREACH who IN ARRAY ARRAY['ines', 'olga'] LOOP"
              "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = who) THEN"
              "   EXECUTE format('CREATE ROLE %I LOGIN IN ROLE mesomap_instructor', who); END IF; END LOOP;"
              " END $$;");
}

// The same connection as another login.
inline std::string as(const std::string& connection, const std::string& user) { return connection + " user=" + user; }

inline ScoreReport reportFor(const std::string& scenario, double score) {
  ScoreReport r;
  r.scenarioId = scenario;
  r.scenarioTitle = "Title of " + scenario;
  r.score = score;
  r.passed = score >= 70.0;
  r.components = {{"position", 35, true, score / 100.0}, {"depth", 25, true, 0.9}, {"spacing", 0, false, 0.0}};
  return r;
}

// An ISO 8601 UTC time ("2026-12-20T18:00:00Z") of seconds since 1970, for times around now.
inline std::string utcText(int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

inline Attempt attemptBy(const std::string& trainee, const std::string& scenario, int minute) {
  Attempt a;
  a.scenarioId = scenario;
  a.trainee = trainee;
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "2026-12-04T%02d:%02d:00Z", 8 + minute / 60, minute % 60);
  a.submittedAt = stamp;
  a.patient = "female, 70 y";
  a.body = "patient: female, 70 y, BMI 34.0, muscle 0.50, 160 cm";
  return a;
}

}  // namespace mesomap::testing
