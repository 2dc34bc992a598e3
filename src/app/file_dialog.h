#pragma once
// Every Open and Save in the app: the desktop's own dialog (app/native_dialog.h) when one is
// there and wanted, else the built-in ImGui browser (app/file_browser.h): no helper installed,
// MESOMAP_NATIVE_DIALOGS=0 or the "nativeDialogs" setting off, scripted runs (--frames), or the
// helper failed (said on stderr; the built-in one opens instead).
//
// Used like FileBrowser: open() or openToSave() when the user asks, draw() every frame, which
// returns the chosen file once. The dialog is started by the first draw(), which names it.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/file_browser.h"
#include "app/native_dialog.h"

namespace mesomap::app {

// Called from the dialog's thread when the user has chosen (the app posts an empty event so a
// window waiting for input draws the next frame). Default: nothing.
void setFileDialogWakeUp(std::function<void()> wake);
// The window the desktop's dialogs belong to (an X11 id; 0: none).
void setFileDialogParent(unsigned long window);

class FileDialog {
 public:
  void open(const std::filesystem::path& directory, std::vector<std::string> extensions, std::string filterLabel);
  // `extensions.front()` is added to a name given without one.
  void openToSave(const std::filesystem::path& directory, const std::string& suggestedName,
                  std::vector<std::string> extensions, std::string filterLabel);
  // Draws the built-in dialog, or a note while the desktop's is open; returns the chosen file
  // once. `cancelRequested` (Escape) closes the built-in one. Prints "file dialog 'TITLE': HOW"
  // on stdout when it opens (HOW: zenity, kdialog, ..., built-in), for scripted checks.
  std::optional<std::filesystem::path> draw(const char* title, bool cancelRequested);
  bool isOpen() const { return pending_.has_value() || native_.running() || builtIn_.isOpen(); }

 private:
  void show(const char* title);
  void openBuiltIn(const FileDialogRequest& request);
  void startNative(DialogHelper helper, FileDialogRequest request);
  bool askAgainByFullName(const NativeDialogResult& answer);
  std::optional<FileDialogRequest> pending_;  // asked for; shown by the next draw()
  FileDialogRequest shown_;                   // the one the desktop shows now
  bool askedByFullName_ = false;              // asked again for a file the typed name would replace
  NativeDialogTask native_;
  FileBrowser builtIn_;
};

}  // namespace mesomap::app
