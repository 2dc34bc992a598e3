#include "app/application.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <deque>
#include <future>
#include <limits>
#include <memory>
#include <mutex>

#include <glad/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/body_panel.h"
#include "app/class_panel.h"
#include "app/camera_controller.h"
#include "app/drop_target.h"
#include "app/edit_menu.h"
#include "app/dialog_parent.h"
#include "app/file_dialog.h"
#include "app/key_queue.h"
#include "app/model/open_file.h"
#include "app/orbit_timing.h"
#include "app/placement_tool.h"
#include "app/patient_panel.h"
#include "app/practice_session.h"
#include "app/recent_files.h"
#include "app/scenario_builder.h"
#include "app/scenario_view.h"
#include "app/settings.h"
#include "app/theme.h"
#include "app/ui_scale.h"
#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/base/strings.h"
#include "core/base/user_folders.h"
#include "core/body/human_check.h"
#include "core/geometry/closed_parts.h"
#include "core/geometry/bvh.h"
#include "core/base/image.h"
#include "core/patient/patient_body.h"
#include "core/classroom/offline_queue.h"
#include "core/scoring/progress_store.h"
#include "render/framebuffer.h"
#include "render/glfw_window.h"
#include "render/scene_renderer.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_overlay.h"

namespace mesomap::app {

namespace {

using Clock = std::chrono::steady_clock;

// Other threads (the model loader, a native file dialog) may wake the event loop only while
// GLFW has the window. The check and the wake-up happen under one lock, and the gate closes
// under it before the window goes, so no wake-up can land during or after glfwTerminate.
class WakeGate {
 public:
  void set(bool open) {
    std::lock_guard lock(mutex_);
    open_ = open;
  }
  void wake() {
    std::lock_guard lock(mutex_);
    if (open_) glfwPostEmptyEvent();
  }

 private:
  std::mutex mutex_;
  bool open_ = false;
};
WakeGate windowWake;

// Opens the gate for its lifetime: a member declared after the window, so it closes before the
// window is destroyed, on a normal exit and when the constructor throws alike.
struct OpenWakeGate {
  OpenWakeGate() { windowWake.set(true); }
  ~OpenWakeGate() { windowWake.set(false); }
  OpenWakeGate(const OpenWakeGate&) = delete;
  OpenWakeGate& operator=(const OpenWakeGate&) = delete;
};

// Exponential moving average, so the status bar does not flicker.
struct Smoothed {
  double value = 0.0;
  void add(double sample) { value = value == 0.0 ? sample : value * 0.9 + sample * 0.1; }
};

class Application {
 public:
  Application(const AppOptions& options, Clock::time_point started);
  ~Application();
  int run();

 private:
  // Reads a model in the background (Assimp, welding, BVH, regions, landmark estimation, the
  // human check): the window keeps drawing the current body and stays usable meanwhile; the
  // new body replaces it when ready (takeOpenedModel, every frame). The start-up model too:
  // its reading starts before the window, so it overlaps the window, the UI and the shaders,
  // and a large body's window shows at once, saying it is opening.
  void openModel(const std::filesystem::path& path);
  void beginOpening(const std::filesystem::path& path);
  struct OpenedModel {
    LoadedModel model;  // its mesh is in `body`
    std::shared_ptr<const Body> body;
    std::vector<std::string> warnings;
    std::future<ClosedParts> closedParts;  // for the renderer's culling, started with the body
  };
  std::future<OpenedModel> opening_;
  std::filesystem::path openingPath_;
  void takeOpenedModel(bool wait);
  // What waited for the start-up body: the workspace (practice, the builder, their scripted
  // steps), started once it is there; scripted frames (--frames, --screenshot, --submit) count
  // from the frame the start-up opening settled (opened or failed).
  void startWorkspace();
  std::optional<int> settledAtFrame_;
  bool workspaceStarted_ = false;
  int frame_ = 0;  // frames presented so far
  int scriptFrame() const { return settledAtFrame_ ? frame_ - *settledAtFrame_ : -1; }
  void drawOpeningBanner();
  bool announceOpening_ = false;  // say "opened model PATH" when it is on screen (files dropped or opened)
  // Any file the app understands (dropped, from the recent files): a model, a scenario, an attempt.
  void openFile(const std::filesystem::path& path);
  bool openAttempt(const FileToOpen& plan);
  void openDroppedFiles();
  // File > Open recent: files the user opened (not the default body, not patients).
  void rememberRecent(const std::filesystem::path& path, const char* kind);
  void drawEditMenu();
  DropTarget drop_;
  std::filesystem::path dataDirectory_;
  // A parametric patient (View > Patient, --patient): built in milliseconds, so sliders can
  // reshape the body; `patient_` is set while the body on screen is one.
  void openPatient(const PatientParameters& patient);
  void useBody();
  void drawPatientWindow();
  void rememberTrainee();
  // View > Body: what the model is and how it was read; reading it again at another height,
  // in other units or with another up axis.
  void drawBodyWindow();
  BodyDescription describeBody() const;
  bool bodyOpen_ = false;
  BodyDraft bodyDraft_;
  std::vector<std::string> bodyWarnings_;  // the open model's, from loading and the human check
  std::optional<PatientParameters> patient_;
  PatientParameters patientDraft_;
  bool patientOpen_ = false;
  void frameAll();
  void openFileBrowser();
  void drawMenuBar();
  void drawStatusBar();
  // The frame loop's steps (run()).
  bool keepRunning();
  void handleShortcuts(const std::vector<KeyPress>& keys);
  void handleViewInput(const std::vector<KeyPress>& keys);
  void drawWorkspace();
  void takeWorkspaceRequests();
  void drawDialogs(const std::vector<KeyPress>& keys);
  void presentFrame();
  void finishFrame(Clock::time_point& lastFrame);
  void drawErrorDialog(bool dismissRequested);
  void drawHelpWindow();
  void saveScreenshot(const std::string& path, int width, int height);
  // F12: the 3D view without any UI, at the picture size, into the Pictures folder (or where
  // the last "Save picture as..." went); the dialog asks where first.
  void saveSceneImage(const std::filesystem::path& path);
  std::filesystem::path pictureFolder() const;
  std::string pictureName() const;
  FileDialog pictureBrowser_;
  std::filesystem::path pictureFolder_;  // empty: the Pictures folder
  std::string notice_;  // one line in the status bar (e.g. where a picture was saved)
  // Presentation mode (Tab): no UI at all, the scale bar on; for demos and slides.
  bool presentation_ = false;
  void setPresentation(bool on);
  // F12 picture size; {0, 0} means the window's size.
  std::pair<int, int> pictureSize_{0, 0};

