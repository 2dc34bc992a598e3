// What a file handed to the app is (app/model/open_file.h): the one classification the command
// line's FILE, dropped files and the recent files share.
#include <fstream>

#include <gtest/gtest.h>

#include "app/model/open_file.h"
#include "app_test_support.h"
#include "core/base/error.h"

namespace mesomap::app {
namespace {

const std::filesystem::path kScenario =
    std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios/achilles_tendinopathy_right.json";
const std::filesystem::path kAttempt = std::filesystem::path(MESOMAP_TEST_DATA) / "attempts/achilles_perfect.json";

std::string refusal(const std::filesystem::path& path) {
  try {
    planOpening(path, test_support::freshDirectory("open_file", "data"));
  } catch (const Error& e) {
    return e.what();
  }
  return "opened";
}

TEST(OpenFile, AModelByItsExtension) {
  const FileToOpen plan = planOpening(MESOMAP_DEFAULT_MODEL, test_support::freshDirectory("open_file", "model"));
  EXPECT_EQ(plan.kind, FileKind::Model);
  EXPECT_FALSE(plan.attempt);
  EXPECT_STREQ(describe(plan.kind), "model");
}

TEST(OpenFile, AScenarioByItsFormat) {
  const FileToOpen plan = planOpening(kScenario, test_support::freshDirectory("open_file", "scenario"));
  EXPECT_EQ(plan.kind, FileKind::Scenario);
  EXPECT_EQ(plan.scenarioPath, kScenario);
}

TEST(OpenFile, AnAttemptOpensOnItsLibraryScenario) {
  const FileToOpen plan = planOpening(kAttempt, test_support::freshDirectory("open_file", "attempt"));
  EXPECT_EQ(plan.kind, FileKind::Attempt);
  ASSERT_TRUE(plan.attempt);
  EXPECT_EQ(plan.attempt->scenarioId, "achilles_tendinopathy_right");
  EXPECT_EQ(plan.scenarioPath.filename(), "achilles_tendinopathy_right.json");
}

TEST(OpenFile, OtherFilesAreRefusedWithTheReason) {
  const auto dir = test_support::freshDirectory("open_file", "others");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "notes";
  std::ofstream(dir / "other.json") << R"({"format": "geojson"})";
  std::ofstream(dir / "broken.json") << "{";
  EXPECT_EQ(refusal(dir / "notes.txt"), "'" + (dir / "notes.txt").string() +
                                            "': not understood: not a model (by its extension '.txt'), a scenario or "
                                            "an attempt (.json)");
  EXPECT_NE(refusal(dir / "other.json").find("its \"format\" is 'geojson'"), std::string::npos);
  EXPECT_NE(refusal(dir / "broken.json").find("it is not valid JSON"), std::string::npos);
  EXPECT_EQ(refusal(dir / "missing.glb"), "'" + (dir / "missing.glb").string() + "': file not found");
  EXPECT_EQ(refusal(dir), "'" + dir.string() + "': not a file");
}

}  // namespace
}  // namespace mesomap::app
