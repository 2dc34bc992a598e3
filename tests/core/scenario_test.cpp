// Scenario files: a valid one reads and round-trips; each class of mistake is reported with
// its JSON path and stays from being silently accepted.
#include <cmath>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/protocol/scenario.h"

namespace mesomap {
namespace {

using nlohmann::json;

json validScenario() {
  return json::parse(R"({
    "format": "mesomap-scenario", "version": 1, "id": "test_knee", "title": "Test knee",
    "indication": "knee osteoarthritis", "description": "Training protocol for tests; not clinical advice.",
    "patient_position": "supine", "schedule": "weekly x 3",
    "sources": ["Chen 2018 eCAM 6513049"], "author": "mesomap tests", "body": "default",
    "landmarks": [{"id": "patella_apex", "name": "Apex of the patella", "position_mm": [95, 470, 62]}],
    "points": [
      {"id": "P1", "relative_to": {"landmark": "patella_apex", "lateral_mm": 20, "cranial_mm": -10},
       "technique": "IDP", "angle_deg": {"min": 45, "max": 90}, "depth_mm": {"min": 2, "max": 4},
       "volume_ml": {"min": 0.1, "max": 0.2}, "needle": "27G 4 mm", "tolerance_mm": 10},
      {"id": "P2", "position_mm": [110, 500, 70], "technique": "IDS", "angle_deg": {"min": 30, "max": 45},
       "target_layer": "dermis", "volume_ml": {"min": 0.1, "max": 0.2}, "needle": "27G 4 mm", "tolerance_mm": 12}
    ],
    "pattern": {"point_count": {"min": 2, "max": 10}, "spacing_mm": {"min": 20, "max": 30}},
    "zones": [{"id": "saphenous", "kind": "no_go", "name": "Infrapatellar saphenous branch",
               "relative_to": {"landmark": "patella_apex", "cranial_mm": -30}, "radius_mm": 15,
               "reason": "infrapatellar branch of the saphenous nerve"}],
    "scoring": {"weights": {"position": 40, "depth": 30, "angle": 15, "volume": 15}, "pass_mark": 70}
  })");
}

ScenarioReadResult read(const json& j) { return parseScenario(j.dump()); }

// The problem reported at `path`, or "" when there is none.
std::string problemAt(const ScenarioReadResult& r, const std::string& path) {
  for (const auto& p : r.problems)
    if (p.path == path) return p.message;
  return "";
}

std::string allProblems(const ScenarioReadResult& r) {
  std::string s;
  for (const auto& p : r.problems) s += formatProblem("test.json", p) + "\n";
  return s;
}

TEST(Scenario, ValidFileReadsCompletely) {
  auto r = read(validScenario());
  ASSERT_TRUE(r.ok()) << allProblems(r);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.id, "test_knee");
  EXPECT_EQ(s.patientPosition, PatientPosition::Supine);
  ASSERT_EQ(s.points.size(), 2u);
  EXPECT_EQ(s.points[0].placement.landmark, "patella_apex");
  EXPECT_DOUBLE_EQ(s.points[0].placement.lateralMm, 20.0);
  EXPECT_DOUBLE_EQ(s.points[0].placement.cranialMm, -10.0);
  EXPECT_EQ(s.points[0].technique, Technique::IDP);
  EXPECT_DOUBLE_EQ(s.points[0].depthMm->max, 4.0);
  EXPECT_EQ(s.points[1].targetLayer, TissueLayer::Dermis);
  EXPECT_DOUBLE_EQ(s.points[1].placement.positionMm->y, 500.0);
  EXPECT_EQ(s.zones[0].kind, ZoneKind::NoGo);
  EXPECT_DOUBLE_EQ(s.scoring.weights.at("depth"), 30.0);
}

TEST(Scenario, RoundTripIsExact) {
  auto first = read(validScenario());
  ASSERT_TRUE(first.ok());
  const std::string text = scenarioToJson(*first.scenario);
  auto second = parseScenario(text);
  ASSERT_TRUE(second.ok()) << allProblems(second);
  EXPECT_EQ(scenarioToJson(*second.scenario), text);
}

