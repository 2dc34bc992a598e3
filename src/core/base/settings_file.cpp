#include "core/base/settings_file.h"

#include <cmath>
#include <string>

#include "core/base/json_reader.h"

namespace mesomap {
namespace {

constexpr int kMinWidth = 320, kMinHeight = 240, kMaxSide = 16384;
// Window positions may be negative (a monitor left of the primary one), never absurd.
constexpr double kMaxPosition = 100000;

// Whole pixels as written ("99999999", not "1e+08"); |value| is at most 1e9 here.
std::string pixels(double value) {
  return value == std::floor(value) ? std::to_string(static_cast<long long>(value)) : formatNumber(value);
}

// `w` reads the top-level "window" object.
std::optional<WindowPlacement> readWindow(ObjectReader& w) {
  WindowPlacement g;
  const auto x = w.number("x", true, -kMaxPosition, kMaxPosition);
  const auto y = w.number("y", true, -kMaxPosition, kMaxPosition);
  // Sizes are checked together below: one message for the pair reads better than two.
  const auto width = w.number("width", true, -1e9, 1e9);
  const auto height = w.number("height", true, -1e9, 1e9);
  const auto maximized = w.flag("maximized", false);
  if (!x || !y || !width || !height) return std::nullopt;
  if (*width < kMinWidth || *height < kMinHeight || *width > kMaxSide || *height > kMaxSide) {
    w.record("window", "size " + pixels(*width) + "x" + pixels(*height) + " is out of range (" +
                           std::to_string(kMinWidth) + "x" + std::to_string(kMinHeight) + " to " +
                           std::to_string(kMaxSide) + "x" + std::to_string(kMaxSide) + "); using the default");
    return std::nullopt;
  }
  g.x = static_cast<int>(*x);
  g.y = static_cast<int>(*y);
  g.width = static_cast<int>(*width);
  g.height = static_cast<int>(*height);
  g.maximized = maximized.value_or(false);
  return g;
}

// `f` reads one element of "recentFiles"; an entry with a problem is left out, the rest kept.
std::optional<RecentFile> readRecentFile(ObjectReader& f) {
  const size_t problemsBefore = f.problems().size();
  RecentFile file;
  file.path = f.text("path");
  file.kind = f.text("kind");
  if (!file.kind.empty() && file.kind != "model" && file.kind != "scenario")
    f.problem("kind", "'" + file.kind + "' is not model or scenario");
  if (f.problems().size() != problemsBefore) return std::nullopt;
  return file;
}

}  // namespace

void rememberRecentFile(std::vector<RecentFile>& recent, const RecentFile& file) {
  std::erase_if(recent, [&](const RecentFile& r) { return r.path == file.path; });
  recent.insert(recent.begin(), file);
  if (recent.size() > kMaxRecentFiles) recent.resize(kMaxRecentFiles);
}

SettingsFile parseSettingsFile(const std::string& text, std::vector<Problem>& problems) {
  SettingsFile settings;
  auto root = parseVersionedDocument(text, kSettingsFormatVersion, "a settings", problems);
  if (!root) return settings;
  ObjectReader r(*root, "", problems);
  r.schemaReference();
  r.field("version", false);  // checked by parseVersionedDocument; files before it had none
  r.object("window", false, [&](ObjectReader& w) { settings.window = readWindow(w); });
  settings.lastModelDirectory = r.text("lastModelDirectory", false);
  settings.trainee = r.text("trainee", false);
  settings.classDatabase = r.text("classDatabase", false);
  settings.classId = r.text("classId", false);
  settings.nativeDialogs = r.flag("nativeDialogs", false).value_or(true);
  settings.scenarioPath = r.text("scenarioPath", false);
  r.array("recentFiles", false, [&](ObjectReader& f, size_t) {
    if (auto file = readRecentFile(f); file && settings.recentFiles.size() < kMaxRecentFiles)
      settings.recentFiles.push_back(*file);
  });
  return settings;
}

std::string settingsFileText(const SettingsFile& settings) {
  nlohmann::json j;
  j["version"] = kSettingsFormatVersion;
  if (const auto& w = settings.window)
    j["window"] = {{"x", w->x}, {"y", w->y}, {"width", w->width}, {"height", w->height}, {"maximized", w->maximized}};
  j["lastModelDirectory"] = settings.lastModelDirectory;
  if (!settings.trainee.empty()) j["trainee"] = settings.trainee;
  // Only when set: the files of people outside a class stay as they were.
  if (!settings.classDatabase.empty()) j["classDatabase"] = settings.classDatabase;
  if (!settings.classId.empty()) j["classId"] = settings.classId;
  if (!settings.nativeDialogs) j["nativeDialogs"] = false;  // only when changed, as the class fields
  if (!settings.scenarioPath.empty()) j["scenarioPath"] = settings.scenarioPath;
  j["recentFiles"] = nlohmann::json::array();
  for (const RecentFile& f : settings.recentFiles) j["recentFiles"].push_back({{"path", f.path}, {"kind", f.kind}});
  return j.dump(2) + "\n";
}

}  // namespace mesomap
