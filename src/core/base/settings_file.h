#pragma once
// The app's settings file (window placement, last model folder) as text: parsed and written
// here, without GL or a window, so the fuzz harness and the unit tests read it exactly as the app
// does (app/settings.* adds where the file lives and the window types).
#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.h"

namespace mesomap {

inline constexpr int kSettingsFormatVersion = 1;

struct WindowPlacement {
  int x = -1, y = -1;  // -1: let the window manager place it
  int width = 1400, height = 900;
  bool maximized = false;
};

// A file opened lately (File > Open recent): a model or a scenario.
struct RecentFile {
  std::string path;
  std::string kind;  // "model" or "scenario"
  bool operator==(const RecentFile&) const = default;
};
inline constexpr size_t kMaxRecentFiles = 10;

struct SettingsFile {
  std::optional<WindowPlacement> window;  // none: the app's default placement
  std::string lastModelDirectory;
  std::string trainee;  // the name last given in the picker, offered again at the next start
  // The class server (a libpq connection string, docs/classroom.md) and the class submitted to;
  // "" for none: attempts stay in the local progress database only. MESOMAP_CLASS_DB wins.
  std::string classDatabase;
  std::string classId;
  // Shared scenario folders (a class folder on a network drive), colon-separated like
  // MESOMAP_SCENARIO_PATH, which comes first; "" for none.
  std::string scenarioPath;
  std::vector<RecentFile> recentFiles;  // most recent first, at most kMaxRecentFiles
  // false: Open/Save use the built-in dialog, not the desktop's (MESOMAP_NATIVE_DIALOGS wins).
  bool nativeDialogs = true;
};

// Puts `file` first (once: an earlier entry for the same path goes), keeping at most
// kMaxRecentFiles.
void rememberRecentFile(std::vector<RecentFile>& recent, const RecentFile& file);

// Every problem is recorded under its JSON path ("window.width"); what is damaged is left at
// its default and the rest is kept, so one bad field never costs the others.
SettingsFile parseSettingsFile(const std::string& text, std::vector<Problem>& problems);
std::string settingsFileText(const SettingsFile& settings);

}  // namespace mesomap
