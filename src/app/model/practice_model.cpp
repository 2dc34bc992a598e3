#include "app/model/practice_model.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/base/fault_point.h"
#include "core/base/safe_write.h"
#include "core/classroom/offline_queue.h"
#include "core/protocol/scenario_geometry.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/protocol/scenario_transfer.h"
#include "core/view/attempt_overlay.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_overlay.h"
#include "core/view/skin_section.h"

namespace mesomap::app {

std::string utcTimestamp() {
  char text[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

PracticeModel::PracticeModel(std::vector<LibraryEntry> library, std::filesystem::path dataDirectory,
                             std::vector<std::string>& problems)
    : library_(std::move(library)), dataDirectory_(std::move(dataDirectory)) {
  try {
    std::filesystem::create_directories(dataDirectory_);
    progress_ = std::make_unique<ProgressStore>(dataDirectory_ / "progress.sqlite");
  } catch (const std::exception& e) {
    problems.push_back(std::string("Your progress will not be kept this time: ") + e.what());
  }
  if (const char* user = std::getenv("USER")) trainee_ = user;
}

namespace {

// A needle's place on `from` carried to `to` when both are the same topology (two parametric
// patients): the same triangle and barycentric point, so the needle stays on the same anatomy.
std::optional<SurfaceFrame> carriedTo(const Body& from, const Body& to, const glm::vec3& position) {
  const auto hit = from.skin().closestPoint(position);
  if (!hit) return std::nullopt;
  const glm::uvec3& t = to.mesh().triangles[hit->triangle];
  const glm::vec3 moved = (1.0f - hit->u - hit->v) * to.mesh().positions[t.x] + hit->u * to.mesh().positions[t.y] +
                          hit->v * to.mesh().positions[t.z];
  const auto onSkin = to.skin().closestPoint(moved);
  if (!onSkin) return std::nullopt;
  SurfaceFrame frame;
  frame.position = onSkin->position;
  frame.normal = onSkin->normal;
  return frame;
}

bool sameTopology(const Body& a, const Body& b) {
  return a.mesh().positions.size() == b.mesh().positions.size() && a.mesh().triangles == b.mesh().triangles;
}

}  // namespace

std::vector<std::string> PracticeModel::reloadLibrary() {
  std::vector<std::string> problems;
  if (!libraryFolders_.empty()) library_ = readScenarioLibrary(libraryFolders_, problems);
  return problems;
}

void PracticeModel::setBody(std::shared_ptr<const Body> body, std::string patientSpec) {
  patientSpec_ = std::move(patientSpec);
  // Another patient of the same topology keeps the trainee's needles on the same anatomy;
  // any other body drops them (they belong to the old skin).
  std::vector<std::pair<SurfaceFrame, NeedleSettings>> carried;
  if (body_ && body && sameTopology(*body_, *body))
    for (const PlacedPoint& p : document_.points())
      if (auto frame = carriedTo(*body_, *body, p.position)) carried.emplace_back(*frame, p.needle);
  body_ = std::move(body);
  history_.clear();
  document_ = AttemptDocument();
  for (const auto& [frame, needle] : carried) execute(addPointCommand(frame.position, frame.normal, needle));
  history_.clear();
  prepared_.reset();
  result_.reset();
  submitted_.reset();
  live_.reset();
  liveAttempt_.reset();
  liveForRevision_ = ~0ull;
  putScenarioOnBody();
  if (written_) notice_ = scenarioNote_;
  withdrawPendingSubmit("the body changed");
  locateReferences();
  ++revision_;
}

void PracticeModel::execute(std::unique_ptr<AttemptCommand> command) {
  history_.execute(document_, std::move(command));
  history_.endGesture();
}

void PracticeModel::locateReferences() {
  referenceSpots_.clear();
  if (!scenario_ || !body_) return;
  for (size_t i = 0; i < scenario_->points.size(); ++i)
    if (auto placed = resolvePlacement(*scenario_, scenario_->points[i].placement, body_->skin()))
      referenceSpots_.emplace_back(i, placed->frame.position);
}

void PracticeModel::putScenarioOnBody() {
  scenarioNote_.clear();
  if (!written_) return;
  scenario_ = *written_;
  if (!body_) return;
  if (auto carried = mesomap::putScenarioOnBody(*scenario_, *body_))
    scenarioNote_ = "Note: " + carried->message + ".";
  if (auto misfit = scenarioFitWarning(*scenario_, body_->skin())) scenarioNote_ = "Warning: " + *misfit;
}

void PracticeModel::start(const Scenario& scenario, const std::filesystem::path& path, AttemptMode mode) {
  written_ = scenario;
  putScenarioOnBody();
  scenarioPath_ = path;
  mode_ = mode;
  prepared_.reset();
  result_.reset();
  submitted_.reset();
  live_.reset();
  liveAttempt_.reset();
  locateReferences();
  liveForRevision_ = ~0ull;
  startedClock_ = std::chrono::steady_clock::now();
  startedAt_ = utcTimestamp();
  if (!document_.points().empty()) execute(clearPointsCommand());
  history_.clear();
  notice_ = scenarioNote_;
  withdrawPendingSubmit("another scenario was started");
  ++revision_;
}

void PracticeModel::retryKeepingPoints() {
  result_.reset();
  submitted_.reset();
  startedAt_ = utcTimestamp();
  ++revision_;
}

long long PracticeModel::elapsedSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - startedClock_).count();
}

void PracticeModel::prepare() {
  if (!prepared_ && scenario_ && body_) prepared_ = prepareScenario(*scenario_, scoringBody(*body_));
}

const PreparedScenario* PracticeModel::preparedWhenReady() {
  if (!scenario_ || !body_) return nullptr;
  if (!prepared_ && !body_->geodesicsIfReady()) return nullptr;
  prepare();
  return &*prepared_;
}

Attempt PracticeModel::currentAttempt() const {
  Attempt a;
  if (scenario_) a.scenarioId = scenario_->id;
  a.trainee = trainee_;
  if (body_) a.body = body_->modelPath().filename().string();
  a.patient = patientSpec_;
  a.startedAt = startedAt_;
  a.mode = mode_;
  for (const PlacedPoint& p : document_.points()) a.points.push_back(attemptPointFrom(p));
  return a;
}

const ScoreReport* PracticeModel::submit() {
  if (!scenario_ || !body_) return nullptr;
  if (mode_ == AttemptMode::Exam && result_) return &*result_;  // one submission
  Attempt attempt = currentAttempt();
  attempt.submittedAt = utcTimestamp();
  const ScoreReport* report = scoreAndKeep(attempt, std::nullopt);
  autosavedRevision_ = document_.revision();
  return report;
}

void PracticeModel::submitWhenReady() {
  if (!scenario_ || !body_ || pendingSubmit_) return;
  if (body_->geodesicsIfReady() || (mode_ == AttemptMode::Exam && result_)) {
    submit();
    return;
  }
  pendingSubmit_ = currentAttempt();
  pendingSubmit_->submittedAt = utcTimestamp();
  // Kept as submitted in the autosave until it is scored: a crash or a quit meanwhile leaves it
  // for the next start to score, like any submitted autosave.
  writeAutosave(*pendingSubmit_);
  notice_ = "Submitted: scored as soon as this body's surface distances are ready (still being computed).";
  ++revision_;
}

// A submission still waiting for the solver belongs to the body and scenario it was made on; when
// either changes it is withdrawn, and the trainee is told rather than left waiting for a score.
void PracticeModel::withdrawPendingSubmit(const std::string& why) {
  if (!pendingSubmit_) return;
  pendingSubmit_.reset();
  const std::string withdrawn = "The submission waiting for surface distances was withdrawn (" + why + "); submit again.";
  notice_ = notice_.empty() ? withdrawn : withdrawn + "\n" + notice_;
  if (scenario_) writeAutosave(currentAttempt());  // no longer submitted: the next start must not score it
}

void PracticeModel::finishPendingSubmit() {
  if (!pendingSubmit_ || !body_ || !body_->geodesicsIfReady()) return;
  const Attempt attempt = std::move(*pendingSubmit_);
  pendingSubmit_.reset();
  notice_.clear();
  scoreAndKeep(attempt, std::nullopt);
  autosavedRevision_ = document_.revision();
}

// Until the attempt is safe (in the progress database, or else in a file of its own that
// `mesomap score` reads) it stays in a file the next start reads: the autosave, rewritten now as
// submitted, or `heldIn` when it comes from one. A crash at any step leaves it there, and the
// next start records it again; ProgressStore::record keeps one copy of the same submission.
const ScoreReport* PracticeModel::scoreAndKeep(const Attempt& attempt, std::optional<std::filesystem::path> heldIn) {
  prepare();
  ScoreResult scored = scoreAttempt(*prepared_, attempt, scoringBody(*body_));
  if (!scored.report) {
    notice_ = scored.problems.empty() ? "Could not score this attempt." : scored.problems.front().message;
    return nullptr;
  }
  result_ = std::move(scored.report);
  submitted_ = attempt;
  ++revision_;
  if (!heldIn) {
    heldIn = autosavePath();
    writeAutosave(attempt);
  }
  faultPoint("submit-after-autosave");
  if (keepSubmitted(attempt)) {
    faultPoint("submit-after-record");
    std::error_code ec;
    std::filesystem::remove(*heldIn, ec);
  }
  ++submissions_;
  return &*result_;
}

void PracticeModel::updateLiveScore() {
  if (mode_ != AttemptMode::Guided || result_ || document_.revision() == liveForRevision_) return;
  if (!body_ || !body_->geodesicsIfReady()) return;  // built in the background; never stall a frame for it
  prepare();
  Attempt attempt = currentAttempt();
  ScoreResult r = scoreAttempt(*prepared_, attempt, scoringBody(*body_));
  live_ = r.report;
  liveAttempt_ = std::move(attempt);
  liveForRevision_ = document_.revision();
}

NeedlePreset PracticeModel::preset(Technique technique) const {
  if (showsReference()) return needlePreset(technique, &*scenario_);
  NeedlePreset p = needlePreset(technique, nullptr);
  if (scenario_) p.source += " (an exam hides the scenario's)";
  return p;
}

NeedleSettings PracticeModel::startingNeedle() const {
  if (!scenario_) return needlePreset(Technique::IDS, nullptr).needle;
  return preset(mainNeedlePreset(*scenario_).needle.technique).needle;
}

const ReferencePoint* PracticeModel::referenceFor(const PlacedPoint& point) const {
  if (!showsReference()) return nullptr;
  // The reference a shown score matched this point to: the scored point where this one stands
  // (not moved since). Found by place, not by the attempt's text label.
  auto matched = [&](const std::optional<ScoreReport>& report,
                     const std::optional<Attempt>& scored) -> const ReferencePoint* {
    if (!report || !scored) return nullptr;
    for (const PointResult& r : report->points) {
      if (!r.traineeIndex || *r.traineeIndex >= scored->points.size()) continue;
      const AttemptPoint& a = scored->points[*r.traineeIndex];
      if (glm::length(a.positionMm - glm::dvec3(point.position) * 1000.0) < 0.05)
        return findPoint(*scenario_, r.referenceId);
    }
    return nullptr;
  };
  if (const ReferencePoint* r = matched(result_, submitted_)) return r;
  if (const ReferencePoint* r = matched(live_, liveAttempt_)) return r;
  const ReferencePoint* nearest = nullptr;
  float best = std::numeric_limits<float>::infinity();
  for (const auto& [index, position] : referenceSpots_) {
    const float d = glm::length(position - point.position);
    if (d < best) best = d, nearest = &scenario_->points[index];
  }
  return nearest;
}

Overlay PracticeModel::overlay(Overlay points) const {
  if (!scenario_ || !body_) return points;
  ScenarioOverlayOptions zonesOnly;
  zonesOnly.points = zonesOnly.landmarks = false;
  if (result_ && submitted_ && prepared_) {
    Overlay shown = attemptOverlay(*prepared_, *submitted_, *result_, body_->skin());
    shown.append(scenarioOverlay(*scenario_, body_->skin(), zonesOnly));
    return shown;
  }
  if (mode_ == AttemptMode::Guided)
    points.append(scenarioOverlay(*scenario_, body_->skin()));
  else if (mode_ == AttemptMode::Practice)
    points.append(scenarioOverlay(*scenario_, body_->skin(), zonesOnly));
  return points;
}

std::optional<OrbitCamera> PracticeModel::regionCamera(float aspect) const {
  if (!scenario_ || !body_) return std::nullopt;
  return mesomap::regionCamera(*scenario_, body_->skin(), aspect);
}

// A feedback item names what it is about by index: the trainee's needle, else the reference
// point.
std::optional<OrbitCamera> PracticeModel::cameraFor(const FeedbackItem& item) const {
  std::optional<glm::vec3> at;
  if (item.trainee && submitted_ && *item.trainee < submitted_->points.size()) {
    at = glm::vec3(submitted_->points[*item.trainee].positionMm * 0.001);
  } else if (item.reference && prepared_) {
    for (const PreparedPoint& p : prepared_->points)
      if (p.index == *item.reference) at = p.placement.frame.position;
  }
  if (!at || !body_) return std::nullopt;
  // Face the point's skin from 25 cm.
  const auto hit = body_->skin().closestPoint(*at);
  const glm::vec3 n = hit ? hit->normal : glm::vec3(0, 0, 1);
  OrbitCamera close;
  close.target = *at;
  close.yawDegrees = glm::degrees(std::atan2(n.x, n.z));
  close.pitchDegrees = glm::degrees(std::asin(std::clamp(n.y, -0.9f, 0.9f)));
  close.distance = 0.25f;
  return close;
}

void PracticeModel::placeAttempt(const Attempt& attempt) {
  if (!body_) return;
  for (const AttemptPoint& p : attempt.points) {
    const auto hit = body_->skin().closestPoint(glm::vec3(p.positionMm * 1e-3));
    if (hit) execute(addPointCommand(hit->position, hit->normal, needleSettingsFrom(p)));
  }
}

std::string PracticeModel::exportFileName() const {
  std::string stamp = utcTimestamp();
  std::replace(stamp.begin(), stamp.end(), ':', '-');  // no ':' in file names (Windows, Samba shares)
  return "attempt-" + currentAttempt().scenarioId + "-" + stamp + ".json";
}

void PracticeModel::exportAttempt(const std::filesystem::path& path) {
  Attempt a = currentAttempt();
  a.submittedAt = utcTimestamp();
  writeAttempt(a, path);
}

void PracticeModel::autosave() {
  // A pending submission's autosave holds what was submitted; later edits must not replace it.
  if (!scenario_ || result_ || pendingSubmit_ || document_.revision() == autosavedRevision_) return;
  autosavedRevision_ = document_.revision();
  writeAutosave(currentAttempt());
}

void PracticeModel::writeAutosave(const Attempt& attempt) {
  nlohmann::ordered_json j;
  j["scenario_path"] = std::filesystem::absolute(scenarioPath_).string();
  j["attempt"] = nlohmann::ordered_json::parse(attemptToJson(attempt));
  try {
    writeFileAtomically(autosavePath(), j.dump(2) + "\n");
  } catch (const Error& e) {
    notice_ = std::string("Autosave failed: ") + e.what();
  }
}

bool PracticeModel::keepSubmitted(const Attempt& attempt) {
  std::string why = "the progress database could not be opened";
  if (progress_) {
    try {
      progress_->record(attempt, *result_);
      faultPoint("progress-after-commit");
      progressStale_ = true;
      sendToClass(attempt);
      return true;
    } catch (const Error& e) {
      why = e.what();
    }
  }
  const auto folder = dataDirectory_ / "unrecorded";
  std::string name = attempt.submittedAt;
  std::replace(name.begin(), name.end(), ':', '-');
  const auto file = folder / (attempt.scenarioId + "-" + name + ".json");
  try {
    std::filesystem::create_directories(folder);
    writeAttempt(attempt, file);
    notice_ = "Not saved to your progress (" + why + "); the attempt is kept in " + file.string();
    return true;
  } catch (const std::exception& e) {
    notice_ = "Not saved to your progress (" + why + "), nor to " + file.string() + " (" + e.what() +
              "); it stays in the autosave until the next submission";
    return false;
  }
}

void PracticeModel::joinClass(std::string connection, std::string classId) {
  classConnection_ = std::move(connection);
  classId_ = std::move(classId);
}

// After the local record: the class server is a copy for the instructor, so its failures are
// told, never fatal; the queue keeps the submission until the server has it. The send runs off
// the UI thread; a send still under way when the next one starts is waited for first, so the
// queue is never synced by two threads at once.
void PracticeModel::sendToClass(const Attempt& attempt) {
  if (classConnection_.empty()) return;
  takeClassAnswer(true);
  notice_ = "Sending to class " + classId_ + "...";
  classSending_ = std::async(std::launch::async, [connection = classConnection_, classId = classId_,
                                                  data = dataDirectory_,
                                                  submission = Submission::of(attempt, *result_, classId_)] {
    OfflineQueue queue(data / "class-queue");
    try {
      const SubmitResult sent = submitToClass(connection, data, queue, submission);
      switch (sent.outcome) {
        case SubmitOutcome::Recorded:
          return "Sent to class " + classId + (sent.late ? "; recorded late (after the assignment's deadline)." : ".");
        case SubmitOutcome::Queued:
          return "The class server cannot be reached: " + std::to_string(queue.size()) + " attempt(s) wait in " +
                 queue.folder().string() + " and go with your next submission.";
        case SubmitOutcome::Refused:
          return "The class did not take this attempt (" + sent.message + "); it is kept in " +
                 (queue.folder() / "refused").string() + ".";
      }
      return std::string("Sent to class ") + classId + ".";
    } catch (const std::exception& e) {
      return std::string("Not sent to the class (") + e.what() + "); it waits in " + queue.folder().string() + ".";
    }
  });
}

void PracticeModel::takeClassAnswer(bool wait) {
  if (!classSending_.valid()) return;
  if (!wait && classSending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  notice_ = classSending_.get();
  ++classSendsEnded_;
}

// An autosave is moved aside while it is restored: if restoring it ever crashed the app, the
// next start finds it there and sets it aside with a message instead of crashing again.
void PracticeModel::restoreAutosave() {
  const auto file = autosavePath();
  const auto restoring = dataDirectory_ / "autosave.restoring.json";
  const auto aside = dataDirectory_ / ("autosave.failed-" + std::to_string(std::time(nullptr)) + ".json");
  std::error_code ec;
  if (std::filesystem::exists(restoring, ec)) {
    std::filesystem::rename(restoring, aside, ec);
    notice_ = "The autosaved attempt stopped mesomap while it was restored; it is set aside in " + aside.string();
    return;
  }
  if (!std::filesystem::exists(file, ec) || !body_) return;
  std::filesystem::rename(file, restoring, ec);
  if (ec) return;  // cannot set it aside: leave it where it is, unrestored, rather than risk a loop
  try {
    const auto j = nlohmann::json::parse(readWholeFile(restoring, "autosave"));
    const std::filesystem::path scenarioPath = j.at("scenario_path").get<std::string>();
    const AttemptReadResult attempt = parseAttempt(j.at("attempt").dump());
    if (!attempt.ok()) throw Error(ErrorKind::InvalidInput, formatProblem(file.string(), attempt.problems.front()));
    start(readValidScenario(scenarioPath), scenarioPath, attempt.attempt->mode);
    if (!attempt.attempt->trainee.empty()) trainee_ = attempt.attempt->trainee;
    placeAttempt(*attempt.attempt);
    history_.clear();
    autosavedRevision_ = document_.revision();
    if (!attempt.attempt->submittedAt.empty()) {
      // Submitted, then stopped before it was safely recorded: record it now, as submitted.
      notice_.clear();
      const bool scored = scoreAndKeep(*attempt.attempt, restoring) != nullptr;
      const bool kept = !std::filesystem::exists(restoring, ec);
      if (!kept) std::filesystem::rename(restoring, file, ec);
      if (scored && kept && notice_.empty())  // else keepSubmitted's notice says where it went
        notice_ = "Recorded the attempt you submitted at " + attempt.attempt->submittedAt + " before mesomap stopped.";
      return;
    }
    std::filesystem::rename(restoring, file, ec);
    notice_ = "Restored your unsubmitted attempt (" + std::to_string(attempt.attempt->points.size()) + " points).";
  } catch (const std::exception& e) {
    // Unreadable now means unreadable at every start: set aside, named, never retried silently.
    std::filesystem::rename(restoring, aside, ec);
    notice_ =
        std::string("Could not restore the autosaved attempt (") + e.what() + "); it is set aside in " + aside.string();
  }
}

const std::vector<ProgressHistory>& PracticeModel::progressHistory() {
  if (progressStale_) reloadProgress();
  return progressView_;
}

void PracticeModel::reloadProgress() {
  progressView_.clear();
  progressStale_ = false;
  if (!progress_) return;
  try {
    for (const ScenarioProgress& summary : progress_->scenarios()) {
      ProgressHistory h;
      h.summary = summary;
      const auto attempts = progress_->attempts(summary.scenarioId);
      for (const StoredAttempt& a : attempts) {
        h.attempts.push_back(a);
        h.attempts.back().attemptJson.clear();
        h.attempts.back().reportJson.clear();
      }
      for (const LibraryEntry& e : library_)
        if (e.scenario.id == summary.scenarioId) h.passMark = e.scenario.scoring.passMark;
      // What holds the trainee back: the weakest components over the last five attempts.
      std::map<std::string, std::pair<double, int>> recent;
      const size_t first = attempts.size() > 5 ? attempts.size() - 5 : 0;
      h.recentCount = attempts.size() - first;
      for (size_t i = first; i < attempts.size(); ++i)
        for (const ComponentScore& c : attempts[i].components)
          if (c.applies) {
            recent[c.name].first += c.score;
            recent[c.name].second += 1;
          }
      for (const auto& [name, sum] : recent) h.weakest.emplace_back(sum.first / sum.second, name);
      std::sort(h.weakest.begin(), h.weakest.end());
      progressView_.push_back(std::move(h));
    }
  } catch (const Error& e) {
    notice_ = e.what();
  }
}

}  // namespace mesomap::app
