// Practice mode's rules, in-process and without a window: the model alone (sessions, scoring,
// what each mode shows, autosave, progress), then its panels in an ImGui context that has no
// backend, driven by a simulated mouse, to check that a click asks for what it says.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>

#include "app/model/practice_model.h"
#include "app/practice_panels.h"
#include "app_test_support.h"
#include "core/base/safe_write.h"
#include "core/classroom/offline_queue.h"
#include "core/patient/patient_body.h"

namespace mesomap::app {
namespace {

const std::filesystem::path kKnee =
    std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios/knee_osteoarthritis_right.json";
const std::filesystem::path kFlawed = std::filesystem::path(MESOMAP_TEST_DATA) / "attempts/knee_flawed.json";

using test_support::defaultBody;

std::filesystem::path freshDirectory(const std::string& name) { return test_support::freshDirectory("practice_model", name); }

struct Fixture {
  std::vector<std::string> problems;
  PracticeModel model;
  explicit Fixture(const std::filesystem::path& data)
      : model(readScenarioLibrary(std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios", problems), data, problems) {
    model.setBody(defaultBody());
  }
};

TEST(PracticeModel, TheLibraryHoldsEveryBuiltInScenarioSortedByTitle) {
  Fixture f(freshDirectory("library"));
  EXPECT_TRUE(f.problems.empty());
  ASSERT_EQ(f.model.library().size(), 8u);
  for (size_t i = 1; i < f.model.library().size(); ++i)
    EXPECT_LT(f.model.library()[i - 1].scenario.title, f.model.library()[i].scenario.title);
}

// A scenario the instructor saves in the builder (into <data>/scenarios), or a colleague puts
// in a shared folder, reaches the picker, grouped by where it comes from; a broken one is named.
TEST(PracticeModel, YourAndSharedScenariosJoinTheLibrary) {
  const auto data = freshDirectory("libraries");
  const auto shared = data.parent_path() / "libraries_shared";
  std::filesystem::remove_all(shared);
  std::filesystem::create_directories(shared);
  const auto builtIn = std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios";
  const auto folders = libraryFolders(builtIn, data, shared.string() + "::/nonexistent/folder");
  ASSERT_EQ(folders.size(), 4u);
  EXPECT_EQ(folders[1].directory, data / "scenarios");
  EXPECT_EQ(folders[2].source, "shared");

  Fixture f(data);
  f.model.setLibraryFolders(folders);
  EXPECT_TRUE(f.model.reloadLibrary().empty());
  EXPECT_EQ(f.model.library().size(), 8u);

  Scenario mine = readValidScenario(kKnee);
  mine.id = "knee_mine";
  mine.title = "A knee of my own";
  std::filesystem::create_directories(data / "scenarios");
  writeScenario(mine, data / "scenarios" / "knee_mine.json");
  Scenario theirs = mine;
  theirs.id = "knee_theirs";
  theirs.title = "Class knee";
  writeScenario(theirs, shared / "knee_theirs.json");
  std::ofstream(shared / "broken.json") << "{ not json";

  const std::vector<std::string> broken = f.model.reloadLibrary();
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_NE(broken[0].find("broken.json"), std::string::npos) << broken[0];
  ASSERT_EQ(f.model.library().size(), 10u);
  EXPECT_EQ(f.model.library()[8].scenario.title, "A knee of my own");
  EXPECT_EQ(f.model.library()[8].source, "yours");
  EXPECT_EQ(f.model.library()[9].scenario.id, "knee_theirs");
  EXPECT_EQ(f.model.library()[9].source, "shared");
  EXPECT_EQ(f.model.library()[0].source, "built-in");
}

TEST(PracticeModel, SubmittingScoresAsScoringDoesAndRecordsOnce) {
  const auto data = freshDirectory("submit");
  Fixture f(data);
  f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Exam);
  f.model.placeAttempt(readValidAttempt(kFlawed));
  ASSERT_EQ(f.model.document().points().size(), readValidAttempt(kFlawed).points.size());
  f.model.autosave();
  ASSERT_TRUE(std::filesystem::exists(f.model.autosavePath()));

  // An exam shows neither the scenario's needles nor the reference before it is submitted.
  EXPECT_EQ(f.model.referenceFor(f.model.document().points().front()), nullptr);
  EXPECT_NE(f.model.preset(Technique::IDP).source.find("an exam hides"), std::string::npos);

