// The Class window, in-process: its model read from a SQLite store filled here (the same reads a
// class server answers), then its panel in an ImGui context with no backend, driven by a
// simulated mouse: what it lists, what Start asks for, and a class server that cannot be reached.
#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app/class_panel.h"
#include "app/model/class_model.h"
#include "app_test_support.h"
#include "core/classroom/offline_queue.h"
#include "core/scoring/progress_store.h"

namespace mesomap::app {
namespace {

using namespace std::chrono_literals;

const std::string kKnee = "knee_osteoarthritis_right", kAchilles = "achilles_tendinopathy_right";
const std::string kOld = "sex=female,age=70,bmi=34";

std::filesystem::path freshDirectory(const std::string& name) {
  return test_support::freshDirectory("class_window", name);
}

std::vector<LibraryEntry> builtInLibrary() {
  std::vector<std::string> problems;
  return readScenarioLibrary(std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios", problems);
}

Submission submission(const std::string& trainee, const std::string& scenario, int minute, double score, double depth) {
  Attempt a;
  a.scenarioId = scenario;
  a.trainee = trainee;
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "2026-12-04T09:%02d:00Z", minute);
  a.submittedAt = stamp;
  ScoreReport r;
  r.scenarioId = scenario;
  r.scenarioTitle = "Title of " + scenario;
  r.score = score;
  r.passed = score >= 70.0;
  r.components = {{"position", 35, true, score / 100.0}, {"depth", 25, true, depth}};
  return Submission::of(a, r, "derm-1");
}

// derm-1: an instructor, three trainees (cy has done nothing), the knee in exam mode on an
// older patient with 2 attempts, the Achilles in practice mode with any number.
void fillClass(const std::filesystem::path& data) {
  std::filesystem::create_directories(data);
  ProgressStore store(data / "progress.sqlite");
  store.createClass({"derm-1", "Dermatology 1"});
  store.createClass({"derm-2", "Dermatology 2"});
  store.addMember("derm-1", {"ines", ClassRole::Instructor});
  for (const char* t : {"ana", "ben", "cy"}) store.addMember("derm-1", {t, ClassRole::Trainee});
  store.assign({0, "derm-1", kKnee, AttemptMode::Exam, kOld, "2026-12-20T18:00:00Z", 2});
  store.assign({0, "derm-1", kAchilles, AttemptMode::Practice, "", "", 0});
  store.record(submission("ana", kKnee, 1, 55.0, 0.4));
  store.record(submission("ana", kKnee, 2, 81.0, 0.5));
  store.record(submission("ana", kAchilles, 3, 64.0, 0.95));
  store.record(submission("ben", kKnee, 4, 48.0, 0.3));
}

ClassView loadedView(ClassModel& model) {
  model.refresh();
  EXPECT_TRUE(model.waitForLoad(30s));
  EXPECT_EQ(model.message(), "");
  return model.view().value_or(ClassView{});
}

TEST(ClassModel, ReadsTheAssignmentsAndWhoHasDoneWhat) {
  const auto data = freshDirectory("model");
  fillClass(data);
  ClassModel model("", "derm-1", data);
  EXPECT_FALSE(model.view());
  const ClassView view = loadedView(model);
  EXPECT_EQ(view.info.title, "Dermatology 1");
  ASSERT_EQ(view.classes.size(), 2u);
  EXPECT_EQ(view.attemptCount, 4u);
  ASSERT_EQ(view.assignments.size(), 2u);
  EXPECT_EQ(view.assignments[0].scenarioId, kKnee);
  EXPECT_EQ(view.assignments[0].mode, AttemptMode::Exam);
  EXPECT_EQ(view.assignments[0].patient, kOld);
  EXPECT_EQ(view.assignments[0].attemptsAllowed, 2);
  ASSERT_EQ(view.trainees.size(), 3u);
  const TraineeRow &ana = view.trainees[0], &ben = view.trainees[1], &cy = view.trainees[2];
  EXPECT_EQ(ana.trainee, "ana");
  EXPECT_EQ(ana.cells[0].attemptsUsed, 2u);
  EXPECT_EQ(ana.cells[0].bestScore, 81.0);
  EXPECT_TRUE(ana.cells[0].passed);
  EXPECT_EQ(ana.cells[1].attemptsUsed, 1u);
  EXPECT_FALSE(ana.cells[1].passed);
  EXPECT_EQ(ana.scores, (std::vector<float>{55.0f, 81.0f, 64.0f}));
  EXPECT_EQ(attemptsLeft(view.assignments[0], ana.cells[0]), 0);
  EXPECT_EQ(attemptsLeft(view.assignments[1], ana.cells[1]), -1);
  EXPECT_EQ(ben.cells[0].attemptsUsed, 1u);
  EXPECT_FALSE(ben.cells[0].passed);
  EXPECT_EQ(attemptsLeft(view.assignments[0], ben.cells[0]), 1);
  EXPECT_EQ(cy.trainee, "cy");
  EXPECT_EQ(cy.cells[0].attemptsUsed, 0u);
  EXPECT_TRUE(cy.scores.empty());
  // The knee's depth (mean 0.4) is weaker than the Achilles' position (0.64): listed first.
  ASSERT_EQ(view.weakest.size(), 2u);
  EXPECT_EQ(view.weakest[0].scenarioId, kKnee);
  EXPECT_EQ(view.weakest[0].component, "depth");
  EXPECT_NEAR(view.weakest[0].score, 0.4, 1e-9);
  EXPECT_EQ(view.weakest[1].component, "position");
}

TEST(ClassModel, WithoutAClassIdShowsTheFirstClassAndCanChooseAnother) {
  const auto data = freshDirectory("choose");
  fillClass(data);
  ClassModel model("", "", data);
  EXPECT_EQ(loadedView(model).info.id, "derm-1");
  model.chooseClass("derm-2");
  ASSERT_TRUE(model.waitForLoad(30s));
  ASSERT_TRUE(model.view());
  EXPECT_EQ(model.view()->info.id, "derm-2");
  EXPECT_TRUE(model.view()->assignments.empty());
}

TEST(ClassModel, AnUnknownClassIsNamed) {
  const auto data = freshDirectory("unknown");
  fillClass(data);
  ClassModel model("", "derm-9", data);
  model.refresh();
  ASSERT_TRUE(model.waitForLoad(30s));
  EXPECT_FALSE(model.view());
  EXPECT_NE(model.message().find("derm-9"), std::string::npos) << model.message();
}

// ---- the panel, in an ImGui context with no backend ----

class ClassPanel : public ::testing::Test {
 protected:
  void SetUp() override { test_support::createHeadlessImGui(); }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame: the mouse where given, the window drawn; returns what it asked for. Its text is
  // captured through ImGui's log (which also draws what the window's scrolling hides) in `text`.
  ClassAction frame(const std::function<ClassAction()>& draw, ImVec2 mouse, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    // Closing a window ends ImGui's log (and empties its buffer): a file it closes is read after.
    // One file per test: ctest runs each test in its own process, several at once, and a shared
    // file was emptied and rewritten under another test's feet (one cause of a flaky failure).
    const std::filesystem::path log = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "class_window" /
                                      (std::string("drawn-") +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".txt");
    std::filesystem::create_directories(log.parent_path());
    std::filesystem::remove(log);  // ImGui appends to it
    ImGui::LogToFile(-1, log.c_str());
    const ClassAction action = draw();
    ImGui::LogFinish();
    ImGui::Render();
    std::ifstream in(log);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return action;
  }

