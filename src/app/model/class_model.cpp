#include "app/model/class_model.h"

#include <algorithm>
#include <utility>

#include "core/base/error.h"
#include "core/classroom/offline_queue.h"

namespace mesomap::app {

int attemptsLeft(const Assignment& assignment, const AssignmentProgress& progress) {
  if (assignment.attemptsAllowed <= 0) return -1;
  return std::max(0, assignment.attemptsAllowed - int(progress.attemptsUsed));
}

namespace {

// The stores count a trainee's attempts at an assignment by class and scenario, whatever the
// mode (progress_store.cpp's limit): so does the table, or it would promise attempts the store
// refuses.
AssignmentProgress progressAt(const std::vector<StoredAttempt>& attempts, const Assignment& assignment,
                              const std::string& trainee) {
  AssignmentProgress p;
  for (const StoredAttempt& a : attempts) {
    if (a.trainee != trainee || a.scenarioId != assignment.scenarioId || a.classId != assignment.classId) continue;
    ++p.attemptsUsed;
    p.late += a.late;
    p.bestScore = std::max(p.bestScore, a.score);
    p.passed = p.passed || a.passed;
  }
  return p;
}

}  // namespace

ClassView classViewOf(const ClassReport& report, std::string source, std::vector<ClassInfo> classes) {
  ClassView view;
  view.source = std::move(source);
  view.info = report.info;
  view.classes = std::move(classes);
  view.assignments = report.assignments;
  view.attemptCount = report.attempts.size();
  for (const TraineeSummary& t : report.trainees) {
    TraineeRow row{t.trainee, {}, {}, t.attempts, t.meanScore};
    for (const Assignment& a : report.assignments) row.cells.push_back(progressAt(report.attempts, a, t.trainee));
    for (const StoredAttempt& a : report.attempts)
      if (a.trainee == t.trainee) row.scores.push_back(float(a.score));
    view.trainees.push_back(std::move(row));
  }
  for (const ScenarioSummary& s : report.scenarios)
    if (s.attempts > 0 && !s.weakestComponent.empty())
      view.weakest.push_back({s.scenarioId, s.scenarioTitle, s.weakestComponent, s.weakestComponentScore});
  std::stable_sort(view.weakest.begin(), view.weakest.end(),
                   [](const WeakComponent& a, const WeakComponent& b) { return a.score < b.score; });
  return view;
}

ClassModel::ClassModel(std::string connection, std::string classId, std::filesystem::path dataDirectory)
    : connection_(std::move(connection)), classId_(std::move(classId)), dataDirectory_(std::move(dataDirectory)) {}

// A read still under way (a server slow to answer) is waited for here, at the latest for the
// connection's own timeout: its thread owns nothing of the window's.
ClassModel::~ClassModel() {
  if (pending_.valid()) pending_.wait();
}

// Runs on a worker thread: everything it touches is its own (the store is opened here).
ClassModel::Loaded ClassModel::load(const std::string& connection, const std::string& classId,
                                    const std::filesystem::path& data) {
  Loaded loaded;
  try {
    const OfflineQueue queue(data / "class-queue");
    loaded.queued = queue.size();
    loaded.refused = queue.refused();
  } catch (const std::exception&) {
    // No queue folder yet, or unreadable: nothing is waiting that the window could count.
  }
  try {
    if (connection.empty()) std::filesystem::create_directories(data);
    const auto store = openAttemptStore(connection, data);
    std::vector<ClassInfo> classes = store->classes();
    std::string id = classId;
    if (id.empty()) {
      if (classes.empty()) {
        loaded.message = "No class on " + store->description() +
                         " yet: an instructor creates one with `mesomap class create` (docs/classroom.md).";
        return loaded;
      }
      id = classes.front().id;
    }
    loaded.view = classViewOf(buildClassReport(*store, id), store->description(), std::move(classes));
  } catch (const StoreUnreachable& e) {
    loaded.unreachable = true;
    loaded.message = std::string("Cannot reach the class server: ") + e.what() +
                     ". Submissions wait in this computer's queue; Refresh to try again.";
  } catch (const std::exception& e) {
    loaded.message = e.what();
  }
  return loaded;
}

void ClassModel::refresh() {
  if (pending_.valid()) return;
  lastRead_ = now_;
  pending_ = std::async(std::launch::async, &ClassModel::load, connection_, classId_, dataDirectory_);
}

void ClassModel::chooseClass(const std::string& classId) {
  if (classId == classId_ && view_ && view_->info.id == classId) return;
  classId_ = classId;
  if (pending_.valid())
    readAgain_ = true;  // the read under way is of the old class
  else
    refresh();
}

void ClassModel::noteSubmissions(size_t count) {
  if (count == submissionsSeen_) return;
  submissionsSeen_ = count;
  if (pending_.valid())
    readAgain_ = true;  // the read under way may have begun before the submission reached the store
  else
    refresh();
}

void ClassModel::poll(Clock::time_point now) {
  now_ = now;
  if (!pending_.valid()) {
    if (windowOpen_ && refreshInterval_.count() > 0 && now - lastRead_ >= refreshInterval_) refresh();
    return;
  }
  if (pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  Loaded loaded = pending_.get();
  loadedOnce_ = true;
  message_ = std::move(loaded.message);
  queued_ = loaded.queued;
  refused_ = std::move(loaded.refused);
  if (loaded.view) {
    // A view of another class than the one now chosen is stale; keep it only if it is ours.
    if (classId_.empty() || loaded.view->info.id == classId_) view_ = std::move(loaded.view);
  } else if (!loaded.unreachable) {
    view_.reset();  // a real refusal (no such class): what was shown is no longer true
  }
  if (std::exchange(readAgain_, false)) refresh();
}

bool ClassModel::waitForLoad(std::chrono::milliseconds limit) {
  if (pending_.valid() && pending_.wait_for(limit) != std::future_status::ready) return false;
  poll(now_);
  return true;
}

}  // namespace mesomap::app
