#include "app/class_panel.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/base/error.h"
#include "core/body/patient_parameters.h"

namespace mesomap::app {

namespace {

const ImVec4 kPassColor(0.0f, 0.48f, 0.34f, 1.0f);
const ImVec4 kFailColor(0.70f, 0.28f, 0.0f, 1.0f);
const char* const kModeNames[] = {"Guided", "Practice", "Exam"};

std::string scenarioName(const std::vector<LibraryEntry>& library, const std::string& scenarioId) {
  const size_t i = libraryIndexOf(library, scenarioId);
  return i < library.size() ? library[i].scenario.title : scenarioId;
}

// "female, 70 years, BMI 34" for a patient text mesomap reads; the text itself otherwise.
std::string patientName(const std::string& spec) {
  if (spec.empty()) return "-";
  try {
    return describePatient(parsePatient(spec));
  } catch (const Error&) {
    return spec;
  }
}

void cell(const std::string& text) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(text.c_str());
}

std::string allowedText(const Assignment& a) {
  return a.attemptsAllowed > 0 ? std::to_string(a.attemptsAllowed) : "any";
}

// The signed-in trainee's assignments: attempts left, best score, and Start.
ClassAction drawOwnAssignments(const ClassView& view, const std::vector<LibraryEntry>& library,
                               const std::string& trainee) {
  ClassAction action;
  const auto row = std::find_if(view.trainees.begin(), view.trainees.end(),
                                [&](const TraineeRow& t) { return t.trainee == trainee; });
  if (row == view.trainees.end()) {
    ImGui::TextDisabled("%s is not a trainee of this class.", trainee.c_str());
    return action;
  }
  if (view.assignments.empty()) ImGui::TextDisabled("Nothing assigned yet.");
  if (view.assignments.empty() || !ImGui::BeginTable("own", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit))
    return action;
  for (const char* h : {"", "Scenario", "Mode", "Attempts left", "Deadline", "Patient"}) ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < view.assignments.size(); ++i) {
    const Assignment& a = view.assignments[i];
    const AssignmentProgress& p = row->cells[i];
    const int left = attemptsLeft(a, p);
    ImGui::PushID(int(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const size_t index = libraryIndexOf(library, a.scenarioId);
    ImGui::BeginDisabled(index >= library.size() || left == 0);
    if (ImGui::SmallButton("Start")) action = {ClassAction::Kind::Start, index, a.mode, a.patient, {}};
    ImGui::EndDisabled();
    if (index >= library.size() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("'%s' is in none of your scenario folders", a.scenarioId.c_str());
    cell(scenarioName(library, a.scenarioId));
    cell(kModeNames[int(a.mode)]);
    ImGui::TableNextColumn();
    if (left < 0)
      ImGui::Text("any (%zu used)", p.attemptsUsed);
    else
      ImGui::Text("%d of %d", left, a.attemptsAllowed);
    if (p.attemptsUsed > 0) {
      ImGui::SameLine();
      ImGui::TextColored(p.passed ? kPassColor : kFailColor, "best %.0f", p.bestScore);
    }
    if (p.late > 0) {
      ImGui::SameLine();
      ImGui::TextColored(kFailColor, "%zu late", p.late);
    }
    cell(a.deadline.empty() ? "-" : a.deadline);
    cell(patientName(a.patient));
    ImGui::PopID();
  }
  ImGui::EndTable();
  return action;
}

void drawAssignments(const ClassView& view, const std::vector<LibraryEntry>& library) {
  if (view.assignments.empty()) {
    ImGui::TextDisabled("Nothing assigned yet (`mesomap class assign`).");
    return;
  }
  if (!ImGui::BeginTable("assignments", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) return;
  for (const char* h : {"Scenario", "Mode", "Attempts allowed", "Deadline", "Patient"}) ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const Assignment& a : view.assignments) {
    ImGui::TableNextRow();
    cell(scenarioName(library, a.scenarioId));
    cell(kModeNames[int(a.mode)]);
    cell(allowedText(a));
    cell(a.deadline.empty() ? "-" : a.deadline);
    cell(patientName(a.patient));
  }
  ImGui::EndTable();
}

// Trainee x assignment: attempts used of allowed and the best score (teal passed, orange not),
// then the trainee's scores over time.
void drawWhoHasDoneWhat(const ClassView& view, const std::vector<LibraryEntry>& library) {
  if (view.trainees.empty()) {
    ImGui::TextDisabled("No trainee in this class yet.");
    return;
  }
  const int columns = int(view.assignments.size()) + 2;
  // Scrolls sideways past a few assignments; as tall as its rows (a plot each), up to a limit.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float font = ImGui::GetFontSize(), row = font * 1.6f + style.CellPadding.y * 2.0f;
  const float height = std::min(
      row * float(view.trainees.size()) + font + style.CellPadding.y * 2.0f + style.ScrollbarSize + style.ItemSpacing.y,
      font * 18.0f);
  if (!ImGui::BeginTable(
          "done", columns,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY,
          ImVec2(0, height)))
    return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Trainee");
  for (const Assignment& a : view.assignments)
    ImGui::TableSetupColumn((scenarioName(library, a.scenarioId) + " (" + toString(a.mode) + ")").c_str());
  ImGui::TableSetupColumn("Scores over time");
  ImGui::TableHeadersRow();
  for (const TraineeRow& t : view.trainees) {
    ImGui::PushID(t.trainee.c_str());
    ImGui::TableNextRow();
    cell(t.trainee);
    for (size_t i = 0; i < t.cells.size(); ++i) {
      const AssignmentProgress& p = t.cells[i];
      ImGui::TableNextColumn();
      if (p.attemptsUsed == 0) {
        ImGui::TextDisabled(
            "%s", view.assignments[i].attemptsAllowed > 0 ? ("0/" + allowedText(view.assignments[i])).c_str() : "-");
        continue;
      }
      ImGui::Text("%zu/%s", p.attemptsUsed, allowedText(view.assignments[i]).c_str());
      ImGui::SameLine();
      ImGui::TextColored(p.passed ? kPassColor : kFailColor, "%.0f%s", p.bestScore, p.passed ? " passed" : "");
      if (p.late > 0) {
        ImGui::SameLine();
        ImGui::TextColored(kFailColor, "%zu late", p.late);
      }
    }
    ImGui::TableNextColumn();
    if (t.scores.size() >= 2) {
      // The line in the accent colour (the theme's plot colour is faint on the light frame).
      ImGui::PushStyleColor(ImGuiCol_PlotLines, ImVec4(0.0f, 0.45f, 0.70f, 1.0f));
      ImGui::PlotLines("##scores", t.scores.data(), int(t.scores.size()), 0, nullptr, 0.0f, 100.0f,
                       ImVec2(font * 10.0f, font * 1.6f));
      ImGui::PopStyleColor();
      ImGui::SameLine();
      ImGui::TextDisabled("mean %.0f", t.meanScore);
    } else {
      if (t.scores.empty())
        ImGui::TextDisabled("no attempt");
      else
        ImGui::TextDisabled("one attempt: %.0f", double(t.scores[0]));
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void drawWeakest(const ClassView& view, const std::vector<LibraryEntry>& library) {
  if (view.weakest.empty()) {
    ImGui::TextDisabled("No attempt yet.");
    return;
  }
  for (const WeakComponent& w : view.weakest) {
    ImGui::Bullet();
    const size_t i = libraryIndexOf(library, w.scenarioId);
    ImGui::Text("%s: %s", (i < library.size() ? library[i].scenario.title : w.scenarioTitle).c_str(),
                w.component.c_str());
    ImGui::SameLine();
    ImGui::TextColored(w.score >= 0.7 ? kPassColor : kFailColor, "%.0f %%", 100.0 * w.score);
  }
}

// The class's name and store, Refresh, another class to choose, and why the last read failed.
ClassAction drawHeader(const ClassModel& model) {
  ClassAction action;
  const std::optional<ClassView>& view = model.view();
  if (view) {
    ImGui::Text("%s", view->info.title.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(%s) on %s", view->info.id.c_str(), view->source.c_str());
  }
  if (ImGui::Button("Refresh")) action.kind = ClassAction::Kind::Refresh;
  if (view && view->classes.size() > 1) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    if (ImGui::BeginCombo("Class", view->info.id.c_str())) {
      for (const ClassInfo& c : view->classes)
        if (ImGui::Selectable((c.id + "  " + c.title).c_str(), c.id == view->info.id))
          action = {ClassAction::Kind::ChooseClass, 0, AttemptMode::Practice, {}, c.id};
      ImGui::EndCombo();
    }
  }
  ImGui::SameLine();
  if (model.loading())
    ImGui::TextDisabled(model.onServer() ? "Asking the class server..." : "Reading...");
  else if (view)
    ImGui::TextDisabled("%zu attempts", view->attemptCount);
  if (model.queued() > 0) ImGui::TextDisabled("%zu submission(s) of this computer wait to be sent.", model.queued());
  // What the class refused stays said until someone deals with the queue's refused/ folder.
  for (const OfflineQueue::Refused& r : model.refused()) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
    ImGui::TextColored(kFailColor, "Not taken by the class: %s submitted %s: %s",
                       r.scenarioId.empty() ? r.uid.c_str() : r.scenarioId.c_str(), r.submittedAt.c_str(),
                       r.reason.c_str());
    ImGui::PopTextWrapPos();
  }
  if (!model.message().empty()) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
    ImGui::TextColored(kFailColor, "%s", model.message().c_str());
    ImGui::PopTextWrapPos();
  }
  return action;
}

}  // namespace

size_t libraryIndexOf(const std::vector<LibraryEntry>& library, const std::string& scenarioId) {
  const auto it =
      std::find_if(library.begin(), library.end(), [&](const LibraryEntry& e) { return e.scenario.id == scenarioId; });
  return size_t(it - library.begin());
}

ClassAction drawClassWindow(bool& open, const ClassModel& model, const std::vector<LibraryEntry>& library,
                            const std::string& trainee) {
  ClassAction action;
  if (!open) return action;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float font = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(
      ImVec2(std::min(font * 56.0f, viewport->Size.x * 0.9f), std::min(font * 44.0f, viewport->Size.y * 0.85f)),
      ImGuiCond_Appearing);
  if (!ImGui::Begin("Class", &open)) {
    ImGui::End();
    return action;
  }
  action = drawHeader(model);
  const std::optional<ClassView>& view = model.view();
  if (!view) {
    if (model.loading() || !model.loadedOnce()) ImGui::TextDisabled("Reading the class...");
    ImGui::End();
    return action;
  }
  if (!trainee.empty() &&
      ImGui::CollapsingHeader(("Your assignments (" + trainee + ")").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
    if (ClassAction own = drawOwnAssignments(*view, library, trainee); own.kind != ClassAction::Kind::None)
      action = own;
  if (ImGui::CollapsingHeader("Assignments", ImGuiTreeNodeFlags_DefaultOpen)) drawAssignments(*view, library);
  if (ImGui::CollapsingHeader("Who has done what", ImGuiTreeNodeFlags_DefaultOpen)) drawWhoHasDoneWhat(*view, library);
  if (ImGui::CollapsingHeader("Weakest components", ImGuiTreeNodeFlags_DefaultOpen)) drawWeakest(*view, library);
  ImGui::End();
  return action;
}

}  // namespace mesomap::app