  std::optional<ClassAction> click(const std::function<ClassAction()>& draw,
                                   const std::function<ImGuiID(ImGuiWindow*)>& id) {
    const auto at = test_support::hoverOver([&](ImVec2 p) { frame(draw, p, false); }, "Class", id);
    if (!at) return std::nullopt;
    frame(draw, *at, true);
    return frame(draw, *at, false);
  }

  std::string text;
};

// Row `row`'s Start button in the trainee's own table ("own", one ID per row).
ImGuiID startButton(ImGuiWindow* w, int row) {
  const ImGuiID table = w->GetIDNoKeepAlive("own");
  return ImHashStr("Start", 0, ImHashData(&row, sizeof row, table));
}

// The text between `from` and the next occurrence of `to` (or the end).
std::string between(const std::string& text, const std::string& from, const std::string& to) {
  const size_t start = text.find(from);
  if (start == std::string::npos) return "";
  const size_t end = text.find(to, start + from.size());
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST_F(ClassPanel, ListsTheAssignmentsAndWhoHasDoneWhat) {
  const auto data = freshDirectory("panel_lists");
  fillClass(data);
  ClassModel model("", "derm-1", data);
  loadedView(model);
  const auto library = builtInLibrary();
  bool open = true;
  frame([&] { return drawClassWindow(open, model, library, ""); }, ImVec2(-1, -1), false);
  frame([&] { return drawClassWindow(open, model, library, ""); }, ImVec2(-1, -1), false);
  EXPECT_NE(text.find("Dermatology 1"), std::string::npos) << text;
  EXPECT_EQ(text.find("Your assignments"), std::string::npos) << text;
  const std::string assignments = between(text, "### Assignments", "Who has done what");
  EXPECT_NE(assignments.find("Knee osteoarthritis (right knee)"), std::string::npos) << text;
  EXPECT_NE(assignments.find("Exam"), std::string::npos) << assignments;
  EXPECT_NE(assignments.find("2026-12-20T18:00:00Z"), std::string::npos) << assignments;
  EXPECT_NE(assignments.find("Achilles tendinopathy (right)"), std::string::npos) << assignments;
  EXPECT_NE(assignments.find("any"), std::string::npos) << assignments;
  // One line per trainee: attempts used of allowed and best score, per assignment.
  const std::string done = between(text, "Who has done what", "Weakest components");
  const std::string ana = between(done, "ana", "\n"), ben = between(done, "ben", "\n"), cy = between(done, "cy", "\n");
  EXPECT_EQ(ana, "ana | 2/2 81 passed | 1/any 64 | mean 67 |") << done;
  EXPECT_EQ(ben, "ben | 1/2 48 | - | one attempt: 48 |") << done;
  EXPECT_EQ(cy, "cy | 0/2 | - | no attempt |") << done;
  const std::string weakest = between(text, "Weakest components", "\n\n");
  EXPECT_NE(weakest.find("Knee osteoarthritis (right knee): depth 40 %"), std::string::npos) << text;
  EXPECT_NE(weakest.find("Achilles tendinopathy (right): position 64 %"), std::string::npos) << text;
}

// A trainee sees their attempts left; Start asks for the assignment's scenario, mode and patient,
// and is refused once the attempts are used up.
TEST_F(ClassPanel, StartAsksForTheAssignmentsScenarioModeAndPatient) {
  const auto data = freshDirectory("panel_start");
  fillClass(data);
  ClassModel model("", "derm-1", data);
  loadedView(model);
  const auto library = builtInLibrary();
  bool open = true;
  const auto asBen = [&] { return drawClassWindow(open, model, library, "ben"); };
  const auto knee = click(asBen, [](ImGuiWindow* w) { return startButton(w, 0); });
  ASSERT_TRUE(knee);
  EXPECT_EQ(knee->kind, ClassAction::Kind::Start);
  ASSERT_LT(knee->libraryIndex, library.size());
  EXPECT_EQ(library[knee->libraryIndex].scenario.id, kKnee);
  EXPECT_EQ(knee->mode, AttemptMode::Exam);
  EXPECT_EQ(knee->patient, kOld);
  EXPECT_NE(between(text, "Your assignments (ben)", "### Assignments").find("1 of 2 best 48"), std::string::npos)
      << text;
  const auto achilles = click(asBen, [](ImGuiWindow* w) { return startButton(w, 1); });
  ASSERT_TRUE(achilles);
  EXPECT_EQ(library[achilles->libraryIndex].scenario.id, kAchilles);
  EXPECT_EQ(achilles->mode, AttemptMode::Practice);
  EXPECT_EQ(achilles->patient, "");
  // ana has used both knee attempts: the button is there but asks for nothing.
  const auto asAna = [&] { return drawClassWindow(open, model, library, "ana"); };
  const auto usedUp = click(asAna, [](ImGuiWindow* w) { return startButton(w, 0); });
  ASSERT_TRUE(usedUp);
  EXPECT_EQ(usedUp->kind, ClassAction::Kind::None);
  EXPECT_NE(between(text, "Your assignments (ana)", "### Assignments").find("0 of 2 best 81"), std::string::npos)
      << text;
  // Someone who is not a trainee of the class is told so.
  frame([&] { return drawClassWindow(open, model, library, "zoe"); }, ImVec2(-1, -1), false);
  EXPECT_NE(text.find("zoe is not a trainee of this class"), std::string::npos) << text;
}

// A "server" that accepts the connection and never answers: libpq waits for it until its
// connect_timeout, as it would for a server behind a dead network link.
class SilentServer {
 public:
  SilentServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&address), size) == 0 && listen(fd_, 4) == 0 &&
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) == 0)
      port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1, port_ = 0;
};

