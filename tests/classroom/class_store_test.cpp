// The store tests, run against both back-ends (ctest names end in /SQLite or /PostgreSQL).
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "class_test_support.h"
#include "core/classroom/class_report.h"

namespace mesomap {
namespace {

using testing::attemptBy;
using testing::Backend;
using testing::reportFor;
using testing::utcText;

class ClassStore : public ::testing::TestWithParam<Backend> {
 protected:
  std::string location;
  std::unique_ptr<AttemptStore> open() const { return openAttemptStore(location, {}); }
};

// A store written by the schema-2 mesomap (attempts with their body, no patient, no uid, no
// classes) is brought to schema 4 in place and keeps its attempts.
TEST_P(ClassStore, MigratesASchemaTwoStoreAndKeepsItsAttempts) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  if (GetParam() == Backend::SQLite) {
    testing::runOnSqlite(
        location,
        "CREATE TABLE attempt (id INTEGER PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL,"
        " trainee TEXT NOT NULL, mode TEXT NOT NULL, submitted_at TEXT NOT NULL, score REAL NOT NULL,"
        " passed INTEGER NOT NULL, no_go INTEGER NOT NULL, attempt_json TEXT NOT NULL,"
        " report_json TEXT NOT NULL, body TEXT NOT NULL DEFAULT '');"
        "CREATE TABLE component (attempt_id INTEGER NOT NULL, name TEXT NOT NULL, weight REAL NOT NULL,"
        " applies INTEGER NOT NULL, score REAL NOT NULL, PRIMARY KEY (attempt_id, name));"
        "INSERT INTO attempt VALUES (1, 'knee', 'Knee', 'ana', 'practice', '2026-11-01T10:00:00Z', 55.0,"
        " 0, 0, '{}', '{}', 'human.zae');"
        "PRAGMA user_version = 2;");
  } else {
    testing::runOnServer(
        location,
        "CREATE TABLE attempt (id BIGSERIAL PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_title TEXT"
        " NOT NULL, trainee TEXT NOT NULL, mode TEXT NOT NULL, submitted_at TEXT NOT NULL, score DOUBLE"
        " PRECISION NOT NULL, passed BOOLEAN NOT NULL, no_go BOOLEAN NOT NULL, attempt_json TEXT NOT NULL,"
        " report_json TEXT NOT NULL, body TEXT NOT NULL DEFAULT '');"
        "CREATE TABLE component (attempt_id BIGINT NOT NULL REFERENCES attempt(id), ordinal INTEGER NOT"
        " NULL, name TEXT NOT NULL, weight DOUBLE PRECISION NOT NULL, applies BOOLEAN NOT NULL, score"
        " DOUBLE PRECISION NOT NULL, PRIMARY KEY (attempt_id, ordinal));"
        "INSERT INTO attempt (scenario_id, scenario_title, trainee, mode, submitted_at, score, passed,"
        " no_go, attempt_json, report_json, body) VALUES ('knee', 'Knee', 'ana', 'practice',"
        " '2026-11-01T10:00:00Z', 55.0, false, false, '{}', '{}', 'human.zae');"
        "CREATE TABLE mesomap_schema (version INTEGER NOT NULL); INSERT INTO mesomap_schema VALUES (2);");
  }
  const auto store = open();
  EXPECT_EQ(store->schemaVersion(), 4);
  store->record(attemptBy("ana", "knee", 1), reportFor("knee", 88.0));
  const auto knee = store->attempts("knee");
  ASSERT_EQ(knee.size(), 2u);
  EXPECT_EQ(knee[0].score, 55.0);
  EXPECT_EQ(knee[0].body, "human.zae");
  EXPECT_EQ(knee[0].patient, "");
  EXPECT_EQ(knee[0].uid, "");
  EXPECT_EQ(knee[1].patient, "female, 70 y");
  EXPECT_EQ(knee[1].uid.size(), 64u);
  // Opening again finds nothing to do.
  EXPECT_EQ(open()->attemptCount(), 2u);
}

TEST_P(ClassStore, RefusesASchemaFromANewerMesomap) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  open();
  if (GetParam() == Backend::SQLite)
    testing::runOnSqlite(location, "PRAGMA user_version = 9;");
  else
    testing::runOnServer(location, "UPDATE mesomap_schema SET version = 9;");
  try {
    open();
    ADD_FAILURE() << "a schema-9 store was opened";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(std::string(e.what()).find("newer mesomap (schema 9, this one reads up to 4)"), std::string::npos)
        << e.what();
  }
}