TEST(Scenario, OutOfRangeAngleNamesItsPath) {
  json j = validScenario();
  j["points"][1]["angle_deg"]["max"] = 120;
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "points[1].angle_deg.max"), "120 is outside 0..90");
}

TEST(Scenario, MinAboveMax) {
  json j = validScenario();
  j["points"][0]["depth_mm"] = {{"min", 4}, {"max", 2}};
  EXPECT_EQ(problemAt(read(j), "points[0].depth_mm"), "min 4 is greater than max 2");
}

TEST(Scenario, VolumesMustBePositive) {
  json j = validScenario();
  j["points"][0]["volume_ml"] = {{"min", -0.1}, {"max", 0.2}};
  EXPECT_EQ(problemAt(read(j), "points[0].volume_ml.min"), "-0.1 is outside 0..5");
  j["points"][0]["volume_ml"] = {{"min", 0}, {"max", 0}};
  EXPECT_EQ(problemAt(read(j), "points[0].volume_ml"), "max must be above 0 mL");
}

TEST(Scenario, WrongTypes) {
  json j = validScenario();
  j["points"][0]["tolerance_mm"] = "ten";
  j["landmarks"][0]["position_mm"] = {1, 2};
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "points[0].tolerance_mm"), "expected a number");
  EXPECT_EQ(problemAt(r, "landmarks[0].position_mm"), "expected [x, y, z] in millimetres");
}

TEST(Scenario, UnknownLandmarkReference) {
  json j = validScenario();
  j["points"][0]["relative_to"]["landmark"] = "L9_spinous";
  EXPECT_EQ(problemAt(read(j), "points[0].relative_to.landmark"),
            "unknown landmark 'L9_spinous' (neither declared in landmarks nor a standard landmark)");
}

TEST(Scenario, TyposAreReportedWithASuggestion) {
  json j = validScenario();
  j["points"][0]["angel_deg"] = j["points"][0]["angle_deg"];
  j["points"][0].erase("angle_deg");
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "points[0].angel_deg"), "unknown field (did you mean 'angle_deg'?)");
  EXPECT_EQ(problemAt(r, "points[0].angle_deg"), "missing");
}

TEST(Scenario, UnitMistakeIsCaught) {
  json j = validScenario();
  j["points"][1]["position_mm"] = {110000, 500000, 70000};  // micrometres
  EXPECT_NE(problemAt(read(j), "points[1].position_mm").find("not on a body (units?)"), std::string::npos);
}

TEST(Scenario, DuplicateIdsAndBadChoices) {
  json j = validScenario();
  j["points"][1]["id"] = "P1";
  j["points"][1]["technique"] = "ZZZ";
  j["patient_position"] = "upside down";
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "points[1].id"), "'P1' is used twice");
  EXPECT_EQ(problemAt(r, "points[1].technique"), "'ZZZ' is not one of IED, IDS, IDP, NAP");
  EXPECT_EQ(problemAt(r, "patient_position"), "'upside down' is not one of prone, supine, sitting, standing");
}

TEST(Scenario, NewerVersionAsksForAnUpgradeOnly) {
  json j = validScenario();
  j["version"] = 7;
  j["points"][0]["angle_deg"]["max"] = 500;  // not reported: a newer format may allow it
  auto r = read(j);
  ASSERT_EQ(r.problems.size(), 1u) << allProblems(r);
  EXPECT_EQ(formatProblem("knee.json", r.problems[0]),
            "knee.json: version: 7 is newer than this mesomap reads (2); upgrade mesomap to open this file");
}

TEST(Scenario, MissingFieldsAndNotJson) {
  json j = validScenario();
  j.erase("sources");
  j.erase("title");
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "title"), "missing");
  EXPECT_EQ(problemAt(r, "sources"), "missing");
  auto broken = parseScenario("{\"format\": \"mesomap-scenario\",");
  ASSERT_EQ(broken.problems.size(), 1u);
  EXPECT_NE(broken.problems[0].message.find("not valid JSON"), std::string::npos);
  EXPECT_FALSE(broken.scenario.has_value());
}

