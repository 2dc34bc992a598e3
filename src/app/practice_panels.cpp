#include "app/practice_panels.h"
#include "app/ui_scale.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include <imgui.h>

#include "core/base/error.h"
#include "core/body/patient_parameters.h"
#include "core/view/needle_presets.h"

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

// The 3D results' colours for a component score: good, fair, poor.
ImVec4 componentColor(double score) {
  return score >= 0.9   ? ImVec4(0.0f, 0.62f, 0.45f, 1.0f)
         : score >= 0.6 ? ImVec4(0.90f, 0.62f, 0.0f, 1.0f)
                        : ImVec4(0.84f, 0.37f, 0.0f, 1.0f);
}

ImFont* headingFont() { return ImGui::GetIO().Fonts->Fonts.size() > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr; }

void wrapped(const char* label, const std::string& text) {
  ImGui::TextDisabled("%s", label);
  ImGui::SameLine(ImGui::GetFontSize() * 7.5f);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

// One bar per weighted component, coloured as the 3D results are: good, fair, poor.
void drawComponentBars(const ScoreReport& r) {
  if (ImGui::BeginTable("components", 3, ImGuiTableFlags_SizingFixedFit)) {
    for (const ComponentScore& c : r.components) {
      if (!c.applies) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(c.name.c_str());
      ImGui::TableNextColumn();
      char pct[16];
      std::snprintf(pct, sizeof pct, "%.0f %%", 100.0 * c.score);
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, componentColor(c.score));
      ImGui::ProgressBar(float(c.score), ImVec2(ImGui::GetFontSize() * 8.0f, 0), pct);
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("weight %.0f", c.weight);
    }
    ImGui::EndTable();
  }
}

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
  draw->AddText(ImVec2(right - ImGui::CalcTextSize(pass).x - font * 0.3f, passY + 2.0f), IM_COL32(0, 110, 80, 255),
                pass);
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
    const ImU32 fill = a.noGoViolated ? IM_COL32(214, 94, 0, 255)
                       : a.passed     ? IM_COL32(0, 158, 115, 255)
                                      : IM_COL32(230, 159, 0, 255);
    draw->AddCircleFilled(at, font * 0.32f, IM_COL32(255, 255, 255, 255));
    draw->AddCircleFilled(at, font * 0.25f, fill);
    if (ImGui::IsItemHovered() && std::abs(mouse.x - at.x) < font * 0.5f && std::abs(mouse.y - at.y) < font * 0.6f)
      hovered = i;
    // Attempt numbers along the bottom: all of them when they fit, else every few.
    const size_t every = std::max<size_t>(1, size_t(std::ceil(float(n) * font * 1.6f / (right - left))));
    if (i % every == 0 || i + 1 == n) {
      const std::string number = std::to_string(i + 1);
      draw->AddText(ImVec2(at.x - ImGui::CalcTextSize(number.c_str()).x * 0.5f, bottom + font * 0.2f), ink,
                    number.c_str());
    }
  }
  if (hovered) {
    const StoredAttempt& a = attempts[*hovered];
    ImGui::SetTooltip("Attempt %zu: %.1f, %s%s\n%s mode, %s%s%s", *hovered + 1, a.score, a.passed ? "passed" : "failed",
                      a.noGoViolated ? " (a point in a no-go zone)" : "", a.mode.c_str(), a.submittedAt.c_str(),
                      a.body.empty() ? "" : "\non ", a.body.c_str());
  }
}

// The patients a scenario names, and its random range: "female, 65 y, BMI 30, ...; or random
// (age 50-80, BMI 22-36)".
std::string scenarioPatientsText(const Scenario& s) {
  std::string text;
  for (const std::string& spec : s.patients) {
    try {
      text += (text.empty() ? "" : "; ") + describePatient(parsePatient(spec));
    } catch (const Error&) {
      text += (text.empty() ? "" : "; ") + spec;  // read checked it: cannot happen
    }
  }
  if (!s.patientRange.empty())
    text += (text.empty() ? "random (" : "; or random (") + describePatientRange(s.patientRange) + ")";
  return text;
}