TEST_F(ClassPanel, AnUnreachableServerIsSaidAndNeverHoldsAFrame) {
  const auto data = freshDirectory("panel_unreachable");
  SilentServer silent;
  ASSERT_NE(silent.port(), 0);
  // connect_timeout well above what two frames take on a loaded machine: the window must be
  // caught asking, not already told.
  ClassModel model("host=127.0.0.1 port=" + std::to_string(silent.port()) + " dbname=mesomap_class connect_timeout=5",
                   "derm-1", data);
  ASSERT_TRUE(model.onServer());
  const auto library = builtInLibrary();
  bool open = true;
  const auto draw = [&] { return drawClassWindow(open, model, library, "ana"); };
  model.refresh();
  // While the server keeps silent, frames go on: the window says it is asking.
  ASSERT_TRUE(model.loading());
  model.poll();
  frame(draw, ImVec2(-1, -1), false);
  frame(draw, ImVec2(-1, -1), false);  // an auto-resized window settles in its second frame
  EXPECT_NE(text.find("Asking the class server"), std::string::npos) << text;
  EXPECT_NE(text.find("Reading the class"), std::string::npos) << text;
  ASSERT_TRUE(model.waitForLoad(60s)) << "the read outlived its connect_timeout";
  EXPECT_FALSE(model.view());
  frame(draw, ImVec2(-1, -1), false);
  frame(draw, ImVec2(-1, -1), false);
  EXPECT_NE(text.find("Cannot reach the class server"), std::string::npos) << text;
  EXPECT_NE(text.find("Refresh to try again"), std::string::npos) << text;
  // Refresh asks again.
  const auto refresh = click(draw, [](ImGuiWindow* w) { return w->GetIDNoKeepAlive("Refresh"); });
  ASSERT_TRUE(refresh);
  EXPECT_EQ(refresh->kind, ClassAction::Kind::Refresh);
}