TEST(Scenario, NoGoZoneNeedsAReason) {
  json j = validScenario();
  j["zones"][0].erase("reason");
  EXPECT_EQ(problemAt(read(j), "zones[0].reason"), "missing");
}

TEST(Scenario, CameraBookmarksReadAndRoundTrip) {
  json j = validScenario();
  j["cameras"] = json::parse(R"([
    {"name": "medial close-up", "target_mm": [95, 470, 62], "yaw_deg": -60, "pitch_deg": 10, "distance_mm": 350},
    {"name": "from the eye", "target_mm": [95, 470, 62], "eye_mm": [95, 470, 462]}
  ])");
  auto r = read(j);
  ASSERT_TRUE(r.ok()) << allProblems(r);
  const Scenario& s = *r.scenario;
  ASSERT_EQ(s.cameras.size(), 2u);
  EXPECT_DOUBLE_EQ(s.cameras[0].yawDeg, -60.0);
  EXPECT_DOUBLE_EQ(s.cameras[0].distanceMm, 350.0);
  EXPECT_FALSE(s.cameras[0].eyeMm.has_value());
  ASSERT_TRUE(s.cameras[1].eyeMm.has_value());
  EXPECT_DOUBLE_EQ(s.cameras[1].eyeMm->z, 462.0);
  EXPECT_EQ(s.findCamera("from the eye"), &s.cameras[1]);
  EXPECT_EQ(s.findCamera("nope"), nullptr);
  // Both forms come back as written.
  const std::string text = scenarioToJson(s);
  auto again = parseScenario(text);
  ASSERT_TRUE(again.ok()) << allProblems(again);
  EXPECT_EQ(scenarioToJson(*again.scenario), text);
  EXPECT_NE(text.find("\"eye_mm\""), std::string::npos);
}

TEST(Scenario, WholeNumbersAreWrittenAsPeopleWriteThem) {
  auto r = read(validScenario());
  ASSERT_TRUE(r.ok());
  const std::string text = scenarioToJson(*r.scenario);
  EXPECT_NE(text.find("\"max\": 90\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("90.0"), std::string::npos);
  EXPECT_NE(text.find("0.2"), std::string::npos);  // fractions stay fractions
}

TEST(Scenario, FilesWithoutCamerasWriteNone) {
  auto r = read(validScenario());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(scenarioToJson(*r.scenario).find("cameras"), std::string::npos);
}

TEST(Scenario, CameraBookmarkProblemsNameTheirPath) {
  json j = validScenario();
  j["cameras"] = json::parse(R"([
    {"name": "a", "target_mm": [0, 900, 0], "yaw_deg": 0, "pitch_deg": 120, "distance_mm": 300},
    {"name": "a", "target_mm": [0, 900, 0], "eye_mm": [0, 900, 500], "yaw_deg": 10},
    {"name": "front", "target_mm": [0, 900, 0]},
    {"name": "b", "target_mm": [0, 900, 0], "eye_mm": [0, 900, 5]},
    {"name": "c", "target_mm": [0, 900, 0], "yaw_deg": 10, "distance_m": 300}
  ])");
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "cameras[0].pitch_deg"), "120 is outside -90..90");
  EXPECT_EQ(problemAt(r, "cameras[1].name"), "'a' is used twice");
  EXPECT_EQ(problemAt(r, "cameras[1].eye_mm"), "give either eye_mm or yaw_deg, pitch_deg and distance_mm, not both");
  EXPECT_EQ(problemAt(r, "cameras[2].name"), "'front' is a preset view; choose another name");
  EXPECT_EQ(problemAt(r, "cameras[2].yaw_deg"), "missing (give yaw_deg, pitch_deg and distance_mm, or eye_mm)");
  EXPECT_EQ(problemAt(r, "cameras[3].eye_mm"), "5 mm from target_mm (at least 10 mm)");
  EXPECT_EQ(problemAt(r, "cameras[4].distance_m"), "unknown field (did you mean 'distance_mm'?)");
  EXPECT_EQ(problemAt(r, "cameras[4].distance_mm"), "missing (give yaw_deg, pitch_deg and distance_mm, or eye_mm)");
}