TEST_P(ClassStore, RecordsASubmissionOnceWithEverything) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  const auto store = open();
  store->createClass({"derm-1", "Dermatology 1"});
  Attempt attempt = attemptBy("ana", "knee", 5);
  attempt.mode = AttemptMode::Exam;
  AttemptPoint point;
  point.positionMm = {-152.3456789012345, 431.0000000000001, 57.1 / 3.0};
  point.depthMm = 2.0 / 3.0;
  attempt.points = {point};
  ScoreReport report = reportFor("knee", 73.25);
  report.components[0].score = 1.0 / 3.0;
  const Submission submission = Submission::of(attempt, report, "derm-1");
  const int64_t id = store->record(submission);
  // Sent again (a lost acknowledgement), or re-made from the same attempt file: the same row.
  EXPECT_EQ(store->record(submission), id);
  EXPECT_EQ(store->record(Submission::of(*parseAttempt(attemptToJson(attempt)).attempt, report, "derm-1")), id);
  // The same attempt outside the class is another submission.
  EXPECT_NE(store->record(attempt, report), id);
  const auto inClass = store->classAttempts("derm-1");
  ASSERT_EQ(inClass.size(), 1u);
  const StoredAttempt& a = inClass[0];
  EXPECT_EQ(a.uid, submission.uid);
  EXPECT_EQ(a.trainee, "ana");
  EXPECT_EQ(a.mode, "exam");
  EXPECT_EQ(a.score, 73.25);
  EXPECT_TRUE(a.passed);
  EXPECT_EQ(a.patient, "female, 70 y");
  EXPECT_EQ(a.submittedAt, "2026-12-04T08:05:00Z");
  ASSERT_EQ(a.components.size(), 3u);
  EXPECT_EQ(a.components[0].name, "position");
  EXPECT_EQ(a.components[0].score, 1.0 / 3.0);  // exactly: no rounding through text
  EXPECT_FALSE(a.components[2].applies);
  EXPECT_EQ(*parseAttempt(a.attemptJson).attempt->points[0].depthMm, 0.667);  // the attempt file, verbatim
  EXPECT_EQ(store->attemptCount(), 2u);
}

TEST_P(ClassStore, KeepsClassesMembersAndAssignments) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  const auto store = open();
  store->createClass({"derm-1", "Dermatology 1"});
  store->addMember("derm-1", {"ines", ClassRole::Instructor});
  store->addMember("derm-1", {"ana", ClassRole::Trainee});
  Assignment knee{0, "derm-1", "knee", AttemptMode::Exam, "female, 70 y", "2026-12-20T18:00:00Z", 3};
  const int64_t id = store->assign(knee);
  store->assign({0, "derm-1", "achilles", AttemptMode::Guided, "", "", 0});
  const auto assignments = store->assignments("derm-1");
  ASSERT_EQ(assignments.size(), 2u);
  EXPECT_EQ(assignments[0].id, id);
  EXPECT_EQ(assignments[0].mode, AttemptMode::Exam);
  EXPECT_EQ(assignments[0].patient, "female, 70 y");
  EXPECT_EQ(assignments[0].deadline, "2026-12-20T18:00:00Z");
  EXPECT_EQ(assignments[0].attemptsAllowed, 3);
  EXPECT_EQ(assignments[1].attemptsAllowed, 0);
  const auto members = store->members("derm-1");
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].person, "ines");  // instructors first
  EXPECT_EQ(members[0].role, ClassRole::Instructor);
  try {
    store->createClass({"derm-1", "Again"});
    ADD_FAILURE() << "a class was created twice";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
    EXPECT_NE(std::string(e.what()).find("class 'derm-1': already exists"), std::string::npos) << e.what();
  }
  EXPECT_THROW(store->assign({0, "no-such-class", "knee", AttemptMode::Exam, "", "", 0}), Error);
}

