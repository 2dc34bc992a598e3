// Every mesomap file reader takes the "$schema" key editors add to attach a JSON Schema (issue
// 16), as text at the top level; anything else there is still reported by its path.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/problem.h"
#include "core/base/settings_file.h"
#include "core/body/landmarks.h"
#include "core/protocol/attempt.h"
#include "core/protocol/camera_bookmarks.h"
#include "core/protocol/scenario.h"
#include "core/protocol/slicer_markups.h"

namespace mesomap {
namespace {

const char* kSchemaUrl = "urn:mesomap:schema:scenario:2";

std::string fileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The document with "$schema" set to `value`.
std::string withSchema(const std::string& text, const nlohmann::json& value) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
  j["$schema"] = value;
  return j.dump(2);
}

std::string problemText(const std::vector<Problem>& problems) {
  std::string all;
  for (const Problem& p : problems) all += formatProblem("f", p) + "\n";
  return all;
}

TEST(SchemaKey, ScenarioAcceptsItAndRefusesANumber) {
  const std::string text = fileText(MESOMAP_SOURCE_DIR "/assets/scenarios/knee_osteoarthritis_right.json");
  const ScenarioReadResult read = parseScenario(withSchema(text, kSchemaUrl));
  EXPECT_TRUE(read.ok()) << problemText(read.problems);
  EXPECT_EQ(problemText(parseScenario(withSchema(text, 5)).problems), "f: $schema: expected text\n");
}

TEST(SchemaKey, AScenarioKeepsItWhenSaved) {
  const std::string text = fileText(MESOMAP_SOURCE_DIR "/assets/scenarios/knee_osteoarthritis_right.json");
  const ScenarioReadResult read = parseScenario(withSchema(text, kSchemaUrl));
  ASSERT_TRUE(read.ok());
  const std::string saved = scenarioToJson(*read.scenario);
  EXPECT_EQ(saved.rfind("{\n  \"$schema\": \"urn:mesomap:schema:scenario:2\",\n  \"format\"", 0), 0u) << saved;
  EXPECT_EQ(scenarioToJson(*parseScenario(text).scenario).find("$schema"), std::string::npos);
}

TEST(SchemaKey, AttemptAcceptsItAndRefusesANumber) {
  const std::string text = fileText(MESOMAP_TEST_DATA "/attempts/knee_flawed.json");
  const AttemptReadResult read = parseAttempt(withSchema(text, "../schemas/mesomap-attempt.schema.json"));
  EXPECT_TRUE(read.ok()) << problemText(read.problems);
  EXPECT_EQ(problemText(parseAttempt(withSchema(text, true)).problems), "f: $schema: expected text\n");
}

TEST(SchemaKey, LandmarkSetAcceptsItAndRefusesANumber) {
  const std::string text = fileText(MESOMAP_SOURCE_DIR "/assets/landmarks/default_body.json");
  const LandmarkSetReadResult read = parseLandmarkSet(withSchema(text, "urn:mesomap:schema:landmarks:1"));
  EXPECT_TRUE(read.ok()) << problemText(read.problems);
  EXPECT_EQ(problemText(parseLandmarkSet(withSchema(text, 1)).problems), "f: $schema: expected text\n");
}

TEST(SchemaKey, SettingsAndBookmarksAcceptIt) {
  std::vector<Problem> problems;
  parseSettingsFile(withSchema(R"({"version": 1, "lastModelDirectory": "/tmp"})", "settings.schema.json"), problems);
  EXPECT_EQ(problemText(problems), "");
  parseSettingsFile(withSchema(R"({"version": 1})", nlohmann::json::array()), problems);
  EXPECT_EQ(problemText(problems), "f: $schema: expected text\n");

  const std::string bookmarks = R"({"format": "mesomap-camera-bookmarks", "version": 1, "scenarios": {}})";
  const UserCameraBookmarksReadResult read = parseUserCameraBookmarks(withSchema(bookmarks, "bookmarks.json"));
  EXPECT_TRUE(read.bookmarks) << problemText(read.problems);
  EXPECT_EQ(problemText(read.problems), "");
  EXPECT_EQ(problemText(parseUserCameraBookmarks(withSchema(bookmarks, 2)).problems), "f: $schema: expected text\n");
}

TEST(SchemaKey, SlicerMarkupsKeepTheirOwnSchemaAndAcceptAnEditorsOne) {
  MarkupPoint point;
  point.label = "JL1";
  point.positionMm = {10, 500, 40};
  const auto points = parseSlicerMarkups(withSchema(markupsToJson({point}), "markups-schema.json"), "map.mrk.json");
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].label, "JL1");
}

// The schemas' $id is a name, not an address (mesomap has no web site to serve them from): one per
// format version, so it changes only when the format does and an editor's mapping stays valid.
TEST(SchemaKey, EachSchemaIsNamedByItsFormatVersion) {
  const std::pair<const char*, int> schemas[] = {
      {"scenario", kScenarioFormatVersion}, {"attempt", kAttemptFormatVersion}, {"landmarks", kLandmarkFormatVersion}};
  for (const auto& [kind, version] : schemas) {
    const auto schema = nlohmann::json::parse(
        fileText(std::string(MESOMAP_SOURCE_DIR "/assets/schemas/mesomap-") + kind + ".schema.json"));
    EXPECT_EQ(schema.at("$id"), std::string("urn:mesomap:schema:") + kind + ":" + std::to_string(version));
    EXPECT_EQ(schema.at("properties").at("$schema").at("type"), "string") << kind;
  }
}

}  // namespace
}  // namespace mesomap
