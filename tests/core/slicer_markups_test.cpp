// 3D Slicer markups: the frame conversion is anatomically right, maps survive a round trip in
// both coordinate systems, needle directions travel in the orientation's third column, and bad
// files are reported with their JSON path.
#include <fstream>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/protocol/slicer_markups.h"
#include "test_shapes.h"

namespace mesomap {
namespace {

void expectNear(const glm::dvec3& a, const glm::dvec3& b, double tolerance) {
  EXPECT_NEAR(a.x, b.x, tolerance);
  EXPECT_NEAR(a.y, b.y, tolerance);
  EXPECT_NEAR(a.z, b.z, tolerance);
}

std::string errorOf(const std::string& text) {
  try {
    parseSlicerMarkups(text, "map.mrk.json");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
    return e.what();
  }
  return "(no error)";
}

TEST(SlicerMarkups, AxesMeanTheSameAnatomy) {
  // Patient's left (+X), posterior (-Z) and up (+Y) in the body frame.
  expectNear(toSlicer({10, 0, 0}, SlicerCoordinates::LPS), {10, 0, 0}, 1e-12);   // L
  expectNear(toSlicer({0, 0, -10}, SlicerCoordinates::LPS), {0, 10, 0}, 1e-12);  // P
  expectNear(toSlicer({0, 10, 0}, SlicerCoordinates::LPS), {0, 0, 10}, 1e-12);   // S
  expectNear(toSlicer({10, 0, 0}, SlicerCoordinates::RAS), {-10, 0, 0}, 1e-12);  // left is -R
  expectNear(toSlicer({0, 0, 10}, SlicerCoordinates::RAS), {0, 10, 0}, 1e-12);   // A
  const glm::dvec3 p(12.5, 980.0, -160.25);
  expectNear(fromSlicer(toSlicer(p, SlicerCoordinates::LPS), SlicerCoordinates::LPS), p, 1e-12);
  expectNear(fromSlicer(toSlicer(p, SlicerCoordinates::RAS), SlicerCoordinates::RAS), p, 1e-12);
}

TEST(SlicerMarkups, WritesSchemaV103Fiducials) {
  std::vector<MarkupPoint> points = {{"C7", "C7 spinous process", {0.0, 1400.0, -154.0}, std::nullopt},
                                     {"P1", "IDP", {20.0, 980.0, -160.0}, glm::dvec3(0, 0, 1)}};
  auto root = nlohmann::json::parse(markupsToJson(points, SlicerCoordinates::LPS));
  EXPECT_EQ(root["@schema"], kSlicerMarkupsSchema);
  const auto& markup = root["markups"][0];
  EXPECT_EQ(markup["type"], "Fiducial");
  EXPECT_EQ(markup["coordinateSystem"], "LPS");
  EXPECT_EQ(markup["coordinateUnits"], "mm");
  ASSERT_EQ(markup["controlPoints"].size(), 2u);
  const auto& c7 = markup["controlPoints"][0];
  EXPECT_EQ(c7["label"], "C7");
  EXPECT_EQ(c7["position"], nlohmann::json({0.0, 154.0, 1400.0}));  // LPS: posterior is +P
  // A needle pointing anterior (+Z body) is -P in LPS: the third orientation column.
  const auto& o = markup["controlPoints"][1]["orientation"];
  ASSERT_EQ(o.size(), 9u);
  EXPECT_NEAR(o[2].get<double>(), 0.0, 1e-9);
  EXPECT_NEAR(o[5].get<double>(), -1.0, 1e-9);
  EXPECT_NEAR(o[8].get<double>(), 0.0, 1e-9);
}

TEST(SlicerMarkups, RoundTripsInBothSystems) {
  std::vector<MarkupPoint> points = {
      {"L4_spinous", "L4 spinous process", {0.0, 975.0, -160.0}, std::nullopt},
      {"QL1", "IDP, angle 45-90 deg", {-45.0, 990.0, -150.0}, glm::normalize(glm::dvec3(0.3, -0.2, 0.9))},
  };
  for (SlicerCoordinates system : {SlicerCoordinates::LPS, SlicerCoordinates::RAS}) {
    const auto path = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "round_trip.mrk.json";
    writeSlicerMarkups(points, path, system);
    std::vector<MarkupPoint> back = readSlicerMarkups(path);
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[0].label, "L4_spinous");
    EXPECT_EQ(back[0].description, "L4 spinous process");
    expectNear(back[0].positionMm, points[0].positionMm, 1e-4);
    EXPECT_FALSE(back[0].direction.has_value());
    expectNear(back[1].positionMm, points[1].positionMm, 1e-4);
    ASSERT_TRUE(back[1].direction.has_value());
    expectNear(*back[1].direction, *points[1].direction, 1e-4);
  }
}

TEST(SlicerMarkups, ReadsWhatSlicerWritesInRas) {
  // As Slicer 5 saves a one-point list in RAS (abridged: display properties left out).
  const std::string text = R"({
    "@schema": "https://raw.githubusercontent.com/slicer/slicer/master/Modules/Loadable/Markups/Resources/Schema/markups-schema-v1.0.3.json#",
    "markups": [
      {"type": "Curve", "coordinateSystem": "RAS", "controlPoints": []},
      {"type": "Fiducial", "coordinateSystem": "RAS", "coordinateUnits": "mm",
       "controlPoints": [
         {"id": "1", "label": "F-1", "position": [-30.0, 5.0, 1200.0],
          "orientation": [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0], "positionStatus": "defined"},
         {"id": "2", "label": "F-2", "position": [0.0, 0.0, 0.0], "positionStatus": "undefined"}]}]})";
  auto points = parseSlicerMarkups(text, "slicer.mrk.json");
  ASSERT_EQ(points.size(), 1u);  // the curve and the unplaced point are not imported
  EXPECT_EQ(points[0].label, "F-1");
  expectNear(points[0].positionMm, {30.0, 1200.0, 5.0}, 1e-9);  // R -30 is the patient's left
  EXPECT_FALSE(points[0].direction.has_value());
}

