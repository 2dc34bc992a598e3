// The scenario builder's windows: the toolbar and tool choice, the five tabs (details,
// landmarks, points, zones, rules), the validation list and the file dialogs. Every edit made
// here is a command on the document (ScenarioBuilder::execute).
#include <cmath>
#include <regex>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/scenario_builder.h"
#include "app/widgets.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/protocol/scenario_geometry.h"
#include "core/scoring/scoring.h"

namespace mesomap::app {

namespace {

const char* kTabNames[] = {"Details", "Landmarks", "Points", "Zones", "Rules"};

// A titled section (ImGui 1.86 has no SeparatorText).
void sectionHeading(const char* text) {
  ImGui::Spacing();
  ImGui::TextColored(ImVec4(0.05f, 0.40f, 0.45f, 1.0f), "%s", text);
  ImGui::Separator();
}

const char* kindName(ZoneKind kind) { return kind == ZoneKind::Target ? "target" : "no-go"; }

bool rangeEditor(const char* label, ValueRange& range, float speed, float lo, float hi, const char* format) {
  float values[2] = {float(range.min), float(range.max)};
  if (!ImGui::DragFloat2(label, values, speed, lo, hi, format)) return false;
  // Whole tenths (or thousandths for volumes) are what an author means; floats are not.
  const double scale = speed < 0.01f ? 1000.0 : 10.0;
  range.min = std::round(double(values[0]) * scale) / scale;
  range.max = std::round(double(values[1]) * scale) / scale;
  return true;
}

bool optionalRangeEditor(const char* label, std::optional<ValueRange>& range, const ValueRange& fallback, float speed,
                         float lo, float hi, const char* format) {
  bool on = range.has_value();
  bool changed = false;
  ImGui::PushID(label);
  if (ImGui::Checkbox("##on", &on)) {
    range = on ? std::optional<ValueRange>(fallback) : std::nullopt;
    changed = true;
  }
  ImGui::SameLine();
  if (range) {
    changed |= rangeEditor(label, *range, speed, lo, hi, format);
  } else {
    ImGui::TextDisabled("%s: any", label);
  }
  ImGui::PopID();
  return changed;
}

}  // namespace

void ScenarioBuilder::draw(float top, std::string& notice) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + 10, top + 10), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(450, viewport->Size.y - top - 60), ImGuiCond_Appearing);
  std::string title = "Scenario builder - " + (model_.path().empty() ? std::string("unsaved") : model_.path().filename().string()) +
                      (dirty() ? " *" : "") + "###builder";
  if (ImGui::Begin(title.c_str())) {
    drawToolbar(notice);
    if (ImGui::BeginTabBar("builder tabs")) {
      for (int t = 0; t < kTabCount; ++t) {
        const ImGuiTabItemFlags flags = tab_ == t ? ImGuiTabItemFlags_SetSelected : 0;
        if (!ImGui::BeginTabItem(kTabNames[t], nullptr, flags)) continue;
        switch (t) {
          case kDetailsTab: drawDetails(); break;
          case kLandmarksTab: drawLandmarks(); break;
          case kPointsTab: drawPoints(notice); break;
          case kZonesTab: drawZones(notice); break;
          case kRulesTab: drawRules(); break;
        }
        ImGui::EndTabItem();
      }
      tab_ = -1;
      ImGui::EndTabBar();
    }
  }
  ImGui::End();
  drawValidation();
}

void ScenarioBuilder::drawToolbar(std::string& notice) {
  drawFileButtons();
  drawToolChoice();
  if (!model_.message().empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.1f, 0.45f, 0.2f, 1.0f));
    ImGui::TextUnformatted(model_.message().c_str());  // not "%s": ImGui cuts formatted text at 3 KB
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
  (void)notice;
  ImGui::Separator();
}

