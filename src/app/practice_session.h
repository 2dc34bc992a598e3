#pragma once
// Practice mode: the trainee picks a scenario and a mode, places needles (PlacementTool),
// submits, reads the score and its feedback over the reference map, and follows their
// progress over time. The unsubmitted attempt is autosaved and restored on the next start.
//
// Modes: guided (reference map, zones and a live score while placing), practice (zones only;
// the reference appears after submitting), exam (nothing shown, timed, one submission).
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/placement_tool.h"
#include "core/protocol/attempt.h"
#include "core/geometry/camera.h"
#include "core/body/landmarks.h"
#include "core/view/needle_presets.h"
#include "core/view/overlay.h"
#include "core/scoring/progress_store.h"
#include "core/protocol/scenario.h"
#include "core/scoring/scoring.h"

namespace mesomap::app {

struct LibraryEntry {
  std::filesystem::path path;
  Scenario scenario;
};

class PracticeSession : public PlacementGuide {
 public:
  // Reads the scenario library (every valid file in `libraryDirectory`; broken ones are listed
  // in `problems`) and opens the progress database (or notes why it cannot).
  PracticeSession(const std::filesystem::path& libraryDirectory, const std::filesystem::path& dataDirectory,
                  std::vector<std::string>& problems);

  // The body changed: scenarios must be prepared again, on this body's standard landmarks (the
  // model's landmark file, else estimated; landmarks.h).
  void setBody(std::shared_ptr<const Body> body);

  // Starts a session; the caller turns the camera (see focus()). Clears the placed points.
  void start(const Scenario& scenario, const std::filesystem::path& path, AttemptMode mode, PlacementTool& placement);
  bool active() const { return scenario_.has_value(); }
  const Scenario* scenario() const { return scenario_ ? &*scenario_ : nullptr; }
  const std::filesystem::path& scenarioPath() const { return scenarioPath_; }
  AttemptMode mode() const { return mode_; }
  const std::optional<ScoreReport>& result() const { return result_; }

  // The session's scenario prepared for scoring (placements resolved, zone regions built), once
  // the body's geodesic solver is ready; never waits for it. Its zone regions are the ones the
  // app paints, so they are built once.
  const PreparedScenario* preparedWhenReady(PlacementTool& placement);

  // PlacementGuide: the needle panel's presets and the reference a section shades, as the mode
  // allows (an exam shows neither before it is submitted).
  NeedlePreset preset(Technique technique) const override;
  const ReferencePoint* referenceFor(const PlacedPoint& point) const override;

  // Scores the placed points, records them in the progress database, shows the results.
  const ScoreReport* submit(PlacementTool& placement);

  // Windows: the scenario picker, the session panel (mode, timer, submit, results), progress.
  void drawPicker(PlacementTool& placement);
  void drawSessionPanel(PlacementTool& placement);
  void drawProgressWindow();
  void openPicker() { pickerOpen_ = true; }
  void openProgress() {
    progressOpen_ = true;
    progressStale_ = true;
  }

  // What the mode allows to be seen, plus the results after submitting.
  Overlay overlay(const PlacementTool& placement) const;
  uint64_t revision() const { return revision_; }

  // Where the camera should go (a new session's region, a clicked feedback line); taken once.
  void lookAtRegion() { focusOnRegion(); }
  std::optional<OrbitCamera> takeFocus() { return std::exchange(focus_, std::nullopt); }

  // Places an attempt's points through the same commands as clicks (scripted runs, restore).
  void placeAttempt(const Attempt& attempt, PlacementTool& placement);

  // Autosave of the unsubmitted attempt (atomic), and its restore on start-up.
  void autosave(const PlacementTool& placement);
  void restoreAutosave(PlacementTool& placement);

  // Writes the current attempt as a file `mesomap score` reads; returns where.
  std::filesystem::path exportAttempt(const PlacementTool& placement, const std::filesystem::path& folder);

  // Scripted runs and tests: the attempt as a file would hold it.
  Attempt currentAttempt(const PlacementTool& placement) const;
  std::string notice() const { return notice_; }

 private:
  void prepare(PlacementTool& placement);
  void focusOnRegion();
  void liveScore(PlacementTool& placement);
  void drawResult(PlacementTool& placement);
  void drawComponentBars(const ScoreReport& report) const;
  void focusOn(const FeedbackItem& item);
  // Records a submitted attempt, or keeps it in the data folder when the database fails; false
  // when it could be kept nowhere (the autosave must then stay).
  bool keepSubmitted(const Attempt& attempt);
  const ScoreReport* scoreAndKeep(const Attempt& attempt, PlacementTool& placement,
                                  std::optional<std::filesystem::path> heldIn);
  void writeAutosave(const Attempt& attempt);

  std::vector<LibraryEntry> library_;
  std::unique_ptr<ProgressStore> progress_;
  std::filesystem::path dataDirectory_;
  std::shared_ptr<const Body> body_;

  std::optional<Scenario> scenario_;
  std::filesystem::path scenarioPath_;
  std::optional<PreparedScenario> prepared_;
  AttemptMode mode_ = AttemptMode::Practice;
  std::chrono::steady_clock::time_point startedClock_;
  std::string startedAt_;
  std::optional<ScoreReport> result_;
  std::optional<Attempt> submitted_;
  std::optional<ScoreReport> live_;        // guided mode: the score as it stands
  std::optional<Attempt> liveAttempt_;     // what live_ scored
  bool showsReference() const { return scenario_ && (mode_ != AttemptMode::Exam || result_); }
  // The scenario's reference points where they lie on this body, for "the nearest reference".
  std::vector<std::pair<size_t, glm::vec3>> referenceSpots_;
  void locateReferences();
  uint64_t liveForRevision_ = ~0ull;
  uint64_t autosavedRevision_ = ~0ull;
  uint64_t revision_ = 1;
  std::optional<OrbitCamera> focus_;
  bool pickerOpen_ = false, progressOpen_ = false;
  // What the Progress window shows, read from the database when it opens or an attempt is
  // recorded, not every frame.
  struct ScenarioHistory {
    ScenarioProgress summary;
    std::vector<float> scores;
    std::vector<StoredAttempt> attempts;  // oldest first, for the chart's tooltips (no attempt JSON)
    double passMark = 70.0;
    std::vector<std::pair<double, std::string>> weakest;  // mean component score, name
    size_t recentCount = 0;
  };
  std::vector<ScenarioHistory> history_;
  bool progressStale_ = true;
  void reloadProgress();
  size_t pickerSelection_ = 0;
  int pickerMode_ = 1;  // practice
  std::string notice_;
  std::string trainee_;
};

// "2026-11-21T14:03:00Z"
std::string utcTimestamp();

}  // namespace mesomap::app
