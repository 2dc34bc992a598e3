#pragma once
// The scenario builder: instructors author a reference protocol on the body — details,
// landmarks, reference points with their windows, painted target and no-go zones, rules —
// with every edit a command on the scenario document (undo/redo), the problems of
// `mesomap validate` listed live, "Try it" in practice mode, and files that are never lost
// (atomic saves, unsaved-change prompts, an autosave recovered after a crash).
// The rules and the document live in BuilderModel, the windows in builder_panels.h; this is the
// controller between them: it carries out the panels' and keys' actions and runs the 3D tools.
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/builder_panels.h"
#include "app/file_dialog.h"
#include "app/key_queue.h"
#include "app/model/builder_model.h"
#include "core/body/body.h"
#include "core/editing/scenario_document.h"
#include "core/geometry/bvh.h"
#include "core/geometry/camera.h"
#include "core/geometry/geodesic.h"
#include "core/geometry/mesh.h"
#include "core/geometry/surface_frame.h"
#include "core/protocol/zone_region.h"
#include "core/view/overlay.h"

namespace mesomap::app {

class ScenarioBuilder {
 public:
  // `library`: the built-in scenarios (practice's, read once), to duplicate from.
  ScenarioBuilder(const std::filesystem::path& libraryDirectory, std::vector<LibraryEntry> library,
                  const std::filesystem::path& dataDirectory);

  // The document, its file and its checks, apart from the windows (in-process tests use it).
  BuilderModel& model() { return model_; }
  const BuilderModel& model() const { return model_; }

  // The body the scenario is authored on: its standard landmarks become nameable.
  void setBody(std::shared_ptr<const Body> body);

  // What the panels draw from and the tools work with: tool, selection, brush.
  const BuilderUi& ui() const { return ui_; }
  // Carries out what a panel (or a key) asked for.
  void apply(const BuilderAction& action);

  // Documents. Those that replace the current one ask first when it has unsaved changes.
  void newScenario();
  void duplicate(const Scenario& scenario);
  void openFile(const std::filesystem::path& path);
  bool save();  // asks for a file when the scenario has none yet
  void openSaveAs();
  void drawSaveAsDialog(std::string& notice, bool cancelPressed);
  bool saveTo(const std::filesystem::path& path);
  void exportMarkups();
  bool dirty() const { return model_.dirty(); }
  const std::filesystem::path& path() const { return model_.path(); }
  const Scenario& scenario() const { return model_.scenario(); }
  // The built-in scenarios, to duplicate from.
  const std::vector<LibraryEntry>& library() const { return model_.library(); }
  void execute(std::unique_ptr<ScenarioCommand> command);

  // When the window is asked to close: true when it may (nothing unsaved, or the user chose);
  // otherwise the prompt opens and wantsToQuit() turns true once it is answered.
  bool mayClose();
  bool wantsToQuit() const { return quitConfirmed_; }
  // An autosave left by a session that did not end cleanly: whether there is one; offer it back.
  bool hasAutosave() const { return model_.hasAutosave(); }
  void offerRecovery();

  // Mouse and keys in the 3D view. True when the left button belongs to the builder (placing,
  // painting, dragging), so the camera must not orbit.
  bool handleInput(const OrbitCamera& camera, float viewWidth, float viewHeight, const std::vector<KeyPress>& keys);
  // Every frame: autosave; with `bodyWork` (the builder is the workspace), zones and the body
  // checks too, once the body's geodesics are ready.
  void update(bool bodyWork);
  // The builder's windows (while it is the workspace); `notice` gets one-line reports.
  void draw(float top, std::string& notice);
  // Its dialogs (open, save as, unsaved changes, recovery): every frame, whatever the
  // workspace, since quitting from practice can ask about the builder's unsaved scenario.
  void drawDialogs(std::string& notice, bool confirmPressed, bool cancelPressed);

  Overlay overlay() const;
  uint64_t revision() const { return model_.document().revision() + uiRevision_; }  // both only grow
  const std::vector<ZoneRegion>& zones() const { return model_.zones(); }
  uint64_t zonesRevision() const { return model_.zonesRevision(); }

  // "Try it": the scenario to open in practice mode, taken once.
  std::optional<Scenario> takeTryRequest() { return std::exchange(tryRequest_, std::nullopt); }
  // Where a scenario being tried lives (its file, else the autosave).
  std::filesystem::path tryPath() const { return model_.tryPath(); }
  // A clicked problem or list item asks to be looked at; taken once.
  std::optional<glm::vec3> takeFocus() { return std::exchange(focus_, std::nullopt); }
  // A scenario was opened: the camera should turn to its region; taken once.
  bool takeFrameRequest() { return std::exchange(frameRequest_, false); }

  // For tests and scripted runs: the problems as the panel shows them.
  const std::vector<Problem>& problems() const { return model_.problems(); }
  bool validationCurrent() const { return model_.validationCurrent(); }

 private:
  using Kind = ItemKind;
  using Resolved = ResolvedItem;

  void forgetSelection();
  void whenSaved(std::function<void()> action);  // runs now, or after the unsaved prompt
  void select(Kind kind, size_t index, bool add = false);
  void selectProblem(const Problem& problem);
  void applyFileAction(const BuilderAction& action);
  void applyChoice(const BuilderAction& action);
  void applyEdit(const BuilderAction& action);
  void applyDialogAction(const BuilderAction& action);
  void deleteSelection(BuilderAction::Kind what);
  BuilderAction keyAction(const KeyPress& key) const;
  bool handlePaintMouse(const std::optional<SurfaceFrame>& under, bool mouseFree);
  bool handleSelectMouse(const OrbitCamera& camera, const std::optional<SurfaceFrame>& under, bool mouseFree, float w,
                         float h);
  std::optional<SurfaceFrame> pickSkin(const OrbitCamera& camera, float x, float y, float w, float h) const;
  std::optional<Resolved> itemUnderCursor(const OrbitCamera& camera, float x, float y, float w, float h) const;
  void clickSkin(const SurfaceFrame& at);
  void paintAt(const SurfaceFrame& at, bool strokeStart);

  BuilderModel model_;
  uint64_t uiRevision_ = 0;
  BuilderUi ui_;
  BuilderDialogs dialogs_;

  // Mouse gestures in the 3D view.
  std::optional<Resolved> dragging_;
  int stroke_ = 0;
  bool painting_ = false;
  std::optional<glm::vec3> lastDab_;
  std::optional<SurfaceFrame> hover_;

  FileDialog openBrowser_;
  // Save as in the desktop's dialog when there is one (else the builder's own name form).
  FileDialog saveAsDialog_;
  FileDialog markupsDialog_;
  std::function<void()> afterSave_;  // what the unsaved prompt was guarding
  bool quitConfirmed_ = false;

  std::optional<Scenario> tryRequest_;
  std::optional<glm::vec3> focus_;
  bool frameRequest_ = false;
};

}  // namespace mesomap::app