  const Attempt attempt = f.model.currentAttempt();
  const ScoreReport* report = f.model.submit();
  ASSERT_NE(report, nullptr);
  const PreparedScenario prepared = prepareScenario(*f.model.scenario(), scoringBody(*defaultBody()));
  const ScoreResult direct = scoreAttempt(prepared, attempt, scoringBody(*defaultBody()));
  ASSERT_TRUE(direct.report);
  EXPECT_DOUBLE_EQ(report->score, direct.report->score);
  EXPECT_EQ(report->verdict, Verdict::Critical);
  EXPECT_FALSE(report->passed);
  // Safe in the database, so the autosave is gone; an exam scores once and records once.
  EXPECT_FALSE(std::filesystem::exists(f.model.autosavePath()));
  EXPECT_EQ(f.model.submit(), report);
  ASSERT_EQ(f.model.progressHistory().size(), 1u);
  EXPECT_EQ(f.model.progressHistory().front().summary.attempts, 1u);
  EXPECT_EQ(f.model.progressHistory().front().attempts.front().score, report->score);
  // After submitting, the exam shows its reference.
  EXPECT_NE(f.model.referenceFor(f.model.document().points().front()), nullptr);
}

// A body of its own whose solver nobody has started yet (geodesicsIfReady() stays null), the knee
// scenario started on it and the flawed attempt placed: a submit now has to wait for the solver.
std::shared_ptr<const Body> kneeOnAFreshBody(Fixture& f) {
  const LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
  auto body = std::make_shared<const Body>(loaded.mesh, loaded.path);
  f.model.setBody(body);
  f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Practice);
  f.model.placeAttempt(readValidAttempt(kFlawed));
  return body;
}

// Submit while the body's geodesic solver is still being built (minutes on a large body): the
// click is taken at once, the attempt as it stood is scored once the solver is there, and
// points placed meanwhile are not part of it.
TEST(PracticeModel, ASubmitDuringTheSolversBuildIsScoredWhenItIsReady) {
  const auto data = freshDirectory("submit_pending");
  Fixture f(data);
  const auto body = kneeOnAFreshBody(f);
  const Attempt submitted = f.model.currentAttempt();
  ASSERT_EQ(body->geodesicsIfReady(), nullptr);

  f.model.submitWhenReady();
  EXPECT_TRUE(f.model.submitPending());
  EXPECT_FALSE(f.model.result());
  EXPECT_NE(f.model.notice().find("scored as soon as"), std::string::npos);
  // Until it is scored it waits in the autosave as submitted, for the next start after a crash.
  EXPECT_NE(readWholeFile(f.model.autosavePath(), "autosave").find("\"submitted_at\""), std::string::npos);
  f.model.finishPendingSubmit();  // still no solver: nothing happens
  EXPECT_TRUE(f.model.submitPending());
  // A point placed after the click is not part of what was submitted.
  const PlacedPoint first = f.model.document().points().front();
  f.model.execute(addPointCommand(first.position, first.normal, first.needle));

  ASSERT_NE(body->geodesics(), nullptr);  // the build finishes
  f.model.finishPendingSubmit();
  EXPECT_FALSE(f.model.submitPending());
  ASSERT_TRUE(f.model.result());
  const PreparedScenario prepared = prepareScenario(*f.model.scenario(), scoringBody(*body));
  const ScoreResult direct = scoreAttempt(prepared, submitted, scoringBody(*body));
  ASSERT_TRUE(direct.report);
  EXPECT_DOUBLE_EQ(f.model.result()->score, direct.report->score);
  ASSERT_EQ(f.model.progressHistory().size(), 1u);
  EXPECT_EQ(f.model.progressHistory().front().summary.attempts, 1u);
}

TEST(PracticeModel, ASubmissionWaitingForTheSolverIsWithdrawnAloudWhenTheBodyChanges) {
  const auto data = freshDirectory("submit_withdrawn");
  Fixture f(data);
  const auto body = kneeOnAFreshBody(f);
  ASSERT_EQ(body->geodesicsIfReady(), nullptr);
  f.model.submitWhenReady();
  ASSERT_TRUE(f.model.submitPending());

  f.model.setBody(std::make_shared<const Body>(body->mesh(), body->modelPath()));
  EXPECT_FALSE(f.model.submitPending());
  EXPECT_NE(f.model.notice().find("withdrawn (the body changed)"), std::string::npos) << f.model.notice();
  // The autosave is the live attempt again, not a submission the next start would score.
  EXPECT_EQ(readWholeFile(f.model.autosavePath(), "autosave").find("\"submitted_at\""), std::string::npos);
}

// A submission after the assignment's deadline is recorded, and the trainee is told it is late
// as they submit (here the class store is a SQLite file, which keeps the same policies).
TEST(PracticeModel, ALateSubmissionIsSaidToBeLate) {
  const auto data = freshDirectory("class_late");
  Fixture f(data);
  const Scenario knee = readValidScenario(kKnee);
  const auto classFile = data / "class.sqlite";
  {
    ProgressStore store(classFile);
    store.createClass({"derm-1", "Dermatology 1"});
    const std::time_t hourAgo = std::time(nullptr) - 3600;
    std::tm utc{};
    gmtime_r(&hourAgo, &utc);
    char deadline[32];
    std::strftime(deadline, sizeof deadline, "%Y-%m-%dT%H:%M:%SZ", &utc);
    store.assign({0, "derm-1", knee.id, AttemptMode::Exam, "", deadline, 0});
  }
  f.model.joinClass(classFile.string(), "derm-1");
  f.model.start(knee, kKnee, AttemptMode::Exam);
  f.model.placeAttempt(readValidAttempt(kFlawed));
  ASSERT_NE(f.model.submit(), nullptr);
  f.model.takeClassAnswer(true);
  EXPECT_EQ(f.model.notice(), "Sent to class derm-1; recorded late (after the assignment's deadline).");
}

// A trainee in a class whose server is down: the attempt is in their own progress, and waits in
// the class queue to be sent with the next submission (docs/classroom.md).
TEST(PracticeModel, ASubmissionToAnUnreachableClassServerWaitsInTheQueue) {
  const auto data = freshDirectory("class_offline");
  Fixture f(data);
  f.model.joinClass("host=127.0.0.1 port=1 dbname=class connect_timeout=2", "derm-1");
  f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Exam);
  f.model.placeAttempt(readValidAttempt(kFlawed));
  const Attempt attempt = f.model.currentAttempt();
  const ScoreReport* report = f.model.submit();
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(f.model.progressHistory().size(), 1u);
  // The server is asked off the UI thread: the notice says so until its answer is taken.
  EXPECT_EQ(f.model.notice(), "Sending to class derm-1...");
  EXPECT_EQ(f.model.classSendsEnded(), 0u);
  f.model.takeClassAnswer(true);
  EXPECT_EQ(f.model.classSendsEnded(), 1u);
  EXPECT_NE(f.model.notice().find("The class server cannot be reached: 1 attempt(s) wait in"), std::string::npos)
      << f.model.notice();
  std::vector<std::string> problems;
  const auto queued = OfflineQueue(data / "class-queue").pending(problems);
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].classId, "derm-1");
  EXPECT_EQ(queued[0].score, report->score);
  EXPECT_EQ(queued[0].attempt.points.size(), attempt.points.size());
}

