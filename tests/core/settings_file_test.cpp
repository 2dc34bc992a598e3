// The app's settings file read as text: each damaged field is named with its problem, and what
// is damaged falls back to its default without costing the fields that are fine.
#include <algorithm>

#include <gtest/gtest.h>

#include "core/base/settings_file.h"

namespace mesomap {
namespace {

std::string messages(const std::vector<Problem>& problems) {
  std::string all;
  for (const Problem& p : problems) all += formatProblem("settings.json", p) + "\n";
  return all;
}

TEST(SettingsFile, WrittenTextReadsBackTheSame) {
  SettingsFile written;
  written.window = WindowPlacement{-1200, 40, 1024, 768, true};
  written.lastModelDirectory = "/data/bodies";
  written.trainee = "Müller, José";
  std::vector<Problem> problems;
  const SettingsFile read = parseSettingsFile(settingsFileText(written), problems);
  EXPECT_TRUE(problems.empty()) << messages(problems);
  ASSERT_TRUE(read.window);
  EXPECT_EQ(read.window->x, -1200);
  EXPECT_EQ(read.window->y, 40);
  EXPECT_EQ(read.window->width, 1024);
  EXPECT_EQ(read.window->height, 768);
  EXPECT_TRUE(read.window->maximized);
  EXPECT_EQ(read.lastModelDirectory, "/data/bodies");
  EXPECT_EQ(read.trainee, "Müller, José");
}

// The class server is remembered; outside a class the file does not mention it.
TEST(SettingsFile, KeepsTheClassServerOnlyWhenThereIsOne) {
  SettingsFile written;
  EXPECT_EQ(settingsFileText(written).find("class"), std::string::npos);
  written.classDatabase = "host=class.example dbname=derm user=ana";
  written.classId = "derm-1";
  std::vector<Problem> problems;
  const SettingsFile read = parseSettingsFile(settingsFileText(written), problems);
  EXPECT_TRUE(problems.empty()) << messages(problems);
  EXPECT_EQ(read.classDatabase, "host=class.example dbname=derm user=ana");
  EXPECT_EQ(read.classId, "derm-1");
  parseSettingsFile(R"({"version": 1, "classDatabase": 5})", problems);
  EXPECT_EQ(messages(problems), "settings.json: classDatabase: expected text\n");
}

// The desktop's dialogs are on unless turned off; only "off" is written down.
TEST(SettingsFile, NativeDialogsAreOnUnlessTurnedOff) {
  SettingsFile written;
  EXPECT_EQ(settingsFileText(written).find("nativeDialogs"), std::string::npos);
  std::vector<Problem> problems;
  EXPECT_TRUE(parseSettingsFile(settingsFileText(written), problems).nativeDialogs);
  written.nativeDialogs = false;
  EXPECT_FALSE(parseSettingsFile(settingsFileText(written), problems).nativeDialogs);
  EXPECT_TRUE(problems.empty()) << messages(problems);
  EXPECT_TRUE(parseSettingsFile(R"({"version": 1, "nativeDialogs": "no"})", problems).nativeDialogs);
  EXPECT_EQ(messages(problems), "settings.json: nativeDialogs: expected true or false\n");
}

// The shared scenario folders (the class folder the instructor's builder saves into).
TEST(SettingsFile, KeepsTheSharedScenarioFoldersOnlyWhenThereAreSome) {
  SettingsFile written;
  EXPECT_EQ(settingsFileText(written).find("scenarioPath"), std::string::npos);
  written.scenarioPath = "/mnt/class/scenarios:/srv/more";
  std::vector<Problem> problems;
  EXPECT_EQ(parseSettingsFile(settingsFileText(written), problems).scenarioPath, "/mnt/class/scenarios:/srv/more");
  EXPECT_TRUE(problems.empty()) << messages(problems);
  parseSettingsFile(R"({"version": 1, "scenarioPath": ["/mnt"]})", problems);
  EXPECT_EQ(messages(problems), "settings.json: scenarioPath: expected text\n");
}

TEST(SettingsFile, EachDamagedFieldIsNamedWithItsProblem) {
  std::vector<Problem> problems;
  const SettingsFile read = parseSettingsFile(
      R"({"window": {"x": "left", "y": 0, "width": 800, "height": 600, "maximized": 1},
          "lastModelDirectory": 7, "widnow": {}})",
      problems);
  EXPECT_EQ(messages(problems),
            "settings.json: window.x: expected a number\n"
            "settings.json: window.maximized: expected true or false\n"
            "settings.json: lastModelDirectory: expected text\n"
            "settings.json: widnow: unknown field (did you mean 'window'?)\n");
  EXPECT_FALSE(read.window);
  EXPECT_EQ(read.lastModelDirectory, "");
}

