#pragma once
// Practice mode's state and rules, apart from any window: the scenario library, the session
// (scenario, mode, clock), the trainee's attempt document with its undo history, scoring
// (submit, guided mode's live score), what the mode lets the trainee see, the autosave and its
// restore, and the progress database. The panels (app/practice_panels.h) draw it and return
// actions; tests drive it in-process with no window, GL or ImGui.
//
// Modes: guided (reference map, zones and a live score while placing), practice (zones only;
// the reference appears after submitting), exam (nothing shown, timed, one submission).
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/model/placement_guide.h"
#include "app/model/scenario_library.h"
#include "core/body/body.h"
#include "core/editing/attempt_document.h"
#include "core/geometry/camera.h"
#include "core/protocol/attempt.h"
#include "core/protocol/scenario.h"
#include "core/scoring/progress_store.h"
#include "core/scoring/scoring.h"
#include "core/view/overlay.h"

namespace mesomap::app {

// One scenario's history in the progress database, as the Progress window shows it.
struct ProgressHistory {
  ScenarioProgress summary;
  std::vector<StoredAttempt> attempts;  // oldest first, without their attempt JSON
  double passMark = 70.0;
  std::vector<std::pair<double, std::string>> weakest;  // mean component score, name; weakest first
  size_t recentCount = 0;                               // how many attempts `weakest` is over
};

class PracticeModel : public PlacementGuide {
 public:
  // Opens the progress database in `dataDirectory` (or notes in `problems` why it cannot).
  PracticeModel(std::vector<LibraryEntry> library, std::filesystem::path dataDirectory,
                std::vector<std::string>& problems);

  const std::vector<LibraryEntry>& library() const { return library_; }
  // Where the library comes from; reloadLibrary() reads them again (a scenario the builder just
  // saved, or one a colleague put in a shared folder, appears), returning the broken files.
  void setLibraryFolders(std::vector<LibraryFolder> folders) { libraryFolders_ = std::move(folders); }
  std::vector<std::string> reloadLibrary();

  // The body changed: the attempt's points belong to the old skin and go; the scenario is
  // prepared again on this body's standard landmarks.
  // `patientSpec`: the --patient text when the body is a parametric patient (attempts record it).
  void setBody(std::shared_ptr<const Body> body, std::string patientSpec = {});
  const std::shared_ptr<const Body>& body() const { return body_; }

  // The trainee's points. Every change is a command, so it can be undone.
  const AttemptDocument& document() const { return document_; }
  AttemptDocument& document() { return document_; }
  AttemptHistory& history() { return history_; }
  // Runs a command as one user gesture (restoring an autosave, scripted runs, clearing).
  void execute(std::unique_ptr<AttemptCommand> command);

  // Starts a session on `scenario`: clears the points and their history, restarts the clock.
  void start(const Scenario& scenario, const std::filesystem::path& path, AttemptMode mode);
  // The same scenario and mode again, from no points (a new exam, "retry, clear points").
  void restart() { start(*written_, scenarioPath_, mode_); }
  // Back to placing after a result, keeping the points.
  void retryKeepingPoints();
  bool active() const { return scenario_.has_value(); }
  const Scenario* scenario() const { return scenario_ ? &*scenario_ : nullptr; }
  // The scenario as its file says (scenario() is it put on this body): what a restart starts.
  const Scenario* writtenScenario() const { return written_ ? &*written_ : nullptr; }
  // The patient on screen when the body is a parametric one (its --patient text), else "".
  const std::string& patientSpec() const { return patientSpec_; }
  const std::filesystem::path& scenarioPath() const { return scenarioPath_; }
  AttemptMode mode() const { return mode_; }
  long long elapsedSeconds() const;

  // The session's scenario prepared for scoring, once the body's geodesic solver is ready;
  // never waits for it. Its zone regions are the ones the app paints.
  const PreparedScenario* preparedWhenReady();

  // Scores the points, records them in the progress database (or keeps them in a file when it
  // fails), and removes the autosave once the attempt is safe. nullptr when it cannot be
  // scored (notice() says why). An exam scores once.
  const ScoreReport* submit();
  // The Submit button's and Ctrl+Enter's: submits now when the body's geodesic solver is ready;
  // while it is still being built (a large body: a minute or more) the attempt as it stands is
  // kept and scored once it is (finishPendingSubmit(), every frame), so the click never waits.
  void submitWhenReady();
  bool submitPending() const { return pendingSubmit_.has_value(); }
  void finishPendingSubmit();
  const std::optional<ScoreReport>& result() const { return result_; }
  // Attempts scored and kept this run (submitted, or recovered from an autosave): what the Class
  // window watches to read the class again (ClassModel::noteSubmissions).
  size_t submissionCount() const { return submissions_; }
  // Guided mode: the score as it stands, kept current by updateLiveScore() (never waits for
  // the geodesic solver).
  void updateLiveScore();
  const std::optional<ScoreReport>& liveScore() const { return live_; }

  // PlacementGuide: the needle presets and the reference a section shades, as the mode allows
  // (an exam shows neither before it is submitted).
  NeedlePreset preset(Technique technique) const override;
  const ReferencePoint* referenceFor(const PlacedPoint& point) const override;
  // The needle a new point gets: the scenario's main technique, as the mode shows it.
  NeedleSettings startingNeedle() const;