// While the window is open the class is read again every interval, in the background (the
// frame's poll only starts it); a closed window is not read.
TEST(ClassModel, ReadsTheClassAgainEveryIntervalWhileTheWindowIsOpen) {
  const auto data = freshDirectory("interval");
  fillClass(data);
  ClassModel model("", "derm-1", data);
  model.setRefreshInterval(30s);
  const auto t0 = ClassModel::Clock::now();
  model.poll(t0);
  EXPECT_FALSE(model.loading());  // just made: the window's opening reads it (refresh)
  EXPECT_EQ(loadedView(model).attemptCount, 4u);
  ProgressStore(data / "progress.sqlite").record(submission("cy", kAchilles, 9, 90.0, 1.0));  // another computer
  model.poll(t0 + 29s);
  EXPECT_FALSE(model.loading());
  EXPECT_EQ(model.view()->attemptCount, 4u);
  model.poll(t0 + 30s);
  EXPECT_TRUE(model.loading());
  ASSERT_TRUE(model.waitForLoad(30s));
  EXPECT_EQ(model.view()->attemptCount, 5u);
  model.setWindowOpen(false);
  model.poll(t0 + 120s);
  EXPECT_FALSE(model.loading());
  model.setWindowOpen(true);
  model.poll(t0 + 120s);
  EXPECT_TRUE(model.loading());
  ASSERT_TRUE(model.waitForLoad(30s));
}

