#include "app/recent_files.h"

#include <algorithm>
#include <utility>

#include <imgui.h>

namespace mesomap::app {

std::string recentFileLabel(const RecentFile& file) {
  const std::filesystem::path path(file.path);
  return path.filename().string() + "  \xE2\x80\x94  " + path.parent_path().string();
}

std::optional<std::filesystem::path> drawRecentFilesMenu(const std::vector<RecentFile>& recent) {
  if (!ImGui::BeginMenu("Open recent", !recent.empty())) return std::nullopt;
  std::optional<std::filesystem::path> chosen;
  bool first = true;
  for (const auto& [kind, heading] : {std::pair{"model", "Models"}, std::pair{"scenario", "Scenarios to practise"}}) {
    if (std::none_of(recent.begin(), recent.end(), [&](const RecentFile& f) { return f.kind == kind; })) continue;
    if (!first) ImGui::Separator();
    first = false;
    ImGui::TextDisabled("%s", heading);
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
