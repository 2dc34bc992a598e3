#pragma once
// The Class window's state, apart from any window: a class read from its store (the class
// server, or the local progress database) in the background, so that no frame ever waits on the
// network, and turned into what the window shows: the assignments, who has done what, each
// trainee's scores over time, each scenario's weakest component, and the signed-in trainee's own
// assignments with the attempts they have left (docs/classroom.md).
#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "core/classroom/class_report.h"
#include "core/classroom/offline_queue.h"

namespace mesomap::app {

// One trainee's work on one assignment.
struct AssignmentProgress {
  size_t attemptsUsed = 0;
  size_t late = 0;  // of those, past the deadline
  double bestScore = 0.0;
  bool passed = false;
};

// One trainee's row of the who-has-done-what table.
struct TraineeRow {
  std::string trainee;
  std::vector<AssignmentProgress> cells;  // one per ClassView::assignments, in its order
  std::vector<float> scores;              // every attempt in the class, oldest first
  size_t attempts = 0;
  double meanScore = 0.0;
};

struct WeakComponent {
  std::string scenarioId, scenarioTitle, component;
  double score = 0.0;  // its mean, 0..1
};

struct ClassView {
  std::string source;  // the store's description
  ClassInfo info;
  std::vector<ClassInfo> classes;  // every class the store shows (to choose another)
  std::vector<Assignment> assignments;
  std::vector<TraineeRow> trainees;    // by name, those without an attempt too
  std::vector<WeakComponent> weakest;  // one per scenario with attempts, weakest first
  size_t attemptCount = 0;
};

// Attempts a trainee has left at an assignment: -1 for any number.
int attemptsLeft(const Assignment& assignment, const AssignmentProgress& progress);

// Builds the view from a class report (no store needed: tests and the loader share it).
ClassView classViewOf(const ClassReport& report, std::string source, std::vector<ClassInfo> classes);

class ClassModel {
 public:
  using Clock = std::chrono::steady_clock;
  // How often an open Class window reads its class again by default.
  static constexpr std::chrono::seconds kDefaultRefreshInterval{30};

  // `connection`: the class server's (configuredClassDatabase), "" for the local progress
  // database in `dataDirectory`; `classId`: the class to show, "" for the store's first.
  ClassModel(std::string connection, std::string classId, std::filesystem::path dataDirectory);
  ~ClassModel();
  ClassModel(const ClassModel&) = delete;
  ClassModel& operator=(const ClassModel&) = delete;

  // Starts reading the class in the background; nothing when a read is under way already.
  void refresh();
  // Another class of the same store, read at once in the background.
  void chooseClass(const std::string& classId);
  // Takes a finished read, if any; never waits. Call once a frame while the window is open:
  // it also starts a read every refresh interval (in the background, as refresh()). `now` is
  // the frame's time (tests pass their own).
  void poll(Clock::time_point now = Clock::now());
  // 0 : only when asked (Refresh, a submission).
  void setRefreshInterval(std::chrono::seconds interval) { refreshInterval_ = interval; }
  // Whether the window is open: a closed one is not read by the interval (poll() still takes a
  // read under way, so nothing stays pending).
  void setWindowOpen(bool open) { windowOpen_ = open; }
  std::chrono::seconds refreshInterval() const { return refreshInterval_; }
  // The trainee's sends to the class that ended so far this run (PracticeModel::classSendsEnded):
  // when it grows, the class is read again, so the window shows the attempt just sent (or why it was refused).
  void noteSubmissions(size_t count);
  // Waits at most `limit` for the read under way (scripted runs and tests); whether it ended.
  bool waitForLoad(std::chrono::milliseconds limit);

  bool loading() const { return pending_.valid(); }
  bool loadedOnce() const { return loadedOnce_; }
  // The last class read; kept while a refresh runs or fails, so a dropped network hides nothing.
  const std::optional<ClassView>& view() const { return view_; }
  // Why the last read failed ("" when it did not): the server unreachable, no such class...
  const std::string& message() const { return message_; }
  // Submissions of this computer still waiting in the offline queue (as of the last read).
  size_t queued() const { return queued_; }
  // Submissions the class refused for good (attempts used up...), each with the reason, from the
  // queue's refused/ folder (as of the last read).
  const std::vector<OfflineQueue::Refused>& refused() const { return refused_; }
  const std::string& classId() const { return classId_; }
  bool onServer() const { return !connection_.empty(); }

 private:
  struct Loaded {
    std::optional<ClassView> view;
    std::string message;
    size_t queued = 0;
    std::vector<OfflineQueue::Refused> refused;
    bool unreachable = false;
  };
  static Loaded load(const std::string& connection, const std::string& classId, const std::filesystem::path& data);

  std::string connection_, classId_;
  std::filesystem::path dataDirectory_;
  std::future<Loaded> pending_;
  std::optional<ClassView> view_;
  std::string message_;
  size_t queued_ = 0;
  std::vector<OfflineQueue::Refused> refused_;
  std::chrono::seconds refreshInterval_ = kDefaultRefreshInterval;
  Clock::time_point now_ = Clock::now();       // the last frame's time
  Clock::time_point lastRead_ = Clock::now();  // when the last read began
  size_t submissionsSeen_ = 0;
  bool windowOpen_ = true;
  bool loadedOnce_ = false;
  bool readAgain_ = false;  // another class was chosen while a read was under way
};

}  // namespace mesomap::app