// A submission of the trainee's (PracticeModel::submissionCount grows) reads the class again at
// once; a read already under way is followed by another, as it may predate the submission.
TEST(ClassModel, ReadsTheClassAgainAfterTheTraineeSubmits) {
  const auto data = freshDirectory("after_submit");
  fillClass(data);
  ClassModel model("", "derm-1", data);
  model.setRefreshInterval(0s);
  EXPECT_EQ(loadedView(model).attemptCount, 4u);
  model.noteSubmissions(0);
  EXPECT_FALSE(model.loading());
  ProgressStore(data / "progress.sqlite").record(submission("cy", kAchilles, 9, 90.0, 1.0));
  model.noteSubmissions(1);
  EXPECT_TRUE(model.loading());
  ASSERT_TRUE(model.waitForLoad(30s));
  EXPECT_EQ(model.view()->attemptCount, 5u);
  model.refresh();
  ProgressStore(data / "progress.sqlite").record(submission("cy", kAchilles, 10, 91.0, 1.0));
  model.noteSubmissions(2);
  ASSERT_TRUE(model.waitForLoad(30s));
  ASSERT_TRUE(model.waitForLoad(30s));  // the second read
  EXPECT_FALSE(model.loading());
  EXPECT_EQ(model.view()->attemptCount, 6u);
  model.poll(ClassModel::Clock::now() + 3600s);  // no interval: nothing more
  EXPECT_FALSE(model.loading());
}

// What the class refused reaches the trainee: the submission set aside in the queue's refused/
// folder is listed with the store's reason; a late attempt is counted as late.
TEST_F(ClassPanel, SaysWhatTheClassRefusedAndWhatWasLate) {
  const auto data = freshDirectory("panel_refused");
  fillClass(data);
  {
    ProgressStore store(data / "progress.sqlite");
    store.assign({0, "derm-1", "pes_anserine_right", AttemptMode::Practice, "", "2026-01-01T00:00:00Z", 0});
    Submission late = submission("ben", "pes_anserine_right", 5, 75.0, 1.0);
    store.record(late);
  }
  OfflineQueue queue(data / "class-queue");
  const Submission third = submission("ana", kKnee, 30, 99.0, 1.0);
  const SubmitResult sent = submitToClass("", data, queue, third);
  EXPECT_EQ(sent.outcome, SubmitOutcome::Refused);
  EXPECT_EQ(sent.message, "class 'derm-1': ana has used the 2 attempt(s) allowed at " + kKnee);

  ClassModel model("", "derm-1", data);
  loadedView(model);
  ASSERT_EQ(model.refused().size(), 1u);
  const auto library = builtInLibrary();
  bool open = true;
  frame([&] { return drawClassWindow(open, model, library, "ana"); }, ImVec2(-1, -1), false);
  frame([&] { return drawClassWindow(open, model, library, "ana"); }, ImVec2(-1, -1), false);
  EXPECT_NE(text.find("Not taken by the class: " + kKnee +
                      " submitted 2026-12-04T09:30:00Z: class 'derm-1': ana has used the 2 attempt(s) allowed at " +
                      kKnee),
            std::string::npos)
      << text;
  const std::string done = between(text, "Who has done what", "Weakest components");
  EXPECT_EQ(between(done, "ben", "\n"), "ben | 1/2 48 | - | 1/any 75 passed 1 late | mean 62 |") << done;
}

// A bogus connection string (no such host) fails at once with the same message, no crash.
TEST(ClassModel, ABogusConnectionStringGivesTheMessage) {
  ClassModel model("host=/nonexistent/mesomap-socket-dir dbname=nobody connect_timeout=2", "derm-1",
                   freshDirectory("bogus"));
  model.refresh();
  ASSERT_TRUE(model.waitForLoad(60s));
  EXPECT_FALSE(model.view());
  EXPECT_NE(model.message().find("Cannot reach the class server"), std::string::npos) << model.message();
}

}  // namespace
}  // namespace mesomap::app
