#include "app/recent_files.h"

#include <imgui.h>

namespace mesomap::app {

std::string recentFileLabel(const RecentFile& file) {
  const std::filesystem::path path(file.path);
  return path.filename().string() + "  \xE2\x80\x94  " + path.parent_path().string();
}

std::optional<std::filesystem::path> drawRecentFilesMenu(const std::vector<RecentFile>& recent) {
  if (!ImGui::BeginMenu("Open recent", !recent.empty())) return std::nullopt;
  std::optional<std::filesystem::path> chosen;
  ImGui::TextDisabled("Models");
  for (const char* kind : {"model", "scenario"}) {
    if (std::string(kind) == "scenario") {
      ImGui::Separator();
      ImGui::TextDisabled("Scenarios to practise");
    }
    for (size_t i = 0; i < recent.size(); ++i) {
      const RecentFile& file = recent[i];
      if (file.kind != kind) continue;
      std::error_code ec;
      const bool present = std::filesystem::is_regular_file(file.path, ec);
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::MenuItem(recentFileLabel(file).c_str(), nullptr, false, present)) chosen = file.path;
      if (!present && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s is missing: moved, renamed or deleted", file.path.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndMenu();
  return chosen;
}

}  // namespace mesomap::app