TEST(Scenario, BrushStampsReadAndRoundTrip) {
  json j = validScenario();
  j["zones"][0]["brush"] = json::parse(R"([
    {"position_mm": [96.25, 431.5, 60.125], "radius_mm": 8},
    {"position_mm": [99, 428, 59.5], "radius_mm": 4.5, "erase": true},
    {"position_mm": [99, 428, 59.5], "radius_mm": 2, "erase": false}
  ])");
  auto r = read(j);
  ASSERT_TRUE(r.ok()) << allProblems(r);
  const std::vector<BrushStamp>& brush = r.scenario->zones[0].brush;
  ASSERT_EQ(brush.size(), 3u);
  EXPECT_EQ(brush[0], (BrushStamp{glm::dvec3(96.25, 431.5, 60.125), 8.0, false}));
  EXPECT_EQ(brush[1], (BrushStamp{glm::dvec3(99.0, 428.0, 59.5), 4.5, true}));
  EXPECT_FALSE(brush[2].erase);
  const std::string text = scenarioToJson(*r.scenario);
  auto again = parseScenario(text);
  ASSERT_TRUE(again.ok()) << allProblems(again);
  EXPECT_EQ(again.scenario->zones[0].brush, brush);
  EXPECT_EQ(scenarioToJson(*again.scenario), text);
  // erase is written only when true; brush comes last in its zone.
  const json written = json::parse(text);
  EXPECT_EQ(written["zones"][0]["brush"][1]["erase"], true);
  EXPECT_FALSE(written["zones"][0]["brush"][0].contains("erase"));
  EXPECT_FALSE(written["zones"][0]["brush"][2].contains("erase"));
  EXPECT_GT(text.find("\"brush\""), text.find("\"reason\""));
}

// A scenario names its patients and the window a random one is drawn from; both read back
// exactly, and a bad patient or window names its path, key and range.
TEST(Scenario, PatientsAndTheirRangeReadAndRoundTrip) {
  json j = validScenario();
  j["version"] = 2;
  j["patients"] = {"sex=female,age=68,bmi=31,height=160", "sex=male,age=45,bmi=27"};
  j["patient_range"] = json::parse(R"({"age": {"min": 50, "max": 80}, "bmi": {"min": 24, "max": 35}})");
  auto r = read(j);
  ASSERT_TRUE(r.ok()) << allProblems(r);
  EXPECT_EQ(r.scenario->patients, (std::vector<std::string>{"sex=female,age=68,bmi=31,height=160", "sex=male,age=45,bmi=27"}));
  ASSERT_EQ(r.scenario->patientRange.size(), 2u);
  EXPECT_EQ(r.scenario->patientRange.at("age").min, 50.0);
  EXPECT_EQ(r.scenario->patientRange.at("bmi").max, 35.0);
  const std::string text = scenarioToJson(*r.scenario);
  auto again = parseScenario(text);
  ASSERT_TRUE(again.ok()) << allProblems(again);
  EXPECT_EQ(again.scenario->patients, r.scenario->patients);
  EXPECT_EQ(scenarioToJson(*again.scenario), text);
  EXPECT_GT(text.find("\"patient_range\""), text.find("\"body\""));
  // A file without them writes neither.
  const std::string plain = scenarioToJson(*read(validScenario()).scenario);
  EXPECT_EQ(plain.find("\"patients\""), std::string::npos);
  EXPECT_EQ(plain.find("\"patient_range\""), std::string::npos);

  j["patients"] = {"sex=female,age=120", 7};
  j["patient_range"] = json::parse(R"({"age": {"min": 80, "max": 50}, "bmi": {"min": 10, "max": 30}, "shoe": {"min": 1, "max": 2}})");
  auto bad = read(j);
  EXPECT_EQ(problemAt(bad, "patients[0]"), "age: 120 is outside 1..90 years") << allProblems(bad);
  EXPECT_NE(problemAt(bad, "patients[1]").find("expected a patient"), std::string::npos) << allProblems(bad);
  EXPECT_NE(problemAt(bad, "patient_range.age").find("min 80 is greater than max 50"), std::string::npos) << allProblems(bad);
  EXPECT_NE(problemAt(bad, "patient_range.bmi.min").find("outside"), std::string::npos) << allProblems(bad);
  EXPECT_EQ(problemAt(bad, "patient_range.shoe"), "unknown field") << allProblems(bad);
}