  AppOptions options_;
  Clock::time_point started_;
  // An idle window sleeps (pollOrWait): frames run until this time after the last input.
  Clock::time_point busyUntil_;
  void pollOrWait();
  void noteInput(const std::vector<KeyPress>& keys);
  Settings settings_;
  std::unique_ptr<render::GlfwWindow> window_;
  std::optional<OpenWakeGate> wakeGate_;  // after window_: closed before it goes
  std::unique_ptr<render::SceneRenderer> renderer_;
  std::optional<LoadedModel> model_;  // where it came from and how it was normalised (its mesh is in body_)
  std::shared_ptr<const Body> body_;  // shared by every workspace; swapped whole for another body
  PlacementTool placement_;
  std::optional<PracticeSession> practice_;
  std::optional<ClassModel> class_;  // the Class window's (docs/classroom.md)
  bool classOpen_ = false;
  void drawClassWindow();
  // The scenario builder, and which workspace is in front: practice, the builder, or practice on
  // the builder's scenario ("Try it", with a way back). switchTo() is the one place it changes.
  std::optional<ScenarioBuilder> builder_;
  enum class Workspace { Practice, Builder, Trying };
  Workspace workspace_ = Workspace::Practice;
  bool building() const { return workspace_ == Workspace::Builder; }
  void switchTo(Workspace workspace);
  void enterBuilder() { switchTo(Workspace::Builder); }
  void drawTryBanner();
  void drawBuilderMenu();
  ScenarioView scenarioView_;  // the session scenario's painted zones and camera bookmarks
  // What the 3D view shows was built from these revisions; a workspace switch makes both stale.
  uint64_t zonesRevision_ = 0;
  bool zonesStale_ = true;
  bool zonesShown_ = false;
  void updateZones();
  void startPractice();
  void applyFocus();
  void runScript();
  uint64_t overlayRevision_ = 0;
  bool overlayStale_ = true;
  // The overlay with every label, and which labels the body leaves visible from where the
  // camera was last; labels are hidden again whenever the camera moves, not only on rebuilds.
  Overlay overlay_;
  std::optional<glm::vec3> labelsEye_;
  std::vector<bool> labelsShown_;
  void updateOverlay();
  OrbitCamera camera_;
  CameraController controller_;
  KeyQueue keys_;
  FileDialog fileBrowser_;
  FileDialog scenarioBrowser_;  // File > Open scenario: practise on any scenario file
  bool practiseScenarioFile(const std::filesystem::path& path, AttemptMode mode = AttemptMode::Practice);
  std::deque<std::string> errors_;
  std::string glDescription_;
  Smoothed frameMilliseconds_, renderMilliseconds_;
  std::vector<std::pair<const char*, double>> startupPhases_;  // for --print-startup
  bool startupReported_ = false;
  // The frame that --print-startup reports on: the first with the start-up body (or its failure).
  bool reportsStartup() const { return options_.printStartup && !startupReported_ && settledAtFrame_.has_value(); }
  bool startupOpeningFailed_ = false;  // the start-up model could not be read (exit status 3)
  // --orbit: the timed frames, from the frame after the body's first still frame.
  std::optional<OrbitTiming> orbit_;
  bool orbitThisFrame_ = false;
  bool bodyStillDrawn_ = false;
  bool shadersWarmed_ = false;
  void finishOrbitFrame(Clock::time_point frameStart);
  bool geodesicsReported_ = false;
  void markStartup(const char* phase) {
    startupPhases_.emplace_back(phase, std::chrono::duration<double, std::milli>(Clock::now() - started_).count());
  }
  // HiDPI: fonts and sizes follow the window's content scale (app/ui_scale.h).
  UiScaleWatcher uiScale_;
  void followScaleChange(int frame);
  bool showHelp_ = false;
  bool frameRequested_ = true;
  // The 3D scene is redrawn only when what it shows changed; otherwise the last image is
  // reused, so an idle window or a UI-only change costs almost nothing under llvmpipe.
  struct DrawnScene {
    uint64_t version = 0;
    OrbitCamera camera;
    int width = 0, height = 0;
    render::FrameQuality quality = render::FrameQuality::Still;
    bool matches(uint64_t v, const OrbitCamera& c, int w, int h, render::FrameQuality q) const {
      return version == v && w == width && h == height && c == camera && q == quality;
    }
  } drawn_;
  // While the view moves (camera or window size), frames are drawn at moving quality; the
  // still frame follows once it has rested a moment.
  Clock::time_point viewMovedAt_;
  render::FrameQuality sceneQuality(int width, int height);
  // Runs that end by themselves (--frames, --orbit): nothing may wait for a person.
  bool scripted() const { return options_.exitAfterFrames > 0 || orbit_.has_value(); }
  bool isScreenshotFrame() const {
    return !options_.screenshotPath.empty() && scriptFrame() + 1 == std::max(options_.exitAfterFrames, 3);
  }
  float menuBarHeight_ = 0.0f;
};

Application::Application(const AppOptions& options, Clock::time_point started)
    : options_(options), started_(started) {
  if (options_.orbitFrames > 0) orbit_.emplace(options_.orbitFrames);  // it ends the run when done
  std::vector<std::string> problems;
  settings_ = loadSettings(settingsPath(), problems);
  for (auto& p : problems) errors_.push_back(p);
  // Scripted runs (--frames) keep to the built-in dialog: nothing may wait for a person.
  setNativeDialogsWanted(settings_.nativeDialogs && !scripted());
  setFileDialogWakeUp([] { windowWake.wake(); });
  if (!options.patient) beginOpening(options.modelPath);
  render::WindowGeometry geometry = settings_.window;
  if (options.windowSize) {
    geometry.width = options.windowSize->first;
    geometry.height = options.windowSize->second;
    geometry.maximized = false;
  }
  window_ = std::make_unique<render::GlfwWindow>("mesomap", geometry);
  wakeGate_.emplace();
  glDescription_ = window_->description();
  setFileDialogParent(x11WindowOf(window_->handle()));
  markStartup("window");

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // panel layout is ours to decide; window geometry lives in settings.json
  std::string scaleProblem;
  uiScale_.install(window_->handle(), window_->contentScale(), scaleProblem);
  if (!scaleProblem.empty()) errors_.push_back(scaleProblem);
  setUiScale(uiScale_.scale());
  setUpFontsAndTheme(uiScale_.scale());
  keys_.install(window_->handle());  // before ImGui's backend, which chains to it
  drop_.install(window_->handle());
  ImGui_ImplGlfw_InitForOpenGL(window_->handle(), true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  markStartup("ui");

  renderer_ = std::make_unique<render::SceneRenderer>();
  markStartup("shaders");
  controller_.setPicker([this](float x, float y) -> std::optional<glm::vec3> {
    const ImGuiIO& io = ImGui::GetIO();
    if (!body_ || io.DisplaySize.x <= 0 || io.DisplaySize.y <= 0) return std::nullopt;
    return body_->pickSurface(
        camera_.rayThroughPixel(x, y, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y)));
  });
  camera_.setPreset(options.view.value_or(ViewPreset::Front));
  std::vector<std::string> practiceProblems;
  const std::filesystem::path library = requiredDataPath("scenarios", "the practice picker lists its scenarios");
  dataDirectory_ =
      options.dataDirectory.empty() ? userDataDirectory() : std::filesystem::path(options.dataDirectory);
  const std::filesystem::path& data = dataDirectory_;
  practice_.emplace(library, data, sharedScenarioPath(settings_.scenarioPath), placement_, practiceProblems);
  practice_->model().joinClass(configuredClassDatabase(settings_.classDatabase), settings_.classId);
  class_.emplace(configuredClassDatabase(settings_.classDatabase), settings_.classId, data);
  for (auto& p : practiceProblems) errors_.push_back(p);
  builder_.emplace(library, practice_->model().library(), data);
  if (!settings_.trainee.empty()) practice_->model().setTrainee(settings_.trainee);
  scenarioView_.setStorage(library, data / "camera-bookmarks.json");
  if (options.patient) {
    openPatient(*options.patient);
    settledAtFrame_ = 0;
    markStartup("model");
    if (model_) startWorkspace();
    else startupOpeningFailed_ = true;  // the patient could not be built: exit status 3, as for a model
  }
}

void Application::startWorkspace() {
  workspaceStarted_ = true;
  const AppOptions& options = options_;
  const bool startInBuilder = options.builder || !options.editPath.empty();
  if (startInBuilder) {
    enterBuilder();
    if (!options.editPath.empty()) builder_->openFile(options.editPath);
  } else {
    startPractice();
  }
  // A scenario the builder was editing when the app last stopped uncleanly is offered back
  // before anything can overwrite its autosave (not in scripted practice runs).
  if ((startInBuilder || options.scenarioPath.empty()) && !scripted() && builder_->hasAutosave()) {
    enterBuilder();
    builder_->offerRecovery();
  }
}

void Application::switchTo(Workspace workspace) {
  workspace_ = workspace;
  overlayStale_ = zonesStale_ = true;  // the other workspace's overlay and zones
}

// While a scenario from the builder is tried in practice: what it is, and the way back.
void Application::drawTryBanner() {
  // Only while the session is still the tried scenario (the picker may have started another).
  if (workspace_ != Workspace::Trying || practice_->model().scenarioPath() != builder_->tryPath()) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, menuBarHeight_ + scaled(8)), ImGuiCond_Always,
                          ImVec2(0.5f, 0.0f));
  if (ImGui::Begin("##trying", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::Text("Trying '%s' from the builder", builder_->scenario().title.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Back to the builder")) enterBuilder();
  }
  ImGui::End();
}

void Application::drawBuilderMenu() {
  if (!ImGui::BeginMenu("Builder")) return;
  if (ImGui::MenuItem("Scenario builder", nullptr, building()))
    switchTo(building() ? Workspace::Practice : Workspace::Builder);
  ImGui::Separator();
  if (ImGui::MenuItem("New scenario")) {
    enterBuilder();
    builder_->newScenario();
  }
  if (ImGui::BeginMenu("Duplicate from library")) {
    for (const LibraryEntry& entry : builder_->library())
      if (ImGui::MenuItem(entry.scenario.title.c_str())) {
        enterBuilder();
        builder_->duplicate(entry.scenario);
      }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem("Save scenario", "Ctrl+S", false, building())) builder_->save();
  if (ImGui::MenuItem("Save scenario as...", "Ctrl+Shift+S", false, building())) builder_->openSaveAs();
  if (ImGui::MenuItem("Export 3D Slicer markups...", nullptr, false, building())) builder_->exportMarkups();
  if (workspace_ == Workspace::Trying && ImGui::MenuItem("Back to the builder")) enterBuilder();
  ImGui::EndMenu();
}

void Application::startPractice() {
  if (!options_.scenarioPath.empty()) {
    try {
      practice_->start(readValidScenario(options_.scenarioPath), options_.scenarioPath,
                       options_.mode.value_or(AttemptMode::Practice));
      rememberRecent(options_.scenarioPath, "scenario");
    } catch (const Error& e) {
      errors_.push_back(e.what());
      return;
    }
    if (!options_.attemptPath.empty()) {
      try {
        practice_->model().placeAttempt(readValidAttempt(options_.attemptPath));
      } catch (const Error& e) {
        errors_.push_back(e.what());
      }
    }
    if (options_.selectPoint && placement_.document().find(*options_.selectPoint)) placement_.select(options_.selectPoint);
    if (options_.openProgress) practice_->openProgress();
    return;
  }
  if (options_.openProgress) practice_->openProgress();
  if (options_.openClass) {  // screenshots: the window filled before the picture is taken
    classOpen_ = true;
    class_->refresh();
    class_->waitForLoad(std::chrono::seconds(10));
  }
  practice_->model().restoreAutosave();
  if (practice_->model().active()) practice_->lookAtRegion();
  if (options_.choosePicker || (!practice_->model().active() && !scripted())) practice_->openPicker();
}

// Turns the camera toward what the practice session asks for (a region, a feedback line).
void Application::applyFocus() {
  auto focus = practice_->takeFocus();
  if (!focus) return;
  const float fov = camera_.fovYDegrees;
  camera_ = *focus;
  camera_.fovYDegrees = fov;
  frameRequested_ = false;
}

void Application::runScript() {
  // After a few frames, so the window shows the body first (as a trainee would see it).
  if (scriptFrame() != 2 || !practice_->model().active()) return;
  if (options_.submit) {
    if (const ScoreReport* report = practice_->submit()) std::printf("%s", reportToText(*report).c_str());
    else std::printf("not scored: %s\n", practice_->model().notice().c_str());
  }
  // The selected needle's skin section as the panel draws it, in words (scripted checks).
  if (const auto s = placement_.selectedSection()) {
    std::printf("section: %s, %s: tip %.2f mm deep in the %s; target %.2f-%.2f mm (%s%s%s)\n", s->pointId.c_str(),
                toString(s->region), s->tipDepthMm, layerName(s->tipLayer), s->targetDepthMm.min, s->targetDepthMm.max,
                s->targetFrom.c_str(), s->targetPointId.empty() ? "" : " of ", s->targetPointId.c_str());
  }
  std::fflush(stdout);
}

Application::~Application() {
  wakeGate_.reset();
  // Remember where the window was, unless a scripted run (screenshots, tests) sized it.
  if (!options_.windowSize && !scripted()) {
    settings_.window = window_->geometry();
    try {
      saveSettings(settings_, settingsPath());
    } catch (const Error& e) {
      std::fprintf(stderr, "mesomap: %s\n", e.what());
    }
  }
  renderer_.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void Application::openModel(const std::filesystem::path& path) {
  if (opening_.valid()) {
    notice_ = "Still opening " + openingPath_.filename().string() + ": open another body when it is on screen.";
    return;
  }
  beginOpening(path);
  takeOpenedModel(false);
}

void Application::beginOpening(const std::filesystem::path& path) {
  openingPath_ = path;
  opening_ = std::async(std::launch::async, [path, load = options_.load] {
    OpenedModel opened;
    opened.model = loadModel(path, load);
    opened.warnings = opened.model.normalization.warnings;
    opened.body = std::make_shared<const Body>(std::move(opened.model.mesh), opened.model.path);
    // Seconds on a large body: begun here, it overlaps the human check, the hand-over and the
    // first frames, and the first still frame no longer waits for all of it.
    opened.closedParts =
        std::async(std::launch::async, [body = opened.body] { return closedOutwardParts(body->mesh()); });
    // Any model opens, but one that is no standing human is said to be so, not practised on silently.
    for (const auto& w : checkHumanShape(opened.body->mesh(), opened.body->skin()).warnings)
      opened.warnings.push_back(path.filename().string() + ": " + w);
    // The window may be asleep for up to 100 ms (pollOrWait): it takes the body at once.
    windowWake.wake();
    return opened;
  });
  notice_ = "Opening " + path.filename().string() + "...";
}

void Application::takeOpenedModel(bool wait) {
  if (!opening_.valid()) return;
  if (!wait && opening_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  const std::filesystem::path path = openingPath_;
  if (notice_.rfind("Opening ", 0) == 0) notice_.clear();
  try {
    OpenedModel opened = opening_.get();
    if (!settledAtFrame_) markStartup("body read");  // then this thread's share: the upload, the workspace
    // The one step on this thread that grows with the mesh (the GPU upload); the renderer
    // shares the body's mesh rather than copying it.
    renderer_->setMesh(std::shared_ptr<const Mesh>(opened.body, &opened.body->mesh()), std::move(opened.closedParts));
    body_ = std::move(opened.body);
    for (const auto& w : opened.warnings) errors_.push_back("Warning: " + w);
    bodyWarnings_ = std::move(opened.warnings);
    bodyDraft_ = draftFrom(options_.load, opened.model.normalization.heightMetres);
    model_ = std::move(opened.model);
    patient_.reset();
    useBody();
    settings_.lastModelDirectory = std::filesystem::absolute(path).parent_path().string();
    if (path != MESOMAP_DEFAULT_MODEL) rememberRecent(path, "model");
    frameRequested_ = true;
    glfwSetWindowTitle(window_->handle(), ("mesomap - " + path.filename().string()).c_str());
    if (announceOpening_) {
      notice_ = "Opened model " + path.string();
      std::printf("opened model %s\n", path.string().c_str());
      std::fflush(stdout);
    }
    if (!settledAtFrame_) markStartup("model");
    // The first body there starts the workspace (also when the start-up model failed and the
    // user then opened another).
    if (!workspaceStarted_) startWorkspace();
  } catch (const std::exception& e) {
    // The current body (if any) stays; the user reads why the new one did not open. Errors name
    // the file; anything else (out of memory on a huge body) is given the file's name here.
    const bool named = dynamic_cast<const Error*>(&e) != nullptr;
    const std::string why = named ? e.what() : "model " + quoted(path) + ": cannot be opened (" + e.what() + ")";
    errors_.push_back(why);
    if (!settledAtFrame_) startupOpeningFailed_ = true;
    if (announceOpening_) std::fprintf(stderr, "not opened: %s: %s\n", path.string().c_str(), why.c_str());
  }
  announceOpening_ = false;
  if (!settledAtFrame_) settledAtFrame_ = frame_;
}

// While the start-up body is read (seconds for a large one): the window says so, centred.
void Application::drawOpeningBanner() {
  if (model_ || !opening_.valid()) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::Begin("##opening", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs))
    ImGui::Text("Opening %s...", openingPath_.filename().string().c_str());
  ImGui::End();
}

// The Class window; its Start begins practice on the assignment's scenario, mode and patient.
void Application::drawClassWindow() {
  class_->setWindowOpen(classOpen_);
  if (classOpen_) class_->noteSubmissions(practice_->model().classSendsEnded());
  class_->poll();
  const ClassAction action =
      app::drawClassWindow(classOpen_, *class_, practice_->model().library(), practice_->model().trainee());
  if (action.kind == ClassAction::Kind::Refresh) class_->refresh();
  if (action.kind == ClassAction::Kind::ChooseClass) class_->chooseClass(action.classId);
  if (action.kind != ClassAction::Kind::Start || action.libraryIndex >= practice_->model().library().size()) return;
  try {
    if (!action.patient.empty()) openPatient(parsePatient(action.patient));
  } catch (const Error& e) {
    errors_.push_back("assignment's patient: " + std::string(e.what()));
    return;
  }
  const LibraryEntry entry = practice_->model().library()[action.libraryIndex];
  switchTo(Workspace::Practice);
  practice_->start(entry.scenario, entry.path, action.mode);
}

// Any scenario file (a colleague's, one saved from the builder) starts practice in practice mode.
bool Application::practiseScenarioFile(const std::filesystem::path& path, AttemptMode mode) {
  try {
    Scenario scenario = readValidScenario(path);
    switchTo(Workspace::Practice);
    practice_->start(scenario, path, mode);
    rememberRecent(path, "scenario");
    return true;
  } catch (const Error& e) {
    errors_.push_back(e.what());
    return false;
  }
}

// An attempt opens on its scenario, in its mode, with its points placed as clicks would.
bool Application::openAttempt(const FileToOpen& plan) {
  if (!practiseScenarioFile(plan.scenarioPath, plan.attempt->mode)) return false;
  try {
    practice_->model().placeAttempt(*plan.attempt);
    return true;
  } catch (const Error& e) {
    errors_.push_back(e.what());
    return false;
  }
}

// Says on stdout what it opened (scripted drop tests read it) and in the status bar; a file
// that is none of these is refused with the reason, in the Problem dialog and on stderr.
void Application::openFile(const std::filesystem::path& path) {
  FileToOpen plan;
  try {
    plan = planOpening(path, dataDirectory_);
  } catch (const Error& e) {
    errors_.push_back(e.what());
    std::fprintf(stderr, "not opened: %s\n", e.what());
    return;
  }
  bool opened = false;
  switch (plan.kind) {
    case FileKind::Model:  // read in the background: said when it is on screen (takeOpenedModel)
      if (opening_.valid()) {
        std::fprintf(stderr, "not opened: %s: still opening %s\n", path.string().c_str(), openingPath_.string().c_str());
        return;
      }
      announceOpening_ = true;
      openModel(path);
      return;
    case FileKind::Scenario: opened = practiseScenarioFile(path); break;
    case FileKind::Attempt: opened = openAttempt(plan); break;
  }
  if (!opened) {
    std::fprintf(stderr, "not opened: %s: %s\n", path.string().c_str(), errors_.empty() ? "" : errors_.back().c_str());
    return;
  }
  notice_ = "Opened " + std::string(describe(plan.kind)) + " " + path.string();
  std::printf("opened %s %s\n", describe(plan.kind), path.string().c_str());
  std::fflush(stdout);
}

void Application::rememberRecent(const std::filesystem::path& path, const char* kind) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  rememberRecentFile(settings_.recentFiles, {(ec ? path : absolute).lexically_normal().string(), kind});
}

// Undo and Redo of the workspace in front: the builder's scenario or the trainee's attempt.
void Application::drawEditMenu() {
  if (!ImGui::BeginMenu("Edit")) return;
  if (building()) {
    drawUndoRedoItems(builder_->model().history(), builder_->model().document(), true);
  } else {
    PracticeModel& practice = practice_->model();
    drawUndoRedoItems(practice.history(), practice.document(), practice.active());
  }
  ImGui::EndMenu();
}

void Application::openDroppedFiles() {
  for (const std::filesystem::path& path : drop_.take()) {
    busyUntil_ = Clock::now() + std::chrono::seconds(1);
    openFile(path);
  }
}

// The Patient window's requests: another patient, or back to the default body; and a patient
// chosen from the scenario's in the session panel.
void Application::drawPatientWindow() {
  if (auto chosen = practice_->takePatientRequest()) openPatient(*chosen);
  const std::string bodyName = model_ ? model_->path.filename().string() : "no body";
  const auto request = app::drawPatientWindow(patientOpen_, patientDraft_, patient_, bodyName);
  if (!request) return;
  if (request->kind == PatientRequest::Kind::UseDefaultBody) openModel(MESOMAP_DEFAULT_MODEL);
  else openPatient(request->patient);
}

BodyDescription Application::describeBody() const {
  BodyDescription d;
  if (!model_) return d;
  d.name = patient_ ? describePatient(*patient_) : model_->path.filename().string();
  d.isPatient = patient_.has_value();
  d.vertices = body_->mesh().vertexCount();
  d.triangles = body_->mesh().triangleCount();
  d.heightMetres = model_->normalization.heightMetres;
  d.unitsSource = model_->normalization.unitsSource;
  d.up = toString(model_->normalization.up);
  d.upSource = model_->normalization.upSource;
  d.warnings = bodyWarnings_;
  return d;
}

// The same file read again with the window's options; they stay in force for the next model
// opened, as the command line's would.
void Application::drawBodyWindow() {
  if (!model_ || !bodyOpen_) return;  // the description copies the warnings: not every frame
  const auto request = app::drawBodyWindow(bodyOpen_, bodyDraft_, describeBody());
  if (!request || patient_) return;
  options_.load = *request;
  openModel(model_->path);
}

// Every workspace takes the new body (one assignment each; the practice attempt follows a
// patient of the same topology).
void Application::useBody() {
  practice_->setBody(body_, patient_ ? patientSpec(*patient_) : std::string());
  builder_->setBody(body_);
  scenarioView_.setBody(body_);
}

void Application::openPatient(const PatientParameters& patient) {
  try {
    const bool firstPatient = !patient_;
    body_ = makePatientBody(patient);
    renderer_->setMesh(std::shared_ptr<const Mesh>(body_, &body_->mesh()));
    model_ = describePatientModel(patient, body_->mesh());
    bodyWarnings_.clear();
    patient_ = patient;
    patientDraft_ = patient;
    useBody();
    frameRequested_ = firstPatient;  // slider moves keep the camera where the user put it
    glfwSetWindowTitle(window_->handle(), ("mesomap - " + describePatient(patient)).c_str());
  } catch (const Error& e) {
    errors_.push_back(e.what());
  }
}

void Application::updateZones() {
  if (building()) {
    builder_->update(true);
    if (!zonesStale_ && builder_->zonesRevision() == zonesRevision_ && zonesShown_) return;
    renderer_->setZones(builder_->zones());
    zonesRevision_ = builder_->zonesRevision();
    zonesShown_ = true;
    zonesStale_ = false;
    return;
  }
  builder_->update(false);  // autosave; zones and checks wait for the builder
  scenarioView_.show(practice_->model().scenario(), practice_->model().scenarioPath());
  // Scoring's zone regions are the painted ones: built once, when the solver is ready.
  scenarioView_.update(practice_->model().preparedWhenReady());
  // Painted whenever the session shows zones: every mode but an exam not yet submitted.
  const PracticeModel& practice = practice_->model();
  const bool shown = practice.active() && (practice.mode() != AttemptMode::Exam || practice.result());
  if (!zonesStale_ && scenarioView_.revision() == zonesRevision_ && shown == zonesShown_) return;
  renderer_->setZones(shown ? scenarioView_.zones() : std::vector<ZoneRegion>{});
  zonesRevision_ = scenarioView_.revision();
  zonesShown_ = shown;
  zonesStale_ = false;
}

void Application::updateOverlay() {
  if (!body_) return;  // the start-up body is still opening (or did not open)
  // Each source's revision only grows, so their sum changes whenever any of them does.
  const uint64_t revision = building() ? builder_->revision() : placement_.revision() + practice_->model().revision();
  const bool rebuilt = overlayStale_ || revision != overlayRevision_;
  if (rebuilt) {
    overlay_ = building() ? builder_->overlay() : practice_->model().overlay(placement_.overlay());
    overlayRevision_ = revision;
    overlayStale_ = false;
  } else if (labelsEye_ && *labelsEye_ == camera_.eye()) {
    return;
  }
  // A ray per label: cheap enough for every frame of an orbit.
  labelsEye_ = camera_.eye();
  Overlay shown = overlay_;
  hideOccludedLabels(shown, *labelsEye_, body_->skin());
  std::vector<bool> labelsShown;
  for (const MarkerGlyph& m : shown.markers) labelsShown.push_back(!m.label.empty());
  if (!rebuilt && labelsShown == labelsShown_) return;  // same picture: no redraw
  labelsShown_ = std::move(labelsShown);
  renderer_->setOverlay(shown);
}

void Application::frameAll() {
  if (!model_) return;
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_->handle(), &width, &height);
  camera_.frame(body_->mesh().bounds(), static_cast<float>(width) / std::max(height, 1));
}

void Application::openFileBrowser() {
  std::string start = settings_.lastModelDirectory.empty() ? "/usr/share/assimp/models" : settings_.lastModelDirectory;
  fileBrowser_.open(start, supportedModelExtensions(), "3D models");
}

void Application::drawMenuBar() {
  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu("File")) {
      if (ImGui::MenuItem("Open model...", "Ctrl+O")) openFileBrowser();
      if (ImGui::MenuItem("Open default body")) openModel(MESOMAP_DEFAULT_MODEL);
      if (ImGui::MenuItem("Open scenario to practise..."))
        scenarioBrowser_.open(practice_->model().scenario() ? practice_->model().scenarioPath().parent_path()
                                                            : std::filesystem::current_path(),
                              {".json"}, "Scenarios");
      if (auto chosen = drawRecentFilesMenu(settings_.recentFiles)) openFile(*chosen);
      ImGui::Separator();
      if (ImGui::MenuItem("Quit", "Ctrl+Q")) glfwSetWindowShouldClose(window_->handle(), GLFW_TRUE);
      ImGui::EndMenu();
    }
    drawEditMenu();
    if (ImGui::BeginMenu("Practice")) {
      if (ImGui::MenuItem("Choose scenario...", "Ctrl+N")) practice_->openPicker();
      if (ImGui::MenuItem("Submit", "Ctrl+Enter", false, practice_->model().active() && !practice_->model().result()))
        practice_->model().submitWhenReady();
      if (ImGui::MenuItem("Progress")) practice_->openProgress();
      if (ImGui::MenuItem("Class...", nullptr, classOpen_)) {
        classOpen_ = !classOpen_;
        if (classOpen_) class_->refresh();
      }
      if (ImGui::MenuItem("Look at the scenario's region", nullptr, false, practice_->model().active())) practice_->lookAtRegion();
      ImGui::EndMenu();
    }
    drawBuilderMenu();
    if (ImGui::BeginMenu("View")) {
      const struct { const char* label; const char* key; ViewPreset preset; } presets[] = {
          {"Front", "1", ViewPreset::Front}, {"Back", "2", ViewPreset::Back}, {"Left side", "3", ViewPreset::Left},
          {"Right side", "4", ViewPreset::Right}, {"Top", "5", ViewPreset::Top}};
      for (const auto& p : presets) {
        if (ImGui::MenuItem(p.label, p.key)) {
          camera_.setPreset(p.preset);
          frameRequested_ = true;
        }
      }
      ImGui::Separator();
      if (ImGui::MenuItem("Frame all", "F")) frameRequested_ = true;
      if (ImGui::MenuItem("Body...", nullptr, bodyOpen_)) bodyOpen_ = !bodyOpen_;
      if (ImGui::MenuItem("Patient...", nullptr, patientOpen_)) patientOpen_ = !patientOpen_;
      if (ImGui::BeginMenu("Camera bookmarks")) {
        if (auto view = scenarioView_.drawBookmarkMenu(notice_)) {
          camera_ = *view;
          frameRequested_ = false;
        }
        ImGui::EndMenu();
      }
      ImGui::Separator();
      if (ImGui::MenuItem("Presentation mode (no UI)", "Tab")) setPresentation(true);
      if (ImGui::MenuItem("Save picture (no UI)", "F12")) saveSceneImage(pictureFolder() / pictureName());
      if (ImGui::MenuItem("Save picture as...", "Shift+F12"))
        pictureBrowser_.openToSave(pictureFolder(), pictureName(), {".png"}, "PNG pictures");
      if (ImGui::BeginMenu("Picture size")) {
        const struct { const char* label; std::pair<int, int> size; } sizes[] = {
            {"Window size", {0, 0}}, {"1920 x 1080", {1920, 1080}}, {"3840 x 2160 (4K)", {3840, 2160}}};
        for (const auto& option : sizes)
          if (ImGui::MenuItem(option.label, nullptr, pictureSize_ == option.size)) pictureSize_ = option.size;
        ImGui::EndMenu();
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
      if (ImGui::MenuItem("Controls", "F1")) showHelp_ = true;
      ImGui::EndMenu();
    }
    menuBarHeight_ = ImGui::GetWindowSize().y;
    ImGui::EndMainMenuBar();
  }
}

