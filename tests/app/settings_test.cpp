#include <fstream>

#include <gtest/gtest.h>

#include "app/settings.h"

namespace mesomap::app {
namespace {

const std::filesystem::path kOutput = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "settings";

TEST(Settings, WindowPlacementSurvivesARestart) {
  auto path = kOutput / "roundtrip" / "settings.json";
  std::filesystem::remove_all(path.parent_path());
  Settings saved;
  saved.window = {120, 80, 1280, 720, false};
  saved.lastModelDirectory = "/data/bodies";
  saved.trainee = "A. Trainee";
  saveSettings(saved, path);
  std::vector<std::string> problems;
  Settings loaded = loadSettings(path, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(loaded.window.x, 120);
  EXPECT_EQ(loaded.window.y, 80);
  EXPECT_EQ(loaded.window.width, 1280);
  EXPECT_EQ(loaded.window.height, 720);
  EXPECT_EQ(loaded.lastModelDirectory, "/data/bodies");
  EXPECT_EQ(loaded.trainee, "A. Trainee");
}

TEST(Settings, FirstRunUsesDefaultsQuietly) {
  std::vector<std::string> problems;
  Settings loaded = loadSettings(kOutput / "never_written.json", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(loaded.window.width, render::WindowGeometry{}.width);
}

TEST(Settings, DamagedFileIsReportedAndIgnored) {
  std::filesystem::create_directories(kOutput);
  auto path = kOutput / "damaged.json";
  std::ofstream(path) << "{\"window\": {\"x\": 1, \"y\": ";
  std::vector<std::string> problems;
  Settings loaded = loadSettings(path, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("damaged.json"), std::string::npos) << problems[0];
  EXPECT_EQ(loaded.window.width, render::WindowGeometry{}.width);
}

TEST(Settings, AbsurdWindowSizeIsRejected) {
  std::filesystem::create_directories(kOutput);
  auto path = kOutput / "absurd.json";
  std::ofstream(path) << R"({"window": {"x": 0, "y": 0, "width": 99999999, "height": 5}})";
  std::vector<std::string> problems;
  Settings loaded = loadSettings(path, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("out of range"), std::string::npos) << problems[0];
  EXPECT_EQ(loaded.window.height, render::WindowGeometry{}.height);
}

TEST(Settings, ProblemNamesTheFileTheFieldAndTheProblem) {
  std::filesystem::create_directories(kOutput);
  auto path = kOutput / "wrong_type.json";
  std::ofstream(path) << R"({"window": {"x": 0, "y": 0, "width": "wide", "height": 600}, "lastModelDirectory": "/b"})";
  std::vector<std::string> problems;
  Settings loaded = loadSettings(path, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "settings '" + path.string() + "': window.width: expected a number");
  EXPECT_EQ(loaded.window.width, render::WindowGeometry{}.width);
  EXPECT_EQ(loaded.lastModelDirectory, "/b");
}

}  // namespace
}  // namespace mesomap::app