// A random patient stays in its window, is the same for the same seed, and is a woman or a man.
TEST(Scenario, RandomPatientsStayInTheirRange) {
  const PatientRange range = {{"sex", {0.0, 1.0}}, {"age", {50.0, 80.0}}, {"bmi", {24.0, 35.0}}};
  std::set<double> sexes, ages;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const PatientParameters p = drawPatient(range, seed);
    EXPECT_TRUE(p.sex == 0.0 || p.sex == 1.0) << p.sex;
    EXPECT_GE(p.ageYears, 50.0);
    EXPECT_LE(p.ageYears, 80.0);
    EXPECT_EQ(p.ageYears, std::round(p.ageYears));
    EXPECT_GE(p.bmi, 24.0);
    EXPECT_LE(p.bmi, 35.0);
    EXPECT_EQ(p.heightCm, PatientParameters{}.heightCm);  // not in the range: the default
    EXPECT_TRUE(validatePatient(p).empty());
    sexes.insert(p.sex);
    ages.insert(p.ageYears);
  }
  EXPECT_EQ(sexes.size(), 2u);
  EXPECT_GT(ages.size(), 20u);
  EXPECT_EQ(drawPatient(range, 42), drawPatient(range, 42));
  EXPECT_EQ(describePatientRange(range), "sex 0-1, age 50-80, bmi 24-35");
}

TEST(Scenario, UnpaintedZonesWriteNoBrush) {
  json j = validScenario();
  j["zones"][0]["brush"] = json::array();
  auto r = read(j);
  ASSERT_TRUE(r.ok()) << allProblems(r);
  EXPECT_EQ(scenarioToJson(*r.scenario).find("brush"), std::string::npos);
  EXPECT_EQ(scenarioToJson(*r.scenario), scenarioToJson(*read(validScenario()).scenario));
}

TEST(Scenario, BrushStampProblemsNameTheirPath) {
  json j = validScenario();
  j["zones"][0]["brush"] = json::parse(R"([
    {"position_mm": [96, 431, 60], "radius_mm": 8},
    {"position_mm": [96, 431, 60], "radius_mm": 0},
    {"position_mm": [96, 431], "radius_mm": "wide"},
    {"position_mm": [96, 431, 60], "radius_mm": 8, "erase": "yes"},
    {"position_mm": [96, 431, 60], "radus_mm": 8},
    {"position_mm": [96, 431, 60], "radius_mm": 250},
    3
  ])");
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "zones[0].brush[0].radius_mm"), "");
  EXPECT_EQ(problemAt(r, "zones[0].brush[1].radius_mm"), "0 is outside 1..200");
  EXPECT_EQ(problemAt(r, "zones[0].brush[2].position_mm"), "expected [x, y, z] in millimetres");
  EXPECT_EQ(problemAt(r, "zones[0].brush[2].radius_mm"), "expected a number");
  EXPECT_EQ(problemAt(r, "zones[0].brush[3].erase"), "expected true or false");
  EXPECT_EQ(problemAt(r, "zones[0].brush[4].radus_mm"), "unknown field (did you mean 'radius_mm'?)");
  EXPECT_EQ(problemAt(r, "zones[0].brush[4].radius_mm"), "missing");
  EXPECT_EQ(problemAt(r, "zones[0].brush[5].radius_mm"), "250 is outside 1..200");
  EXPECT_EQ(problemAt(r, "zones[0].brush[6]"), "expected an object");
  EXPECT_EQ(r.problems.size(), 8u) << allProblems(r);

  j["zones"][0]["brush"] = "everywhere";
  EXPECT_EQ(problemAt(read(j), "zones[0].brush"), "expected a list");
}

