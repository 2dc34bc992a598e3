// The scenario builder's windows: the toolbar and tool choice, the five tabs (details,
// landmarks, points, zones, rules), the validation list and the dialogs. They change nothing:
// what the author asks for comes back as actions (app/builder_panels.h).
#include "app/builder_panels.h"
#include "app/ui_scale.h"

#include <cmath>
#include <string>
#include <utility>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/widgets.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_geometry.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/scoring/scoring.h"

namespace mesomap::app {

namespace {

using Kind = BuilderAction::Kind;

const char* kTabNames[] = {"Details", "Landmarks", "Points", "Zones", "Rules"};

BuilderAction act(Kind kind) {
  BuilderAction a;
  a.kind = kind;
  return a;
}

BuilderAction withIndex(Kind kind, size_t index) {
  BuilderAction a = act(kind);
  a.index = index;
  return a;
}

BuilderAction setTool(BuilderTool tool) {
  BuilderAction a = act(Kind::SetTool);
  a.tool = tool;
  return a;
}

BuilderAction edit(Kind kind, size_t index, BuilderAction::Edit value) {
  BuilderAction a = withIndex(kind, index);
  a.edit = std::move(value);
  return a;
}

BuilderAction selectItem(ItemKind item, size_t index, bool add) {
  BuilderAction a = withIndex(Kind::Select, index);
  a.item = item;
  a.add = add;
  return a;
}

bool isSelected(const BuilderUi& ui, ItemKind kind, size_t index) {
  return ui.selection.kind == kind && ui.selection.index == index;
}

// The selected item's index when it is of `kind` and still in its list of `count`.
std::optional<size_t> selectedIndex(const BuilderUi& ui, ItemKind kind, size_t count) {
  if (ui.selection.kind != kind || ui.selection.index >= count) return std::nullopt;
  return ui.selection.index;
}

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

// A whole-millimetre drag field.
bool wholeMmEditor(const char* label, double& value, float lo, float hi) {
  float v = float(value);
  if (!ImGui::DragFloat(label, &v, 0.5f, lo, hi, "%.0f")) return false;
  value = std::round(v);
  return true;
}

// New, Open, Save, Try it, Markups, undo/redo and Duplicate.
void drawFileButtons(const BuilderModel& model, BuilderActions& out) {
  if (ImGui::Button("New")) out.push_back(act(Kind::New));
  ImGui::SameLine();
  if (ImGui::Button("Open...")) out.push_back(act(Kind::Open));
  ImGui::SameLine();
  if (ImGui::Button("Save")) out.push_back(act(Kind::Save));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+S");
  ImGui::SameLine();
  if (ImGui::Button("Save As...")) out.push_back(act(Kind::SaveAs));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+Shift+S");
  ImGui::SameLine();
  if (ImGui::Button("Try it")) out.push_back(act(Kind::TryIt));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Open this scenario in practice mode; Builder > Back to the builder returns");
  ImGui::SameLine();
  if (ImGui::Button("Markups")) out.push_back(act(Kind::ExportMarkups));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Export landmarks and points as 3D Slicer markups (.mrk.json)");

  // Undo and redo name what they would undo or redo.
  auto historyButton = [&](const char* label, bool enabled, Kind kind, const char* keys, const std::string& what) {
    ImGui::BeginDisabled(!enabled);
    if (ImGui::SmallButton(label)) out.push_back(act(kind));
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s  %s", keys, what.c_str());
    ImGui::SameLine();
  };
  const ScenarioHistory& history = model.history();
  historyButton("Undo", history.canUndo(), Kind::Undo, "Ctrl+Z", history.undoLabel());
  historyButton("Redo", history.canRedo(), Kind::Redo, "Ctrl+Shift+Z", history.redoLabel());
  if (ImGui::BeginCombo("##duplicate", "Duplicate from library", ImGuiComboFlags_NoArrowButton)) {
    for (size_t i = 0; i < model.library().size(); ++i)
      if (ImGui::Selectable(model.library()[i].scenario.title.c_str())) out.push_back(withIndex(Kind::Duplicate, i));
    ImGui::EndCombo();
  }
}

const char* toolHint(BuilderTool tool) {
  switch (tool) {
    case BuilderTool::Select:
      return "Click a landmark, point or zone centre to select it (Ctrl+click: several points); drag to move it.";
    case BuilderTool::AddPoint: return "Click the skin to add a reference point.";
    case BuilderTool::AddLandmark: return "Click the skin to place a new landmark.";
    case BuilderTool::MoveLandmark: return "Click the skin where the selected landmark belongs.";
    case BuilderTool::Paint:
      return "Drag on the skin to paint the selected zone (no zone selected: a new one). [ ] change the radius.";
    case BuilderTool::Erase: return "Drag on the skin to erase from the selected zone. [ ] change the radius.";
  }
  return "";
}

// Painting: the brush radius, and the kind of zone a stroke with nothing selected starts.
void drawBrushSettings(const BuilderUi& ui, BuilderActions& out) {
  ImGui::SetNextItemWidth(scaled(160));
  float radius = ui.brushRadiusMm;
  if (ImGui::SliderFloat("Brush radius", &radius, float(kMinBrushRadiusMm), float(kMaxBrushRadiusMm), "%.0f mm",
                         ImGuiSliderFlags_Logarithmic)) {
    BuilderAction a = act(Kind::SetBrushRadius);
    a.brushRadiusMm = radius;
    out.push_back(a);
  }
  if (ui.tool != BuilderTool::Paint) return;
  ImGui::SameLine();
  int kind = ui.newZoneKind == ZoneKind::Target ? 0 : 1;
  ImGui::SetNextItemWidth(scaled(110));
  if (ImGui::Combo("New zones", &kind, "target\0no-go\0")) {
    BuilderAction a = act(Kind::SetNewZoneKind);
    a.zoneKind = kind ? ZoneKind::NoGo : ZoneKind::Target;
    out.push_back(a);
  }
}

// Adding points: their technique, and the landmark they are measured from.
void drawNewPointSettings(const BuilderModel& model, const BuilderUi& ui, BuilderActions& out) {
  int t = int(ui.newPointTechnique);
  ImGui::SetNextItemWidth(scaled(90));
  if (ImGui::Combo("Technique", &t, "IED\0IDS\0IDP\0NAP\0")) {
    BuilderAction a = act(Kind::SetNewPointTechnique);
    a.technique = Technique(t);
    out.push_back(a);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(scaled(180));
  const std::string& anchor = ui.anchorLandmark;
  auto offer = [&](const std::string& label, const std::string& id) {
    if (!ImGui::Selectable(label.c_str(), anchor == id)) return;
    BuilderAction a = act(Kind::SetAnchor);
    a.text = id;
    out.push_back(a);
  };
  if (ImGui::BeginCombo("From", anchor.empty() ? "the skin (absolute)" : anchor.c_str())) {
    offer("the skin (absolute)", "");
    for (const Landmark& l : landmarksInUse(model.scenario())) offer(l.id, l.id);
    for (const Landmark& l : model.bodyLandmarks()) offer(l.id + "##body", l.id);
    ImGui::EndCombo();
  }
}

// The tool, its hint, and what it needs (brush radius and kind, technique and anchor).
void drawToolChoice(const BuilderModel& model, const BuilderUi& ui, BuilderActions& out) {
  sectionHeading("Tool");
  const struct {
    BuilderTool tool;
    const char* label;
    const char* key;
  } tools[] = {{BuilderTool::Select, "Select", "V"},
               {BuilderTool::AddPoint, "Point", "P"},
               {BuilderTool::AddLandmark, "Landmark", "L"},
               {BuilderTool::Paint, "Paint", "B"},
               {BuilderTool::Erase, "Erase", "E"}};
  for (const auto& t : tools) {
    if (t.tool != BuilderTool::Select) ImGui::SameLine();
    if (ImGui::RadioButton(t.label, ui.tool == t.tool)) out.push_back(setTool(t.tool));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Key %s", t.key);
  }
  ImGui::TextDisabled("%s", toolHint(ui.tool));
  if (ui.tool == BuilderTool::Paint || ui.tool == BuilderTool::Erase) drawBrushSettings(ui, out);
  if (ui.tool == BuilderTool::AddPoint) drawNewPointSettings(model, ui, out);
}

void drawDetails(const BuilderModel& model, BuilderActions& out) {
  Scenario s = model.scenario();
  bool changed = false;
  ImGui::PushItemWidth(-110);
  changed |= ImGui::InputText("Id", &s.id);
  changed |= ImGui::InputText("Title", &s.title);
  changed |= ImGui::InputText("Indication", &s.indication);
  changed |= ImGui::InputTextMultiline("Description", &s.description, ImVec2(0, scaled(80)));
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
  ImGui::TextDisabled("%s",
                      s.body.model == "default" ? "default body (MakeHuman, assimp-testmodels)" : s.body.model.c_str());
  if (changed) out.push_back(edit(Kind::EditDetails, 0, std::move(s)));
}

void drawLandmarks(const BuilderModel& model, const BuilderUi& ui, BuilderActions& out) {
  const Scenario& s = model.scenario();
  if (ImGui::Button("Add landmark on the body")) out.push_back(setTool(BuilderTool::AddLandmark));
  ImGui::SameLine();
  ImGui::BeginDisabled(ui.selection.kind != ItemKind::Landmark);
  if (ImGui::Button("Set selected on the body")) out.push_back(setTool(BuilderTool::MoveLandmark));
  ImGui::EndDisabled();
  if (ImGui::BeginTable("landmarks", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (size_t i = 0; i < s.landmarks.size(); ++i) {
      const Landmark& l = s.landmarks[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable((l.id + "##lm" + std::to_string(i)).c_str(), isSelected(ui, ItemKind::Landmark, i),
                            ImGuiSelectableFlags_SpanAllColumns))
        out.push_back(selectItem(ItemKind::Landmark, i, false));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%.0f, %.0f, %.0f", l.positionMm.x, l.positionMm.y, l.positionMm.z);
    }
    ImGui::EndTable();
  }
  if (auto selected = selectedIndex(ui, ItemKind::Landmark, s.landmarks.size())) {
    Landmark l = s.landmarks[*selected];
    sectionHeading("Selected landmark");
    bool changed = ImGui::InputText("Id##landmark", &l.id);
    changed |= ImGui::InputText("Name##landmark", &l.name);
    if (changed) out.push_back(edit(Kind::EditLandmark, *selected, l));
    if (ImGui::Button("Delete landmark")) out.push_back(act(Kind::DeleteLandmark));
  }
  if (ImGui::CollapsingHeader("Standard landmarks of this body")) {
    ImGui::TextDisabled("Points and zones may be placed from these without declaring them.");
    for (const Landmark& l : model.bodyLandmarks()) ImGui::BulletText("%s  (%s)", l.id.c_str(), l.name.c_str());
  }
}

// Where a point or zone centre is: on the skin, or offsets from a landmark.
bool drawPlacementEditor(const BuilderModel& model, SurfacePlacement& placement, const char* what) {
  bool changed = false;
  int mode = placement.positionMm ? 0 : 1;
  ImGui::PushID(what);
  if (ImGui::RadioButton("On the skin", mode == 0) && mode != 0) {
    placement = model.onSkin(placement);  // it stays where it is now, as an absolute position
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::RadioButton("From a landmark", mode == 1) && mode != 1) {
    if (auto relative = model.fromLandmark(model.defaultAnchor(), *placement.positionMm)) placement = *relative;
    changed = true;
  }
  if (placement.positionMm) {
    ImGui::TextDisabled("at %.1f, %.1f, %.1f mm (drag it on the body to move)", placement.positionMm->x,
                        placement.positionMm->y, placement.positionMm->z);
  } else {
    ImGui::SetNextItemWidth(scaled(220));
    if (ImGui::BeginCombo("Landmark", placement.landmark.c_str())) {
      // The point stays where it is; its offsets are measured from the new landmark.
      auto offer = [&](const Landmark& l) {
        if (!ImGui::Selectable(l.id.c_str(), placement.landmark == l.id)) return;
        placement = model.reanchored(placement, l.id);
        changed = true;
      };
      for (const Landmark& l : model.scenario().landmarks) offer(l);
      for (const Landmark& l : model.bodyLandmarks()) offer(l);
      ImGui::EndCombo();
    }
    float offsets[2] = {float(placement.cranialMm), float(placement.lateralMm)};
    ImGui::SetNextItemWidth(scaled(220));
    if (ImGui::DragFloat2("cranial, lateral mm", offsets, 0.5f, -300.0f, 300.0f, "%.0f")) {
      placement.cranialMm = std::round(offsets[0]);
      placement.lateralMm = std::round(offsets[1]);
      changed = true;
    }
  }
  ImGui::PopID();
  return changed;
}

void drawPointList(const Scenario& s, const BuilderUi& ui, BuilderActions& out) {
  if (ImGui::Button("Add on the body")) out.push_back(setTool(BuilderTool::AddPoint));
  ImGui::SameLine();
  ImGui::BeginDisabled(ui.selectedPoints.empty());
  if (ImGui::Button("Mirror selected to the other side")) out.push_back(act(Kind::MirrorPoints));
  ImGui::SameLine();
  if (ImGui::Button("Delete")) out.push_back(act(Kind::DeletePoints));
  ImGui::EndDisabled();
  if (!ImGui::BeginTable("points", 4,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp,
                         ImVec2(0, scaled(150))))
    return;
  for (size_t i = 0; i < s.points.size(); ++i) {
    const ReferencePoint& p = s.points[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable((p.id + "##pt" + std::to_string(i)).c_str(), ui.selectedPoints.count(i) > 0,
                          ImGuiSelectableFlags_SpanAllColumns))
      out.push_back(selectItem(ItemKind::Point, i, ImGui::GetIO().KeyCtrl));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(presetFor(p.technique).code);
    ImGui::TableNextColumn();
    ImGui::Text("%.0f-%.0f deg", p.angleDeg.min, p.angleDeg.max);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", p.placement.positionMm ? "on skin" : p.placement.landmark.c_str());
  }
  ImGui::EndTable();
}

// The selected point's windows: technique (with its preset windows), angle, azimuth, depth or
// layer, volume, needle and tolerance.
void drawPointEditor(const BuilderModel& model, size_t index, BuilderActions& out) {
  ReferencePoint p = model.scenario().points[index];
  bool changed = false;
  sectionHeading(("Point " + p.id).c_str());
  ImGui::PushItemWidth(220);
  changed |= ImGui::InputText("Id##point", &p.id);
  changed |= drawPlacementEditor(model, p.placement, "point placement");
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
  if (ImGui::Combo("Target layer", &layer,
                   "none (depth window)\0epidermis\0dermis\0subcutaneous fat\0muscle\0bone\0")) {
    p.targetLayer = layer ? std::optional<TissueLayer>(TissueLayer(layer - 1)) : std::nullopt;
    changed = true;
  }
  changed |= rangeEditor("Volume mL", p.volumeMl, 0.005f, 0.0f, 5.0f, "%.3f");
  changed |= needleCombo("Needle", p.needle);
  changed |= wholeMmEditor("Tolerance mm", p.toleranceMm, 1.0f, 100.0f);
  ImGui::PopItemWidth();
  ImGui::TextDisabled("Tolerance: how far a trainee's point may be and still match this one.");
  if (changed) out.push_back(edit(Kind::EditPoint, index, std::move(p)));
}

void drawPoints(const BuilderModel& model, const BuilderUi& ui, BuilderActions& out) {
  drawPointList(model.scenario(), ui, out);
  if (auto i = selectedIndex(ui, ItemKind::Point, model.scenario().points.size()))
    drawPointEditor(model, *i, out);
  else
    ImGui::TextDisabled("Select a point to edit its windows (Ctrl+click to select several).");
}

void drawZoneList(const Scenario& s, const BuilderUi& ui, BuilderActions& out) {
  for (ZoneKind kind : {ZoneKind::Target, ZoneKind::NoGo}) {
    if (kind == ZoneKind::NoGo) ImGui::SameLine();
    if (ImGui::Button(kind == ZoneKind::Target ? "Paint a new target zone" : "Paint a new no-go zone")) {
      BuilderAction a = act(Kind::PaintNewZone);
      a.zoneKind = kind;
      out.push_back(a);
    }
  }
  for (size_t i = 0; i < s.zones.size(); ++i) {
    const Zone& z = s.zones[i];
    const std::string label = z.id + "  (" + kindName(z.kind) + ", " + std::to_string(z.brush.size()) +
                              " brush dabs)##zone" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), isSelected(ui, ItemKind::Zone, i)))
      out.push_back(selectItem(ItemKind::Zone, i, false));
  }
}

// The selected zone: id, name, kind (no-go zones give a reason), centre and radii, its brush.
void drawZoneEditor(const BuilderModel& model, size_t index, BuilderActions& out) {
  Zone z = model.scenario().zones[index];
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
  changed |= drawPlacementEditor(model, z.centre, "zone centre");
  changed |= wholeMmEditor("Disc radius mm", z.radiusMm, 1.0f, 500.0f);
  if (z.kind == ZoneKind::Target) {
    changed |= wholeMmEditor("Coverage radius mm", z.coverageRadiusMm, 1.0f, 200.0f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Skin within this distance of a trainee's point counts as covered");
  }
  ImGui::PopItemWidth();
  ImGui::Text("%zu brush dabs", z.brush.size());
  ImGui::SameLine();
  if (ImGui::SmallButton("Paint")) out.push_back(setTool(BuilderTool::Paint));
  ImGui::SameLine();
  if (ImGui::SmallButton("Erase")) out.push_back(setTool(BuilderTool::Erase));
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear brush") && !z.brush.empty()) {
    z.brush.clear();
    changed = true;
  }
  if (changed) out.push_back(edit(Kind::EditZone, index, z));
  if (ImGui::Button("Mirror to the other side")) out.push_back(act(Kind::MirrorZone));
  ImGui::SameLine();
  if (ImGui::Button("Delete zone")) out.push_back(act(Kind::DeleteZone));
}

void drawZones(const BuilderModel& model, const BuilderUi& ui, BuilderActions& out) {
  drawZoneList(model.scenario(), ui, out);
  if (auto i = selectedIndex(ui, ItemKind::Zone, model.scenario().zones.size()))
    drawZoneEditor(model, *i, out);
  else
    ImGui::TextDisabled("Select a zone to edit it, or paint a new one.");
}

void drawRules(const BuilderModel& model, BuilderActions& out) {
  const Scenario& s = model.scenario();
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
  patternChanged |=
      optionalRangeEditor("Total volume mL", pattern.totalVolumeMl, {0.5, 1.5}, 0.005f, 0.0f, 50.0f, "%.2f");
  if (patternChanged) out.push_back(edit(Kind::EditPattern, 0, pattern));

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
  if (rulesChanged) out.push_back(edit(Kind::EditScoring, 0, rules));
}

void drawMessage(const std::string& message) {
  if (message.empty()) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.1f, 0.45f, 0.2f, 1.0f));
  ImGui::TextUnformatted(message.c_str());  // not "%s": ImGui cuts formatted text at 3 KB
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
}