TEST(PracticeModel, RetryKeepsOrClearsThePointsAndUndoFollowsTheDocument) {
  Fixture f(freshDirectory("retry"));
  f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Practice);
  f.model.placeAttempt(readValidAttempt(kFlawed));
  const size_t placed = f.model.document().points().size();
  ASSERT_GT(placed, 1u);
  f.model.history().undo(f.model.document());
  EXPECT_EQ(f.model.document().points().size(), placed - 1);
  f.model.history().redo(f.model.document());
  ASSERT_NE(f.model.submit(), nullptr);
  f.model.retryKeepingPoints();
  EXPECT_FALSE(f.model.result());
  EXPECT_EQ(f.model.document().points().size(), placed);
  f.model.restart();
  EXPECT_TRUE(f.model.document().points().empty());
  EXPECT_FALSE(f.model.history().canUndo());
}

TEST(PracticeModel, AnAutosavedAttemptComesBackInAnotherSession) {
  const auto data = freshDirectory("autosave");
  std::vector<glm::vec3> positions;
  {
    Fixture f(data);
    f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Guided);
    f.model.setTrainee("Ada");
    f.model.placeAttempt(readValidAttempt(kFlawed));
    for (const PlacedPoint& p : f.model.document().points()) positions.push_back(p.position);
    f.model.autosave();
  }
  Fixture again(data);
  again.model.restoreAutosave();
  ASSERT_TRUE(again.model.active());
  EXPECT_EQ(again.model.mode(), AttemptMode::Guided);
  EXPECT_EQ(again.model.trainee(), "Ada");
  ASSERT_EQ(again.model.document().points().size(), positions.size());
  for (size_t i = 0; i < positions.size(); ++i)
    EXPECT_LT(glm::length(again.model.document().points()[i].position - positions[i]), 1e-4f) << "point " << i;
  EXPECT_NE(again.model.notice().find("Restored your unsubmitted attempt (" + std::to_string(positions.size())),
            std::string::npos);
  // Restored points are not an edit to undo.
  EXPECT_FALSE(again.model.history().canUndo());
}

