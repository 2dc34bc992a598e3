#include "core/scoring/progress_store.h"

#include <fstream>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/base/error.h"

namespace mesomap {
namespace {

std::filesystem::path freshFile(const std::string& name) {
  const auto path = std::filesystem::path(MESOMAP_TEST_OUTPUT) / name;
  std::filesystem::remove(path);
  return path;
}

ScoreReport report(const std::string& scenario, double score, bool passed) {
  ScoreReport r;
  r.scenarioId = scenario;
  r.scenarioTitle = "Title of " + scenario;
  r.score = score;
  r.passed = passed;
  r.components = {{"position", 35, true, score / 100.0}, {"depth", 25, true, 0.5}, {"spacing", 0, false, 0.0}};
  return r;
}

// Ana's attempt at the knee, submitted at `submittedAt`, with nothing placed yet.
Attempt anasKneeAttempt(const std::string& submittedAt) {
  Attempt attempt;
  attempt.scenarioId = "knee";
  attempt.trainee = "Ana";
  attempt.submittedAt = submittedAt;
  return attempt;
}

// A database from before schema 2 is upgraded in place: its attempts stay (on an unnamed body),
// new ones record the body they were made on.
TEST(ProgressStore, AVersionOneDatabaseGainsTheBodyAndKeepsItsAttempts) {
  const auto file = freshFile("progress_v1.sqlite");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  const char* v1 =
      "CREATE TABLE attempt (id INTEGER PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL,"
      " trainee TEXT NOT NULL, mode TEXT NOT NULL, submitted_at TEXT NOT NULL, score REAL NOT NULL,"
      " passed INTEGER NOT NULL, no_go INTEGER NOT NULL, attempt_json TEXT NOT NULL, report_json TEXT NOT NULL);"
      "CREATE INDEX attempt_by_scenario ON attempt(scenario_id, id);"
      "CREATE TABLE component (attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,"
      " name TEXT NOT NULL, weight REAL NOT NULL, applies INTEGER NOT NULL, score REAL NOT NULL,"
      " PRIMARY KEY (attempt_id, name));"
      "INSERT INTO attempt VALUES (1, 'knee', 'Knee', 'Ana', 'practice', '2026-11-01T10:00:00Z', 55.0, 0, 0, '{}', '{}');"
      "PRAGMA user_version = 1;";
  ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  ProgressStore store(file);
  EXPECT_EQ(store.schemaVersion(), 4);  // schemas 3 (patient, uid, classes) and 4 (late) follow on open
  Attempt attempt = anasKneeAttempt("2026-12-04T10:00:00Z");
  attempt.body = "patient: female, 70 y, BMI 34.0, muscle 0.50, 160 cm";
  store.record(attempt, report("knee", 88.0, true));
  const auto knee = store.attempts("knee");
  ASSERT_EQ(knee.size(), 2u);
  EXPECT_EQ(knee[0].score, 55.0);
  EXPECT_EQ(knee[0].body, "");
  EXPECT_EQ(knee[1].body, attempt.body);
}

TEST(ProgressStore, KeepsAttemptsAcrossReopening) {
  const auto file = freshFile("progress.sqlite");
  Attempt attempt = anasKneeAttempt("2026-11-21T10:00:00Z");
  attempt.points.push_back(AttemptPoint{});
  attempt.points.back().depthMm = 2.5;
  {
    ProgressStore store(file);
    EXPECT_EQ(store.schemaVersion(), ProgressStore::kSchemaVersion);
    store.record(attempt, report("knee", 62.5, false));
    attempt.submittedAt = "2026-11-21T10:05:00Z";  // a later submission (the same one is kept once)
    store.record(attempt, report("knee", 81.0, true));
    store.record(attempt, report("achilles", 90.0, true));
  }
  ProgressStore store(file);
  const auto knee = store.attempts("knee");
  ASSERT_EQ(knee.size(), 2u);
  EXPECT_EQ(knee[0].score, 62.5);  // oldest first
  EXPECT_FALSE(knee[0].passed);
  EXPECT_EQ(knee[1].score, 81.0);
  EXPECT_EQ(knee[1].trainee, "Ana");
  ASSERT_EQ(knee[1].components.size(), 3u);
  EXPECT_EQ(knee[1].components[0].name, "position");
  EXPECT_DOUBLE_EQ(knee[1].components[0].score, 0.81);
  EXPECT_FALSE(knee[1].components[2].applies);
  // The stored attempt is a file `mesomap score` reads back.
  const AttemptReadResult back = parseAttempt(knee[1].attemptJson);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back.attempt->points[0].depthMm, 2.5);