// The scenario's details in the picker: indication, position, points, zones, sources.
void drawScenarioDetails(const Scenario& s) {
  ImGui::PushFont(headingFont());
  ImGui::TextUnformatted(s.title.c_str());
  ImGui::PopFont();
  ImGui::Spacing();
  wrapped("Indication", s.indication);
  wrapped("Position", toString(s.patientPosition));
  if (const std::string patients = scenarioPatientsText(s); !patients.empty()) wrapped("Patients", patients);
  wrapped("Schedule", s.schedule);
  std::map<Technique, int> techniques;
  for (const ReferencePoint& p : s.points) ++techniques[p.technique];
  std::string summary;
  for (const auto& [t, n] : techniques)
    summary +=
        (summary.empty() ? "" : ", ") + std::to_string(n) + " " + presetFor(t).code + " (" + presetFor(t).name + ")";
  wrapped("Points", summary);
  const auto noGo =
      std::count_if(s.zones.begin(), s.zones.end(), [](const Zone& z) { return z.kind == ZoneKind::NoGo; });
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

// The submitted attempt's score, its components, what to do next, and its feedback.
PracticeAction drawResult(const PracticeModel& model) {
  PracticeAction action;
  const ScoreReport& r = *model.result();
  ImGui::Separator();
  ImGui::PushFont(headingFont());
  ImGui::TextColored(r.passed ? kPassColor : kFailColor, "%.1f / 100   %s", r.score, verdictText(r).c_str());
  ImGui::PopFont();
  if (r.verdict == Verdict::Critical)
    ImGui::TextDisabled("pass mark %.0f · weighted score %.1f, halved by a critical error", r.passMark,
                        r.weightedScore);
  else
    ImGui::TextDisabled("pass mark %.0f", r.passMark);
  drawComponentBars(r);
  // What to do next, above the feedback: a long list must not push it out of sight.
  ImGui::Spacing();
  if (model.mode() == AttemptMode::Exam) {
    if (ImGui::Button("New exam")) action.kind = PracticeAction::Kind::Restart;
  } else {
    if (ImGui::Button("Retry, keep points")) action.kind = PracticeAction::Kind::RetryKeepingPoints;
    ImGui::SameLine();
    if (ImGui::Button("Retry, clear points")) action.kind = PracticeAction::Kind::Restart;
  }
  ImGui::SameLine();
  if (ImGui::Button("Progress")) action.kind = PracticeAction::Kind::OpenProgress;
  if (!r.feedback.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("Feedback (click a line to look at it)");
    const float wrap = ImGui::GetFontSize() * 28.0f;
    ImGui::PushTextWrapPos(wrap);
    for (size_t i = 0; i < r.feedback.size(); ++i) {
      const FeedbackItem& item = r.feedback[i];
      // The same words as `mesomap score`, critical items first and marked.
      const std::string line = feedbackLine(item);
      ImGui::PushID(int(i));
      if (ImGui::Selectable("##line", false, 0, ImVec2(0, ImGui::CalcTextSize(line.c_str(), nullptr, false, wrap).y)))
        action = {PracticeAction::Kind::LookAtFeedback, i};
      ImGui::SameLine(0.0f, 0.0f);
      ImGui::SetCursorPosX(ImGui::GetStyle().WindowPadding.x);
      if (item.severity == Severity::Critical) ImGui::PushStyleColor(ImGuiCol_Text, kFailColor);
      ImGui::TextUnformatted(line.c_str());
      if (item.severity == Severity::Critical) ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
  }
  return action;
}

// One scenario's section of the Progress window.
void drawScenarioProgress(const ProgressHistory& h) {
  const ScenarioProgress& s = h.summary;
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
      ImGui::PushStyleColor(ImGuiCol_PlotHistogram, componentColor(score));
      ImGui::ProgressBar(float(score), ImVec2(ImGui::GetFontSize() * 14.0f, ImGui::GetFontSize() * 0.8f), "");
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(pct);
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
}

}  // namespace

PracticeAction drawScenarioPicker(PickerState& picker, const std::vector<LibraryEntry>& library) {
  PracticeAction action;
  if (!picker.open) return action;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(
      ImVec2(std::min(scaled(980.0f), viewport->Size.x * 0.9f), std::min(scaled(620.0f), viewport->Size.y * 0.85f)),
      ImGuiCond_Appearing);
  if (!ImGui::Begin("Choose a scenario", &picker.open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return action;
  }
  const float listWidth = ImGui::GetFontSize() * 17.0f;
  const float listHeight = -ImGui::GetFrameHeightWithSpacing() * 4.2f;
  ImGui::BeginChild("library", ImVec2(listWidth, listHeight), true);
  for (size_t i = 0; i < library.size(); ++i) {
    // Grouped by where they come from: the built-in library, yours, shared folders.
    if (i == 0 || library[i].source != library[i - 1].source) ImGui::TextDisabled("%s", library[i].source.c_str());
    ImGui::PushID(int(i));
    if (ImGui::Selectable(library[i].scenario.title.c_str(), picker.selection == i)) picker.selection = i;
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("details", ImVec2(0, listHeight), true);
  if (picker.selection < library.size()) {
    drawScenarioDetails(library[picker.selection].scenario);
    ImGui::Spacing();
    wrapped("File", library[picker.selection].source + ": " + library[picker.selection].path.string());
  }
  ImGui::EndChild();
  int mode = int(picker.mode);
  for (int m = 0; m < 3; ++m) {
    if (m) ImGui::SameLine();
    ImGui::RadioButton(kModeNames[m], &mode, m);
  }
  picker.mode = AttemptMode(mode);
  ImGui::TextDisabled("%s", kModeHelp[mode]);
  char trainee[128];
  std::snprintf(trainee, sizeof trainee, "%s", picker.trainee.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
  if (ImGui::InputText("Trainee", trainee, sizeof trainee)) picker.trainee = trainee;
  ImGui::SameLine();
  const bool canStart = picker.selection < library.size();
  ImGui::BeginDisabled(!canStart);
  if (ImGui::Button("Start", ImVec2(ImGui::GetFontSize() * 8.0f, 0)))
    action = {PracticeAction::Kind::Start, picker.selection, picker.mode};
  ImGui::EndDisabled();
  ImGui::TextDisabled("Training protocols, not clinical advice.");
  ImGui::End();
  return action;
}

// The patients the scenario is practised on: one button each (the one on screen marked) and
// a random one from its range.
PracticeAction drawPatientChoice(const PracticeModel& model) {
  PracticeAction action;
  const Scenario* written = model.writtenScenario();
  if (!written || (written->patients.empty() && written->patientRange.empty())) return action;
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Patient");
  for (size_t i = 0; i < written->patients.size(); ++i) {
    ImGui::SameLine();
    const std::string label = std::to_string(i + 1);
    bool onScreen = false;
    try {
      onScreen = !model.patientSpec().empty() && parsePatient(model.patientSpec()) == parsePatient(written->patients[i]);
    } catch (const Error&) {
    }
    if (onScreen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::SmallButton(label.c_str())) action = {PracticeAction::Kind::UseListedPatient, i};
    if (onScreen) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      try {
        ImGui::SetTooltip("%s", describePatient(parsePatient(written->patients[i])).c_str());
      } catch (const Error&) {
      }
    }
  }
  if (!written->patientRange.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Random")) action.kind = PracticeAction::Kind::UseRandomPatient;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A patient drawn from %s", scenarioPatientsText(*written).c_str());
  }
  return action;
}

PracticeAction drawSessionPanel(const PracticeModel& model) {
  PracticeAction action;
  if (!model.scenario()) return action;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float font = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + scaled(12.0f), viewport->Pos.y + scaled(40.0f)), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSizeConstraints(ImVec2(font * 20.0f, 0), ImVec2(font * 30.0f, viewport->Size.y * 0.85f));
  if (!ImGui::Begin("Session", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return action;
  }
  const AttemptMode mode = model.mode();
  const auto& result = model.result();
  ImGui::TextUnformatted(model.scenario()->title.c_str());
  ImGui::TextDisabled("%s mode · %zu points placed", kModeNames[int(mode)], model.document().points().size());
  if (mode == AttemptMode::Exam && !result) {
    const long long seconds = model.elapsedSeconds();
    ImGui::Text("Time %02lld:%02lld", seconds / 60, seconds % 60);
  }
  if (mode == AttemptMode::Guided && model.liveScore() && !result)
    ImGui::TextColored(model.liveScore()->passed ? kPassColor : kFailColor, "Score as it stands: %.1f",
                       model.liveScore()->score);
  if (const PracticeAction patient = drawPatientChoice(model); patient.kind != PracticeAction::Kind::None)
    action = patient;
  if (!result) {
    ImGui::Spacing();
    ImGui::BeginDisabled(model.submitPending());  // submitted, scored when the solver is ready
    if (ImGui::Button("Submit", ImVec2(font * 8.0f, 0))) action.kind = PracticeAction::Kind::Submit;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Export attempt")) action.kind = PracticeAction::Kind::Export;
  } else {
    action = drawResult(model);
  }
  if (!model.notice().empty()) {
    ImGui::PushTextWrapPos(font * 28.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(model.notice().c_str());  // not "%s": ImGui cuts formatted text at 3 KB
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
  return action;
}

void drawProgressWindow(bool& open, const std::vector<ProgressHistory>& history, bool hasStore,
                        const std::string& trainee, const Scenario* current) {
  if (!open) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36.0f, 0.0f), ImGuiCond_Appearing);
  ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 26.0f, 0.0f),
                                      ImVec2(viewport->Size.x * 0.9f, viewport->Size.y * 0.85f));
  if (!ImGui::Begin("Progress", &open, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  if (!trainee.empty()) ImGui::TextDisabled("Submitted attempts on this computer (trainee %s)", trainee.c_str());
  if (!hasStore)
    ImGui::TextDisabled("No progress database (see the message at start-up).");
  else if (history.empty())
    ImGui::TextDisabled("No submitted attempts yet.");
  for (const ProgressHistory& h : history) {
    const ScenarioProgress& s = h.summary;
    ImGui::PushID(s.scenarioId.c_str());
    const bool isCurrent = current && current->id == s.scenarioId;
    if (ImGui::CollapsingHeader(s.scenarioTitle.c_str(), isCurrent ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
      drawScenarioProgress(h);
    } else {
      ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 9.0f);
      ImGui::TextDisabled("%zu attempts, best %.0f", s.attempts, s.bestScore);
    }
    ImGui::PopID();
  }
  ImGui::End();
}

}  // namespace mesomap::app