// Version 2 (issue 13): accepted techniques, depth notes, source depths, zones dangerous from a
// layer, free points, several positions and critical rules with their reasons.
json version2Scenario() {
  json j = validScenario();
  j["version"] = 2;
  j["patient_position"] = {"supine", "prone"};
  j["points"][0]["accepted_techniques"] = {"NAP", "IDS"};
  j["points"][0]["depth_note"] = "the source's 2-4 mm ends in the fat on this body; kept as published";
  j["points"][0]["source_depth_mm"] = {{"min", 2}, {"max", 4}};
  j["zones"][0]["danger_from_layer"] = "subcutaneous_fat";
  j["zones"].push_back(json::parse(R"({"id": "medial", "kind": "target", "name": "Medial knee",
      "relative_to": {"landmark": "patella_apex", "lateral_mm": -40}, "radius_mm": 30, "coverage_radius_mm": 15,
      "free_points": {"techniques": ["IDS", "NAP"], "count": {"min": 6, "max": 10}, "spacing_mm": {"min": 15, "max": 25}}})"));
  j["critical_rules"] = json::parse(R"json({"min_reference_share": 0.5, "max_needle_mm": 6, "wrong_side": false,
      "reasons": {"min_reference_share": "half the faces suffice (Chen 2018)", "max_needle_mm": "4 mm needles only",
                  "wrong_side": "a bilateral protocol"}})json");
  return j;
}

TEST(Scenario, Version2FieldsReadCompletely) {
  auto r = read(version2Scenario());
  ASSERT_TRUE(r.ok()) << allProblems(r);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.patientPosition, PatientPosition::Supine);
  ASSERT_EQ(s.otherPositions.size(), 1u);
  EXPECT_EQ(s.otherPositions[0], PatientPosition::Prone);
  ASSERT_EQ(s.points[0].acceptedTechniques.size(), 2u);
  EXPECT_EQ(s.points[0].acceptedTechniques[0], Technique::NAP);
  EXPECT_EQ(s.points[0].acceptedTechniques[1], Technique::IDS);
  EXPECT_NE(s.points[0].depthNote.find("ends in the fat"), std::string::npos);
  ASSERT_TRUE(s.points[0].sourceDepthMm);
  EXPECT_DOUBLE_EQ(s.points[0].sourceDepthMm->max, 4.0);
  EXPECT_EQ(s.zones[0].dangerFromLayer, TissueLayer::SubcutaneousFat);
  ASSERT_TRUE(s.zones[1].freePoints);
  EXPECT_DOUBLE_EQ(s.zones[1].freePoints->count.min, 6.0);
  EXPECT_DOUBLE_EQ(s.zones[1].freePoints->spacingMm->max, 25.0);
  EXPECT_EQ(s.zones[1].freePoints->techniques.size(), 2u);
  EXPECT_DOUBLE_EQ(*s.critical.minReferenceShare, 0.5);
  EXPECT_DOUBLE_EQ(*s.critical.maxNeedleMm, 6.0);
  EXPECT_EQ(s.critical.wrongSide, false);
  EXPECT_FALSE(s.critical.tipLayer.has_value());
  EXPECT_EQ(s.critical.reasons.at("max_needle_mm"), "4 mm needles only");
}

