// The app paints a scenario's zones with the regions scoring already built: given the prepared
// scenario, the view takes its regions and needs no geodesic solver of its own.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/scenario_view.h"
#include "core/protocol/camera_bookmarks.h"
#include "core/import/model_loader.h"
#include "core/scoring/scoring.h"

namespace mesomap::app {
namespace {

TEST(ScenarioView, ZonesComeFromThePreparedScenario) {
  LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
  const auto body = std::make_shared<const Body>(std::move(loaded.mesh), loaded.path);
  const Scenario scenario = readValidScenario(std::string(MESOMAP_ASSET_DIR) + "/scenarios/knee_osteoarthritis_right.json");
  ScenarioView view;
  view.show(&scenario, "");
  view.setBody(body);
  const uint64_t before = view.revision();
  // Neither a solver nor a prepared scenario yet: nothing to paint, and nothing changes.
  view.update(nullptr);
  EXPECT_TRUE(view.zones().empty());
  EXPECT_EQ(view.revision(), before);
  // The prepared scenario's regions, while the view's body has no solver: taken, not built.
  LoadedModel other = loadModel(MESOMAP_DEFAULT_MODEL);
  const Body scoring(std::move(other.mesh), other.path);
  const PreparedScenario prepared = prepareScenario(scenario, scoringBody(scoring));
  ASSERT_EQ(prepared.zones.size(), scenario.zones.size());
  EXPECT_EQ(body->geodesicsIfReady(), nullptr);
  view.update(&prepared);
  ASSERT_EQ(view.zones().size(), prepared.zones.size());
  EXPECT_GT(view.revision(), before);
  for (size_t i = 0; i < prepared.zones.size(); ++i) {
    EXPECT_EQ(view.zones()[i].kind, prepared.zones[i].region.kind);
    EXPECT_EQ(view.zones()[i].vertexMarginMm, prepared.zones[i].region.vertexMarginMm);
  }
  // Once painted, later frames cost nothing.
  const uint64_t painted = view.revision();
  view.update(&prepared);
  EXPECT_EQ(view.revision(), painted);
}

std::string bytesOf(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A built-in scenario belongs to the install (or the source tree): its bookmarks go to the
// user's own file and come back from it; an instructor's own scenario keeps them in its file.
TEST(ScenarioView, LibraryBookmarksLiveInTheUsersDataNotTheLibrary) {
  const auto root = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "scenario_view_bookmarks";
  std::filesystem::remove_all(root);
  const auto library = root / "library", data = root / "data", own = root / "own";
  for (const auto& d : {library, data, own}) std::filesystem::create_directories(d);
  const auto shipped = std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios/knee_osteoarthritis_right.json";
  std::filesystem::copy_file(shipped, library / "knee.json");
  std::filesystem::copy_file(shipped, own / "knee.json");
  const std::string libraryBytes = bytesOf(library / "knee.json");
  const auto userFile = data / "camera-bookmarks.json";
  const Scenario scenario = readValidScenario(library / "knee.json");
  const CameraBookmark bookmark{"My close-up", {-150.0, 455.0, -40.0}, std::nullopt, 30.0, 5.0, 300.0};

  ScenarioView view;
  view.setStorage(library, userFile);
  view.show(&scenario, library / "knee.json");
  EXPECT_EQ(view.bookmarksFile(), userFile);
  std::string notice;
  ASSERT_TRUE(view.saveBookmark(bookmark, notice)) << notice;
  EXPECT_NE(notice.find("camera-bookmarks.json"), std::string::npos) << notice;
  EXPECT_EQ(bytesOf(library / "knee.json"), libraryBytes);  // the library is never written
  const UserCameraBookmarksReadResult user = readUserCameraBookmarks(userFile);
  ASSERT_TRUE(user.bookmarks);
  ASSERT_EQ(user.bookmarks->byScenario.at(scenario.id).size(), scenario.cameras.size() + 1);

  ScenarioView again;  // the next start sees them
  again.setStorage(library, userFile);
  again.show(&scenario, library / "knee.json");
  ASSERT_EQ(again.bookmarks().size(), scenario.cameras.size() + 1);
  EXPECT_EQ(again.bookmarks().back().name, "My close-up");
  ASSERT_TRUE(again.deleteBookmark(again.bookmarks().size() - 1, notice)) << notice;
  EXPECT_EQ(readUserCameraBookmarks(userFile).bookmarks->byScenario.at(scenario.id).size(), scenario.cameras.size());

  ScenarioView instructor;  // a scenario outside the library: saved in its own file
  instructor.setStorage(library, userFile);
  instructor.show(&scenario, own / "knee.json");
  EXPECT_EQ(instructor.bookmarksFile(), own / "knee.json");
  ASSERT_TRUE(instructor.saveBookmark(bookmark, notice)) << notice;
  EXPECT_NE(readValidScenario(own / "knee.json").findCamera("My close-up"), nullptr);
}

}  // namespace
}  // namespace mesomap::app