// Where the class's needles landed, per reference point, from the stored score reports: three
// trainees 2, 4 and 6 mm from JL1, all cranial and lateral of it; nobody needled JL2.
TEST_P(ClassStore, ReportsWhereTheClassNeedlesLandedAtEachReferencePoint) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  const auto store = open();
  store->createClass({"derm-1", "Dermatology 1"});
  for (int t = 1; t <= 3; ++t) {
    ScoreReport report = reportFor("knee", 60.0);
    PointResult jl1;
    jl1.referenceId = "JL1";
    jl1.traineeIndex = 0;
    jl1.distanceMm = 2.0 * t;
    jl1.cranialMm = double(t);
    jl1.medialMm = -1.0;
    jl1.depthScore = 0.5;
    PointResult jl2;
    jl2.referenceId = "JL2";
    report.points = {jl1, jl2};
    store->record(Submission::of(attemptBy("trainee-" + std::to_string(t), "knee", t), report, "derm-1"));
  }
  const ClassReport report = buildClassReport(*store, "derm-1");
  ASSERT_EQ(report.scenarios.size(), 1u);
  const auto& points = report.scenarios[0].points;
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].referenceId, "JL1");
  EXPECT_EQ(points[0].attempts, 3u);
  EXPECT_EQ(points[0].matched, 3u);
  EXPECT_DOUBLE_EQ(points[0].meanDistanceMm, 4.0);
  EXPECT_DOUBLE_EQ(points[0].meanCranialMm, 2.0);
  EXPECT_DOUBLE_EQ(points[0].meanMedialMm, -1.0);
  EXPECT_DOUBLE_EQ(points[0].meanDepthScore, 0.5);
  EXPECT_EQ(points[1].referenceId, "JL2");
  EXPECT_EQ(points[1].matched, 0u);
  const std::string html = classReportHtml(report);
  EXPECT_NE(html.find("<td>JL1</td><td>3 / 3</td><td style=\"background:hsl(72,70%,80%)\">4.0</td>"
                      "<td>2.0 cranial, 1.0 lateral</td><td>50.0%</td>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td>JL2</td><td>0 / 3</td><td colspan=\"3\">never needled</td>"), std::string::npos);
}

// An assignment allowing two attempts: a third is refused on either store, while the same
// submission sent again is found; through the queue the refused one is set aside with its reason
// instead of blocking the queue.
TEST_P(ClassStore, EnforcesTheAttemptsAnAssignmentAllows) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  const auto store = open();
  store->createClass({"derm-1", "Dermatology 1"});
  store->addMember("derm-1", {"ana", ClassRole::Trainee});
  store->assign({0, "derm-1", "knee", AttemptMode::Exam, "", "", 2});
  store->record(Submission::of(attemptBy("ana", "knee", 1), reportFor("knee", 50.0), "derm-1"));
  const auto second = Submission::of(attemptBy("ana", "knee", 2), reportFor("knee", 60.0), "derm-1");
  const int64_t id = store->record(second);
  EXPECT_EQ(store->record(second), id);                                 // a resend is not a third attempt
  store->record(attemptBy("ana", "knee", 3), reportFor("knee", 70.0));  // outside the class: no limit
  store->record(Submission::of(attemptBy("ana", "achilles", 3), reportFor("achilles", 70.0), "derm-1"));

  const auto folder = std::filesystem::path(MESOMAP_TEST_OUTPUT) / ("queue-" + testing::databaseForThisTest());
  std::filesystem::remove_all(folder);
  OfflineQueue queue(folder);
  const auto third = Submission::of(attemptBy("ana", "knee", 4), reportFor("knee", 90.0), "derm-1");
  queue.add(third);
  const SyncResult sync = syncQueue(*store, queue);
  EXPECT_EQ(sync.sent, 0u);
  ASSERT_EQ(sync.refused.size(), 1u);
  EXPECT_EQ(sync.refused[0], third.uid + ": class 'derm-1': ana has used the 2 attempt(s) allowed at knee");
  EXPECT_EQ(queue.size(), 0u);
  EXPECT_TRUE(std::filesystem::exists(folder / "refused" / (third.uid + ".json")));
  EXPECT_TRUE(std::filesystem::exists(folder / "refused" / (third.uid + ".txt")));
  EXPECT_EQ(store->classAttempts("derm-1").size(), 3u);
}