TEST(PracticeModel, ANewBodyDropsThePointsOfTheOldSkin) {
  Fixture f(freshDirectory("body"));
  f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Practice);
  f.model.placeAttempt(readValidAttempt(kFlawed));
  const uint64_t revision = f.model.revision();
  f.model.setBody(makePatientBody(PatientParameters{}));  // another mesh altogether
  EXPECT_TRUE(f.model.document().points().empty());
  EXPECT_GT(f.model.revision(), revision);
  EXPECT_TRUE(f.model.active());
}

// A patient's sliders rebuild the body: the trainee's needles stay on the same anatomy (same
// triangle, same barycentric point) instead of vanishing.
TEST(PracticeModel, NeedlesFollowTheAnatomyWhenThePatientChanges) {
  Fixture f(freshDirectory("patients"));
  PatientParameters slim, heavy;
  heavy.bmi = 38.0;
  heavy.heightCm = 160.0;
  const auto before = makePatientBody(slim), after = makePatientBody(heavy);
  f.model.setBody(before);
  const std::filesystem::path chronic = std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios/low_back_pain_chronic.json";
  f.model.start(readValidScenario(chronic), chronic, AttemptMode::Practice);
  const PreparedScenario prepared = prepareScenario(*f.model.scenario(), scoringBody(*before));
  f.model.placeAttempt(perfectAttempt(prepared));
  const auto placed = f.model.document().points();
  ASSERT_GT(placed.size(), 5u);

  f.model.setBody(after);
  const auto& carried = f.model.document().points();
  ASSERT_EQ(carried.size(), placed.size());
  for (size_t i = 0; i < placed.size(); ++i) {
    const auto was = before->skin().closestPoint(placed[i].position);
    const auto now = after->skin().closestPoint(carried[i].position);
    ASSERT_TRUE(was && now);
    EXPECT_EQ(now->triangle, was->triangle) << "point " << i;
    EXPECT_EQ(carried[i].needle.technique, placed[i].needle.technique);
    EXPECT_GT(glm::length(carried[i].position - placed[i].position), 0.005f) << "the body changed under it";
  }
  EXPECT_FALSE(f.model.history().canUndo());  // the body change is not an edit
  // On the new patient the needles are still near the reference map: it is measured in mm from
  // landmarks, the needles moved with the anatomy (a shorter, heavier body), so position loses a
  // few per cent, and the depths were set for the slimmer patient's skin.
  ASSERT_NE(f.model.submit(), nullptr);
  EXPECT_TRUE(f.model.result()->passed);
  for (const ComponentScore& c : f.model.result()->components)
    if (c.name == "position") {
      EXPECT_GT(c.score, 0.9);
    }
  EXPECT_GE(f.model.result()->score, 90.0);
}

// A scenario written for the default body, practised on one of the patients it names: its
// absolute positions are carried (a note, no warning), the perfect attempt scores 100, and a
// restart starts from the file again, not from the positions already carried.
TEST(PracticeModel, AScenarioTravelsToItsPatientsAndRestartsFromItsFile) {
  Fixture f(freshDirectory("listed_patient"));
  const Scenario knee = readValidScenario(kKnee);
  ASSERT_GE(knee.patients.size(), 2u);
  const auto patient = makePatientBody(parsePatient(knee.patients[1]));
  f.model.setBody(patient, knee.patients[1]);
  f.model.start(knee, kKnee, AttemptMode::Practice);
  EXPECT_EQ(f.model.notice().rfind("Note: knee_osteoarthritis_right: 14 absolute positions", 0), 0u) << f.model.notice();
  const Scenario carried = *f.model.scenario();
  EXPECT_NE(carried.landmarks[0].positionMm, knee.landmarks[0].positionMm);
  EXPECT_EQ(f.model.writtenScenario()->landmarks[0].positionMm, knee.landmarks[0].positionMm);
  f.model.restart();
  EXPECT_EQ(f.model.scenario()->landmarks[0].positionMm, carried.landmarks[0].positionMm);
  const PreparedScenario prepared = prepareScenario(*f.model.scenario(), scoringBody(*patient));
  f.model.placeAttempt(perfectAttempt(prepared));
  ASSERT_NE(f.model.submit(), nullptr);
  EXPECT_EQ(f.model.result()->score, 100.0);
}

// ---- the panels, in an ImGui context with no backend ----