void Application::drawStatusBar() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float height = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x, viewport->Pos.y + viewport->Size.y - height));
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, height));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(scaled(10.0f), scaled(4.0f)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##status", nullptr, flags)) {
    if (model_) {
      const Mesh& mesh = body_->mesh();
      ImGui::Text("%s   %zu vertices   %zu triangles   %zu parts   %.2f m tall   units %s   up %s",
                  model_->path.filename().c_str(), mesh.vertexCount(), mesh.triangleCount(), mesh.parts.size(),
                  model_->normalization.heightMetres, model_->normalization.unitsSource.c_str(),
                  toString(model_->normalization.up).c_str());
      if (const auto& hover = placement_.hoverNeedle()) {
        const glm::vec3 mm = hover->entry * 1000.0f;
        ImGui::SameLine(0.0f, scaled(24.0f));
        ImGui::TextColored(ImVec4(0.05f, 0.40f, 0.45f, 1.0f), "skin (%.0f, %.0f, %.0f) mm   tip would be %.1f mm deep",
                           mm.x, mm.y, mm.z, hover->tipDepth * 1000.0f);
        if (auto spacing = placement_.hoverSpacing()) {
          ImGui::SameLine(0.0f, scaled(18.0f));
          ImGui::TextColored(ImVec4(0.05f, 0.40f, 0.45f, 1.0f), "%.0f mm from point %u along the skin (%.0f mm straight)",
                             spacing->alongSkin * 1000.0f, spacing->from, spacing->straight * 1000.0f);
        }
      }
    } else {
      ImGui::TextDisabled("No model loaded: File > Open model...");
    }
    if (!notice_.empty()) {
      ImGui::SameLine(0.0f, scaled(24.0f));
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.1f, 0.45f, 0.2f, 1.0f));
      ImGui::TextUnformatted(notice_.c_str());  // not "%s": ImGui cuts formatted text at 3 KB
      ImGui::PopStyleColor();
      // One line: what runs past the window's edge is read in a tooltip, never lost.
      if (ImGui::IsItemHovered() && ImGui::GetItemRectMax().x > ImGui::GetWindowPos().x + ImGui::GetWindowWidth()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
        ImGui::TextUnformatted(notice_.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }
    char timing[96];
    std::snprintf(timing, sizeof timing, "%.1f ms/frame (render %.1f ms)", frameMilliseconds_.value,
                  renderMilliseconds_.value);
    const float timingX = ImGui::GetWindowWidth() - ImGui::CalcTextSize(timing).x - scaled(12.0f);
    if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + scaled(16.0f) < timingX) {  // only where it fits
      ImGui::SameLine(timingX);
      ImGui::TextUnformatted(timing);
    }
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

