#include "app/file_dialog.h"

#include <cstdio>

#include <imgui.h>

namespace mesomap::app {

namespace {
std::function<void()> g_wake;
unsigned long g_parent = 0;
}  // namespace

void setFileDialogWakeUp(std::function<void()> wake) { g_wake = std::move(wake); }
void setFileDialogParent(unsigned long window) { g_parent = window; }

void FileDialog::open(const std::filesystem::path& directory, std::vector<std::string> extensions,
                      std::string filterLabel) {
  if (native_.running()) return;  // one at a time: the desktop's is still up
  FileDialogRequest request;
  request.directory = directory;
  request.extensions = std::move(extensions);
  request.filterLabel = std::move(filterLabel);
  pending_ = std::move(request);
}

void FileDialog::openToSave(const std::filesystem::path& directory, const std::string& suggestedName,
                            std::vector<std::string> extensions, std::string filterLabel) {
  open(directory, std::move(extensions), std::move(filterLabel));
  if (!pending_) return;
  pending_->saving = true;
  pending_->suggestedName = suggestedName;
}

void FileDialog::openBuiltIn(const FileDialogRequest& request) {
  if (request.saving)
    builtIn_.openToSave(request.directory, request.suggestedName, request.extensions);
  else
    builtIn_.open(request.directory, request.extensions);
}

void FileDialog::show(const char* title) {
  FileDialogRequest request = std::move(*pending_);
  pending_.reset();
  request.title = title;
  request.parentWindow = g_parent;
  std::error_code ec;
  if (!std::filesystem::is_directory(request.directory, ec)) request.directory = std::filesystem::current_path(ec);
  const DialogHelper helper = findDialogHelper();
  std::printf("file dialog '%s': %s\n", title, helperName(helper));
  std::fflush(stdout);
  if (helper == DialogHelper::None) {
    openBuiltIn(request);
    return;
  }
  shown_ = request;
  askedByFullName_ = false;
  startNative(helper, std::move(request));
}

void FileDialog::startNative(DialogHelper helper, FileDialogRequest request) {
  native_.start(helper, std::move(request), [] {
    if (g_wake) g_wake();
  });
}

// "knee" typed in a Save dialog saves "knee.json", but the desktop asked about replacing "knee":
// when "knee.json" exists, the dialog opens once more on that name, so replacing it is asked.
bool FileDialog::askAgainByFullName(const NativeDialogResult& answer) {
  std::error_code ec;
  if (!answer.extensionAdded || askedByFullName_ || !std::filesystem::exists(*answer.chosen, ec)) return false;
  FileDialogRequest again = shown_;
  again.directory = answer.chosen->parent_path();
  again.suggestedName = answer.chosen->filename().string();
  const DialogHelper helper = findDialogHelper();
  if (helper == DialogHelper::None) return false;
  askedByFullName_ = true;
  shown_ = again;
  startNative(helper, std::move(again));
  return true;
}

std::optional<std::filesystem::path> FileDialog::draw(const char* title, bool cancelRequested) {
  if (pending_) show(title);
  if (native_.running()) {
    // A note where the built-in dialog would be: the desktop's dialog may be behind the window.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
    if (ImGui::Begin("##native file dialog", nullptr, flags)) ImGui::Text("%s: choose in the dialog window", title);
    ImGui::End();
    return std::nullopt;
  }
  if (std::optional<NativeDialogResult> answer = native_.take()) {
    if (answer->chosen && askAgainByFullName(*answer)) return std::nullopt;
    if (answer->chosen && answer->extensionAdded && askedByFullName_ && std::filesystem::exists(*answer->chosen)) {
      // Asked by its full name and given the short one again: the built-in dialog asks instead.
      answer->chosen.reset();
      answer->problem = "'" + shown_.suggestedName + "' exists and was typed without its extension twice";
    }
    if (answer->chosen) return answer->chosen;
    if (!answer->problem.empty()) {  // not a cancel: the built-in dialog does the job
      std::fprintf(stderr, "file dialog '%s': %s; using the built-in dialog\n", title, answer->problem.c_str());
      openBuiltIn(shown_);
    }
  }
  return builtIn_.draw(title, cancelRequested);
}

}  // namespace mesomap::app