void drawTabs(const BuilderModel& model, const BuilderUi& ui, BuilderActions& out) {
  if (!ImGui::BeginTabBar("builder tabs")) return;
  for (int t = 0; t < kBuilderTabCount; ++t) {
    const ImGuiTabItemFlags flags = ui.tab == t ? ImGuiTabItemFlags_SetSelected : 0;
    if (!ImGui::BeginTabItem(kTabNames[t], nullptr, flags)) continue;
    switch (t) {
      case kDetailsTab: drawDetails(model, out); break;
      case kLandmarksTab: drawLandmarks(model, ui, out); break;
      case kPointsTab: drawPoints(model, ui, out); break;
      case kZonesTab: drawZones(model, ui, out); break;
      case kRulesTab: drawRules(model, out); break;
    }
    ImGui::EndTabItem();
  }
  if (ui.tab >= 0) out.push_back(act(Kind::TabShown));
  ImGui::EndTabBar();
}

// A popup that is open while `open` holds; once the flag drops, it closes.
bool beginModal(const char* name, bool open) {
  if (open && !ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
  if (!ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return false;
  if (!open) ImGui::CloseCurrentPopup();
  return true;
}

// Closes the current popup, clearing the flag it opens from, and asks for `kind`.
void closeWith(bool& open, Kind kind, BuilderActions& out) {
  open = false;
  ImGui::CloseCurrentPopup();
  out.push_back(act(kind));
}

void drawSaveAs(BuilderDialogs& d, bool confirmPressed, bool cancelPressed, BuilderActions& out) {
  if (!beginModal("Save scenario as", d.saveAsOpen)) return;
  ImGui::TextUnformatted("File (.json); the folder is created if needed:");
  ImGui::SetNextItemWidth(scaled(520));
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool entered = ImGui::InputText("##path", &d.saveAsPath, ImGuiInputTextFlags_EnterReturnsTrue);
  if (!d.saveAsProblem.empty()) ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.1f, 1.0f), "%s", d.saveAsProblem.c_str());
  // Whether it closes depends on the save: the caller drops saveAsOpen when it succeeded.
  const bool save = ImGui::Button("Save", ImVec2(scaled(120), 0)) || entered || confirmPressed;
  if (save && d.saveAsOpen) {
    BuilderAction a = act(Kind::SaveTo);
    a.text = d.saveAsPath;
    out.push_back(a);
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(scaled(120), 0)) || cancelPressed) closeWith(d.saveAsOpen, Kind::CancelSaveAs, out);
  ImGui::EndPopup();
}

