#include "app/file_browser.h"

#include <algorithm>
#include <cctype>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/native_dialog.h"  // withSaveExtension

namespace mesomap::app {

namespace {
std::string lowerExtension(const std::filesystem::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e;
}
}  // namespace

void FileBrowser::openToSave(const std::filesystem::path& directory, const std::string& suggestedName,
                             std::vector<std::string> extensions) {
  open(directory, std::move(extensions));
  saving_ = true;
  fileName_ = suggestedName;
}

std::filesystem::path FileBrowser::savePath() const {
  std::filesystem::path name = fileName_;
  if (!extensions_.empty()) name = withSaveExtension(name, extensions_.front());
  return name.is_absolute() ? name : directory_ / name;
}

void FileBrowser::open(const std::filesystem::path& directory, std::vector<std::string> extensions) {
  saving_ = false;
  std::error_code ec;
  directory_ = std::filesystem::is_directory(directory, ec) ? directory : std::filesystem::current_path(ec);
  extensions_ = std::move(extensions);
  open_ = true;
  justOpened_ = true;
  refresh();
}

void FileBrowser::refresh() {
  entries_.clear();
  problem_.clear();
  selected_ = -1;
  pathInput_ = directory_.string();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory_, std::filesystem::directory_options::skip_permission_denied, ec)) {
    std::error_code typeError;
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (entry.is_directory(typeError)) {
      entries_.push_back(entry);
    } else if (std::find(extensions_.begin(), extensions_.end(), lowerExtension(entry.path())) != extensions_.end()) {
      entries_.push_back(entry);
    }
  }
  if (ec) problem_ = "cannot list '" + directory_.string() + "': " + ec.message();
  std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    std::error_code e1, e2;
    bool da = a.is_directory(e1), db = b.is_directory(e2);
    if (da != db) return da;
    return a.path().filename() < b.path().filename();
  });
}

std::optional<std::filesystem::path> FileBrowser::draw(const char* title, bool cancelRequested) {
  if (!open_) return std::nullopt;
  if (justOpened_) {
    ImGui::OpenPopup(title);
    justOpened_ = false;
  }
  std::optional<std::filesystem::path> chosen;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x * 0.55f, viewport->Size.y * 0.65f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  bool keepOpen = true;
  if (ImGui::BeginPopupModal(title, &keepOpen)) {
    if (ImGui::Button("Up")) {
      directory_ = directory_.parent_path();
      refresh();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::InputText("##path", &pathInput_, ImGuiInputTextFlags_EnterReturnsTrue)) {
      std::filesystem::path typed = pathInput_;
      std::error_code ec;
      if (std::filesystem::is_directory(typed, ec)) {
        directory_ = typed;
        refresh();
      } else {
        chosen = typed;  // the loader reports a missing or unreadable file by name
      }
    }
    if (!problem_.empty()) ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.1f, 1.0f), "%s", problem_.c_str());
    drawEntries(chosen);
    if (saving_) {
      drawSaveRow(chosen);
    } else {
      std::string filter = "Files:";
      for (const auto& e : extensions_) filter += " " + e;
      ImGui::TextDisabled("%.90s%s", filter.c_str(), filter.size() > 90 ? "..." : "");
      ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetFontSize() * 11.0f);
      const bool canOpen = selected_ >= 0 && selected_ < static_cast<int>(entries_.size());
      if (ImGui::Button("Open") && canOpen) {
        std::error_code ec;
        if (entries_[selected_].is_directory(ec)) {
          directory_ = entries_[selected_].path();
          refresh();
        } else {
          chosen = entries_[selected_].path();
        }
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || cancelRequested) keepOpen = false;
    if (chosen || !keepOpen) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (chosen || !keepOpen) open_ = false;
  return chosen;
}

void FileBrowser::drawEntries(std::optional<std::filesystem::path>& chosen) {
  const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  if (ImGui::BeginChild("entries", ImVec2(0, -footer), true)) {
    for (int i = 0; i < static_cast<int>(entries_.size()); ++i) {
      std::error_code ec;
      const bool isDirectory = entries_[i].is_directory(ec);
      std::string label = (isDirectory ? "[dir]  " : "       ") + entries_[i].path().filename().string();
      if (ImGui::Selectable(label.c_str(), selected_ == i, ImGuiSelectableFlags_AllowDoubleClick)) {
        selected_ = i;
        if (saving_ && !isDirectory) fileName_ = entries_[i].path().filename().string();
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
          if (isDirectory) {
            directory_ = entries_[i].path();
            refresh();
            break;
          }
          chosen = saving_ ? savePath() : entries_[i].path();
        }
      }
    }
  }
  ImGui::EndChild();
}

// The name to save under, and Save (Replace when that file is there); Enter saves too.
void FileBrowser::drawSaveRow(std::optional<std::filesystem::path>& chosen) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("File name");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 11.0f);
  const bool entered = ImGui::InputText("##name", &fileName_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  std::error_code ec;
  const bool exists = !fileName_.empty() && std::filesystem::exists(savePath(), ec);
  ImGui::BeginDisabled(fileName_.empty());
  if ((ImGui::Button(exists ? "Replace" : "Save") || entered) && !fileName_.empty()) chosen = savePath();
  ImGui::EndDisabled();
}

}  // namespace mesomap::app
