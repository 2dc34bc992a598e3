// The user's own camera bookmarks file: read back exactly what was written, and a broken file is
// reported by path, never read as an empty set.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/protocol/camera_bookmarks.h"

namespace mesomap {
namespace {

std::filesystem::path tempFile(const std::string& name) {
  const auto dir = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "camera_bookmarks";
  std::filesystem::create_directories(dir);
  return dir / name;
}

std::string messages(const UserCameraBookmarksReadResult& r) {
  std::string all;
  for (const Problem& p : r.problems) all += p.path + ": " + p.message + "\n";
  return all;
}

TEST(CameraBookmarks, UserFileRoundTripsEveryScenario) {
  UserCameraBookmarks written;
  CameraBookmark orbit{"Close-up", {-150.0, 455.0, -40.0}, std::nullopt, 20.0, 10.0, 350.0};
  CameraBookmark eye{"From the side", {0.0, 1000.0, 0.0}, glm::dvec3(800.0, 1100.0, 50.0)};
  written.byScenario["knee_osteoarthritis_right"] = {orbit, eye};
  written.byScenario["neck_pain_chronic"] = {orbit};
  const auto path = tempFile("round_trip.json");
  writeUserCameraBookmarks(written, path);

  const UserCameraBookmarksReadResult read = readUserCameraBookmarks(path);
  ASSERT_TRUE(read.bookmarks) << messages(read);
  ASSERT_EQ(read.bookmarks->byScenario.size(), 2u);
  const auto& knee = read.bookmarks->byScenario.at("knee_osteoarthritis_right");
  ASSERT_EQ(knee.size(), 2u);
  EXPECT_EQ(knee[0].name, "Close-up");
  EXPECT_DOUBLE_EQ(knee[0].distanceMm, 350.0);
  EXPECT_DOUBLE_EQ(knee[0].yawDeg, 20.0);
  ASSERT_TRUE(knee[1].eyeMm);
  EXPECT_DOUBLE_EQ(knee[1].eyeMm->x, 800.0);
}

TEST(CameraBookmarks, MissingFileIsAnEmptySet) {
  const UserCameraBookmarksReadResult read = readUserCameraBookmarks(tempFile("never_written.json"));
  ASSERT_TRUE(read.bookmarks);
  EXPECT_TRUE(read.bookmarks->byScenario.empty());
}

TEST(CameraBookmarks, BrokenFilesAreReportedByPath) {
  const auto problemsOf = [](const std::string& json) { return messages(parseUserCameraBookmarks(json)); };
  EXPECT_EQ(problemsOf(R"({"format": "mesomap-camera-bookmarks", "version": 1, "scenarios": []})"),
            "scenarios: expected an object of scenario id -> bookmarks\n");
  EXPECT_EQ(problemsOf(R"({"format": "mesomap-camera-bookmarks", "version": 2, "scenarios": {}})"),
            "version: 2 is newer than this mesomap reads (1); upgrade mesomap to open this file\n");
  EXPECT_EQ(problemsOf(R"({"format": "mesomap-camera-bookmarks", "version": 1, "scenarios": {"knee": [)"
                       R"({"name": "front", "target_mm": [0, 0, 0], "yaw_deg": 0, "distance_mm": 100}]}})"),
            "scenarios.knee[0].name: 'front' is a preset view; choose another name\n");
  EXPECT_EQ(problemsOf(R"({"format": "mesomap-camera-bookmarks", "version": 1, "scenarios": {}, "extra": 1})"),
            "extra: unknown field\n");
  const UserCameraBookmarksReadResult broken = parseUserCameraBookmarks("{ not json");
  EXPECT_FALSE(broken.bookmarks);
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_NE(broken.problems[0].message.find("not valid JSON"), std::string::npos);
}

}  // namespace
}  // namespace mesomap