class Panels : public ::testing::Test {
 protected:
  void SetUp() override { test_support::createHeadlessImGui(); }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame: the mouse where given, the panel drawn; returns what the panel asked for.
  PracticeAction frame(const std::function<PracticeAction()>& draw, ImVec2 mouse, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    const PracticeAction action = draw();
    ImGui::Render();
    return action;
  }

  // Finds the item `id` in window `window` by moving the mouse over it, then clicks it; returns
  // what the panel asked for on the click, or nothing when the item is not to be found.
  std::optional<PracticeAction> click(const std::function<PracticeAction()>& draw, const char* window,
                                      const std::function<ImGuiID(ImGuiWindow*)>& id) {
    const auto at = test_support::hoverOver([&](ImVec2 p) { frame(draw, p, false); }, window, id);
    if (!at) return std::nullopt;
    frame(draw, *at, true);
    return frame(draw, *at, false);
  }
};

TEST_F(Panels, SubmitInTheSessionPanelAsksToSubmit) {
  Fixture f(freshDirectory("panel_submit"));
  f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Practice);
  f.model.placeAttempt(readValidAttempt(kFlawed));
  const auto draw = [&] { return drawSessionPanel(f.model); };
  const auto action = click(draw, "Session", [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("Submit"); });
  ASSERT_TRUE(action);
  EXPECT_EQ(action->kind, PracticeAction::Kind::Submit);
  // Export sits beside it and asks for something else.
  const auto exported = click(draw, "Session", [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("Export attempt"); });
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->kind, PracticeAction::Kind::Export);
}

TEST_F(Panels, ClickingAFeedbackLineAsksToLookAtThatLine) {
  Fixture f(freshDirectory("panel_feedback"));
  f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Practice);
  f.model.placeAttempt(readValidAttempt(kFlawed));
  const ScoreReport* report = f.model.submit();
  ASSERT_NE(report, nullptr);
  ASSERT_GE(report->feedback.size(), 3u);
  const auto draw = [&] { return drawSessionPanel(f.model); };
  const size_t line = 2;
  const auto action =
      click(draw, "Session", [&](ImGuiWindow* w) { return ImHashStr("##line", 0, w->GetIDNoKeepAlive(int(line))); });
  ASSERT_TRUE(action);
  EXPECT_EQ(action->kind, PracticeAction::Kind::LookAtFeedback);
  EXPECT_EQ(action->index, line);
  // The model knows where that line's point is.
  EXPECT_TRUE(f.model.cameraFor(report->feedback[line]));
  // Whatever the length of the feedback, what to do next is in sight without scrolling.
  const auto retry = click(draw, "Session", [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("Retry, keep points"); });
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->kind, PracticeAction::Kind::RetryKeepingPoints);
}

TEST_F(Panels, ThePickerStartsTheChosenScenarioInTheChosenMode) {
  Fixture f(freshDirectory("panel_picker"));
  PickerState picker;
  picker.open = true;
  picker.mode = AttemptMode::Exam;
  picker.selection = 3;
  const auto draw = [&] { return drawScenarioPicker(picker, f.model.library()); };
  const auto action = click(draw, "Choose a scenario", [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("Start"); });
  ASSERT_TRUE(action);
  EXPECT_EQ(action->kind, PracticeAction::Kind::Start);
  EXPECT_EQ(action->index, 3u);
  EXPECT_EQ(action->mode, AttemptMode::Exam);
}

// The session panel offers the scenario's patients by number and a random one from its range.
TEST_F(Panels, TheSessionPanelOffersTheScenariosPatients) {
  Fixture f(freshDirectory("panel_patients"));
  f.model.start(readValidScenario(kKnee), kKnee, AttemptMode::Practice);
  const auto draw = [&] { return drawSessionPanel(f.model); };
  const auto second = click(draw, "Session", [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("2"); });
  ASSERT_TRUE(second);
  EXPECT_EQ(second->kind, PracticeAction::Kind::UseListedPatient);
  EXPECT_EQ(second->index, 1u);
  const auto random = click(draw, "Session", [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("Random"); });
  ASSERT_TRUE(random);
  EXPECT_EQ(random->kind, PracticeAction::Kind::UseRandomPatient);
  // A scenario that names no patients offers none.
  const std::filesystem::path chronic = std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios/low_back_pain_chronic.json";
  f.model.start(readValidScenario(chronic), chronic, AttemptMode::Practice);
  EXPECT_FALSE(click(draw, "Session", [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("Random"); }));
}

}  // namespace
}  // namespace mesomap::app
