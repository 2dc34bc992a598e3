#pragma once
// Practice mode in the window: the model (app/model/practice_model.h) with the placement
// tool that edits its attempt, the panels that draw it (app/practice_panels.h), and the
// carrying out of what the panels ask for. The camera requests it makes are taken once.
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "app/file_dialog.h"
#include "app/model/practice_model.h"
#include "app/placement_tool.h"
#include "app/practice_panels.h"
#include "core/body/patient_parameters.h"
#include "core/geometry/camera.h"

namespace mesomap::app {

class PracticeSession {
 public:
  // Reads the scenario library (every valid file in `libraryDirectory`, the user's own folder and
  // the shared folders of `sharedPath` (sharedScenarioPath); broken ones are listed in
  // `problems`) and opens the progress database (or notes why it cannot). `placement` edits the
  // model's attempt and must outlive the session.
  PracticeSession(const std::filesystem::path& libraryDirectory, const std::filesystem::path& dataDirectory,
                  const std::string& sharedPath, PlacementTool& placement, std::vector<std::string>& problems);
  PracticeSession(const PracticeSession&) = delete;
  PracticeSession& operator=(const PracticeSession&) = delete;

  PracticeModel& model() { return model_; }
  const PracticeModel& model() const { return model_; }

  // The body changed: the attempt and the prepared scenario go with the old skin.
  void setBody(std::shared_ptr<const Body> body, std::string patientSpec = {});

  // Starts a session and turns the camera to the scenario's region.
  void start(const Scenario& scenario, const std::filesystem::path& path, AttemptMode mode);
  const ScoreReport* submit() { return model_.submit(); }
  // Carries out what a panel asked for.
  void apply(const PracticeAction& action);

  // The windows: picker, session panel, progress. Once a frame, in the practice workspace.
  void drawWindows();
  // "Export attempt"'s save dialog, in the Documents folder first, then where the last export
  // went. Once a frame, whatever the workspace; `cancel`: Escape was pressed.
  void drawExportDialog(bool cancel);
  void openPicker();
  void openProgress() { progressOpen_ = true; }

  // Where the camera should go (a new session's region, a clicked feedback line); taken once.
  void lookAtRegion();
  std::optional<OrbitCamera> takeFocus() { return std::exchange(focus_, std::nullopt); }
  // A patient the trainee chose from the scenario's (the application builds the body).
  std::optional<PatientParameters> takePatientRequest() { return std::exchange(patientRequest_, std::nullopt); }

 private:
  static float viewAspect();
  PracticeModel model_;
  PlacementTool& placement_;
  PickerState picker_;
  bool progressOpen_ = false;
  FileDialog exportBrowser_;
  std::filesystem::path exportFolder_;  // empty: the Documents folder
  std::optional<OrbitCamera> focus_;
  std::optional<PatientParameters> patientRequest_;
  std::mt19937_64 randomSeeds_{std::random_device{}()};
};

}  // namespace mesomap::app