void Application::drawErrorDialog(bool dismissRequested) {
  if (errors_.empty()) return;
  if (!ImGui::IsPopupOpen("Problem")) ImGui::OpenPopup("Problem");
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(scaled(360), 0), ImVec2(viewport->Size.x * 0.7f, viewport->Size.y * 0.7f));
  if (ImGui::BeginPopupModal("Problem", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushTextWrapPos(viewport->Size.x * 0.6f);
    ImGui::TextUnformatted(errors_.front().c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (ImGui::Button("OK", ImVec2(scaled(120), 0)) || dismissRequested) {
      errors_.pop_front();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void Application::drawHelpWindow() {
  if (!showHelp_) return;
  ImGui::SetNextWindowPos(ImVec2(scaled(20), menuBarHeight_ + scaled(20)), ImGuiCond_Appearing);
  if (ImGui::Begin("Controls", &showHelp_, ImGuiWindowFlags_AlwaysAutoResize)) {
    const char* rows[][2] = {{"Orbit", "left-drag, or arrow keys"},
                             {"Pan", "right- or middle-drag, shift+left-drag, or shift+arrows"},
                             {"Zoom", "mouse wheel / two-finger scroll (toward the cursor), or + and -"},
                             {"Rotate around a point", "double-click it with the right button"},
                             {"Views", "1 front, 2 back, 3 left, 4 right, 5 top"},
                             {"Frame all", "F or Home, or double-click the middle button"},
                             {"Place a needle", "click the skin; drag a point to move it"},
                             {"Delete / undo / redo", "Del, Ctrl+Z, Ctrl+Shift+Z (or Ctrl+Y)"},
                             {"Save picture (no UI)", "F12 into Pictures, Shift+F12 asks where (size: View > Picture size)"},
                             {"Presentation mode", "Tab: hide all UI, show the legend and the scale bar"},
                             {"Camera bookmarks", "View > Camera bookmarks: in your own scenario's file; built-in ones in your data folder"},
                             {"Scenario builder", "Builder menu; tools V select, P point, L landmark, B paint, E erase"},
                             {"Builder brush, files", "[ and ] brush radius; Ctrl+S save, Ctrl+Shift+S save as"},
                             {"Open model", "Ctrl+O"}};
    if (ImGui::BeginTable("controls", 2)) {
      for (auto& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[0]);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", row[1]);
      }
      ImGui::EndTable();
    }
    ImGui::Separator();
    ImGui::TextDisabled("Training tool: protocols shown are for learning, not clinical advice.");
  }
  ImGui::End();
}

void Application::setPresentation(bool on) {
  presentation_ = on;
  render::SceneStyle style = renderer_->style();
  style.scaleBar = on;
  style.legend = on;
  renderer_->setStyle(style);
  notice_ = on ? "" : notice_;
}

std::filesystem::path Application::pictureFolder() const {
  return pictureFolder_.empty() ? userFolder(UserFolder::Pictures, dataDirectory_) : pictureFolder_;
}

std::string Application::pictureName() const {
  char name[64];
  std::time_t now = std::time(nullptr);
  std::strftime(name, sizeof name, "mesomap-%Y%m%d-%H%M%S.png", std::localtime(&now));
  return name;
}

void Application::saveSceneImage(const std::filesystem::path& path) {
  int windowWidth = 0, windowHeight = 0;
  glfwGetFramebufferSize(window_->handle(), &windowWidth, &windowHeight);
  if (windowWidth <= 0 || windowHeight <= 0) return;
  const int width = pictureSize_.first ? pictureSize_.first : windowWidth;
  const int height = pictureSize_.first ? pictureSize_.second : windowHeight;
  // Same view at another aspect: keep the orientation, fit what was framed.
  OrbitCamera camera = camera_;
  const float windowAspect = static_cast<float>(windowWidth) / windowHeight;
  const float aspect = static_cast<float>(width) / height;
  if (aspect < windowAspect) {
    const float half = std::atan(std::tan(glm::radians(camera.fovYDegrees) * 0.5f) * windowAspect / aspect);
    camera.fovYDegrees = glm::degrees(2.0f * half);
  }
  try {
    Image image = renderer_->renderImage(camera, width, height, 8);
    writePng(image, path);
    notice_ = "Saved " + path.string() + " (" + std::to_string(width) + "x" + std::to_string(height) + ")";
  } catch (const Error& e) {
    errors_.push_back(e.what());
  }
  renderer_->renderOffscreen(camera_, windowWidth, windowHeight);  // the window's own target again
}

// The window moved to a screen of another scale (or the desktop's scale changed): fonts are
// rasterised again at the new size and the style's sizes scaled from their defaults; windows
// already there are scaled by the ratio, and those opened from now on get sizes at the new scale.
// Between frames, as ImGui requires.
void Application::followScaleChange(int frame) {
  const auto scale = uiScale_.takeChange(frame);
  if (!scale) return;
  rescaleWindows(*scale / uiScale());
  setUiScale(*scale);
  ImGui::GetIO().Fonts->Clear();
  ImGui::GetStyle() = ImGuiStyle();
  setUpFontsAndTheme(*scale);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  notice_ = "Screen scale " + std::to_string(static_cast<int>(std::lround(*scale * 100))) + "%";
}

void Application::saveScreenshot(const std::string& path, int width, int height) {
  Image image = render::readFramebufferPixels(0, width, height);
  for (size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;  // the window is opaque
  writePng(image, path);
  printUiWindows();  // scripted checks read the windows' sizes (HiDPI)
}

// The frame loop: each step is one method below.
int Application::run() {
  auto lastFrame = Clock::now();
  while (keepRunning()) {
    const auto frameStart = Clock::now();
    pollOrWait();
    followScaleChange(frame_);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    const std::vector<KeyPress> keys = keys_.take();
    noteInput(keys);
    // Before anything is drawn, so the frame a body arrives on shows it with its workspace
    // (not the "Opening..." banner over it); scripted frames count from this one.
    takeOpenedModel(false);
    openDroppedFiles();
    handleShortcuts(keys);
    handleViewInput(keys);
    orbitThisFrame_ = orbit_ && body_ && bodyStillDrawn_ && orbit_->timesFrame(scriptFrame());
    if (orbitThisFrame_) OrbitTiming::turn(camera_);
    updateZones();
    drawWorkspace();
    takeWorkspaceRequests();
    drawDialogs(keys);
    ImGui::Render();
    if (frame_ == 0 && options_.printStartup) markStartup("ui frame");
    runScript();
    presentFrame();
    ++frame_;
    finishFrame(lastFrame);
    if (orbitThisFrame_) finishOrbitFrame(frameStart);
  }
  // Closed before the start-up body was there is a normal exit; a start-up body that could not
  // be read (and no other opened since) is not.
  return !model_ && startupOpeningFailed_ ? 3 : 0;
}

void Application::finishOrbitFrame(Clock::time_point frameStart) {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_->handle(), &width, &height);
  orbit_->finishFrame(frameStart, body_->mesh(), camera_, width, height);
  if (!orbit_->done()) return;
  orbit_->printSummary(width, height);
  glfwSetWindowShouldClose(window_->handle(), GLFW_TRUE);
}

// Closing asks about the builder's unsaved scenario first (scripted runs just stop).
// After input, frames keep coming this long (hover highlights, fades, a drag's last frames);
// idle, the loop wakes this often for clocks (the exam timer) and background results.
constexpr auto kBusyAfterInput = std::chrono::milliseconds(1000);
constexpr double kIdleWakeSeconds = 0.5;
constexpr double kBackgroundWakeSeconds = 0.1;  // while a model opens or the solver builds
// Orbiting, panning, zooming and resizing draw cheap frames (no MSAA: a third to a half of the
// still frame's cost under llvmpipe, see docs/benchmarks.md); the full-quality frame comes once
// the view has rested this long, so a short pause in a drag does not pay for one.
constexpr auto kStillAfterRest = std::chrono::milliseconds(150);

// An idle window sleeps instead of redrawing the same picture (a core's worth of CPU on
// software GL): it waits for the next event, except in scripted runs; while the body's
// background work (the model opening, the geodesic solver the zones and the live score wait
// for) is under way it wakes every 100 ms to take its result.
void Application::pollOrWait() {
  // Scripted runs never wait once their frames count (from the start-up body on, see
  // scriptFrame()); before that they wait like a person's window, not taking the loader's core.
  const bool framesCount = scripted() && settledAtFrame_;
  const bool backgroundWork = (body_ && !body_->geodesicsIfReady()) || opening_.valid() || class_->loading() ||
                              practice_->model().sendingToClass();
  // A moving frame is on screen: the still one follows soon (unless the window is minimised).
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_->handle(), &width, &height);
  const bool stillFrameDue = drawn_.quality == render::FrameQuality::Moving && width > 0 && height > 0;
  if (framesCount || stillFrameDue || Clock::now() < busyUntil_) {
    glfwPollEvents();
    return;
  }
  // Background work alone is checked on a short wake-up rather than by spinning frames: on two
  // cores a spinning UI takes a core from the very build (a large body's solver) it waits for.
  const double wake = backgroundWork ? kBackgroundWakeSeconds : kIdleWakeSeconds;
  const auto before = Clock::now();
  glfwWaitEventsTimeout(wake);
  // Woken before the timeout: an event (input, resize, expose) arrived.
  if (Clock::now() - before < std::chrono::duration<double>(wake * 0.9)) busyUntil_ = Clock::now() + kBusyAfterInput;
}

void Application::noteInput(const std::vector<KeyPress>& keys) {
  const ImGuiIO& io = ImGui::GetIO();
  bool mouse = io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f;
  for (bool down : io.MouseDown) mouse |= down;
  if (mouse || !keys.empty() || io.InputQueueCharacters.Size > 0) busyUntil_ = Clock::now() + kBusyAfterInput;
}

bool Application::keepRunning() {
  if (window_->shouldClose()) {
    if (scripted()) {
      // A scripted run ends with what it was asked to open: a model still loading in its
      // import worker is waited for and said (scripted drop tests read the line).
      takeOpenedModel(true);
      return false;
    }
    if (builder_->mayClose()) return false;
    glfwSetWindowShouldClose(window_->handle(), GLFW_FALSE);
  }
  return !builder_->wantsToQuit();
}

void Application::handleShortcuts(const std::vector<KeyPress>& keys) {
  if (ImGui::GetIO().WantCaptureKeyboard) return;
  for (const KeyPress& k : keys) {
    if (k.repeat) continue;
    const bool control = k.primary();  // Cmd on macOS
    if (control && k.key == GLFW_KEY_O) openFileBrowser();
    if (control && k.key == GLFW_KEY_Q) glfwSetWindowShouldClose(window_->handle(), GLFW_TRUE);
    if (k.key == GLFW_KEY_F1) showHelp_ = !showHelp_;
    if (k.key == GLFW_KEY_F12 && !k.has(GLFW_MOD_SHIFT)) saveSceneImage(pictureFolder() / pictureName());
    if (k.key == GLFW_KEY_F12 && k.has(GLFW_MOD_SHIFT))
      pictureBrowser_.openToSave(pictureFolder(), pictureName(), {".png"}, "PNG pictures");
    if (k.key == GLFW_KEY_TAB) setPresentation(!presentation_);
    if (building()) continue;  // the builder has its own Ctrl+N and Enter
    if (control && k.key == GLFW_KEY_N) practice_->openPicker();
    const bool enter = k.key == GLFW_KEY_ENTER || k.key == GLFW_KEY_KP_ENTER;
    if (control && enter && practice_->model().active() && !practice_->model().result())
      practice_->model().submitWhenReady();
  }
}

// The workspace's tool gets the mouse first; the camera moves unless the tool kept it.
void Application::handleViewInput(const std::vector<KeyPress>& keys) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool toolHasMouse =
      model_ && (building() ? builder_->handleInput(camera_, io.DisplaySize.x, io.DisplaySize.y, keys)
                            : placement_.handleInput(camera_, io.DisplaySize.x, io.DisplaySize.y, keys));
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_->handle(), &width, &height);
  if (controller_.update(camera_, static_cast<float>(height), keys, toolHasMouse)) frameRequested_ = true;
}