void drawUnsavedPrompt(const BuilderModel& model, BuilderDialogs& d, bool cancelPressed, BuilderActions& out) {
  if (!beginModal("Unsaved changes", d.unsavedPromptOpen)) return;
  ImGui::Text("'%s' has changes that are not saved.", model.scenario().title.c_str());
  if (ImGui::Button(model.path().empty() ? "Save as..." : "Save", ImVec2(scaled(120), 0)))
    closeWith(d.unsavedPromptOpen, Kind::SaveFromPrompt, out);
  ImGui::SameLine();
  if (ImGui::Button("Discard", ImVec2(scaled(120), 0))) closeWith(d.unsavedPromptOpen, Kind::DiscardChanges, out);
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(scaled(120), 0)) || cancelPressed) closeWith(d.unsavedPromptOpen, Kind::CancelPrompt, out);
  ImGui::EndPopup();
}

void drawRecovery(BuilderDialogs& d, bool confirmPressed, bool cancelPressed, BuilderActions& out) {
  if (!beginModal("Recover scenario", d.recoveryOpen)) return;
  const auto& found = d.recoverable;
  const bool fromFile = found && !found->path.empty();
  ImGui::Text("The builder was not closed cleanly. Recover the unsaved scenario '%s'%s?",
              found ? found->scenario.title.c_str() : "", fromFile ? " (edited from a file)" : "");
  if (fromFile) ImGui::TextDisabled("%s", found->path.string().c_str());
  if (ImGui::Button("Recover", ImVec2(scaled(120), 0)) || confirmPressed) closeWith(d.recoveryOpen, Kind::Recover, out);
  ImGui::SameLine();
  if (ImGui::Button("Discard", ImVec2(scaled(120), 0)) || cancelPressed) closeWith(d.recoveryOpen, Kind::DiscardRecovery, out);
  ImGui::EndPopup();
}

}  // namespace