  // What the mode lets be seen over `points` (the placement tool's needles), plus the results
  // after submitting.
  Overlay overlay(Overlay points) const;
  // Grows whenever overlay() may differ (the document's own revision aside).
  uint64_t revision() const { return revision_; }

  // Cameras: the scenario's region, and the skin a feedback item speaks of (from 25 cm).
  std::optional<OrbitCamera> regionCamera(float aspect) const;
  std::optional<OrbitCamera> cameraFor(const FeedbackItem& item) const;

  // Places an attempt's points through the same commands as clicks.
  void placeAttempt(const Attempt& attempt);
  // The attempt as a file holds it.
  Attempt currentAttempt() const;
  // The name an export is offered under: attempt-<scenario id>-<UTC time>.json.
  std::string exportFileName() const;
  // Writes the current attempt as a file `mesomap score` reads, at `path`.
  void exportAttempt(const std::filesystem::path& path);

  // Autosave of the unsubmitted attempt (atomic, only when it changed), and its restore at
  // start-up; a bad autosave is set aside with a message, never retried at every start.
  void autosave();
  void restoreAutosave();
  std::filesystem::path autosavePath() const { return dataDirectory_ / "autosave.json"; }
  const std::filesystem::path& dataDirectory() const { return dataDirectory_; }

  const std::string& trainee() const { return trainee_; }
  void setTrainee(std::string name) { trainee_ = std::move(name); }
  // The last one-line report for the trainee (saved, restored, failed).
  const std::string& notice() const { return notice_; }
  void setNotice(std::string text) { notice_ = std::move(text); }

  // A class to send submissions to as well (docs/classroom.md): a class server's connection
  // string and the class id; "" for none. Submissions then also go through the offline queue in
  // the data folder, so an unreachable server loses nothing.
  void joinClass(std::string connection, std::string classId);
  const std::string& classId() const { return classId_; }
  // A submission goes to the class server on a thread of its own (an unreachable server costs
  // the connection timeout, never a frame): every frame takes its answer into notice() once it
  // is there; `wait` blocks until then (tests, closing). Whether a send is still under way, and
  // how many have ended this run (what the Class window watches to read the class again).
  void takeClassAnswer(bool wait = false);
  bool sendingToClass() const { return classSending_.valid(); }
  size_t classSendsEnded() const { return classSendsEnded_; }

  // The progress database's view, read again only after something was recorded.
  bool hasProgressStore() const { return progress_ != nullptr; }
  const std::vector<ProgressHistory>& progressHistory();

 private:
  void prepare();
  void locateReferences();
  void putScenarioOnBody();
  bool showsReference() const { return scenario_ && (mode_ != AttemptMode::Exam || result_); }
  // Records a submitted attempt, or keeps it in the data folder when the database fails; false
  // when it could be kept nowhere (the autosave must then stay).
  bool keepSubmitted(const Attempt& attempt);
  // Scores a submitted attempt and keeps it; until it is safe it stays in a file the next start
  // reads (the autosave, rewritten as submitted, or `heldIn` when it comes from one).
  const ScoreReport* scoreAndKeep(const Attempt& attempt, std::optional<std::filesystem::path> heldIn);
  void writeAutosave(const Attempt& attempt);
  void reloadProgress();
  void sendToClass(const Attempt& attempt);

  std::vector<LibraryEntry> library_;
  std::vector<LibraryFolder> libraryFolders_;
  std::unique_ptr<ProgressStore> progress_;
  std::filesystem::path dataDirectory_;
  std::string classConnection_, classId_;
  std::future<std::string> classSending_;  // the notice the send ends with
  size_t classSendsEnded_ = 0;
  std::shared_ptr<const Body> body_;
  std::string patientSpec_;

  AttemptDocument document_;
  AttemptHistory history_;

  std::optional<Scenario> written_;   // as its file says
  std::optional<Scenario> scenario_;  // on this body (absolute positions carried, scenario_transfer.h)
  std::string scenarioNote_;          // what carrying it here did, or how badly it fits
  std::filesystem::path scenarioPath_;
  std::optional<PreparedScenario> prepared_;
  AttemptMode mode_ = AttemptMode::Practice;
  std::chrono::steady_clock::time_point startedClock_;
  std::string startedAt_;
  std::optional<ScoreReport> result_;
  std::optional<Attempt> submitted_;
  std::optional<Attempt> pendingSubmit_;  // submitted while the solver was being built
  void withdrawPendingSubmit(const std::string& why);
  size_t submissions_ = 0;
  std::optional<ScoreReport> live_;     // guided mode: the score as it stands
  std::optional<Attempt> liveAttempt_;  // what live_ scored
  // The scenario's reference points where they lie on this body, for "the nearest reference".
  std::vector<std::pair<size_t, glm::vec3>> referenceSpots_;
  uint64_t liveForRevision_ = ~0ull;
  uint64_t autosavedRevision_ = ~0ull;
  uint64_t revision_ = 1;

  std::vector<ProgressHistory> progressView_;
  bool progressStale_ = true;
  std::string notice_;
  std::string trainee_;
};

// "2026-11-21T14:03:00Z"
std::string utcTimestamp();

}  // namespace mesomap::app
