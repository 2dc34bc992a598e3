// What only a class server has: logins, roles and row-level security, and a server that can go
// away in the middle of a sync. Every test here is named PostgreSQL.
#include <set>

#include "class_test_support.h"
#include "core/base/safe_write.h"

namespace mesomap {
namespace {

using testing::as;
using testing::attemptBy;
using testing::reportFor;
using testing::utcText;

using testing::cluster;
using testing::RestartsTheServer;

std::string messageOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

class ClassServerPostgreSQL : public ::testing::Test {
 protected:
  std::string admin;  // the server's owner: migrates, creates classes
  void SetUp() override {
    MESOMAP_FRESH_STORE(testing::Backend::PostgreSQL, admin);
    PostgresStore owner(admin);  // the schema, roles and policies
    testing::createTestLogins(admin);  // the cluster's, shared by every test database
    owner.createClass({"derm-1", "Dermatology 1"});
    owner.createClass({"derm-2", "Dermatology 2"});
    owner.addMember("derm-1", {"ines", ClassRole::Instructor});
    owner.addMember("derm-1", {"ana", ClassRole::Trainee});
    owner.addMember("derm-1", {"ben", ClassRole::Trainee});
    owner.addMember("derm-2", {"olga", ClassRole::Instructor});
  }
};

TEST_F(ClassServerPostgreSQL, ATraineeReadsOnlyTheirOwnAttempts) {
  PostgresStore ana(as(admin, "ana")), ben(as(admin, "ben"));
  EXPECT_EQ(ana.person(), "ana");
  ana.record(Submission::of(attemptBy("ana", "knee", 1), reportFor("knee", 81.0), "derm-1"));
  ana.record(attemptBy("ana", "knee", 2), reportFor("knee", 64.0));  // practice outside the class
  ben.record(Submission::of(attemptBy("ben", "knee", 3), reportFor("knee", 92.0), "derm-1"));

  const auto anasKnee = ana.attempts("knee");
  ASSERT_EQ(anasKnee.size(), 2u);
  EXPECT_EQ(anasKnee[0].trainee, "ana");
  EXPECT_EQ(anasKnee[1].trainee, "ana");
  EXPECT_EQ(anasKnee[0].components.size(), 3u);
  EXPECT_EQ(ana.attemptCount(), 2u);
  ASSERT_EQ(ana.scenarios().size(), 1u);
  EXPECT_EQ(ana.scenarios()[0].bestScore, 81.0);  // not ben's 92
  EXPECT_EQ(ben.classAttempts("derm-1").size(), 1u);
  // A trainee cannot submit in another's name, nor to a class they are not in.
  const std::string forged = messageOf([&] { ana.record(attemptBy("ben", "knee", 4), reportFor("knee", 10.0)); });
  EXPECT_NE(forged.find("row-level security"), std::string::npos) << forged;
  const std::string elsewhere =
      messageOf([&] { ana.record(Submission::of(attemptBy("ana", "knee", 5), reportFor("knee", 50.0), "derm-2")); });
  EXPECT_NE(elsewhere.find("row-level security"), std::string::npos) << elsewhere;
  // Nor assign work, nor enrol anyone.
  const std::string assigning = messageOf([&] { ana.assign({0, "derm-1", "knee", AttemptMode::Exam, "", "", 1}); });
  EXPECT_NE(assigning.find("permission denied"), std::string::npos) << assigning;
  EXPECT_EQ(PostgresStore(admin).attemptCount(), 3u);
}

TEST_F(ClassServerPostgreSQL, AnInstructorReadsOnlyTheirClass) {
  PostgresStore(as(admin, "ana"))
      .record(Submission::of(attemptBy("ana", "knee", 1), reportFor("knee", 81.0), "derm-1"));
  PostgresStore(as(admin, "ana")).record(attemptBy("ana", "knee", 2), reportFor("knee", 64.0));  // private practice
  PostgresStore(as(admin, "ben"))
      .record(Submission::of(attemptBy("ben", "knee", 3), reportFor("knee", 92.0), "derm-1"));

  PostgresStore ines(as(admin, "ines")), olga(as(admin, "olga"));
  const auto derm1 = ines.classAttempts("derm-1");
  ASSERT_EQ(derm1.size(), 2u);
  EXPECT_EQ(derm1[0].trainee, "ana");
  EXPECT_EQ(derm1[1].trainee, "ben");
  EXPECT_EQ(derm1[1].components.size(), 3u);
  EXPECT_EQ(ines.attemptCount(), 2u);  // not ana's practice outside the class
  EXPECT_EQ(ines.members("derm-1").size(), 3u);
  ASSERT_EQ(ines.classes().size(), 1u);
  EXPECT_EQ(ines.classes()[0].id, "derm-1");

  EXPECT_TRUE(olga.classAttempts("derm-1").empty());
  EXPECT_TRUE(olga.members("derm-1").empty());
  EXPECT_EQ(olga.attemptCount(), 0u);

  // An instructor assigns work and enrols trainees in their class only.
  EXPECT_GT(ines.assign({0, "derm-1", "knee", AttemptMode::Exam, "", "2026-12-20T18:00:00Z", 2}), 0);
  EXPECT_EQ(PostgresStore(as(admin, "ana")).assignments("derm-1").size(), 1u);
  const std::string foreign = messageOf([&] { olga.assign({0, "derm-1", "knee", AttemptMode::Exam, "", "", 1}); });
  EXPECT_NE(foreign.find("row-level security"), std::string::npos) << foreign;
  const std::string enrol = messageOf([&] { olga.addMember("derm-1", {"olga", ClassRole::Trainee}); });
  EXPECT_NE(enrol.find("row-level security"), std::string::npos) << enrol;
}

// What SQL run as `user` makes the server say: its primary message, "" when it succeeds.
std::string serverRefusal(const std::string& connection, const std::string& sql) {
  PGconn* db = PQconnectdb(connection.c_str());
  if (PQstatus(db) != CONNECTION_OK) return std::string("cannot connect: ") + PQerrorMessage(db);
  PGresult* r = PQexec(db, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
  const std::string message = ok ? "" : primary ? primary : PQerrorMessage(db);
  PQclear(r);
  PQfinish(db);
  return message;
}

// The assignment's policies are the server's: a trainee who inserts rows with psql instead of
// mesomap meets the same attempts allowed, and cannot mark a late attempt on time; through
// mesomap the refusal reaches the trainee as the server's own words, and the queue sets it aside.
TEST_F(ClassServerPostgreSQL, TheServerKeepsTheAssignmentsPoliciesForAnyClient) {
  const int64_t now = std::time(nullptr);
  PostgresStore ines(as(admin, "ines"));
  ines.assign({0, "derm-1", "knee", AttemptMode::Exam, "", utcText(now - 1800), 2});
  ines.assign({0, "derm-1", "shoulder", AttemptMode::Exam, "", utcText(now - 3 * 24 * 3600), 0});
  // Seven hours ahead, written without a zone by hand: read as UTC whatever the session's zone
  // (in a session 14 hours east of UTC it would have passed seven hours ago).
  ines.assign({0, "derm-1", "neck", AttemptMode::Exam, "", "", 0});
  EXPECT_EQ(serverRefusal(admin, "UPDATE assignment SET deadline = '" + utcText(now + 7 * 3600).substr(0, 19) +
                                     "' WHERE scenario_id = 'neck';"),
            "");
  const std::string anasServer = as(admin, "ana");
  const auto raw = [](const std::string& scenario, int n, const std::string& when) {
    return "INSERT INTO attempt (scenario_id, scenario_title, trainee, mode, submitted_at, score, passed, no_go,"
           " attempt_json, report_json, class_id, uid, late) VALUES ('" +
           scenario + "', 'Knee', 'ana', 'exam', '" + when + "', 99, true, false, '{}', '{}', 'derm-1', 'raw-" +
           std::to_string(n) + "', false);";
  };
  EXPECT_EQ(serverRefusal(anasServer, raw("knee", 1, utcText(now - 3600))), "");
  EXPECT_EQ(serverRefusal(anasServer, raw("knee", 2, utcText(now + 86400))), "");  // late, whatever it says
  EXPECT_EQ(serverRefusal(anasServer, raw("knee", 3, utcText(now - 7200))),
            "class 'derm-1': ana has used the 2 attempt(s) allowed at knee");
  // A backdated time past the grace, and times that are no time or the dawn of time: late.
  EXPECT_EQ(serverRefusal(anasServer, raw("shoulder", 4, utcText(now - 4 * 24 * 3600))), "");
  EXPECT_EQ(serverRefusal(anasServer, raw("shoulder", 5, "-infinity")), "");
  EXPECT_EQ(serverRefusal(anasServer, raw("shoulder", 6, "epoch")), "");
  EXPECT_EQ(serverRefusal(anasServer, "SET TimeZone = 'Pacific/Kiritimati';" + raw("neck", 8, utcText(now))), "");
  // Under REPEATABLE READ the count could miss a racing submission: refused, saying why.
  EXPECT_EQ(serverRefusal(anasServer, "BEGIN ISOLATION LEVEL REPEATABLE READ;" + raw("shoulder", 7, utcText(now))),
            "class submissions need READ COMMITTED or SERIALIZABLE isolation, not REPEATABLE READ");
  PostgresStore owner(admin);
  auto stored = owner.classAttempts("derm-1");
  ASSERT_EQ(stored.size(), 6u);
  EXPECT_FALSE(stored[0].late);
  EXPECT_TRUE(stored[1].late);
  for (size_t i = 2; i < 5; ++i) EXPECT_TRUE(stored[i].late) << stored[i].submittedAt;
  EXPECT_EQ(stored[5].scenarioId, "neck");
  EXPECT_FALSE(stored[5].late);

  // Through mesomap: refused in the same words, set aside in the queue with them.
  const auto folder = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "class-queue-policy";
  std::filesystem::remove_all(folder);
  OfflineQueue queue(folder);
  const auto third = Submission::of(attemptBy("ana", "knee", 5), reportFor("knee", 90.0), "derm-1");
  const SubmitResult result = submitToClass(anasServer, folder.parent_path(), queue, third);
  EXPECT_EQ(result.outcome, SubmitOutcome::Refused);
  EXPECT_EQ(result.message, "class 'derm-1': ana has used the 2 attempt(s) allowed at knee");
  EXPECT_EQ(readWholeFile(folder / "refused" / (third.uid + ".txt"), "test"),
            "class 'derm-1': ana has used the 2 attempt(s) allowed at knee\n");
  EXPECT_EQ(owner.classAttempts("derm-1").size(), 6u);
}

// The server is stopped after the fifth of twelve queued submissions reaches it: the rest stay
// queued; one more is queued while it is down; when it is back, everything arrives exactly once
// (a submission whose acknowledgement was lost is sent again and found, not added).
TEST_F(ClassServerPostgreSQL, TheServerStoppedMidSyncLosesAndDuplicatesNothing) {
  RestartsTheServer restarts;
  const auto queueFolder = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "class-queue-stopped";
  std::filesystem::remove_all(queueFolder);
  OfflineQueue queue(queueFolder);
  for (int i = 0; i < 12; ++i)
    queue.add(Submission::of(attemptBy("ana", "knee", i), reportFor("knee", 40.0 + i), "derm-1"));
  const std::string anasServer = as(admin, "ana");
  {
    PostgresStore ana(anasServer);
    size_t recorded = 0;
    const SyncResult sync = syncQueue(ana, queue, [&](const Submission&) {
      if (++recorded == 5) cluster("stop");
    });
    EXPECT_EQ(sync.sent, 5u);
    EXPECT_EQ(sync.left, 7u);
    EXPECT_NE(sync.unreachable.find("connection lost"), std::string::npos) << sync.unreachable;
  }
  EXPECT_EQ(queue.size(), 7u);
  // Submitting while the server is down: queued, nothing else.
  const auto thirteenth = Submission::of(attemptBy("ana", "knee", 12), reportFor("knee", 52.0), "derm-1");
  EXPECT_EQ(submitToClass(anasServer, {}, queue, thirteenth).outcome, SubmitOutcome::Queued);
  EXPECT_EQ(queue.size(), 8u);

  cluster("restart");
  {
    // The first one is recorded but its queue file survives (the trainee's machine died before
    // removing it): it is sent again on the next sync.
    PostgresStore ana(anasServer);
    EXPECT_THROW(syncQueue(ana, queue, [](const Submission&) { throw std::runtime_error("crashed"); }),
                 std::runtime_error);
  }
  EXPECT_EQ(queue.size(), 8u);
  EXPECT_EQ(submitToClass(anasServer, {}, queue, thirteenth).outcome, SubmitOutcome::Recorded);
  EXPECT_EQ(queue.size(), 0u);

  PostgresStore owner(admin);
  const auto stored = owner.classAttempts("derm-1");
  ASSERT_EQ(stored.size(), 13u);
  std::set<double> scores;
  for (const StoredAttempt& a : stored) scores.insert(a.score);
  EXPECT_EQ(scores.size(), 13u);
  EXPECT_EQ(*scores.begin(), 40.0);
  EXPECT_EQ(*scores.rbegin(), 52.0);
}

TEST_F(ClassServerPostgreSQL, ATraineeOpensACurrentSchemaButCannotMigrate) {
  // The owner migrated in SetUp; a trainee opening it needs no rights beyond their role's.
  PostgresStore ana(as(admin, "ana"));
  EXPECT_EQ(ana.schemaVersion(), 4);
  // An unmigrated database: the trainee is told who must connect first.
  std::string fresh;
  MESOMAP_FRESH_STORE(testing::Backend::PostgreSQL, fresh);
  testing::runOnServer(fresh, "REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
  const std::string refused = messageOf([&] { PostgresStore trainee(as(fresh, "ana")); });
  EXPECT_NE(refused.find("needs the class server's owner to connect once"), std::string::npos) << refused;
}

TEST(PostgresStoreWithoutAServer, IsReportedAsUnreachable) {
  // Needs no server: a port nothing listens on is a server down, not a refusal (so callers queue).
  try {
    PostgresStore store("host=127.0.0.1 port=1 dbname=x connect_timeout=2");
    ADD_FAILURE() << "connected to nothing";
  } catch (const StoreUnreachable& e) {
    EXPECT_NE(std::string(e.what()).find("class server: cannot connect"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mesomap