TEST(Scenario, Version2RoundTripIsExact) {
  auto first = read(version2Scenario());
  ASSERT_TRUE(first.ok()) << allProblems(first);
  const std::string text = scenarioToJson(*first.scenario);
  EXPECT_NE(text.find("\"patient_position\": [\n    \"supine\",\n    \"prone\"\n  ]"), std::string::npos) << text;
  auto second = parseScenario(text);
  ASSERT_TRUE(second.ok()) << allProblems(second);
  EXPECT_EQ(scenarioToJson(*second.scenario), text);
}

TEST(Scenario, Version1FilesReadWithVersion2Defaults) {
  auto r = read(validScenario());
  ASSERT_TRUE(r.ok()) << allProblems(r);
  const Scenario& s = *r.scenario;
  EXPECT_TRUE(s.otherPositions.empty());
  EXPECT_TRUE(s.points[0].acceptedTechniques.empty());
  EXPECT_EQ(s.zones[0].dangerFromLayer, TissueLayer::Epidermis);
  EXPECT_TRUE(s.critical.empty());
  const std::string text = scenarioToJson(s);
  EXPECT_NE(text.find("\"version\": 2"), std::string::npos);
  EXPECT_EQ(text.find("critical_rules"), std::string::npos);
  EXPECT_EQ(text.find("accepted_techniques"), std::string::npos);
}

// Free points may be optional (count.min 0: accepted, not demanded); a negative count, a
// minimum above the maximum and a maximum of 0 are refused by name.
TEST(Scenario, FreePointCountMayStartAtZero) {
  json j = version2Scenario();
  j["zones"][1]["free_points"]["count"] = {{"min", 0}, {"max", 4}};
  auto r = read(j);
  ASSERT_TRUE(r.ok()) << allProblems(r);
  EXPECT_DOUBLE_EQ(r.scenario->zones[1].freePoints->count.min, 0.0);
  EXPECT_DOUBLE_EQ(r.scenario->zones[1].freePoints->count.max, 4.0);

  j["zones"][1]["free_points"]["count"] = {{"min", -1}, {"max", 4}};
  EXPECT_EQ(problemAt(read(j), "zones[1].free_points.count.min"), "-1 is outside 0..500");
  j["zones"][1]["free_points"]["count"] = {{"min", 3}, {"max", 2}};
  EXPECT_EQ(problemAt(read(j), "zones[1].free_points.count"), "min 3 is greater than max 2");
  j["zones"][1]["free_points"]["count"] = {{"min", 0}, {"max", 0}};
  EXPECT_EQ(problemAt(read(j), "zones[1].free_points.count"), "max 0 accepts no free points (at least 1)");
}

