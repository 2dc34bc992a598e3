#include "app/patient_panel.h"

#include <imgui.h>

namespace mesomap::app {

namespace {

// One slider; true when it was let go after a change (the moment to rebuild the body).
bool slider(const char* label, double& value, double min, double max, const char* format) {
  float v = float(value);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
  ImGui::SliderFloat(label, &v, float(min), float(max), format, ImGuiSliderFlags_AlwaysClamp);
  value = v;
  return ImGui::IsItemDeactivatedAfterEdit();
}

}  // namespace

std::optional<PatientRequest> drawPatientWindow(bool& open, PatientParameters& draft,
                                                const std::optional<PatientParameters>& current,
                                                const std::string& bodyName) {
  std::optional<PatientRequest> request;
  if (!open) return request;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 24.0f, 0.0f), ImGuiCond_Appearing);
  if (!ImGui::Begin("Patient", &open, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return request;
  }
  ImGui::TextDisabled("On screen: %s", current ? describePatient(*current).c_str() : bodyName.c_str());
  ImGui::Spacing();
  bool changed = false;
  changed |= slider("sex (female - male)", draft.sex, 0.0, 1.0, "%.2f");
  changed |= slider("age", draft.ageYears, 1.0, 90.0, "%.0f years");
  changed |= slider("BMI", draft.bmi, 16.0, 40.0, "%.1f kg/m2");
  changed |= slider("muscle", draft.muscle, 0.0, 1.0, "%.2f");
  changed |= slider("height", draft.heightCm, 50.0, 230.0, "%.0f cm");
  if (changed) request = PatientRequest{PatientRequest::Kind::UsePatient, draft};
  ImGui::Spacing();
  if (ImGui::Button(current ? "Rebuild" : "Use this patient"))
    request = PatientRequest{PatientRequest::Kind::UsePatient, draft};
  ImGui::SameLine();
  if (ImGui::Button("Default body")) request = PatientRequest{PatientRequest::Kind::UseDefaultBody, draft};
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 23.0f);
  ImGui::TextDisabled(
      "MakeHuman's CC0 body (docs/patients.md). Landmarks are exact on every patient; the skin layers "
      "follow sex, BMI and age. Needles stay on the same anatomy when the patient changes.");
  ImGui::PopTextWrapPos();
  ImGui::End();
  return request;
}

}  // namespace mesomap::app