void Application::drawWorkspace() {
  if (presentation_) return;
  drawMenuBar();
  drawStatusBar();
  drawHelpWindow();
  drawPatientWindow();
  drawBodyWindow();
  drawOpeningBanner();
  if (!model_) return;
  if (building()) {
    builder_->draw(menuBarHeight_, notice_);
    return;
  }
  placement_.drawPanel();
  practice_->drawWindows();
  drawClassWindow();
  drawTryBanner();
}

// What the workspaces asked of the app this frame: the camera, another workspace, autosave.
// The trainee's name is kept as soon as it is given (a crash or a scripted run keeps it too),
// not only with the window's placement at exit.
void Application::rememberTrainee() {
  const std::string& trainee = practice_->model().trainee();
  if (trainee.empty() || trainee == settings_.trainee) return;
  settings_.trainee = trainee;
  Settings stored = settings_;
  std::vector<std::string> ignored;
  stored.window = loadSettings(settingsPath(), ignored).window;  // the placement is saved at exit
  try {
    saveSettings(stored, settingsPath());
  } catch (const Error& e) {
    errors_.push_back(e.what());
  }
}

void Application::takeWorkspaceRequests() {
  applyFocus();
  rememberTrainee();
  if (auto scenario = builder_->takeTryRequest()) {
    practice_->start(*scenario, builder_->tryPath(), AttemptMode::Guided);
    switchTo(Workspace::Trying);
  }
  if (auto at = builder_->takeFocus()) {
    camera_.target = *at;
    camera_.distance = std::min(camera_.distance, 0.8f);
    frameRequested_ = false;
  }
  const ImGuiIO& io = ImGui::GetIO();
  if (builder_->takeFrameRequest() && body_ && io.DisplaySize.y > 0) {
    if (auto region = regionCamera(builder_->scenario(), body_->skin(), io.DisplaySize.x / io.DisplaySize.y)) {
      const float fov = camera_.fovYDegrees;
      camera_ = *region;
      camera_.fovYDegrees = fov;
      frameRequested_ = false;
    }
  }
  practice_->model().finishPendingSubmit();
  practice_->model().autosave();
  practice_->model().takeClassAnswer();
}