// The deadline policy, the same on both stores: an attempt past every deadline of its
// scenario's assignments is kept and marked late; one made before the deadline and sent after
// it (queued offline) is on time; a clock set ahead cannot make one later than the store's now.
TEST_P(ClassStore, MarksAttemptsAfterTheDeadlineLateByTheirOwnTimeBoundedByTheStoresClock) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  const auto store = open();
  store->createClass({"derm-1", "Dermatology 1"});
  store->addMember("derm-1", {"ana", ClassRole::Trainee});
  // Times around now, so the test means the same on any day.
  const int64_t now = std::time(nullptr);
  const std::string deadline = utcText(now - 3600), longPast = utcText(now - 3 * 24 * 3600);
  store->assign({0, "derm-1", "knee", AttemptMode::Exam, "", deadline, 0});                    // an hour ago
  store->assign({0, "derm-1", "achilles", AttemptMode::Exam, "", "2090-01-01T00:00:00Z", 0});  // far ahead
  store->assign({0, "derm-1", "shoulder", AttemptMode::Exam, "", longPast, 0});                // three days ago
  const auto at = [](const std::string& trainee, const std::string& scenario, const std::string& when) {
    Attempt a = attemptBy(trainee, scenario, 0);
    a.submittedAt = when;
    return Submission::of(a, reportFor(scenario, 80.0), "derm-1");
  };
  const std::string late = utcText(now - 3599);
  store->record(at("ana", "knee", utcText(now - 3601)));  // made in time, sent (synced) now
  store->record(at("ana", "knee", late));
  store->record(at("ana", "achilles", "2095-06-01T00:00:00Z"));  // a clock set ahead: judged by now
  store->record(at("ana", "pes", "2099-01-01T00:00:00Z"));       // no assignment: nothing to be late for
  // Claiming a time before a deadline three days gone: past the two days' grace, late anyway.
  store->record(at("ana", "shoulder", utcText(now - 4 * 24 * 3600)));
  const auto attempts = store->classAttempts("derm-1");
  ASSERT_EQ(attempts.size(), 5u);
  EXPECT_FALSE(attempts[0].late);
  EXPECT_TRUE(attempts[1].late);
  EXPECT_FALSE(attempts[2].late);
  EXPECT_FALSE(attempts[3].late);
  EXPECT_TRUE(attempts[4].late);
  const ClassReport report = buildClassReport(*store, "derm-1");
  EXPECT_EQ(report.trainees[0].late, 2u);
  EXPECT_NE(classReportCsv(report).find("," + late + ",80.0,yes,yes,"), std::string::npos);
  // Through the trainee's queue: the submission says whether it was recorded late.
  const auto folder = std::filesystem::path(MESOMAP_TEST_OUTPUT) / ("queue-" + testing::databaseForThisTest());
  std::filesystem::remove_all(folder);
  OfflineQueue queue(folder);
  const SubmitResult lateOne = submitToClass(location, {}, queue, at("ana", "knee", utcText(now)));
  EXPECT_EQ(lateOne.outcome, SubmitOutcome::Recorded) << lateOne.message;
  EXPECT_TRUE(lateOne.late);
  const SubmitResult onTime = submitToClass(location, {}, queue, at("ana", "achilles", utcText(now)));
  EXPECT_EQ(onTime.outcome, SubmitOutcome::Recorded) << onTime.message;
  EXPECT_FALSE(onTime.late);
  // A deadline that is not a time is refused when assigned, naming it.
  try {
    store->assign({0, "derm-1", "knee", AttemptMode::Exam, "", "next friday", 0});
    ADD_FAILURE() << "an unreadable deadline was stored";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "class 'derm-1': assignment of knee: deadline 'next friday' is not a UTC time like 2026-12-20T18:00:00Z");
  }
}