// New, Open, Save, Try it, Markups, undo/redo and Duplicate.
void ScenarioBuilder::drawFileButtons() {
  if (ImGui::Button("New")) newScenario();
  ImGui::SameLine();
  if (ImGui::Button("Open...")) openBrowser_.open(model_.path().empty() ? model_.libraryDirectory() : model_.path().parent_path(), {".json"});
  ImGui::SameLine();
  if (ImGui::Button("Save")) save();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+S");
  ImGui::SameLine();
  if (ImGui::Button("Save As...")) openSaveAs();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+Shift+S");
  ImGui::SameLine();
  if (ImGui::Button("Try it")) {
    if (scenario().points.empty()) {
      model_.setMessage("Add reference points first: practice scores against them.");
    } else {
      tryRequest_ = model_.scenarioToTry();
      model_.autosave(true);  // the session may open the autosave: it must be current
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open this scenario in practice mode; Builder > Back to the builder returns");
  ImGui::SameLine();
  if (ImGui::Button("Markups")) exportMarkups();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Export landmarks and points as 3D Slicer markups (.mrk.json)");

  ImGui::BeginDisabled(!model_.history().canUndo());
  if (ImGui::SmallButton("Undo")) model_.history().undo(model_.document());
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Ctrl+Z  %s", model_.history().undoLabel().c_str());
  ImGui::SameLine();
  ImGui::BeginDisabled(!model_.history().canRedo());
  if (ImGui::SmallButton("Redo")) model_.history().redo(model_.document());
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Ctrl+Shift+Z  %s", model_.history().redoLabel().c_str());
  ImGui::SameLine();
  if (ImGui::BeginCombo("##duplicate", "Duplicate from library", ImGuiComboFlags_NoArrowButton)) {
    for (const auto& [file, s, source] : model_.library())
      if (ImGui::Selectable(s.title.c_str())) duplicate(s);
    ImGui::EndCombo();
  }
}

// The tool, its hint, and what it needs (brush radius and kind, technique and anchor).
void ScenarioBuilder::drawToolChoice() {
  sectionHeading("Tool");
  const struct { Tool tool; const char* label; const char* key; } tools[] = {
      {Tool::Select, "Select", "V"}, {Tool::AddPoint, "Point", "P"}, {Tool::AddLandmark, "Landmark", "L"},
      {Tool::Paint, "Paint", "B"}, {Tool::Erase, "Erase", "E"}};
  for (const auto& t : tools) {
    if (t.tool != Tool::Select) ImGui::SameLine();
    if (ImGui::RadioButton(t.label, tool_ == t.tool)) {
      tool_ = t.tool;
      ++uiRevision_;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Key %s", t.key);
  }
  const char* hint = "";
  switch (tool_) {
    case Tool::Select: hint = "Click a landmark, point or zone centre to select it (Ctrl+click: several points); drag to move it."; break;
    case Tool::AddPoint: hint = "Click the skin to add a reference point."; break;
    case Tool::AddLandmark: hint = "Click the skin to place a new landmark."; break;
    case Tool::MoveLandmark: hint = "Click the skin where the selected landmark belongs."; break;
    case Tool::Paint: hint = "Drag on the skin to paint the selected zone (no zone selected: a new one). [ ] change the radius."; break;
    case Tool::Erase: hint = "Drag on the skin to erase from the selected zone. [ ] change the radius."; break;
  }
  ImGui::TextDisabled("%s", hint);
  if (tool_ == Tool::Paint || tool_ == Tool::Erase) {
    ImGui::SetNextItemWidth(160);
    ImGui::SliderFloat("Brush radius", &brushRadiusMm_, float(kMinBrushRadiusMm), float(kMaxBrushRadiusMm), "%.0f mm",
                       ImGuiSliderFlags_Logarithmic);
    if (tool_ == Tool::Paint) {
      ImGui::SameLine();
      int kind = newZoneKind_ == ZoneKind::Target ? 0 : 1;
      ImGui::SetNextItemWidth(110);
      if (ImGui::Combo("New zones", &kind, "target\0no-go\0")) newZoneKind_ = kind ? ZoneKind::NoGo : ZoneKind::Target;
    }
  }
  if (tool_ == Tool::AddPoint) {
    int t = int(newPointTechnique_);
    ImGui::SetNextItemWidth(90);
    if (ImGui::Combo("Technique", &t, "IED\0IDS\0IDP\0NAP\0")) newPointTechnique_ = Technique(t);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    if (ImGui::BeginCombo("From", anchorLandmark_.empty() ? "the skin (absolute)" : anchorLandmark_.c_str())) {
      if (ImGui::Selectable("the skin (absolute)", anchorLandmark_.empty())) anchorLandmark_.clear();
      for (const Landmark& l : landmarksInUse(scenario()))
        if (ImGui::Selectable(l.id.c_str(), anchorLandmark_ == l.id)) anchorLandmark_ = l.id;
      for (const Landmark& l : model_.bodyLandmarks())
        if (ImGui::Selectable((l.id + "##body").c_str(), anchorLandmark_ == l.id)) anchorLandmark_ = l.id;
      ImGui::EndCombo();
    }
  }
}

void ScenarioBuilder::drawDetails() {
  Scenario s = scenario();
  bool changed = false;
  ImGui::PushItemWidth(-110);
  changed |= ImGui::InputText("Id", &s.id);
  changed |= ImGui::InputText("Title", &s.title);
  changed |= ImGui::InputText("Indication", &s.indication);
  changed |= ImGui::InputTextMultiline("Description", &s.description, ImVec2(0, 80));
  int position = int(s.patientPosition);
  if (ImGui::Combo("Patient position", &position, "prone\0supine\0sitting\0standing\0")) {
    s.patientPosition = PatientPosition(position);
    changed = true;
  }
  changed |= ImGui::InputText("Schedule", &s.schedule);
  changed |= ImGui::InputText("Author", &s.author);
  ImGui::PopItemWidth();
  sectionHeading("Sources");
  ImGui::TextDisabled("Cite each figure; say which are defaults chosen without a source.");
  for (size_t i = 0; i < s.sources.size(); ++i) {
    ImGui::PushID(int(i));
    ImGui::SetNextItemWidth(-30);
    changed |= ImGui::InputText("##source", &s.sources[i]);
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
      s.sources.erase(s.sources.begin() + std::ptrdiff_t(i));
      changed = true;
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton("Add source")) {
    s.sources.push_back("");
    changed = true;
  }
  sectionHeading("Body");
  ImGui::TextDisabled("%s", s.body.model == "default" ? "default body (MakeHuman, assimp-testmodels)" : s.body.model.c_str());
  if (changed) execute(editScenarioCommand("Edit details", [s](Scenario& target) {
      const auto landmarks = target.bodyLandmarks;
      target = s;
      target.bodyLandmarks = landmarks;
    }, "details"));
}

void ScenarioBuilder::drawLandmarks() {
  const Scenario& s = scenario();
  if (ImGui::Button("Add landmark on the body")) tool_ = Tool::AddLandmark;
  ImGui::SameLine();
  ImGui::BeginDisabled(selection_.kind != Kind::Landmark);
  if (ImGui::Button("Set selected on the body")) tool_ = Tool::MoveLandmark;
  ImGui::EndDisabled();
  if (ImGui::BeginTable("landmarks", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (size_t i = 0; i < s.landmarks.size(); ++i) {
      const Landmark& l = s.landmarks[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool selected = selection_.kind == Kind::Landmark && selection_.index == i;
      if (ImGui::Selectable((l.id + "##lm" + std::to_string(i)).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        select(Kind::Landmark, i);
        for (const Resolved& r : model_.resolved())
          if (r.kind == Kind::Landmark && r.index == i) focus_ = r.position;
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%.0f, %.0f, %.0f", l.positionMm.x, l.positionMm.y, l.positionMm.z);
    }
    ImGui::EndTable();
  }
  if (selection_.kind == Kind::Landmark && selection_.index < s.landmarks.size()) {
    Landmark l = s.landmarks[selection_.index];
    sectionHeading("Selected landmark");
    bool changed = ImGui::InputText("Id##landmark", &l.id);
    changed |= ImGui::InputText("Name##landmark", &l.name);
    if (changed)
      execute(editScenarioCommand("Edit landmark", [i = selection_.index, l](Scenario& target) {
        if (i < target.landmarks.size()) target.landmarks[i] = l;
      }, "landmark-" + std::to_string(selection_.index)));
    if (ImGui::Button("Delete landmark")) {
      execute(removeLandmarkCommand(selection_.index));
      selection_ = {};
    }
  }
  if (ImGui::CollapsingHeader("Standard landmarks of this body")) {
    ImGui::TextDisabled("Points and zones may be placed from these without declaring them.");
    for (const Landmark& l : model_.bodyLandmarks()) ImGui::BulletText("%s  (%s)", l.id.c_str(), l.name.c_str());
  }
}

void ScenarioBuilder::drawPlacementEditor(SurfacePlacement& placement, const char* what, bool& changed) {
  int mode = placement.positionMm ? 0 : 1;
  ImGui::PushID(what);
  if (ImGui::RadioButton("On the skin", mode == 0) && mode != 0) {
    // Keep the point where it is now, as an absolute position.
    if (model_.body())
      if (auto r = resolvePlacement(scenario(), placement, model_.body()->skin())) placement = {toFileMm(r->frame.position), "", 0, 0};
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::RadioButton("From a landmark", mode == 1) && mode != 1) {
    const std::vector<Landmark> known = landmarksInUse(scenario());
    const std::string anchor = !known.empty() ? known.front().id : !model_.bodyLandmarks().empty() ? model_.bodyLandmarks().front().id : "";
    if (auto relative = model_.body() ? placementFromLandmark(scenario(), anchor, *placement.positionMm, model_.body()->skin()) : std::nullopt)
      placement = *relative;
    changed = true;
  }
  if (placement.positionMm) {
    ImGui::TextDisabled("at %.1f, %.1f, %.1f mm (drag it on the body to move)", placement.positionMm->x,
                        placement.positionMm->y, placement.positionMm->z);
  } else {
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("Landmark", placement.landmark.c_str())) {
      auto offer = [&](const Landmark& l) {
        if (!ImGui::Selectable(l.id.c_str(), placement.landmark == l.id)) return;
        glm::dvec3 where{0.0};
        auto r = model_.body() ? resolvePlacement(scenario(), placement, model_.body()->skin()) : std::nullopt;
        if (r) where = glm::dvec3(r->frame.position) * 1000.0;
        // The point stays where it is; its offsets are measured from the new landmark.
        if (auto relative = r ? placementFromLandmark(scenario(), l.id, where, model_.body()->skin()) : std::nullopt)
          placement = *relative;
        else
          placement.landmark = l.id;
        changed = true;
      };
      for (const Landmark& l : scenario().landmarks) offer(l);
      for (const Landmark& l : model_.bodyLandmarks()) offer(l);
      ImGui::EndCombo();
    }
    float offsets[2] = {float(placement.cranialMm), float(placement.lateralMm)};
    ImGui::SetNextItemWidth(220);
    if (ImGui::DragFloat2("cranial, lateral mm", offsets, 0.5f, -300.0f, 300.0f, "%.0f")) {
      placement.cranialMm = std::round(offsets[0]);
      placement.lateralMm = std::round(offsets[1]);
      changed = true;
    }
  }
  ImGui::PopID();
}

void ScenarioBuilder::drawPoints(std::string& notice) {
  const Scenario& s = scenario();
  if (ImGui::Button("Add on the body")) tool_ = Tool::AddPoint;
  ImGui::SameLine();
  ImGui::BeginDisabled(selectedPoints_.empty());
  if (ImGui::Button("Mirror selected to the other side")) {
    std::vector<Problem> problems;
    execute(mirrorPointsCommand(s, {selectedPoints_.begin(), selectedPoints_.end()}, &problems));
    model_.history().endGesture();
    model_.setMessage(problems.empty() ? "Mirrored " + std::to_string(selectedPoints_.size()) + " points."
                                : formatProblem("mirror", problems.front()));
  }
  ImGui::SameLine();
  if (ImGui::Button("Delete")) {
    execute(removePointsCommand({selectedPoints_.begin(), selectedPoints_.end()}));
    model_.history().endGesture();
    selectedPoints_.clear();
    selection_ = {};
  }
  ImGui::EndDisabled();
  if (ImGui::BeginTable("points", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                        ImVec2(0, 150))) {
    for (size_t i = 0; i < s.points.size(); ++i) {
      const ReferencePoint& p = s.points[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable((p.id + "##pt" + std::to_string(i)).c_str(), selectedPoints_.count(i) > 0,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        select(Kind::Point, i, ImGui::GetIO().KeyCtrl);
        for (const Resolved& r : model_.resolved())
          if (r.kind == Kind::Point && r.index == i) focus_ = r.position;
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(presetFor(p.technique).code);
      ImGui::TableNextColumn();
      ImGui::Text("%.0f-%.0f deg", p.angleDeg.min, p.angleDeg.max);
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", p.placement.positionMm ? "on skin" : p.placement.landmark.c_str());
    }
    ImGui::EndTable();
  }
  if (selection_.kind != Kind::Point || selection_.index >= s.points.size()) {
    ImGui::TextDisabled("Select a point to edit its windows (Ctrl+click to select several).");
    return;
  }
  ReferencePoint p = s.points[selection_.index];
  bool changed = false;
  sectionHeading(("Point " + p.id).c_str());
  ImGui::PushItemWidth(220);
  changed |= ImGui::InputText("Id##point", &p.id);
  drawPlacementEditor(p.placement, "point placement", changed);
  int technique = int(p.technique);
  if (ImGui::Combo("Technique", &technique, "IED (intraepidermal)\0IDS (superficial)\0IDP (deep)\0NAP (nappage)\0")) {
    // The technique's windows come with it (technique.h); the author narrows them after.
    const ReferencePoint preset = referencePointFor(Technique(technique), p.id, p.placement);
    p.technique = preset.technique;
    p.angleDeg = preset.angleDeg;
    p.depthMm = preset.depthMm;
    p.targetLayer = preset.targetLayer;
    changed = true;
  }
  changed |= rangeEditor("Angle deg", p.angleDeg, 0.5f, 0.0f, 90.0f, "%.0f");
  changed |= optionalRangeEditor("Azimuth deg", p.azimuthDeg, {0, 45}, 1.0f, 0.0f, 360.0f, "%.0f");
  changed |= optionalRangeEditor("Depth mm", p.depthMm, {1, 2}, 0.05f, 0.0f, 30.0f, "%.1f");
  int layer = p.targetLayer ? int(*p.targetLayer) + 1 : 0;
  if (ImGui::Combo("Target layer", &layer, "none (depth window)\0epidermis\0dermis\0subcutaneous fat\0muscle\0bone\0")) {
    p.targetLayer = layer ? std::optional<TissueLayer>(TissueLayer(layer - 1)) : std::nullopt;
    changed = true;
  }
  changed |= rangeEditor("Volume mL", p.volumeMl, 0.005f, 0.0f, 5.0f, "%.3f");
  changed |= needleCombo("Needle", p.needle);
  float tolerance = float(p.toleranceMm);
  if (ImGui::DragFloat("Tolerance mm", &tolerance, 0.5f, 1.0f, 100.0f, "%.0f")) {
    p.toleranceMm = std::round(tolerance);
    changed = true;
  }
  ImGui::PopItemWidth();
  ImGui::TextDisabled("Tolerance: how far a trainee's point may be and still match this one.");
  if (changed) execute(setPointCommand(selection_.index, p));
  (void)notice;
}

void ScenarioBuilder::drawZones(std::string& notice) {
  const Scenario& s = scenario();
  if (ImGui::Button("Paint a new target zone")) {
    selection_ = {};
    newZoneKind_ = ZoneKind::Target;
    tool_ = Tool::Paint;
  }
  ImGui::SameLine();
  if (ImGui::Button("Paint a new no-go zone")) {
    selection_ = {};
    newZoneKind_ = ZoneKind::NoGo;
    tool_ = Tool::Paint;
  }
  for (size_t i = 0; i < s.zones.size(); ++i) {
    const Zone& z = s.zones[i];
    const bool selected = selection_.kind == Kind::Zone && selection_.index == i;
    const std::string label = z.id + "  (" + kindName(z.kind) + ", " + std::to_string(z.brush.size()) + " brush dabs)##zone" +
                              std::to_string(i);
    if (ImGui::Selectable(label.c_str(), selected)) {
      select(Kind::Zone, i);
      for (const Resolved& r : model_.resolved())
        if (r.kind == Kind::Zone && r.index == i) focus_ = r.position;
    }
  }
  if (selection_.kind != Kind::Zone || selection_.index >= s.zones.size()) {
    ImGui::TextDisabled("Select a zone to edit it, or paint a new one.");
    return;
  }
  Zone z = s.zones[selection_.index];
  bool changed = false;
  sectionHeading(("Zone " + z.id).c_str());
  ImGui::PushItemWidth(220);
  changed |= ImGui::InputText("Id##zone", &z.id);
  changed |= ImGui::InputText("Name##zone", &z.name);
  int kind = z.kind == ZoneKind::Target ? 0 : 1;
  if (ImGui::Combo("Kind", &kind, "target\0no-go\0")) {
    z.kind = kind ? ZoneKind::NoGo : ZoneKind::Target;
    changed = true;
  }
  if (z.kind == ZoneKind::NoGo) changed |= ImGui::InputText("Reason", &z.reason);
  drawPlacementEditor(z.centre, "zone centre", changed);
  float radius = float(z.radiusMm);
  if (ImGui::DragFloat("Disc radius mm", &radius, 0.5f, 1.0f, 500.0f, "%.0f")) {
    z.radiusMm = std::round(radius);
    changed = true;
  }
  if (z.kind == ZoneKind::Target) {
    float coverage = float(z.coverageRadiusMm);
    if (ImGui::DragFloat("Coverage radius mm", &coverage, 0.5f, 1.0f, 200.0f, "%.0f")) {
      z.coverageRadiusMm = std::round(coverage);
      changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Skin within this distance of a trainee's point counts as covered");
  }
  ImGui::PopItemWidth();
  ImGui::Text("%zu brush dabs", z.brush.size());
  ImGui::SameLine();
  if (ImGui::SmallButton("Paint")) tool_ = Tool::Paint;
  ImGui::SameLine();
  if (ImGui::SmallButton("Erase")) tool_ = Tool::Erase;
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear brush") && !z.brush.empty()) {
    z.brush.clear();
    changed = true;
  }
  if (changed) execute(setZoneCommand(selection_.index, z));
  if (ImGui::Button("Mirror to the other side")) {
    std::vector<Problem> problems;
    execute(mirrorZoneCommand(s, selection_.index, &problems));
    model_.history().endGesture();
    model_.setMessage(problems.empty() ? "Mirrored zone " + z.id + "." : formatProblem("mirror", problems.front()));
  }
  ImGui::SameLine();
  if (ImGui::Button("Delete zone")) {
    execute(removeZoneCommand(selection_.index));
    model_.history().endGesture();
    selection_ = {};
  }
  (void)notice;
}

void ScenarioBuilder::drawRules() {
  const Scenario& s = scenario();
  PatternRules pattern = s.pattern;
  bool patternChanged = false;
  sectionHeading("Pattern");
  ImGui::PushItemWidth(200);
  patternChanged |= optionalRangeEditor("Point count", pattern.pointCount, {1, 10}, 0.1f, 0.0f, 200.0f, "%.0f");
  if (pattern.pointCount) {
    pattern.pointCount->min = std::round(pattern.pointCount->min);
    pattern.pointCount->max = std::round(pattern.pointCount->max);
  }
  patternChanged |= optionalRangeEditor("Spacing mm", pattern.spacingMm, {15, 30}, 0.5f, 0.0f, 300.0f, "%.0f");
  patternChanged |= optionalRangeEditor("Total volume mL", pattern.totalVolumeMl, {0.5, 1.5}, 0.005f, 0.0f, 50.0f, "%.2f");
  if (patternChanged) execute(setPatternCommand(pattern));

  ScoringRules rules = s.scoring;
  bool rulesChanged = false;
  sectionHeading("Scoring");
  ImGui::TextDisabled("Weights are relative; components left at their defaults are not written.");
  for (const ComponentInfo& c : kScoreComponents) {
    auto it = rules.weights.find(c.name);
    float weight = float(it != rules.weights.end() ? it->second : c.defaultWeight);
    if (ImGui::SliderFloat(c.name, &weight, 0.0f, 100.0f, "%.0f")) {
      rules.weights[c.name] = std::round(weight);
      rulesChanged = true;
    }
  }
  float pass = float(rules.passMark);
  if (ImGui::SliderFloat("Pass mark", &pass, 0.0f, 100.0f, "%.0f")) {
    rules.passMark = std::round(pass);
    rulesChanged = true;
  }
  ImGui::PopItemWidth();
  if (rulesChanged) execute(setScoringRulesCommand(rules));
}

void ScenarioBuilder::drawValidation() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - 10, viewport->Pos.y + viewport->Size.y - 50),
                          ImGuiCond_Appearing, ImVec2(1.0f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(520, 220), ImGuiCond_Appearing);
  if (ImGui::Begin("Validation")) {
    if (!validationCurrent()) {
      ImGui::TextDisabled("Checking...");
    } else if (model_.problems().empty()) {
      ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.2f, 1.0f), "No problems: mesomap validate accepts this scenario.");
    } else {
      ImGui::Text("%zu problems (as mesomap validate reports them); click one to select it:", model_.problems().size());
    }
    const std::string source = model_.path().empty() ? "unsaved" : model_.path().filename().string();
    // Selectable lines that wrap (ImGui's Selectable does not): an empty selectable as tall as
    // the wrapped text, with the text drawn over it.
    const float width = ImGui::GetContentRegionAvail().x;
    for (size_t i = 0; i < model_.problems().size(); ++i) {
      const std::string line = formatProblem(source, model_.problems()[i]);
      const ImVec2 size = ImGui::CalcTextSize(line.c_str(), nullptr, false, width);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable(("##problem" + std::to_string(i)).c_str(), false, 0, ImVec2(width, size.y)))
        selectProblem(model_.problems()[i]);
      ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at,
                                          ImGui::GetColorU32(ImGuiCol_Text), line.c_str(), nullptr, width);
    }
  }
  ImGui::End();
}

void ScenarioBuilder::drawDialogs(std::string& notice, bool confirmPressed, bool cancelPressed) {
  if (auto chosen = openBrowser_.draw("Open scenario", cancelPressed)) openFile(*chosen);

  if (saveAsOpen_ && !ImGui::IsPopupOpen("Save scenario as")) ImGui::OpenPopup("Save scenario as");
  if (ImGui::BeginPopupModal("Save scenario as", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("File (.json); the folder is created if needed:");
    ImGui::SetNextItemWidth(520);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##path", &saveAsPath_, ImGuiInputTextFlags_EnterReturnsTrue);
    if (!saveAsProblem_.empty()) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1.0f), "%s", saveAsProblem_.c_str());
    if (ImGui::Button("Save", ImVec2(120, 0)) || entered || confirmPressed) {
      if (saveTo(saveAsPath_)) {
        saveAsOpen_ = false;
        notice = model_.message();
        ImGui::CloseCurrentPopup();
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(120, 0)) || cancelPressed) {
      saveAsOpen_ = false;
      afterSave_ = nullptr;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (unsavedPromptOpen_ && !ImGui::IsPopupOpen("Unsaved changes")) ImGui::OpenPopup("Unsaved changes");
  if (ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("'%s' has changes that are not saved.", scenario().title.c_str());
    if (ImGui::Button(model_.path().empty() ? "Save as..." : "Save", ImVec2(120, 0))) {
      unsavedPromptOpen_ = false;
      ImGui::CloseCurrentPopup();
      save();  // runs the guarded action once saved
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard", ImVec2(120, 0))) {
      unsavedPromptOpen_ = false;
      ImGui::CloseCurrentPopup();
      model_.discardChanges();  // nothing left to ask about
      if (afterSave_) std::exchange(afterSave_, nullptr)();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(120, 0)) || cancelPressed) {
      unsavedPromptOpen_ = false;
      afterSave_ = nullptr;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (recoveryOpen_ && !ImGui::IsPopupOpen("Recover scenario")) ImGui::OpenPopup("Recover scenario");
  if (ImGui::BeginPopupModal("Recover scenario", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::Text("The builder was not closed cleanly. Recover the unsaved scenario '%s'%s?",
                recoverable_ ? recoverable_->scenario.title.c_str() : "",
                recoverable_ && !recoverable_->path.empty() ? " (edited from a file)" : "");
    if (recoverable_ && !recoverable_->path.empty()) ImGui::TextDisabled("%s", recoverable_->path.string().c_str());
    if (ImGui::Button("Recover", ImVec2(120, 0)) || confirmPressed) {
      if (recoverable_) {
        model_.recover(std::move(*recoverable_));
        forgetSelection();
      }
      recoverable_.reset();
      recoveryOpen_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard", ImVec2(120, 0)) || cancelPressed) {
      model_.discardAutosave();
      recoverable_.reset();
      recoveryOpen_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace mesomap::app