  const auto summary = store.scenarios();
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[1].scenarioId, "knee");
  EXPECT_EQ(summary[1].attempts, 2u);
  EXPECT_EQ(summary[1].passes, 1u);
  EXPECT_EQ(summary[1].bestScore, 81.0);
  EXPECT_EQ(summary[1].lastScore, 81.0);
}

// Another program reading the database holds a lock that makes COMMIT fail: the failure must
// reach the caller (it was ignored, and the submitted attempt silently lost).
TEST(ProgressStore, AFailedCommitIsReportedAndRecordsNothing) {
  const auto file = freshFile("locked.sqlite");
  Attempt attempt;
  attempt.scenarioId = "knee";
  attempt.submittedAt = "2026-11-21T10:00:00Z";
  ProgressStore store(file);
  store.record(attempt, report("knee", 70.0, true));
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &reader), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM attempt;", nullptr, nullptr, nullptr), SQLITE_OK);
  attempt.submittedAt = "2026-11-21T10:01:00Z";  // the next submission
  try {
    store.record(attempt, report("knee", 80.0, true));
    ADD_FAILURE() << "a COMMIT blocked by a reader was not reported";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_NE(std::string(e.what()).find("locked.sqlite"), std::string::npos) << e.what();
  }
  sqlite3_exec(reader, "COMMIT;", nullptr, nullptr, nullptr);
  sqlite3_close(reader);
  ASSERT_EQ(store.attempts("knee").size(), 1u);  // rolled back, not half-written
  store.record(attempt, report("knee", 80.0, true));  // and the store still works
  EXPECT_EQ(store.attempts("knee").size(), 2u);
}

// A submission cut short after its COMMIT is recorded again from the autosave on the next start
// (tests/app/submission_faults.cmake): as read back from that file, it must be found, not added.
TEST(ProgressStore, TheSameSubmissionIsRecordedOnce) {
  const auto file = freshFile("once.sqlite");
  Attempt attempt = anasKneeAttempt("2026-11-21T10:00:00Z");
  AttemptPoint point;
  point.positionMm = {-152.3456789012345, 431.0000000000001, 57.1 / 3.0};
  point.angleDeg = 47.123456789;
  point.depthMm = 2.0 / 3.0;
  point.needle = "27G 4 mm";
  attempt.points = {point, point};
  ProgressStore store(file);
  const int64_t first = store.record(attempt, report("knee", 70.0, true));
  const AttemptReadResult reread = parseAttempt(attemptToJson(attempt));
  ASSERT_TRUE(reread.ok());
  EXPECT_EQ(store.record(*reread.attempt, report("knee", 70.0, true)), first);
  EXPECT_EQ(store.attempts("knee").size(), 1u);
  // Another trainee, another time or other points are other submissions.
  Attempt other = attempt;
  other.points[1].depthMm = 1.0;
  EXPECT_NE(store.record(other, report("knee", 60.0, false)), first);
  other = attempt;
  other.trainee = "Ben";
  store.record(other, report("knee", 70.0, true));
  other = attempt;
  other.submittedAt = "2026-11-21T10:00:01Z";
  store.record(other, report("knee", 70.0, true));
  EXPECT_EQ(store.attempts("knee").size(), 4u);
}

TEST(ProgressStore, RefusesADatabaseFromANewerMesomap) {
  const auto file = freshFile("future.sqlite");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 99;", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    ProgressStore store(file);
    FAIL() << "opened a newer schema";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(std::string(e.what()).find("written by a newer mesomap (schema 99, this one reads up to " +
                                         std::to_string(ProgressStore::kSchemaVersion) + ")"),
              std::string::npos)
        << e.what();
  }
}

TEST(ProgressStore, RefusesAFileThatIsNotADatabase) {
  const auto file = freshFile("not_a_db.sqlite");
  std::ofstream(file) << "this is a text file, not a database, and long enough to have a header page";
  try {
    ProgressStore store(file);
    FAIL() << "opened a text file";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not_a_db.sqlite"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mesomap