TEST(SettingsFile, OutOfRangeSizeKeepsTheOtherFields) {
  std::vector<Problem> problems;
  const SettingsFile read = parseSettingsFile(
      R"({"window": {"x": 0, "y": 0, "width": 99999999, "height": 5}, "lastModelDirectory": "/bodies"})", problems);
  EXPECT_EQ(messages(problems),
            "settings.json: window: size 99999999x5 is out of range (320x240 to 16384x16384); using the default\n");
  EXPECT_FALSE(read.window);
  EXPECT_EQ(read.lastModelDirectory, "/bodies");
}

TEST(SettingsFile, OverflowingNumberAndNewerVersionAreRefusedWithAMessage) {
  std::vector<Problem> problems;
  parseSettingsFile(R"({"window": {"x": 1e999, "y": 0, "width": 800, "height": 600}})", problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("not valid JSON"), std::string::npos) << problems[0].message;
  problems.clear();
  parseSettingsFile(R"({"version": 9})", problems);
  EXPECT_EQ(messages(problems),
            "settings.json: version: 9 is newer than this mesomap reads (1); upgrade mesomap to open this file\n");
}

// File > Open recent: newest first, once per file, at most ten; a damaged entry is named and
// dropped, the others kept.
TEST(SettingsFile, RecentFilesKeepTheNewestTenOncePerFile) {
  std::vector<RecentFile> recent;
  for (int i = 0; i < 12; ++i) rememberRecentFile(recent, {"/bodies/b" + std::to_string(i) + ".glb", "model"});
  rememberRecentFile(recent, {"/bodies/b5.glb", "model"});
  ASSERT_EQ(recent.size(), kMaxRecentFiles);
  EXPECT_EQ(recent[0].path, "/bodies/b5.glb");
  EXPECT_EQ(recent[1].path, "/bodies/b11.glb");
  EXPECT_EQ(recent[9].path, "/bodies/b2.glb");  // b0 and b1 pushed out; b5 not listed twice
  EXPECT_EQ(std::count_if(recent.begin(), recent.end(), [](const RecentFile& r) { return r.path == "/bodies/b5.glb"; }), 1);

  SettingsFile written;
  written.recentFiles = {{"/s/knee.json", "scenario"}, {"/bodies/Müller body.glb", "model"}};
  std::vector<Problem> problems;
  const SettingsFile read = parseSettingsFile(settingsFileText(written), problems);
  EXPECT_TRUE(problems.empty()) << messages(problems);
  EXPECT_EQ(read.recentFiles, written.recentFiles);
}

TEST(SettingsFile, DamagedRecentFileIsNamedAndLeftOut) {
  std::vector<Problem> problems;
  const SettingsFile read = parseSettingsFile(
      R"({"recentFiles": [{"path": "/a.glb", "kind": "model"}, {"path": 3, "kind": "model"},
                          {"path": "/b.json", "kind": "picture"}, {"path": "/c.json", "kind": "scenario"}]})",
      problems);
  EXPECT_EQ(messages(problems),
            "settings.json: recentFiles[1].path: expected text\n"
            "settings.json: recentFiles[2].kind: 'picture' is not model or scenario\n");
  ASSERT_EQ(read.recentFiles.size(), 2u);
  EXPECT_EQ(read.recentFiles[0].path, "/a.glb");
  EXPECT_EQ(read.recentFiles[1].path, "/c.json");
}

}  // namespace
}  // namespace mesomap