TEST(ClassTime, ReadsIsoUtcTimesAndNothingElse) {
  EXPECT_EQ(parseUtcTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parseUtcTime("2026-12-20T18:00:00Z"), 1797789600);
  EXPECT_EQ(parseUtcTime("2026-12-20T18:00:00.250Z"), 1797789600);
  EXPECT_EQ(parseUtcTime("2026-12-20T18:00:00+00:00"), 1797789600);
  EXPECT_EQ(parseUtcTime("2024-02-29T00:00:00Z"), 1709164800);
  for (const char* bad : {"", "2026-12-20", "2026-12-20T18:00:00", "2026-12-20T18:00:00+01:00", "2026-13-01T00:00:00Z",
                          "20261220T180000Z", "next friday"})
    EXPECT_FALSE(parseUtcTime(bad)) << bad;
  const int64_t due = 1797789600, dayAfter = due + 24 * 3600;  // 2026-12-20T18:00:00Z
  EXPECT_TRUE(submittedLate("2026-12-20T18:00:01Z", "2026-12-20T18:00:00Z", dayAfter));
  EXPECT_FALSE(submittedLate("2026-12-20T18:00:00Z", "2026-12-20T18:00:00Z", dayAfter));
  EXPECT_FALSE(submittedLate("2026-12-21T00:00:00Z", "2026-12-20T18:00:00Z", due - 600));  // ahead of now
  EXPECT_FALSE(submittedLate("2026-12-21T00:00:00Z", "", dayAfter));
  // Received after the grace, an attempt is late whatever time it claims; at the grace's end, not yet.
  EXPECT_FALSE(submittedLate("2026-12-20T17:00:00Z", "2026-12-20T18:00:00Z", due + kLateSyncGraceSeconds));
  EXPECT_TRUE(submittedLate("2026-12-20T17:00:00Z", "2026-12-20T18:00:00Z", due + kLateSyncGraceSeconds + 1));
}

// Several processes submit at once, five of their submissions the same in every process (a
// trainee's resend racing the original): each distinct submission is stored exactly once.
TEST_P(ClassStore, ConcurrentSubmissionsFromSeveralProcesses) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  open();  // migrated before the race, as a class server is
  constexpr int kProcesses = 4, kOwn = 10, kShared = 5;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        const auto store = open();
        for (int i = 0; i < kOwn + kShared; ++i) {
          const bool shared = i >= kOwn;
          const std::string trainee = shared ? "shared" : "trainee-" + std::to_string(p);
          store->record(attemptBy(trainee, "knee", i), reportFor("knee", 50.0 + i));
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "process %d: %s\n", p, e.what());
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a submitting process failed";
  }
  const auto store = open();
  const auto all = store->attempts("knee");
  EXPECT_EQ(all.size(), size_t(kProcesses * kOwn + kShared));
  std::set<std::string> uids;
  for (const StoredAttempt& a : all) uids.insert(a.uid);
  EXPECT_EQ(uids.size(), all.size());
  for (const StoredAttempt& a : all) EXPECT_EQ(a.components.size(), 3u);
}

