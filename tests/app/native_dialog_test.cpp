// The desktop's Open/Save dialogs: the helper's command line (title, start folder, filters,
// overwrite question), a fake zenity on PATH answering as the real one does, and the built-in
// browser when no helper is there or the dialogs are turned off.
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "app/file_dialog.h"
#include "app/native_dialog.h"
#include "app_test_support.h"
#include "../scoped_variable.h"

namespace mesomap::app {
namespace {

namespace fs = std::filesystem;
using test_support::freshDirectory;
using mesomap::test_support::ScopedVariable;

// A fake zenity in `folder`: records its arguments one per line in `folder`/args, prints
// `answer` and exits with `status` (as zenity: 0 chosen, 1 cancelled).
void writeFakeZenity(const fs::path& folder, const std::string& answer, int status) {
  fs::create_directories(folder);
  std::ofstream script(folder / "zenity");
  script << "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" << (folder / "args").string() << "'\n";
  if (!answer.empty()) script << "printf '%s\\n' '" << answer << "'\n";
  if (status > 1) script << "echo 'Gtk-WARNING: cannot open display' >&2\n";
  script << "exit " << status << "\n";
  script.close();
  fs::permissions(folder / "zenity", fs::perms::owner_all);
}

std::string readText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

FileDialogRequest modelRequest() {
  FileDialogRequest request;
  request.title = "Open model";
  request.directory = "/home/ana/Documents";
  request.extensions = {".glb", ".obj"};
  request.filterLabel = "3D models";
  return request;
}

NativeDialogResult waitFor(NativeDialogTask& task) {
  for (int i = 0; i < 500; ++i) {
    if (auto result = task.take()) return *result;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ADD_FAILURE() << "the dialog task never finished";
  return {};
}

TEST(NativeDialog, ZenityGetsTitleFolderAndFilters) {
  const std::vector<std::string> open = helperCommand(DialogHelper::Zenity, modelRequest());
  EXPECT_EQ(open, (std::vector<std::string>{
                      "zenity", "--file-selection", "--title=Open model", "--filename=/home/ana/Documents/",
                      "--file-filter=3D models | *.glb *.GLB *.obj *.OBJ", "--file-filter=All files | *"}));
  FileDialogRequest save = modelRequest();
  save.saving = true;
  save.title = "Save picture";
  save.directory = "/home/ana/Pictures";
  save.suggestedName = "mesomap-knee.png";
  save.extensions = {".png"};
  save.filterLabel = "PNG pictures";
  EXPECT_EQ(helperCommand(DialogHelper::Zenity, save),
            (std::vector<std::string>{"zenity", "--file-selection", "--title=Save picture",
                                      "--filename=/home/ana/Pictures/mesomap-knee.png", "--save", "--confirm-overwrite",
                                      "--file-filter=PNG pictures | *.png *.PNG", "--file-filter=All files | *"}));
}

TEST(NativeDialog, KDialogAndAppleScriptGetTheSameRequest) {
  FileDialogRequest save = modelRequest();
  save.saving = true;
  save.suggestedName = "knee \"final\".json";
  save.extensions = {".json"};
  save.filterLabel = "Scenarios";
  EXPECT_EQ(helperCommand(DialogHelper::KDialog, save),
            (std::vector<std::string>{"kdialog", "--title", "Open model", "--getsavefilename",
                                      "/home/ana/Documents/knee \"final\".json", "*.json *.JSON|Scenarios"}));
  save.parentWindow = 0x1e00007;  // the app's X11 window: the dialog stays above it
  EXPECT_EQ(helperCommand(DialogHelper::KDialog, save),
            (std::vector<std::string>{"kdialog", "--title", "Open model", "--attach", "31457287", "--getsavefilename",
                                      "/home/ana/Documents/knee \"final\".json", "*.json *.JSON|Scenarios"}));
  const std::vector<std::string> zenity = helperCommand(DialogHelper::Zenity, save);
  EXPECT_EQ(std::vector<std::string>(zenity.end() - 2, zenity.end()),
            (std::vector<std::string>{"--modal", "--attach=31457287"}));
  EXPECT_EQ(helperCommand(DialogHelper::AppleScript, save).back(),
            "POSIX path of (choose file name with prompt \"Open model\" default location "
            "(POSIX file \"/home/ana/Documents\") default name \"knee \\\"final\\\".json\")");
  EXPECT_EQ(helperCommand(DialogHelper::AppleScript, modelRequest()).back(),
            "POSIX path of (choose file with prompt \"Open model\" default location "
            "(POSIX file \"/home/ana/Documents\") of type {\"glb\", \"obj\"})");
}

TEST(NativeDialog, AnswersMeanChosenCancelledOrFailed) {
  FileDialogRequest save = modelRequest();
  save.saving = true;
  save.extensions = {".png"};
  const auto chosen = readHelperAnswer(DialogHelper::Zenity, save, 0, "/tmp/my picture\n", "");
  ASSERT_TRUE(chosen.chosen);
  EXPECT_EQ(*chosen.chosen, fs::path("/tmp/my picture.png"));  // typed without its extension
  EXPECT_EQ(withSaveExtension("/tmp/knee.MRK.JSON", ".mrk.json"), fs::path("/tmp/knee.MRK.JSON"));
  EXPECT_EQ(withSaveExtension("/tmp/knee.json", ".mrk.json"), fs::path("/tmp/knee.json.mrk.json"));
  EXPECT_EQ(withSaveExtension("/tmp/knee", ".mrk.json"), fs::path("/tmp/knee.mrk.json"));
  const auto cancelled = readHelperAnswer(DialogHelper::KDialog, save, 1, "", "");
  EXPECT_FALSE(cancelled.chosen);
  EXPECT_EQ(cancelled.problem, "");
  const auto appleCancel =
      readHelperAnswer(DialogHelper::AppleScript, save, 1, "", "execution error: User canceled. (-128)\n");
  EXPECT_EQ(appleCancel.problem, "");
  const auto failed = readHelperAnswer(DialogHelper::Zenity, save, 255, "", "cannot open display\nmore\n");
  EXPECT_FALSE(failed.chosen);
  EXPECT_EQ(failed.problem, "zenity failed (exit status 255): cannot open display");
}

// The fake zenity runs on the dialog's own thread; its answer comes back, and the app is woken.
TEST(NativeDialog, FakeZenityOnPathIsRunAndItsAnswerRead) {
  const fs::path bin = freshDirectory("NativeDialog", "fake_zenity") / "bin";
  writeFakeZenity(bin, "/home/ana/Documents/back.glb", 0);
  ScopedVariable path("PATH", bin.string() + ":/usr/bin:/bin");
  ScopedVariable wanted(kNativeDialogsVariable, "1");
  ScopedVariable desktop("XDG_CURRENT_DESKTOP", "GNOME");
  ASSERT_EQ(findDialogHelper(), DialogHelper::Zenity);
  NativeDialogTask task;
  std::atomic<int> woken = 0;
  task.start(DialogHelper::Zenity, modelRequest(), [&] { ++woken; });
  const NativeDialogResult result = waitFor(task);
  ASSERT_TRUE(result.chosen) << result.problem;
  EXPECT_EQ(*result.chosen, fs::path("/home/ana/Documents/back.glb"));
  EXPECT_EQ(woken.load(), 1);
  EXPECT_EQ(readText(bin / "args"),
            "--file-selection\n--title=Open model\n--filename=/home/ana/Documents/\n"
            "--file-filter=3D models | *.glb *.GLB *.obj *.OBJ\n--file-filter=All files | *\n");
}

TEST(NativeDialog, NoHelperOrTurnedOffMeansBuiltIn) {
  const fs::path bin = freshDirectory("NativeDialog", "no_helper") / "bin";
  fs::create_directories(bin);
  {
    ScopedVariable path("PATH", bin.string());
    ScopedVariable wanted(kNativeDialogsVariable, "1");
    EXPECT_EQ(findDialogHelper(), DialogHelper::None);
  }
  writeFakeZenity(bin, "/x.glb", 0);
  ScopedVariable path("PATH", bin.string());
  {
    ScopedVariable off(kNativeDialogsVariable, "0");
    EXPECT_EQ(findDialogHelper(), DialogHelper::None);
  }
  ScopedVariable unset(kNativeDialogsVariable, "");
  setNativeDialogsWanted(false);  // the setting off (or a scripted run)
  EXPECT_EQ(findDialogHelper(), DialogHelper::None);
  setNativeDialogsWanted(true);
  EXPECT_EQ(findDialogHelper(), DialogHelper::Zenity);
}

// One frame of the app's dialogs in a headless ImGui context.
std::optional<fs::path> drawFrame(FileDialog& dialog, const char* title) {
  ImGui::NewFrame();
  auto chosen = dialog.draw(title, false);
  ImGui::Render();
  return chosen;
}

// Frames until the desktop's dialog answers (at most five seconds).
std::optional<fs::path> drawUntilChosen(FileDialog& dialog, const char* title) {
  std::optional<fs::path> chosen;
  for (int frame = 0; frame < 500 && !chosen; ++frame) {
    chosen = drawFrame(dialog, title);
    if (!chosen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return chosen;
}

// FileDialog, as the app uses it: the fake zenity's file comes back from draw(); a helper that
// fails leaves the built-in browser open instead; without a helper the built-in one opens at once.
TEST(FileDialog, NativeAnswerOrBuiltInFallback) {
  const fs::path root = freshDirectory("FileDialog", "fallback");
  const fs::path bin = root / "bin";
  writeFakeZenity(bin, (root / "chosen").string(), 0);
  ScopedVariable path("PATH", bin.string());
  ScopedVariable wanted(kNativeDialogsVariable, "1");
  test_support::createHeadlessImGui();
  FileDialog dialog;
  dialog.openToSave(root, "attempt.json", {".json"}, "Attempts");
  const std::optional<fs::path> chosen = drawUntilChosen(dialog, "Export attempt");
  ASSERT_TRUE(chosen);
  EXPECT_EQ(*chosen, root / "chosen.json");
  EXPECT_NE(
      readText(bin / "args").find("--filename=" + (root / "attempt.json").string() + "\n--save\n--confirm-overwrite\n"),
      std::string::npos);
  EXPECT_FALSE(dialog.isOpen());

  writeFakeZenity(bin, "", 255);  // zenity cannot show itself: the built-in browser opens
  dialog.open(root, {".json"}, "Scenarios");
  for (int frame = 0; frame < 500 && !ImGui::FindWindowByName("Open scenario"); ++frame) {
    drawFrame(dialog, "Open scenario");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(dialog.isOpen());
  EXPECT_NE(ImGui::FindWindowByName("Open scenario"), nullptr);

  fs::remove(bin / "zenity");  // none installed: built-in from the first frame
  FileDialog other;
  other.open(root, {".glb"}, "3D models");
  drawFrame(other, "Open model");
  drawFrame(other, "Open model");
  EXPECT_TRUE(other.isOpen());
  const ImGuiWindow* browser = ImGui::FindWindowByName("Open model");
  ASSERT_NE(browser, nullptr);
  EXPECT_TRUE(browser->WasActive);
  ImGui::DestroyContext();
}

// "existing" typed in the desktop's Save dialog would save over existing.json, which the desktop
// never asked about: the dialog opens again on "existing.json", so replacing it is asked.
TEST(FileDialog, ANameTypedWithoutItsExtensionNeverReplacesAFileUnasked) {
  const fs::path root = freshDirectory("FileDialog", "extension_added");
  const fs::path bin = root / "bin";
  fs::create_directories(bin);
  std::ofstream(root / "existing.json") << "{}";
  ASSERT_TRUE(fs::exists(root / "existing.json"));
  {
    // The short name first; the full name (as the user confirms it) when asked again.
    std::ofstream script(bin / "zenity");
    script << "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '" << (bin / "args").string() << "'\n"
           << "if [ -e '" << (bin / "asked").string() << "' ]; then printf '%s\\n' '" << (root / "existing.json").string()
           << "'; else : > '" << (bin / "asked").string() << "'; printf '%s\\n' '" << (root / "existing").string()
           << "'; fi\n";
  }
  fs::permissions(bin / "zenity", fs::perms::owner_all);
  ScopedVariable path("PATH", bin.string());
  ScopedVariable wanted(kNativeDialogsVariable, "1");
  test_support::createHeadlessImGui();
  FileDialog dialog;
  dialog.openToSave(root, "attempt.json", {".json"}, "Attempts");
  const std::optional<fs::path> chosen = drawUntilChosen(dialog, "Export attempt");
  ASSERT_TRUE(chosen);
  EXPECT_EQ(*chosen, root / "existing.json");
  const std::string args = readText(bin / "args");
  EXPECT_NE(args.find("--filename=" + (root / "attempt.json").string() + "\n"), std::string::npos) << args;
  EXPECT_NE(args.find("--filename=" + (root / "existing.json").string() + "\n--save\n--confirm-overwrite\n"),
            std::string::npos)
      << args;
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace mesomap::app