// Modal dialogs, drawn every frame whatever the workspace; Enter and Escape from the key queue.
void Application::drawDialogs(const std::vector<KeyPress>& keys) {
  auto pressed = [&](int key) {
    return std::any_of(keys.begin(), keys.end(), [key](const KeyPress& k) { return k.key == key && !k.repeat; });
  };
  const bool enter = pressed(GLFW_KEY_ENTER) || pressed(GLFW_KEY_KP_ENTER), escape = pressed(GLFW_KEY_ESCAPE);
  if (auto chosen = fileBrowser_.draw("Open model", escape)) openModel(*chosen);
  if (auto chosen = scenarioBrowser_.draw("Open scenario to practise", escape)) practiseScenarioFile(*chosen);
  if (auto chosen = pictureBrowser_.draw("Save picture", escape)) {
    pictureFolder_ = chosen->parent_path();
    saveSceneImage(*chosen);
  }
  practice_->drawExportDialog(escape);
  scenarioView_.drawSaveDialog(camera_, notice_, enter, escape);
  builder_->drawDialogs(notice_, enter, escape);
  drawErrorDialog(escape || enter);
}

// The 3D view (redrawn only when it changed), the UI over it, and a scripted screenshot.
void Application::presentFrame() {
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_->handle(), &width, &height);
  if (frameRequested_ && width > 0 && height > 0) {
    frameAll();
    frameRequested_ = false;
  }
  updateOverlay();
  const auto renderStart = Clock::now();
  if (width > 0 && height > 0) {
    const render::FrameQuality quality = sceneQuality(width, height);
    if (!drawn_.matches(renderer_->version(), camera_, width, height, quality)) {
      renderer_->renderOffscreen(camera_, width, height, 4, quality);
      drawn_ = {renderer_->version(), camera_, width, height, quality};
      if (body_ && quality == render::FrameQuality::Still) bodyStillDrawn_ = true;
      if (orbitThisFrame_) {
        glFinish();
        orbit_->noteSceneMilliseconds(std::chrono::duration<double, std::milli>(Clock::now() - renderStart).count());
      }
    }
    renderer_->offscreenTarget().blitToDefault(width, height);
  }
  if (reportsStartup()) {
    glFinish();
    markStartup("scene");
  }
  glViewport(0, 0, width, height);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (isScreenshotFrame()) {
    saveScreenshot(options_.screenshotPath, width, height);
    glfwSetWindowShouldClose(window_->handle(), GLFW_TRUE);
  }
  renderMilliseconds_.add(std::chrono::duration<double, std::milli>(Clock::now() - renderStart).count());
  glfwSwapBuffers(window_->handle());
}

