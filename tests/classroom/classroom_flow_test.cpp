// The classroom's done-when, as one test on a real class server: a scenario the instructor saves
// with the builder into a shared folder appears in a second user's picker (their settings list
// that folder); that trainee's attempt is submitted to the PostgreSQL server; it appears in the
// instructor's Class window (its model) and in `mesomap class report`'s page; the server stopped
// during a submission loses nothing and, after sync, duplicates nothing.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/model/builder_model.h"
#include "app/model/class_model.h"
#include "app/model/practice_model.h"
#include "app/model/scenario_library.h"
#include "app/settings.h"
#include "class_test_support.h"
#include "core/base/safe_write.h"
#include "core/import/model_loader.h"
#include "core/protocol/scenario_transfer.h"

namespace mesomap {
namespace {

using namespace std::chrono_literals;
using testing::as;

const std::filesystem::path kLibrary = std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios";

std::shared_ptr<const Body> defaultBody() {
  static const std::shared_ptr<const Body> body = [] {
    LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
    return std::make_shared<const Body>(std::move(loaded.mesh), loaded.path);
  }();
  return body;
}

std::filesystem::path fresh(const std::filesystem::path& root, const std::string& name) {
  const auto dir = root / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The reference's own points, but the last `dropped` of them: each attempt differs from the others.
Attempt attemptOn(const Scenario& scenario, size_t dropped) {
  Scenario onBody = scenario;
  putScenarioOnBody(onBody, *defaultBody());
  Attempt attempt = perfectAttempt(prepareScenario(onBody, scoringBody(*defaultBody())));
  attempt.points.resize(attempt.points.size() - std::min(dropped, attempt.points.size() - 1));
  return attempt;
}

// The trainee's app: their settings, the picker's library from them, joined to their class.
struct TraineeApp {
  std::vector<std::string> problems;
  app::Settings settings;
  std::unique_ptr<app::PracticeModel> practice;
  TraineeApp(const std::filesystem::path& settingsFile, const std::filesystem::path& data) {
    settings = app::loadSettings(settingsFile, problems);
    practice = std::make_unique<app::PracticeModel>(std::vector<app::LibraryEntry>{}, data, problems);
    practice->setLibraryFolders(app::libraryFolders(kLibrary, data, app::sharedScenarioPath(settings.scenarioPath)));
    practice->reloadLibrary();
    practice->setBody(defaultBody());
    practice->setTrainee(settings.trainee);
    practice->joinClass(configuredClassDatabase(settings.classDatabase), settings.classId);
  }
  // Starts the scenario from the picker's entry and submits `attempt`; the model's notice.
  std::string submit(const app::LibraryEntry& entry, const Attempt& attempt) {
    practice->start(entry.scenario, entry.path, AttemptMode::Practice);
    practice->placeAttempt(attempt);
    EXPECT_NE(practice->submit(), nullptr) << practice->notice();
    EXPECT_TRUE(practice->sendingToClass());  // off the UI thread
    practice->takeClassAnswer(true);
    return practice->notice();
  }
};

size_t attemptsOf(const app::ClassModel& model, const std::string& trainee) {
  for (const app::TraineeRow& row : model.view()->trainees)
    if (row.trainee == trainee) return row.attempts;
  return 0;
}

TEST(ClassroomPostgreSQL, ABuilderScenarioReachesATraineeWhoseAttemptsReachTheInstructorWhateverTheServerDoes) {
  std::string admin;
  MESOMAP_FRESH_STORE(testing::Backend::PostgreSQL, admin);
  testing::RestartsTheServer restarts;
  const auto root = fresh(MESOMAP_TEST_OUTPUT, "classroom_flow");
  const auto shared = fresh(root, "class-folder"), instructorData = fresh(root, "ines"),
             traineeData = fresh(root, "ana");
  {
    PostgresStore owner(admin);
    testing::createTestLogins(admin);
    owner.createClass({"derm-9", "Dermatology 9"});
    owner.addMember("derm-9", {"ines", ClassRole::Instructor});
    owner.addMember("derm-9", {"ana", ClassRole::Trainee});
  }
  const std::string ines = as(admin, "ines"), ana = as(admin, "ana");

  // The instructor makes a scenario of their own in the builder and saves it to the class folder.
  std::vector<std::string> problems;
  app::BuilderModel builder(kLibrary, app::readScenarioLibrary(kLibrary, problems), instructorData);
  builder.setBody(defaultBody());
  ASSERT_TRUE(builder.openFile(kLibrary / "knee_osteoarthritis_right.json")) << builder.message();
  builder.execute(editScenarioCommand("Make it the class's", [](Scenario& s) {
    s.id = "knee_derm9";
    s.title = "Knee, as derm-9 does it";
  }));
  ASSERT_TRUE(builder.saveTo(shared / "knee_derm9.json")) << builder.message();
  PostgresStore(ines).assign({0, "derm-9", "knee_derm9", AttemptMode::Practice, "", "", 5});

  // The trainee's settings name the class folder, the class server and the class.
  const auto settingsFile = root / "ana-settings.json";
  writeFileAtomically(settingsFile, "{\"version\": 1, \"trainee\": \"ana\", \"scenarioPath\": \"" + shared.string() +
                                        "\", \"classDatabase\": \"" + ana + "\", \"classId\": \"derm-9\"}\n");
  TraineeApp trainee(settingsFile, traineeData);
  EXPECT_TRUE(trainee.problems.empty()) << trainee.problems.front();
  const auto& library = trainee.practice->library();
  const auto entry = std::find_if(library.begin(), library.end(),
                                  [](const app::LibraryEntry& e) { return e.scenario.id == "knee_derm9"; });
  ASSERT_NE(entry, library.end()) << "the builder's scenario is not in the trainee's picker";
  EXPECT_EQ(entry->source, "shared");
  EXPECT_EQ(entry->scenario.title, "Knee, as derm-9 does it");

  // Submitted to the class server; the instructor's Class window shows it.
  EXPECT_EQ(trainee.submit(*entry, attemptOn(entry->scenario, 0)), "Sent to class derm-9.");
  app::ClassModel window(ines, "derm-9", instructorData);
  window.refresh();
  ASSERT_TRUE(window.waitForLoad(30s));
  ASSERT_TRUE(window.view()) << window.message();
  EXPECT_EQ(attemptsOf(window, "ana"), 1u);
  ASSERT_EQ(window.view()->assignments.size(), 1u);
  EXPECT_EQ(window.view()->trainees[0].cells[0].attemptsUsed, 1u);

  // The server stops during the trainee's next submission: it waits in their queue.
  testing::cluster("stop");
  const std::string queued = trainee.submit(*entry, attemptOn(entry->scenario, 1));
  EXPECT_NE(queued.find("The class server cannot be reached: 1 attempt(s) wait in"), std::string::npos) << queued;
  testing::cluster("restart");
  // Back: the next submission sends both; a resend of one whose acknowledgement was lost adds nothing.
  std::vector<std::string> ignored;
  const std::vector<Submission> waiting = OfflineQueue(traineeData / "class-queue").pending(ignored);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(trainee.submit(*entry, attemptOn(entry->scenario, 2)), "Sent to class derm-9.");
  EXPECT_EQ(OfflineQueue(traineeData / "class-queue").size(), 0u);
  OfflineQueue resend(traineeData / "class-queue");
  resend.add(waiting[0]);
  EXPECT_EQ(submitToClass(ana, traineeData, resend, waiting[0]).outcome, SubmitOutcome::Recorded);
  const auto stored = PostgresStore(admin).classAttempts("derm-9");
  ASSERT_EQ(stored.size(), 3u);
  std::set<std::string> uids;
  for (const StoredAttempt& a : stored) uids.insert(a.uid);
  EXPECT_EQ(uids.size(), 3u);
  EXPECT_EQ(
      std::count_if(stored.begin(), stored.end(), [&](const StoredAttempt& a) { return a.uid == waiting[0].uid; }), 1);
  window.refresh();
  ASSERT_TRUE(window.waitForLoad(30s));
  EXPECT_EQ(attemptsOf(window, "ana"), 3u);

  // `mesomap class report` as the instructor: the trainee's attempts and the picture of the
  // scenario found in the class folder.
  const auto page = root / "derm-9.html";
  const std::string command = "HOME='" + root.string() + "' XDG_CONFIG_HOME='" + root.string() +
                              "' MESOMAP_SCENARIO_PATH='" + shared.string() +
                              "' '" MESOMAP_PROGRAM "' class report derm-9 --out '" + page.string() + "' --db '" +
                              ines + "' > '" + (root / "report.log").string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << readWholeFile(root / "report.log", "log");
  const std::string html = readWholeFile(page, "report");
  EXPECT_NE(html.find("<td>ana</td><td>3</td>"), std::string::npos) << html.substr(0, 2000);
  EXPECT_NE(html.find("Knee, as derm-9 does it"), std::string::npos);
  EXPECT_NE(html.find("<img class=\"heat\""), std::string::npos) << readWholeFile(root / "report.log", "log");
  EXPECT_NE(html.find("data:image/png;base64,iVBOR"), std::string::npos);
}

}  // namespace
}  // namespace mesomap