TEST(Scenario, Version2ProblemsNameTheirPath) {
  json j = version2Scenario();
  j["patient_position"] = {"supine", "upside down", "supine"};
  j["points"][0]["accepted_techniques"] = {"NAP", "XYZ", "IDP"};
  j["points"][1]["depth_note"] = "no override to explain";
  j["zones"][0]["free_points"] = {{"techniques", {"IDS"}}, {"count", {{"min", 1}, {"max", 2}}}};
  j["zones"][1]["danger_from_layer"] = "dermis";
  j["zones"][1]["free_points"]["techniques"] = json::array();
  j["critical_rules"]["max_point_volume_ml"] = 0.5;
  j["critical_rules"]["reasons"]["wrong_sid"] = "typo";
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "patient_position[1]"), "'upside down' is not one of prone, supine, sitting, standing");
  EXPECT_EQ(problemAt(r, "patient_position[2]"), "'supine' is listed twice");
  EXPECT_EQ(problemAt(r, "points[0].accepted_techniques[1]"), "'XYZ' is not one of IED, IDS, IDP, NAP");
  EXPECT_EQ(problemAt(r, "points[0].accepted_techniques"),
            "lists the point's own technique 'IDP' (list only the others the sources accept)");
  EXPECT_EQ(problemAt(r, "points[1].depth_note"), "explains a depth_mm override; this point has no depth_mm");
  EXPECT_EQ(problemAt(r, "zones[0].free_points"), "applies to target zones only");
  EXPECT_EQ(problemAt(r, "zones[1].danger_from_layer"), "applies to no_go zones only");
  EXPECT_EQ(problemAt(r, "zones[1].free_points.techniques"), "expected a non-empty list of techniques (IED, IDS, IDP, NAP)");
  EXPECT_EQ(problemAt(r, "critical_rules.max_point_volume_ml"),
            "give the reason in critical_rules.reasons.max_point_volume_ml");
  EXPECT_EQ(problemAt(r, "critical_rules.reasons.wrong_sid"), "unknown field (did you mean 'wrong_side'?)");
  EXPECT_FALSE(r.ok());
  // Each problem says which point or zone it is about, by index (the builder selects it).
  for (const Problem& p : r.problems) {
    if (p.path.rfind("points[0]", 0) == 0) { EXPECT_EQ(p.subject, (ProblemSubject{SubjectKind::Point, 0})) << p.path; }
    if (p.path.rfind("points[1]", 0) == 0) { EXPECT_EQ(p.subject, (ProblemSubject{SubjectKind::Point, 1})) << p.path; }
    if (p.path.rfind("zones[1]", 0) == 0) { EXPECT_EQ(p.subject, (ProblemSubject{SubjectKind::Zone, 1})) << p.path; }
    if (p.path.rfind("critical_rules", 0) == 0 || p.path.rfind("patient_position", 0) == 0) {
      EXPECT_FALSE(p.subject.has_value()) << p.path;
    }
  }
}

TEST(Scenario, ProblemsOfLandmarksPointsAndZonesNameTheirSubject) {
  json j = validScenario();
  j["landmarks"][0]["position_mm"] = "here";
  j["points"][1]["relative_to"] = {{"landmark", "nowhere"}};
  j["points"][1].erase("position_mm");
  j["zones"][0]["radius_mm"] = -1;
  auto r = read(j);
  ASSERT_FALSE(r.ok());
  std::set<std::string> seen;
  for (const Problem& p : r.problems) {
    ASSERT_TRUE(p.subject.has_value()) << p.path;
    if (p.path.rfind("landmarks[0]", 0) == 0) { EXPECT_EQ(*p.subject, (ProblemSubject{SubjectKind::Landmark, 0})); }
    if (p.path.rfind("points[1]", 0) == 0) { EXPECT_EQ(*p.subject, (ProblemSubject{SubjectKind::Point, 1})); }
    if (p.path.rfind("zones[0]", 0) == 0) { EXPECT_EQ(*p.subject, (ProblemSubject{SubjectKind::Zone, 0})); }
    seen.insert(p.path.substr(0, p.path.find('.')));
  }
  EXPECT_EQ(seen, (std::set<std::string>{"landmarks[0]", "points[1]", "zones[0]"}));
}

TEST(Scenario, CriticalRuleOutOfRange) {
  json j = version2Scenario();
  j["critical_rules"]["min_reference_share"] = 1.5;
  auto r = read(j);
  EXPECT_EQ(problemAt(r, "critical_rules.min_reference_share"), "1.5 is outside 0..1");
}

TEST(Scenario, NumbersBeyondADoubleAreAProblemNotACrash) {
  // JSON has no NaN or infinity; a number too large for a double is the nearest a file gets.
  std::string text = validScenario().dump();
  const std::string reason = "\"reason\":";
  text.insert(text.find(reason), R"("brush": [{"position_mm": [1e999, 431, 60], "radius_mm": 8}], )");
  auto r = parseScenario(text);
  ASSERT_EQ(r.problems.size(), 1u) << allProblems(r);
  EXPECT_NE(r.problems[0].message.find("not valid JSON: "), std::string::npos) << r.problems[0].message;
  EXPECT_NE(r.problems[0].message.find("number overflow parsing '1e999'"), std::string::npos) << r.problems[0].message;
  EXPECT_FALSE(r.scenario.has_value());
}

}  // namespace
}  // namespace mesomap
