#pragma once
// The desktop's own Open and Save dialogs, behind one interface. Debian ships no C++ file-dialog
// library, so on Linux the dialog is a helper program the desktop provides: zenity (GNOME and
// most others) or kdialog (KDE), run with the title, start folder, file filter and overwrite
// question, and read back from its standard output. macOS asks osascript (AppleScript's
// choose file / choose file name); Windows shows IFileDialog on the worker thread. Those two
// are written here but built only there.
//
// The dialog runs on a thread of its own (NativeDialogTask), so the app keeps drawing frames
// while the user chooses. app/file_dialog.h decides when the built-in ImGui browser is used
// instead (no helper installed, turned off, scripted runs, the helper failed).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mesomap::app {

// "0" turns the desktop's dialogs off, "1" on (over the setting); see nativeDialogsWanted().
inline constexpr const char* kNativeDialogsVariable = "MESOMAP_NATIVE_DIALOGS";

struct FileDialogRequest {
  bool saving = false;
  std::string title;
  std::filesystem::path directory;      // where the dialog starts
  std::string suggestedName;            // saving: the name offered
  std::vector<std::string> extensions;  // lower case, with the dot; saving adds the first one
  std::string filterLabel;              // what the filter is called ("3D models")
  unsigned long parentWindow = 0;       // X11: the app's window, kept under the dialog (0: none)
};

enum class DialogHelper { None, Zenity, KDialog, AppleScript, WindowsShell };
const char* helperName(DialogHelper helper);

// The app's choice (the setting; scripted runs pass false), before MESOMAP_NATIVE_DIALOGS.
void setNativeDialogsWanted(bool wanted);
// The choice with MESOMAP_NATIVE_DIALOGS applied ("0" off, "1" on; anything else is ignored).
bool nativeDialogsWanted();

// The helper that would show a dialog now: None when the dialogs are not wanted or, on Linux,
// neither zenity nor kdialog is on PATH (kdialog first on a KDE desktop, zenity first elsewhere).
DialogHelper findDialogHelper();

// The helper's command line for `request`, the program's name first (zenity, kdialog, osascript).
std::vector<std::string> helperCommand(DialogHelper helper, const FileDialogRequest& request);

struct NativeDialogResult {
  std::optional<std::filesystem::path> chosen;  // none: cancelled, or the helper failed
  std::string problem;                          // the helper failed: why (empty for a cancel)
  // Saving: the extension was added to the name typed, so the helper's overwrite question was
  // about another file than `chosen`.
  bool extensionAdded = false;
};

// `path` as it is saved: `extension` (".png", ".mrk.json") added unless its name ends with it
// already, in any case.
std::filesystem::path withSaveExtension(const std::filesystem::path& path, const std::string& extension);

// What a helper's exit status and output mean. A saved name typed without an extension gets
// the request's first one.
NativeDialogResult readHelperAnswer(DialogHelper helper, const FileDialogRequest& request, int exitStatus,
                                    const std::string& output, const std::string& errors);

// Shows the dialog and waits for the user: call it off the UI thread.
NativeDialogResult runNativeDialog(DialogHelper helper, const FileDialogRequest& request);

// One dialog on a thread of its own. `wake` is called (from that thread) when the user has
// chosen, so an app waiting for events draws the next frame. Destroying a running task closes
// its helper (the thread is left to finish on its own).
class NativeDialogTask {
 public:
  NativeDialogTask() = default;
  NativeDialogTask(const NativeDialogTask&) = delete;
  NativeDialogTask& operator=(const NativeDialogTask&) = delete;
  ~NativeDialogTask();
  void start(DialogHelper helper, FileDialogRequest request, std::function<void()> wake);
  bool running() const;
  // The answer, once, after the dialog closed.
  std::optional<NativeDialogResult> take();

  struct Shared;  // between the task and its thread (native_dialog.cpp)

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace mesomap::app
