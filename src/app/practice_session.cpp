#include "app/practice_session.h"

#include <cstdlib>

#include <imgui.h>

#include "core/base/error.h"
#include "core/base/user_folders.h"

namespace mesomap::app {

PracticeSession::PracticeSession(const std::filesystem::path& libraryDirectory,
                                 const std::filesystem::path& dataDirectory, const std::string& sharedPath,
                                 PlacementTool& placement, std::vector<std::string>& problems)
    : model_({}, dataDirectory, problems), placement_(placement) {
  model_.setLibraryFolders(libraryFolders(libraryDirectory, dataDirectory, sharedPath));
  for (std::string& problem : model_.reloadLibrary()) problems.push_back(std::move(problem));
  placement_.attach(model_);
}

void PracticeSession::setBody(std::shared_ptr<const Body> body, std::string patientSpec) {
  model_.setBody(body, std::move(patientSpec));
  placement_.setBody(std::move(body));
}

float PracticeSession::viewAspect() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  return display.y > 0.0f ? display.x / display.y : 1.5f;
}

void PracticeSession::start(const Scenario& scenario, const std::filesystem::path& path, AttemptMode mode) {
  model_.start(scenario, path, mode);
  placement_.select(std::nullopt);
  placement_.setNextNeedle(model_.startingNeedle());
  lookAtRegion();
}

void PracticeSession::drawExportDialog(bool cancel) {
  const auto chosen = exportBrowser_.draw("Export attempt", cancel);
  if (!chosen) return;
  try {
    model_.exportAttempt(*chosen);
    exportFolder_ = chosen->parent_path();
    model_.setNotice("Saved " + chosen->string());
  } catch (const Error& e) {
    model_.setNotice(e.what());
  }
}

void PracticeSession::lookAtRegion() {
  if (auto camera = model_.regionCamera(viewAspect())) focus_ = camera;
}

void PracticeSession::openPicker() {
  // Read the folders again, keeping the chosen scenario chosen.
  const std::filesystem::path chosen =
      picker_.selection < model_.library().size() ? model_.library()[picker_.selection].path : std::filesystem::path();
  const std::vector<std::string> broken = model_.reloadLibrary();
  if (!broken.empty()) model_.setNotice(broken.front());
  for (size_t i = 0; i < model_.library().size(); ++i)
    if (model_.library()[i].path == chosen) picker_.selection = i;
  picker_.open = true;
  picker_.trainee = model_.trainee();
}

void PracticeSession::apply(const PracticeAction& action) {
  using Kind = PracticeAction::Kind;
  switch (action.kind) {
    case Kind::None: break;
    case Kind::Start:
      if (action.index < model_.library().size()) {
        const LibraryEntry& entry = model_.library()[action.index];
        model_.setTrainee(picker_.trainee);
        start(entry.scenario, entry.path, action.mode);
        picker_.open = false;
      }
      break;
    case Kind::Submit: model_.submitWhenReady(); break;
    case Kind::Export:
      exportBrowser_.openToSave(
          exportFolder_.empty() ? userFolder(UserFolder::Documents, model_.dataDirectory()) : exportFolder_,
          model_.exportFileName(), {".json"}, "Attempts");
      break;
    case Kind::RetryKeepingPoints: model_.retryKeepingPoints(); break;
    case Kind::Restart:
      if (model_.writtenScenario()) start(*model_.writtenScenario(), model_.scenarioPath(), model_.mode());
      break;
    case Kind::UseListedPatient:
      if (const Scenario* s = model_.writtenScenario(); s && action.index < s->patients.size())
        patientRequest_ = parsePatient(s->patients[action.index]);
      break;
    case Kind::UseRandomPatient:
      if (const Scenario* s = model_.writtenScenario(); s && !s->patientRange.empty())
        patientRequest_ = drawPatient(s->patientRange, randomSeeds_());
      break;
    case Kind::OpenProgress: openProgress(); break;
    case Kind::LookAtFeedback:
      if (model_.result() && action.index < model_.result()->feedback.size())
        if (auto camera = model_.cameraFor(model_.result()->feedback[action.index])) focus_ = camera;
      break;
  }
}

void PracticeSession::drawWindows() {
  model_.updateLiveScore();
  apply(drawSessionPanel(model_));
  apply(drawScenarioPicker(picker_, model_.library()));
  if (progressOpen_)
    drawProgressWindow(progressOpen_, model_.progressHistory(), model_.hasProgressStore(), model_.trainee(),
                       model_.scenario());
}

}  // namespace mesomap::app
