// What only a class server has: logins, roles and row-level security, and a server that can go
// away in the middle of a sync. Every test here is named PostgreSQL.
#include <set>

#include "class_test_support.h"

namespace mesomap {
namespace {

using testing::as;
using testing::attemptBy;
using testing::reportFor;

// Runs scripts/pg_cluster.sh on the test cluster (stop/restart); fails the test when it fails.
void cluster(const std::string& action) {
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
    // Logins are the cluster's, shared by every test database.
    testing::runOnServer(admin,
                         "DO $$ DECLARE who TEXT; BEGIN"
                         " FOREACH who IN ARRAY ARRAY['ana', 'ben'] LOOP"
                         "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = who) THEN"
                         "   EXECUTE format('CREATE ROLE %I LOGIN IN ROLE mesomap_trainee', who); END IF; END LOOP;"
                         " FOREACH who IN ARRAY ARRAY['ines', 'olga'] LOOP"
                         "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = who) THEN"
                         "   EXECUTE format('CREATE ROLE %I LOGIN IN ROLE mesomap_instructor', who); END IF; END LOOP;"
                         " END $$;");
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
  EXPECT_EQ(ana.schemaVersion(), 3);
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