render::FrameQuality Application::sceneQuality(int width, int height) {
  const bool firstScene = drawn_.width == 0;
  // What the scene shows changing (the hover needle following the mouse, a point placed or
  // dragged) is drawn cheaply like a camera move: on a large body a still frame per mouse move
  // (0.4 s at 1.8M triangles) made every hover and click wait for it.
  if (!firstScene && (camera_ != drawn_.camera || width != drawn_.width || height != drawn_.height ||
                      renderer_->version() != drawn_.version))
    viewMovedAt_ = Clock::now();
  // The scripted screenshot (--screenshot) always shows the still picture.
  if (isScreenshotFrame()) return render::FrameQuality::Still;
  // The first picture comes sooner without MSAA: under llvmpipe the first draw at a quality also
  // compiles its shaders (about 150-250 ms at one sample, 370-570 ms at four on the loaded
  // 2-core machine, docs/benchmarks.md); the still frame follows on the next frame.
  if (firstScene) {
    viewMovedAt_ = Clock::now() - kStillAfterRest;
    return render::FrameQuality::Moving;
  }
  if (Clock::now() - viewMovedAt_ >= kStillAfterRest) return render::FrameQuality::Still;
  return render::FrameQuality::Moving;
}

// After the frame is on screen: timing, the background work it was waiting for, scripted exits.
void Application::finishFrame(Clock::time_point& lastFrame) {
  const auto now = Clock::now();
  frameMilliseconds_.add(std::chrono::duration<double, std::milli>(now - lastFrame).count());
  lastFrame = now;
  if (body_) body_->startGeodesics();
  // The window's first frame (the body may still be opening); the "first frame" said is the
  // first with the start-up body on screen, the one a person (and a scripted test) waits for.
  if (frame_ == 1 && options_.printStartup) markStartup("window shown");
  // While the start-up body is read, its first frame's shader compile is paid here, after the
  // window is on screen, rather than in that frame (SceneRenderer::warmUp).
  if (!shadersWarmed_ && !body_ && opening_.valid()) {
    renderer_->warmUp();
    shadersWarmed_ = true;
    markStartup("shaders warm");
  }
  if (reportsStartup()) {
    markStartup("first frame");
    std::printf("first frame after %.1f ms (%s)\n", startupPhases_.back().second, glDescription_.c_str());
    for (const auto& [phase, ms] : startupPhases_) std::printf("  %-12s done at %7.1f ms\n", phase, ms);
    std::fflush(stdout);
    startupReported_ = true;
  }
  if (options_.printStartup && !geodesicsReported_ && body_ && body_->geodesicsIfReady()) {
    // When zones, spacing and scoring could first use the start-up body's solver, and how many
    // frames the window had shown by then (it never waits for the build).
    std::printf("surface distances ready after %.1f ms (frame %d)\n",
                std::chrono::duration<double, std::milli>(Clock::now() - started_).count(), frame_);
    std::fflush(stdout);
    geodesicsReported_ = true;
  }
  if (options_.exitAfterFrames > 0 && scriptFrame() >= options_.exitAfterFrames)  // frames shown since it settled
    glfwSetWindowShouldClose(window_->handle(), GLFW_TRUE);
}

}  // namespace

int runApplication(const AppOptions& options) {
  Application app(options, Clock::now());
  return app.run();
}

}  // namespace mesomap::app
