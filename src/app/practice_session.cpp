#include "app/practice_session.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <map>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/protocol/scenario_landmarks.h"
#include "core/view/attempt_overlay.h"
#include "core/base/error.h"
#include "core/base/fault_point.h"
#include "core/base/safe_write.h"
#include "core/view/scenario_camera.h"
#include "core/protocol/scenario_geometry.h"
#include "core/view/scenario_overlay.h"
#include "core/view/skin_section.h"
#include "core/base/strings.h"

namespace mesomap::app {

namespace {

const ImVec4 kPassColor(0.0f, 0.48f, 0.34f, 1.0f);
const ImVec4 kFailColor(0.70f, 0.28f, 0.0f, 1.0f);
const char* const kModeNames[] = {"Guided", "Practice", "Exam"};
const char* const kModeHelp[] = {
    "Reference map, zones and a live score while you place points.",
    "Target and no-go zones visible; the reference map appears when you submit.",
    "Nothing shown, timed, one submission.",
};

void wrapped(const char* label, const std::string& text) {
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(ImGui::GetFontSize() * 7.5f);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

std::string utcTimestamp() {
  char text[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

PracticeSession::PracticeSession(const std::filesystem::path& libraryDirectory,
                                 const std::filesystem::path& dataDirectory, std::vector<std::string>& problems)
    : dataDirectory_(dataDirectory) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(libraryDirectory, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    try {
      ScenarioReadResult read = readScenario(file);
      if (read.ok()) library_.push_back({file, std::move(*read.scenario)});
      else problems.push_back("Scenario left out of the library: " + formatProblem(file.string(), read.problems.front()));
    } catch (const Error& e) {
      problems.push_back(e.what());
    }
  }
  std::sort(library_.begin(), library_.end(),
            [](const LibraryEntry& a, const LibraryEntry& b) { return a.scenario.title < b.scenario.title; });
  try {
    std::filesystem::create_directories(dataDirectory_);
    progress_ = std::make_unique<ProgressStore>(dataDirectory_ / "progress.sqlite");
  } catch (const std::exception& e) {
    problems.push_back(std::string("Your progress will not be kept this time: ") + e.what());
  }
  if (const char* user = std::getenv("USER")) trainee_ = user;
}

void PracticeSession::setBody(std::shared_ptr<const Body> body) {
  body_ = std::move(body);
  prepared_.reset();
  result_.reset();
  live_.reset();
  liveAttempt_.reset();
  if (scenario_) useBodyLandmarks(*scenario_, body_->landmarks());
  locateReferences();
  ++revision_;
}

void PracticeSession::locateReferences() {
  referenceSpots_.clear();
  if (!scenario_ || !body_) return;
  for (size_t i = 0; i < scenario_->points.size(); ++i)
    if (auto placed = resolvePlacement(*scenario_, scenario_->points[i].placement, body_->skin()))
      referenceSpots_.emplace_back(i, placed->frame.position);
}

const PreparedScenario* PracticeSession::preparedWhenReady(PlacementTool& placement) {
  if (!scenario_ || !body_) return nullptr;
  if (!prepared_ && !body_->geodesicsIfReady()) return nullptr;
  prepare(placement);
  return &*prepared_;
}

NeedlePreset PracticeSession::preset(Technique technique) const {
  if (showsReference()) return needlePreset(technique, &*scenario_);
  NeedlePreset p = needlePreset(technique, nullptr);
  if (scenario_) p.source += " (an exam hides the scenario's)";
  return p;
}

const ReferencePoint* PracticeSession::referenceFor(const PlacedPoint& point) const {
  if (!showsReference()) return nullptr;
  // The reference a shown score matched this point to (the same point: same id, not moved since).
  auto matched = [&](const std::optional<ScoreReport>& report, const std::optional<Attempt>& scored) -> const ReferencePoint* {
    if (!report || !scored) return nullptr;
    for (const PointResult& r : report->points) {
      if (!r.traineeIndex || *r.traineeIndex >= scored->points.size()) continue;
      const AttemptPoint& a = scored->points[*r.traineeIndex];
      if (a.label == std::to_string(point.id) && glm::length(a.positionMm - glm::dvec3(point.position) * 1000.0) < 0.05)
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

void PracticeSession::prepare(PlacementTool& placement) {
  if (!prepared_ && scenario_ && body_) prepared_ = prepareScenario(*scenario_, scoringBody(*body_));
}

void PracticeSession::start(const Scenario& scenario, const std::filesystem::path& path, AttemptMode mode,
                            PlacementTool& placement) {
  scenario_ = scenario;
  useBodyLandmarks(*scenario_, body_->landmarks());
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
  if (!placement.document().points().empty()) placement.execute(clearPointsCommand());
  placement.history().clear();
  placement.select(std::nullopt);
  placement.setGuide(this);
  placement.setNextNeedle(preset(mainNeedlePreset(*scenario_).needle.technique).needle);
  notice_.clear();
  ++revision_;
  focusOnRegion();
}

void PracticeSession::focusOnRegion() {
  if (!scenario_ || !body_) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float aspect = display.y > 0.0f ? display.x / display.y : 1.5f;
  focus_ = regionCamera(*scenario_, body_->skin(), aspect);
}

Attempt PracticeSession::currentAttempt(const PlacementTool& placement) const {
  Attempt a;
  if (scenario_) a.scenarioId = scenario_->id;
  a.trainee = trainee_;
  a.startedAt = startedAt_;
  a.mode = mode_;
  for (const PlacedPoint& p : placement.document().points()) a.points.push_back(attemptPointFrom(p));
  return a;
}

const ScoreReport* PracticeSession::submit(PlacementTool& placement) {
  if (!scenario_ || !body_) return nullptr;
  if (mode_ == AttemptMode::Exam && result_) return &*result_;  // one submission
  Attempt attempt = currentAttempt(placement);
  attempt.submittedAt = utcTimestamp();
  const ScoreReport* report = scoreAndKeep(attempt, placement, std::nullopt);
  autosavedRevision_ = placement.document().revision();
  return report;
}

// Until the attempt is safe (in the progress database, or else in a file of its own that
// `mesomap score` reads) it stays in a file the next start reads: the autosave, rewritten now as
// submitted, or `heldIn` when it comes from one. A crash at any step leaves it there, and the
// next start records it again; ProgressStore::record keeps one copy of the same submission.
const ScoreReport* PracticeSession::scoreAndKeep(const Attempt& attempt, PlacementTool& placement,
                                                 std::optional<std::filesystem::path> heldIn) {
  prepare(placement);
  ScoreResult scored = scoreAttempt(*prepared_, attempt, scoringBody(*body_));
  if (!scored.report) {
    notice_ = scored.problems.empty() ? "Could not score this attempt." : scored.problems.front().message;
    return nullptr;
  }
  result_ = std::move(scored.report);
  submitted_ = attempt;
  ++revision_;
  if (!heldIn) {
    heldIn = dataDirectory_ / "autosave.json";
    writeAutosave(attempt);
  }
  faultPoint("submit-after-autosave");
  if (keepSubmitted(attempt)) {
    faultPoint("submit-after-record");
    std::error_code ec;
    std::filesystem::remove(*heldIn, ec);
  }
  return &*result_;
}

void PracticeSession::liveScore(PlacementTool& placement) {
  if (mode_ != AttemptMode::Guided || result_ || placement.document().revision() == liveForRevision_) return;
  if (!body_ || !body_->geodesicsIfReady()) return;  // built in the background; never stall a frame for it
  prepare(placement);
  Attempt attempt = currentAttempt(placement);
  ScoreResult r = scoreAttempt(*prepared_, attempt, scoringBody(*body_));
  live_ = r.report;
  liveAttempt_ = std::move(attempt);
  liveForRevision_ = placement.document().revision();
}

Overlay PracticeSession::overlay(const PlacementTool& placement) const {
  if (!scenario_ || !body_) return placement.overlay();
  if (result_ && submitted_ && prepared_) {
    Overlay shown = attemptOverlay(*prepared_, *submitted_, *result_, body_->skin());
    ScenarioOverlayOptions zonesOnly;
    zonesOnly.points = zonesOnly.landmarks = false;
    shown.append(scenarioOverlay(*scenario_, body_->skin(), zonesOnly));
    return shown;
  }
  Overlay shown = placement.overlay();
  if (mode_ == AttemptMode::Guided) {
    shown.append(scenarioOverlay(*scenario_, body_->skin()));
  } else if (mode_ == AttemptMode::Practice) {
    ScenarioOverlayOptions zonesOnly;
    zonesOnly.points = zonesOnly.landmarks = false;
    shown.append(scenarioOverlay(*scenario_, body_->skin(), zonesOnly));
  }
  return shown;
}

void PracticeSession::drawPicker(PlacementTool& placement) {
  if (!pickerOpen_) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(980.0f, viewport->Size.x * 0.9f), std::min(620.0f, viewport->Size.y * 0.85f)),
                           ImGuiCond_Appearing);
  if (!ImGui::Begin("Choose a scenario", &pickerOpen_, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  const float listWidth = ImGui::GetFontSize() * 17.0f;
  ImGui::BeginChild("library", ImVec2(listWidth, -ImGui::GetFrameHeightWithSpacing() * 4.2f), true);
  for (size_t i = 0; i < library_.size(); ++i)
    if (ImGui::Selectable(library_[i].scenario.title.c_str(), pickerSelection_ == i)) pickerSelection_ = i;
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("details", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 4.2f), true);
  if (pickerSelection_ < library_.size()) {
    const Scenario& s = library_[pickerSelection_].scenario;
    ImGui::PushFont(ImGui::GetIO().Fonts->Fonts.size() > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr);
    ImGui::TextUnformatted(s.title.c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    wrapped("Indication", s.indication);
    wrapped("Position", toString(s.patientPosition));
    wrapped("Schedule", s.schedule);
    std::map<Technique, int> techniques;
    for (const ReferencePoint& p : s.points) ++techniques[p.technique];
    std::string summary;
    for (const auto& [t, n] : techniques)
      summary += (summary.empty() ? "" : ", ") + std::to_string(n) + " " + presetFor(t).code + " (" + presetFor(t).name + ")";
    wrapped("Points", summary);
    size_t noGo = std::count_if(s.zones.begin(), s.zones.end(), [](const Zone& z) { return z.kind == ZoneKind::NoGo; });
    if (noGo) wrapped("No-go zones", std::to_string(noGo));
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.description.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::TextDisabled("Sources");
    for (const std::string& source : s.sources) {
      ImGui::Bullet();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(source.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::EndChild();
  for (int m = 0; m < 3; ++m) {
    if (m) ImGui::SameLine();
    ImGui::RadioButton(kModeNames[m], &pickerMode_, m);
  }
  ImGui::TextDisabled("%s", kModeHelp[pickerMode_]);
  char trainee[128];
  std::snprintf(trainee, sizeof trainee, "%s", trainee_.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
  if (ImGui::InputText("Trainee", trainee, sizeof trainee)) trainee_ = trainee;
  ImGui::SameLine();
  const bool canStart = pickerSelection_ < library_.size();
  if (!canStart) ImGui::BeginDisabled();
  if (ImGui::Button("Start", ImVec2(ImGui::GetFontSize() * 8.0f, 0))) {
    const LibraryEntry& e = library_[pickerSelection_];
    start(e.scenario, e.path, AttemptMode(pickerMode_), placement);
    pickerOpen_ = false;
  }
  if (!canStart) ImGui::EndDisabled();
  ImGui::TextDisabled("Training protocols, not clinical advice.");
  ImGui::End();
}

void PracticeSession::drawSessionPanel(PlacementTool& placement) {
  if (!scenario_) return;
  liveScore(placement);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + 12.0f, viewport->Pos.y + 40.0f), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 20.0f, 0), ImVec2(ImGui::GetFontSize() * 30.0f, viewport->Size.y * 0.85f));
  if (!ImGui::Begin("Session", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  ImGui::TextUnformatted(scenario_->title.c_str());
  ImGui::TextDisabled("%s mode · %zu points placed", kModeNames[int(mode_)], placement.document().points().size());
  if (mode_ == AttemptMode::Exam && !result_) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - startedClock_).count();
    ImGui::Text("Time %02lld:%02lld", static_cast<long long>(seconds / 60), static_cast<long long>(seconds % 60));
  }
  if (mode_ == AttemptMode::Guided && live_ && !result_)
    ImGui::TextColored(live_->passed ? kPassColor : kFailColor, "Score as it stands: %.1f", live_->score);

  if (!result_) {
    ImGui::Spacing();
    if (ImGui::Button("Submit", ImVec2(ImGui::GetFontSize() * 8.0f, 0))) submit(placement);
    ImGui::SameLine();
    if (ImGui::Button("Export attempt")) {
      try {
        notice_ = "Saved " + exportAttempt(placement, std::filesystem::current_path()).string();
      } catch (const Error& e) {
        notice_ = e.what();
      }
    }
  } else {
    drawResult(placement);
  }
  if (!notice_.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(notice_.c_str());  // not "%s": ImGui cuts formatted text at 3 KB
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

// The submitted attempt's score, its components, its feedback, and what to do next.
void PracticeSession::drawResult(PlacementTool& placement) {
  const ScoreReport& r = *result_;
  ImGui::Separator();
  ImGui::PushFont(ImGui::GetIO().Fonts->Fonts.size() > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr);
  ImGui::TextColored(r.passed ? kPassColor : kFailColor, "%.1f / 100   %s", r.score, verdictText(r).c_str());
  ImGui::PopFont();
  if (r.verdict == Verdict::Critical)
    ImGui::TextDisabled("pass mark %.0f · weighted score %.1f, halved by a critical error", r.passMark, r.weightedScore);
  else
    ImGui::TextDisabled("pass mark %.0f", r.passMark);
  drawComponentBars(r);
  if (!r.feedback.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("Feedback (click a line to look at it)");
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    for (size_t i = 0; i < r.feedback.size(); ++i) {
      const FeedbackItem& item = r.feedback[i];
      // The same words as `mesomap score`, critical items first and marked.
      const std::string line = feedbackLine(item);
      ImGui::PushID(int(i));
      if (ImGui::Selectable("##line", false, 0, ImVec2(0, ImGui::CalcTextSize(line.c_str(), nullptr, false, ImGui::GetFontSize() * 28.0f).y))) {
        focusOn(item);
      }
      ImGui::SameLine(0.0f, 0.0f);
      ImGui::SetCursorPosX(ImGui::GetStyle().WindowPadding.x);
      if (item.severity == Severity::Critical) ImGui::PushStyleColor(ImGuiCol_Text, kFailColor);
      ImGui::TextUnformatted(line.c_str());
      if (item.severity == Severity::Critical) ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
  if (mode_ == AttemptMode::Exam) {
    if (ImGui::Button("New exam")) start(*scenario_, scenarioPath_, mode_, placement);
  } else {
    if (ImGui::Button("Retry, keep points")) {
      result_.reset();
      submitted_.reset();
      startedAt_ = utcTimestamp();
      ++revision_;
    }
    ImGui::SameLine();
    if (ImGui::Button("Retry, clear points")) start(*scenario_, scenarioPath_, mode_, placement);
  }
  ImGui::SameLine();
  if (ImGui::Button("Progress")) openProgress();
}

// One bar per weighted component, coloured as the 3D results are: good, fair, poor.
void PracticeSession::drawComponentBars(const ScoreReport& r) const {
  if (ImGui::BeginTable("components", 3, ImGuiTableFlags_SizingFixedFit)) {
    for (const ComponentScore& c : r.components) {
      if (!c.applies) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.name.c_str());
      ImGui::TableNextColumn();
      char pct[16];
      std::snprintf(pct, sizeof pct, "%.0f %%", 100.0 * c.score);
      // The colours of the 3D results: good, fair, poor.
      const ImVec4 bar = c.score >= 0.9 ? ImVec4(0.0f, 0.62f, 0.45f, 1.0f)
                         : c.score >= 0.6 ? ImVec4(0.90f, 0.62f, 0.0f, 1.0f)
                                          : ImVec4(0.84f, 0.37f, 0.0f, 1.0f);
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, bar);
      ImGui::ProgressBar(float(c.score), ImVec2(ImGui::GetFontSize() * 8.0f, 0), pct);
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("weight %.0f", c.weight);
    }
    ImGui::EndTable();
  }
}

// A feedback item names what it is about by index: the trainee's needle, else the reference
// point. The camera then faces that point's skin from 25 cm.
void PracticeSession::focusOn(const FeedbackItem& item) {
  std::optional<glm::vec3> at;
  if (item.trainee && submitted_ && *item.trainee < submitted_->points.size()) {
    at = glm::vec3(submitted_->points[*item.trainee].positionMm * 0.001);
  } else if (item.reference && prepared_) {
    for (const PreparedPoint& p : prepared_->points)
      if (p.index == *item.reference) at = p.placement.frame.position;
  }
  if (at) {
    // Face the point's skin from 25 cm.
    const auto hit = body_->skin().closestPoint(*at);
    const glm::vec3 n = hit ? hit->normal : glm::vec3(0, 0, 1);
    OrbitCamera close;
    close.target = *at;
    close.yawDegrees = glm::degrees(std::atan2(n.x, n.z));
    close.pitchDegrees = glm::degrees(std::asin(std::clamp(n.y, -0.9f, 0.9f)));
    close.distance = 0.25f;
    focus_ = close;
  }
}

void PracticeSession::reloadProgress() {
  history_.clear();
  progressStale_ = false;
  if (!progress_) return;
  try {
    for (const ScenarioProgress& summary : progress_->scenarios()) {
      ScenarioHistory h;
      h.summary = summary;
      const auto attempts = progress_->attempts(summary.scenarioId);
      for (const StoredAttempt& a : attempts) {
        h.scores.push_back(float(a.score));
        h.attempts.push_back(a);
        h.attempts.back().attemptJson.clear();
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
      history_.push_back(std::move(h));
    }
  } catch (const Error& e) {
    notice_ = e.what();
  }
}

namespace {

// Scores over time: one dot per attempt (teal passed, orange failed, vermillion a no-go zone),
// the pass mark dashed, a grid at 0, 50 and 100; hovering a dot names the attempt.
void drawScoreChart(const std::vector<StoredAttempt>& attempts, double passMark) {
  const float font = ImGui::GetFontSize();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, font * 8.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("chart", size);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float left = origin.x + font * 2.2f, right = origin.x + size.x - font * 0.8f;
  const float top = origin.y + font * 0.6f, bottom = origin.y + size.y - font * 1.4f;
  const ImU32 grid = IM_COL32(205, 210, 218, 255), ink = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  draw->AddRectFilled(ImVec2(left, top), ImVec2(right, bottom), IM_COL32(252, 252, 253, 255), 3.0f);
  auto yOf = [&](double score) { return bottom - float(score / 100.0) * (bottom - top); };
  for (int s : {0, 50, 100}) {
    const float y = yOf(s);
    draw->AddLine(ImVec2(left, y), ImVec2(right, y), grid);
    char label[8];
    std::snprintf(label, sizeof label, "%d", s);
    draw->AddText(ImVec2(left - ImGui::CalcTextSize(label).x - font * 0.4f, y - font * 0.5f), ink, label);
  }
  const float passY = yOf(passMark);
  for (float x = left; x < right; x += font * 0.8f)
    draw->AddLine(ImVec2(x, passY), ImVec2(std::min(x + font * 0.45f, right), passY), IM_COL32(0, 122, 87, 200), 1.5f);
  char pass[24];
  std::snprintf(pass, sizeof pass, "pass %.0f", passMark);
  draw->AddText(ImVec2(right - ImGui::CalcTextSize(pass).x - font * 0.3f, passY + 2.0f), IM_COL32(0, 110, 80, 255), pass);
  const size_t n = attempts.size();
  auto xOf = [&](size_t i) {
    return n == 1 ? 0.5f * (left + right) : left + font * 0.8f + float(i) / float(n - 1) * (right - left - font * 1.6f);
  };
  for (size_t i = 1; i < n; ++i)
    draw->AddLine(ImVec2(xOf(i - 1), yOf(attempts[i - 1].score)), ImVec2(xOf(i), yOf(attempts[i].score)),
                  IM_COL32(90, 100, 115, 255), 2.0f);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<size_t> hovered;
  for (size_t i = 0; i < n; ++i) {
    const StoredAttempt& a = attempts[i];
    const ImVec2 at(xOf(i), yOf(a.score));
    const ImU32 fill = a.noGoViolated ? IM_COL32(214, 94, 0, 255) : a.passed ? IM_COL32(0, 158, 115, 255)
                                                                              : IM_COL32(230, 159, 0, 255);
    draw->AddCircleFilled(at, font * 0.32f, IM_COL32(255, 255, 255, 255));
    draw->AddCircleFilled(at, font * 0.25f, fill);
    if (ImGui::IsItemHovered() && std::abs(mouse.x - at.x) < font * 0.5f && std::abs(mouse.y - at.y) < font * 0.6f) hovered = i;
    // Attempt numbers along the bottom: all of them when they fit, else every few.
    const size_t every = std::max<size_t>(1, size_t(std::ceil(float(n) * font * 1.6f / (right - left))));
    if (i % every == 0 || i + 1 == n) {
      const std::string number = std::to_string(i + 1);
      draw->AddText(ImVec2(at.x - ImGui::CalcTextSize(number.c_str()).x * 0.5f, bottom + font * 0.2f), ink, number.c_str());
    }
  }
  if (hovered) {
    const StoredAttempt& a = attempts[*hovered];
    ImGui::SetTooltip("Attempt %zu: %.1f, %s%s\n%s mode, %s", *hovered + 1, a.score, a.passed ? "passed" : "failed",
                      a.noGoViolated ? " (a point in a no-go zone)" : "", a.mode.c_str(), a.submittedAt.c_str());
  }
}

}  // namespace

void PracticeSession::drawProgressWindow() {
  if (!progressOpen_) return;
  if (progressStale_) reloadProgress();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36.0f, 0.0f), ImGuiCond_Appearing);
  ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 26.0f, 0.0f),
                                      ImVec2(viewport->Size.x * 0.9f, viewport->Size.y * 0.85f));
  if (!ImGui::Begin("Progress", &progressOpen_, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  if (!trainee_.empty()) ImGui::TextDisabled("Submitted attempts on this computer (trainee %s)", trainee_.c_str());
  if (!progress_) ImGui::TextDisabled("No progress database (see the message at start-up).");
  else if (history_.empty()) ImGui::TextDisabled("No submitted attempts yet.");
  for (const ScenarioHistory& h : history_) {
    const ScenarioProgress& s = h.summary;
    ImGui::PushID(s.scenarioId.c_str());
    if (!ImGui::CollapsingHeader(s.scenarioTitle.c_str(),
                                 scenario_ && scenario_->id == s.scenarioId ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
      ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 9.0f);
      ImGui::TextDisabled("%zu attempts, best %.0f", s.attempts, s.bestScore);
      ImGui::PopID();
      continue;
    }
    ImGui::Text("%zu attempts", s.attempts);
    ImGui::SameLine(0.0f, ImGui::GetFontSize() * 1.2f);
    ImGui::TextColored(kPassColor, "%zu passed", s.passes);
    ImGui::SameLine(0.0f, ImGui::GetFontSize() * 1.2f);
    ImGui::Text("best %.1f", s.bestScore);
    ImGui::SameLine(0.0f, ImGui::GetFontSize() * 1.2f);
    ImGui::Text("last %.1f", s.lastScore);
    drawScoreChart(h.attempts, h.passMark);
    ImGui::Spacing();
    ImGui::TextDisabled("What holds you back: the weakest parts of the last %zu attempts", h.recentCount);
    if (ImGui::BeginTable("weakest", 3, ImGuiTableFlags_SizingFixedFit)) {
      for (size_t i = 0; i < h.weakest.size() && i < 3; ++i) {
        const double score = h.weakest[i].first;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(h.weakest[i].second.c_str());
        ImGui::TableNextColumn();
        char pct[16];
        std::snprintf(pct, sizeof pct, "%.0f %%", 100.0 * score);
        // The results panel's colours: good, fair, poor.
        const ImVec4 bar = score >= 0.9 ? ImVec4(0.0f, 0.62f, 0.45f, 1.0f)
                           : score >= 0.6 ? ImVec4(0.90f, 0.62f, 0.0f, 1.0f)
                                          : ImVec4(0.84f, 0.37f, 0.0f, 1.0f);
        ImGui::PushStyleColor(ImGuiCol_PlotHistogram, bar);
        ImGui::ProgressBar(float(score), ImVec2(ImGui::GetFontSize() * 14.0f, ImGui::GetFontSize() * 0.8f), "");
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(pct);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::End();
}

void PracticeSession::autosave(const PlacementTool& placement) {
  if (!scenario_ || result_ || placement.document().revision() == autosavedRevision_) return;
  autosavedRevision_ = placement.document().revision();
  writeAutosave(currentAttempt(placement));
}

void PracticeSession::writeAutosave(const Attempt& attempt) {
  nlohmann::ordered_json j;
  j["scenario_path"] = std::filesystem::absolute(scenarioPath_).string();
  j["attempt"] = nlohmann::ordered_json::parse(attemptToJson(attempt));
  try {
    writeFileAtomically(dataDirectory_ / "autosave.json", j.dump(2) + "\n");
  } catch (const Error& e) {
    notice_ = std::string("Autosave failed: ") + e.what();
  }
}

bool PracticeSession::keepSubmitted(const Attempt& attempt) {
  std::string why = "the progress database could not be opened";
  if (progress_) {
    try {
      progress_->record(attempt, *result_);
      faultPoint("progress-after-commit");
      progressStale_ = true;
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

// An autosave is moved aside while it is restored: if restoring it ever crashed the app, the
// next start finds it there and sets it aside with a message instead of crashing again.
void PracticeSession::restoreAutosave(PlacementTool& placement) {
  const auto file = dataDirectory_ / "autosave.json";
  const auto restoring = dataDirectory_ / "autosave.restoring.json";
  std::error_code ec;
  if (std::filesystem::exists(restoring, ec)) {
    const auto aside = dataDirectory_ / ("autosave.failed-" + std::to_string(std::time(nullptr)) + ".json");
    std::filesystem::rename(restoring, aside, ec);
    notice_ = "The autosaved attempt stopped mesomap while it was restored; it is set aside in " + aside.string();
    return;
  }
  if (!std::filesystem::exists(file, ec) || !body_) return;
  std::filesystem::rename(file, restoring, ec);
  if (ec) return;  // cannot set it aside: leave it where it is, unrestored, rather than risk a loop
  const auto putBack = [&] {
    std::error_code ignored;
    std::filesystem::rename(restoring, file, ignored);
  };
  try {
    const auto j = nlohmann::json::parse(readWholeFile(restoring, "autosave"));
    const std::filesystem::path scenarioPath = j.at("scenario_path").get<std::string>();
    const AttemptReadResult attempt = parseAttempt(j.at("attempt").dump());
    if (!attempt.ok()) throw Error(ErrorKind::InvalidInput, formatProblem(file.string(), attempt.problems.front()));
    start(readValidScenario(scenarioPath), scenarioPath, attempt.attempt->mode, placement);
    trainee_ = attempt.attempt->trainee.empty() ? trainee_ : attempt.attempt->trainee;
    placeAttempt(*attempt.attempt, placement);
    placement.history().clear();
    autosavedRevision_ = placement.document().revision();
    if (!attempt.attempt->submittedAt.empty()) {
      // Submitted, then stopped before it was safely recorded: record it now, as submitted.
      notice_.clear();
      const bool scored = scoreAndKeep(*attempt.attempt, placement, restoring) != nullptr;
      const bool kept = !std::filesystem::exists(restoring, ec);
      if (!kept) putBack();
      if (scored && kept && notice_.empty())  // else keepSubmitted's notice says where it went
        notice_ = "Recorded the attempt you submitted at " + attempt.attempt->submittedAt + " before mesomap stopped.";
      return;
    }
    putBack();
    notice_ = "Restored your unsubmitted attempt (" + std::to_string(attempt.attempt->points.size()) + " points).";
  } catch (const std::exception& e) {
    // Unreadable now means unreadable at every start: set aside, named, never retried silently.
    const auto aside = dataDirectory_ / ("autosave.failed-" + std::to_string(std::time(nullptr)) + ".json");
    std::error_code ignored;
    std::filesystem::rename(restoring, aside, ignored);
    notice_ = std::string("Could not restore the autosaved attempt (") + e.what() + "); it is set aside in " +
              aside.string();
  }
}

void PracticeSession::placeAttempt(const Attempt& attempt, PlacementTool& placement) {
  if (!body_) return;
  for (const AttemptPoint& p : attempt.points) {
    const auto hit = body_->skin().closestPoint(glm::vec3(p.positionMm * 1e-3));
    if (hit) placement.execute(addPointCommand(hit->position, hit->normal, needleSettingsFrom(p)));
  }
}

std::filesystem::path PracticeSession::exportAttempt(const PlacementTool& placement, const std::filesystem::path& folder) {
  Attempt a = currentAttempt(placement);
  a.submittedAt = utcTimestamp();
  std::string stamp = a.submittedAt;
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  const auto path = folder / ("attempt-" + a.scenarioId + "-" + stamp + ".json");
  writeAttempt(a, path);
  return path;
}

}  // namespace mesomap::app
