#include <fstream>

#include "class_test_support.h"

namespace mesomap {
namespace {

using testing::attemptBy;
using testing::Backend;
using testing::reportFor;

std::filesystem::path freshFolder(const std::string& name) {
  const auto folder = std::filesystem::path(MESOMAP_TEST_OUTPUT) / name;
  std::filesystem::remove_all(folder);
  return folder;
}

TEST(OfflineQueue, KeepsASubmissionExactlyAndReportsADamagedFile) {
  OfflineQueue queue(freshFolder("queue-roundtrip"));
  Attempt attempt = attemptBy("ana", "knee", 1);
  attempt.points.push_back(AttemptPoint{});
  attempt.points.back().depthMm = 2.0 / 3.0;
  const Submission sent = Submission::of(attempt, reportFor("knee", 71.4), "derm-1");
  queue.add(sent);
  queue.add(sent);  // the same submission is one file
  std::ofstream(queue.folder() / "0123abcd.json") << "{\"format\": \"mesomap-queued-submission\", \"version\": 1}";
  std::vector<std::string> problems;
  const auto pending = queue.pending(problems);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].uid, sent.uid);
  EXPECT_EQ(pending[0].attemptJson, sent.attemptJson);
  EXPECT_EQ(pending[0].classId, "derm-1");
  EXPECT_EQ(pending[0].score, 71.4);
  EXPECT_EQ(pending[0].components[0].score, 71.4 / 100.0);  // exactly what was queued
  EXPECT_EQ(*pending[0].attempt.points[0].depthMm, 0.667);  // as the attempt file writes it
  EXPECT_EQ(pending[0].reportJson, sent.reportJson);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("0123abcd.json"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("missing"), std::string::npos) << problems[0];
  EXPECT_TRUE(std::filesystem::exists(queue.folder() / "0123abcd.json"));  // kept for a person to look at
}

TEST(OfflineQueue, RefusesAnEditedSubmission) {
  const Submission sent = Submission::of(attemptBy("ana", "knee", 1), reportFor("knee", 40.0));
  std::string text = queuedSubmissionText(sent);
  text.replace(text.find("08:01"), 5, "08:02");  // the time inside the attempt
  try {
    parseQueuedSubmission(text);
    ADD_FAILURE() << "an edited submission was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "uid: does not match the attempt (edited by hand?)");
  }
}

// Wraps a store that "goes away" after `limit` records, as a dropped connection does.
class VanishingStore : public AttemptStore {
 public:
  VanishingStore(AttemptStore& inner, size_t limit) : inner_(inner), limit_(limit) {}
  using AttemptStore::record;
  int64_t record(const Submission& s) override {
    if (recorded_ == limit_) throw StoreUnreachable("test store: gone");
    ++recorded_;
    return inner_.record(s);
  }
  int schemaVersion() const override { return inner_.schemaVersion(); }
  std::string description() const override { return "test store"; }
  std::vector<StoredAttempt> attempts(const std::string& id) const override { return inner_.attempts(id); }
  std::vector<StoredAttempt> classAttempts(const std::string& id) const override { return inner_.classAttempts(id); }
  std::vector<ScenarioProgress> scenarios() const override { return inner_.scenarios(); }
  size_t attemptCount() const override { return inner_.attemptCount(); }
  void createClass(const ClassInfo& info) override { inner_.createClass(info); }
  void addMember(const std::string& id, const ClassMember& m) override { inner_.addMember(id, m); }
  int64_t assign(const Assignment& a) override { return inner_.assign(a); }
  std::vector<ClassInfo> classes() const override { return inner_.classes(); }
  std::vector<ClassMember> members(const std::string& id) const override { return inner_.members(id); }
  std::vector<Assignment> assignments(const std::string& id) const override { return inner_.assignments(id); }

 private:
  AttemptStore& inner_;
  size_t limit_, recorded_ = 0;
};

class QueueSync : public ::testing::TestWithParam<Backend> {};

// The store goes away after 4 of 10; the next sync sends the other 6; the queue ends empty and
// the store holds 10, oldest first.
TEST_P(QueueSync, SendsWhatIsLeftWhenTheStoreIsBack) {
  std::string location;
  MESOMAP_FRESH_STORE(GetParam(), location);
  const auto store = openAttemptStore(location, {});
  OfflineQueue queue(freshFolder("queue-sync-" + testing::databaseForThisTest()));
  for (int i = 9; i >= 0; --i) queue.add(Submission::of(attemptBy("ana", "knee", i), reportFor("knee", 50.0 + i)));
  VanishingStore flaky(*store, 4);
  const SyncResult first = syncQueue(flaky, queue);
  EXPECT_EQ(first.sent, 4u);
  EXPECT_EQ(first.left, 6u);
  EXPECT_EQ(first.unreachable, "test store: gone");
  EXPECT_EQ(queue.size(), 6u);
  const SyncResult second = syncQueue(*store, queue);
  EXPECT_EQ(second.sent, 6u);
  EXPECT_EQ(second.left, 0u);
  EXPECT_EQ(queue.size(), 0u);
  const auto stored = store->attempts("knee");
  ASSERT_EQ(stored.size(), 10u);
  for (size_t i = 0; i < stored.size(); ++i) EXPECT_EQ(stored[i].score, 50.0 + double(i));
}

INSTANTIATE_TEST_SUITE_P(Backends, QueueSync, ::testing::Values(Backend::SQLite, Backend::PostgreSQL),
                         testing::backendName);

TEST(ClassDatabaseSetting, TheEnvironmentWinsOverTheSettings) {
  ::setenv("MESOMAP_CLASS_DB", "host=class.example dbname=derm", 1);
  EXPECT_EQ(configuredClassDatabase("host=settings"), "host=class.example dbname=derm");
  ::unsetenv("MESOMAP_CLASS_DB");
  EXPECT_EQ(configuredClassDatabase("host=settings"), "host=settings");
  EXPECT_EQ(configuredClassDatabase(""), "");
  EXPECT_TRUE(isPostgresConnection("postgresql://ines@class.example/derm"));
  EXPECT_TRUE(isPostgresConnection("host=/tmp dbname=derm"));
  EXPECT_FALSE(isPostgresConnection("/home/ana/progress.sqlite"));
}

}  // namespace
}  // namespace mesomap