TEST(SlicerMarkups, ReportsBadFilesWithTheirJsonPath) {
  const std::string head = R"({"@schema": "https://x/markups-schema-v1.0.3.json#", "markups": [)";
  EXPECT_NE(errorOf("{").find("map.mrk.json: not valid JSON"), std::string::npos);
  EXPECT_EQ(errorOf(R"({"@schema": "https://x/other.json", "markups": []})"),
            "map.mrk.json: @schema: not a 3D Slicer markups schema v1.0.x");
  EXPECT_EQ(errorOf(head + R"({"type": "Fiducial", "coordinateSystem": "IJK", "controlPoints": []}]})"),
            "map.mrk.json: markups[0].coordinateSystem: '\"IJK\"' is not LPS or RAS");
  EXPECT_EQ(errorOf(head + R"({"type": "Fiducial", "coordinateUnits": "um", "controlPoints": []}]})"),
            "map.mrk.json: markups[0].coordinateUnits: \"um\" is not \"mm\" (mesomap reads millimetres)");
  EXPECT_EQ(errorOf(head + R"({"type": "Fiducial", "controlPoints": [{"label": "A", "position": [1, 2]}]}]})"),
            "map.mrk.json: markups[0].controlPoints[0].position: expected 3 numbers");
  EXPECT_EQ(errorOf(head + R"({"type": "Fiducial", "controlPoints": [{"position": [1, "x", 3]}]}]})"),
            "map.mrk.json: markups[0].controlPoints[0].position[1]: not a number");
  EXPECT_EQ(errorOf(head + R"({"type": "Fiducial", "controlPoints": [{"position": [1, 2, 3],
            "orientation": [0, 0, 0, 0, 0, 0, 0, 0, 0]}]}]})"),
            "map.mrk.json: markups[0].controlPoints[0].orientation: third column is not a direction");
  // Types the format does not allow, and numbers beyond a double: messages, never a termination.
  EXPECT_EQ(errorOf(head + R"({"type": "Fiducial", "controlPoints": [{"label": 5, "position": [1, 2, 3]}]}]})"),
            "map.mrk.json: markups[0].controlPoints[0].label: expected a string, not 5");
  EXPECT_NE(errorOf(head + R"({"type": "Fiducial", "controlPoints": [{"position": [1e999, 2, 3]}]}]})")
                .find("map.mrk.json: not valid JSON"),
            std::string::npos);
  try {
    readSlicerMarkups("/nonexistent/map.mrk.json");
    ADD_FAILURE() << "no error for a missing file";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Io);
    EXPECT_STREQ(e.what(), "markups '/nonexistent/map.mrk.json': cannot open file for reading");
  }
}

TEST(SlicerMarkups, ScenarioPointsCarryTheirNeedleDirection) {
  // A wide cylinder (radius 0.5 m) stands in for the body; the point sits on its front.
  Mesh plane = test::makeCylinder(0.5f, 0.4f, 512, 40, 0.0f, 0.0f, 0.0f);
  Bvh skin = Bvh::build(plane);
  Scenario s;
  s.landmarks.push_back({"front", "Front", glm::dvec3(0.0, 200.0, 500.0)});
  ReferencePoint p;
  p.id = "P1";
  p.placement.positionMm = glm::dvec3(0.0, 200.0, 500.0);
  p.technique = Technique::IDP;
  p.angleDeg = {90, 90};
  p.volumeMl = {0.1, 0.1};
  s.points.push_back(p);
  auto points = scenarioMarkups(s, skin);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].label, "front");
  EXPECT_FALSE(points[0].direction.has_value());
  EXPECT_EQ(points[1].label, "P1");
  EXPECT_NE(points[1].description.find("IDP, angle 90-90 deg"), std::string::npos);
  ASSERT_TRUE(points[1].direction.has_value());
  // Perpendicular into the skin at the front of the cylinder: straight toward -Z.
  expectNear(*points[1].direction, {0.0, 0.0, -1.0}, 0.02);
  EXPECT_NEAR(points[1].positionMm.z, 500.0, 1.0);
}

}  // namespace
}  // namespace mesomap