// 30 trainees x 5 attempts over two scenarios: every trainee's row and every scenario's
// distribution add up, and the HTML and CSV say so.
TEST_P(ClassStore, ReportsAClassOfThirtyTraineesWithFiveAttemptsEach) {
  MESOMAP_FRESH_STORE(GetParam(), location);
  const auto store = open();
  store->createClass({"derm-1", "Dermatology 1"});
  store->addMember("derm-1", {"ines", ClassRole::Instructor});
  store->assign({0, "derm-1", "knee", AttemptMode::Exam, "", "", 5});
  std::map<std::string, std::vector<double>> expected;
  for (int t = 0; t < 30; ++t) {
    char name[16];
    std::snprintf(name, sizeof name, "trainee-%02d", t);
    store->addMember("derm-1", {name, ClassRole::Trainee});
    for (int i = 0; i < 5; ++i) {
      const double score = double((t * 7 + i * 13) % 101);
      const std::string scenario = i % 2 ? "achilles" : "knee";
      store->record(Submission::of(attemptBy(name, scenario, t * 5 + i), reportFor(scenario, score), "derm-1"));
      expected[name].push_back(score);
    }
  }
  store->addMember("derm-1", {"zoe", ClassRole::Trainee});  // no attempt yet
  const ClassReport report = buildClassReport(*store, "derm-1");
  EXPECT_EQ(report.info.title, "Dermatology 1");
  EXPECT_EQ(report.attempts.size(), 150u);
  ASSERT_EQ(report.trainees.size(), 31u);
  for (const TraineeSummary& row : report.trainees) {
    if (row.trainee == "zoe") {
      EXPECT_EQ(row.attempts, 0u);
      continue;
    }
    const std::vector<double>& scores = expected.at(row.trainee);
    EXPECT_EQ(row.attempts, 5u);
    EXPECT_EQ(row.bestScore, *std::max_element(scores.begin(), scores.end())) << row.trainee;
    EXPECT_EQ(row.lastScore, scores.back()) << row.trainee;
    EXPECT_NEAR(row.meanScore, (scores[0] + scores[1] + scores[2] + scores[3] + scores[4]) / 5.0, 1e-9);
  }
  EXPECT_EQ(report.trainees[7].trainee, "trainee-07");
  EXPECT_EQ(report.trainees[7].bestScore, 88.0);  // 7*7 + 3*13 = 88
  ASSERT_EQ(report.scenarios.size(), 2u);
  EXPECT_EQ(report.scenarios[0].scenarioId, "achilles");
  EXPECT_EQ(report.scenarios[0].attempts, 60u);
  EXPECT_EQ(report.scenarios[1].attempts, 90u);
  size_t histogram = 0;
  for (size_t n : report.scenarios[1].histogram) histogram += n;
  EXPECT_EQ(histogram, 90u);
  EXPECT_EQ(report.scenarios[1].weakestComponent, "position");  // depth is 0.9 everywhere; position lower on average
  const std::string html = classReportHtml(report);
  EXPECT_NE(html.find("<td>trainee-29</td><td>5</td>"), std::string::npos);
  EXPECT_NE(html.find("31 trainees, 150 attempts, 1 assignments"), std::string::npos);
  const std::string csv = classReportCsv(report);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 151);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "class,trainee,scenario_id,scenario_version,patient,body,mode,submitted_at,score,passed,late,mesomap_version,"
            "depth,position,spacing");
  // The first attempt: trainee-00's knee, scored 0; a component that does not apply is empty.
  const size_t firstRow = csv.find('\n') + 1;
  EXPECT_EQ(csv.substr(firstRow, csv.find('\n', firstRow) - firstRow),
            "derm-1,trainee-00,knee,1,\"female, 70 y\",\"patient: female, 70 y, BMI 34.0, muscle 0.50, 160 cm\","
            "practice,2026-12-04T08:00:00Z,0.0,no,no," MESOMAP_VERSION ",90.0,0.0,");
  const std::string json = classReportJson(report);
  EXPECT_NE(json.find("\"format\": \"mesomap-class-export\""), std::string::npos);
  EXPECT_NE(json.find("\"depth\": 90.0,"), std::string::npos);
  EXPECT_NE(json.find("\"spacing\": null"), std::string::npos);
  EXPECT_EQ(size_t(std::count(json.begin(), json.end(), '{')),
            1 + 2 * 150u);  // the document; each attempt and its components
}

INSTANTIATE_TEST_SUITE_P(Backends, ClassStore, ::testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         testing::backendName);

}  // namespace
}  // namespace mesomap