BuilderActions drawBuilderWindow(const BuilderModel& model, const BuilderUi& ui, float top) {
  BuilderActions out;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + scaled(10), top + scaled(10)), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(scaled(450), viewport->Size.y - top - scaled(60)), ImGuiCond_Appearing);
  const std::string title = "Scenario builder - " +
                            (model.path().empty() ? std::string("unsaved") : model.path().filename().string()) +
                            (model.dirty() ? " *" : "") + "###builder";
  if (ImGui::Begin(title.c_str())) {
    drawFileButtons(model, out);
    drawToolChoice(model, ui, out);
    drawMessage(model.message());
    ImGui::Separator();
    drawTabs(model, ui, out);
  }
  ImGui::End();
  return out;
}

BuilderActions drawValidationWindow(const BuilderModel& model) {
  BuilderActions out;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x - scaled(10), viewport->Pos.y + viewport->Size.y - scaled(50)),
                          ImGuiCond_Appearing, ImVec2(1.0f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(scaled(520), scaled(220)), ImGuiCond_Appearing);
  if (ImGui::Begin("Validation")) {
    const std::vector<Problem>& problems = model.problems();
    if (!model.validationCurrent()) {
      ImGui::TextDisabled("Checking...");
    } else if (problems.empty()) {
      ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.2f, 1.0f), "No problems: mesomap validate accepts this scenario.");
    } else {
      ImGui::Text("%zu problems (as mesomap validate reports them); click one to select it:", problems.size());
    }
    const std::string source = model.path().empty() ? "unsaved" : model.path().filename().string();
    // Selectable lines that wrap (ImGui's Selectable does not): an empty selectable as tall as
    // the wrapped text, with the text drawn over it.
    const float width = ImGui::GetContentRegionAvail().x;
    for (size_t i = 0; i < problems.size(); ++i) {
      const std::string line = formatProblem(source, problems[i]);
      const ImVec2 size = ImGui::CalcTextSize(line.c_str(), nullptr, false, width);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable(("##problem" + std::to_string(i)).c_str(), false, 0, ImVec2(width, size.y)))
        out.push_back(withIndex(Kind::SelectProblem, i));
      ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, ImGui::GetColorU32(ImGuiCol_Text),
                                          line.c_str(), nullptr, width);
    }
  }
  ImGui::End();
  return out;
}

BuilderActions drawBuilderDialogs(const BuilderModel& model, BuilderDialogs& dialogs, bool confirmPressed,
                                  bool cancelPressed) {
  BuilderActions out;
  drawSaveAs(dialogs, confirmPressed, cancelPressed, out);
  drawUnsavedPrompt(model, dialogs, cancelPressed, out);
  drawRecovery(dialogs, confirmPressed, cancelPressed, out);
  return out;
}

}  // namespace mesomap::app
