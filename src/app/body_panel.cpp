#include "app/body_panel.h"

#include <algorithm>
#include <array>

#include <imgui.h>

namespace mesomap::app {

namespace {

constexpr std::array<const char*, 4> kUnitNames = {"from the file", "millimetres", "centimetres", "metres"};
constexpr std::array<LengthUnit, 3> kUnits = {LengthUnit::Millimetre, LengthUnit::Centimetre, LengthUnit::Metre};
constexpr std::array<const char*, 7> kUpNames = {"from the file", "+x", "-x", "+y", "-y", "+z", "-z"};
// A person, with room for a child and a very tall adult (the human check's range); a model of
// no human height is first offered at an adult's.
constexpr float kMinHeightMetres = 0.4f, kMaxHeightMetres = 2.5f, kAdultHeightMetres = 1.75f;

SignedAxis upAt(int index) { return SignedAxis{(index - 1) / 2, (index - 1) % 2 == 0 ? +1 : -1}; }

void combo(const char* label, int& index, const char* const* names, int count) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  ImGui::Combo(label, &index, names, count);
}

void drawFacts(const BodyDescription& body) {
  ImGui::TextUnformatted(body.name.c_str());
  ImGui::TextDisabled("%zu vertices, %zu triangles", body.vertices, body.triangles);
  ImGui::Text("%.2f m tall", body.heightMetres);
  ImGui::SameLine();
  ImGui::TextDisabled("(units: %s)", body.unitsSource.c_str());
  ImGui::Text("up %s", body.up.c_str());
  if (!body.upSource.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", body.upSource.c_str());
  }
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
  for (const std::string& warning : body.warnings)
    ImGui::TextColored(ImVec4(0.70f, 0.38f, 0.0f, 1.0f), "%s", warning.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

LoadOptions loadOptionsFrom(const BodyDraft& draft) {
  LoadOptions options;
  if (draft.scaleToHeight) options.heightMetres = std::clamp(draft.heightMetres, kMinHeightMetres, kMaxHeightMetres);
  if (draft.units > 0) options.units = kUnits[static_cast<size_t>(draft.units - 1)];
  if (draft.up > 0) options.up = upAt(draft.up);
  return options;
}

BodyDraft draftFrom(const LoadOptions& options, double currentHeightMetres) {
  BodyDraft draft;
  draft.scaleToHeight = options.heightMetres.has_value();
  const auto current = static_cast<float>(currentHeightMetres);
  const bool human = current >= kMinHeightMetres && current <= kMaxHeightMetres;
  draft.heightMetres = options.heightMetres.value_or(human ? current : kAdultHeightMetres);
  if (options.units)
    draft.units = 1 + static_cast<int>(std::find(kUnits.begin(), kUnits.end(), *options.units) - kUnits.begin());
  if (options.up) draft.up = 1 + options.up->axis * 2 + (options.up->sign > 0 ? 0 : 1);
  return draft;
}

std::optional<LoadOptions> drawBodyWindow(bool& open, BodyDraft& draft, const BodyDescription& body) {
  std::optional<LoadOptions> request;
  if (!open) return request;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 28.0f, 0.0f), ImGuiCond_Appearing);
  if (!ImGui::Begin("Body", &open, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return request;
  }
  drawFacts(body);
  ImGui::Separator();
  if (body.isPatient) {
    ImGui::TextDisabled("A parametric patient: its height is set in View > Patient.");
    ImGui::End();
    return request;
  }
  ImGui::TextUnformatted("Read the model again");
  ImGui::Checkbox("at a height of", &draft.scaleToHeight);
  ImGui::SameLine();
  ImGui::BeginDisabled(!draft.scaleToHeight);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
  ImGui::InputFloat("m##height", &draft.heightMetres, 0.01f, 0.1f, "%.2f");
  draft.heightMetres = std::clamp(draft.heightMetres, kMinHeightMetres, kMaxHeightMetres);
  ImGui::EndDisabled();
  ImGui::BeginDisabled(draft.scaleToHeight);  // a height decides the scale whatever the units
  combo("units", draft.units, kUnitNames.data(), static_cast<int>(kUnitNames.size()));
  ImGui::EndDisabled();
  combo("up axis", draft.up, kUpNames.data(), static_cast<int>(kUpNames.size()));
  if (ImGui::Button("Reload")) request = loadOptionsFrom(draft);
  ImGui::SameLine();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26.0f);
  ImGui::TextDisabled("As --height, --units and --up do. Placed needles keep their places on the skin.");
  ImGui::PopTextWrapPos();
  ImGui::End();
  return request;
}

}  // namespace mesomap::app
