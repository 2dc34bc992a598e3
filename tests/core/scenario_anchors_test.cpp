// hm08 anchors in scenario files: made from default-body positions, kept through the file,
// read exactly on every patient, and a stale one (an edited position) reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/patient/patient_body.h"
#include "core/protocol/scenario.h"
#include "core/protocol/scenario_anchors.h"
#include "core/protocol/scenario_transfer.h"

namespace mesomap {
namespace {

const std::filesystem::path kKnee = std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios/knee_osteoarthritis_right.json";

Scenario knee() {
  ScenarioReadResult read = readScenario(kKnee);
  EXPECT_TRUE(read.ok());
  return *read.scenario;
}

Scenario withoutAnchors(Scenario s) {
  for (Landmark& l : s.landmarks) l.hm08.reset();
  for (ReferencePoint& p : s.points) p.placement.hm08.reset();
  for (Zone& z : s.zones) {
    z.centre.hm08.reset();
    for (BrushStamp& b : z.brush) b.hm08.reset();
  }
  return s;
}

// The library's knee carries the anchors anchorScenario makes from its positions (the file was
// upgraded with `mesomap validate --write-anchors`): made again, nothing changes.
TEST(ScenarioAnchors, TheLibrarysAnchorsAreThoseItsPositionsGive) {
  Scenario s = knee();
  EXPECT_EQ(unanchoredPositions(s), 0);
  const ScenarioAnchoring again = anchorScenario(s);
  EXPECT_EQ(again.positions, 14);
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.changed, 0);
  EXPECT_TRUE(again.message.empty());
  EXPECT_TRUE(staleAnchorProblems(s).empty());
}

TEST(ScenarioAnchors, AnOlderFileIsUpgradedWithAMessageAndTheAnchorsSurviveTheFile) {
  Scenario s = withoutAnchors(knee());
  EXPECT_EQ(unanchoredPositions(s), 14);
  const ScenarioAnchoring done = anchorScenario(s);
  EXPECT_EQ(done.added, 14);
  EXPECT_EQ(done.message,
            "knee_osteoarthritis_right: 14 absolute positions anchored on MakeHuman's hm08 topology (14 new, 0 moved), "
            "so they reach every parametric patient exactly");
  const std::filesystem::path out = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "anchored_knee.json";
  writeScenario(s, out);
  ScenarioReadResult back = readScenario(out);
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(back.scenario->points[0].placement.hm08);
  EXPECT_EQ(back.scenario->points[0].placement.hm08->vertices, s.points[0].placement.hm08->vertices);
  const glm::dvec3 w = back.scenario->points[0].placement.hm08->weights - s.points[0].placement.hm08->weights;
  EXPECT_LT(glm::length(w), 1e-8);
  EXPECT_EQ(unanchoredPositions(*back.scenario), 0);
}

// On any patient an anchored position is the anchor's point of that patient's skin, to the
// nanometre; without anchors the same positions are carried by the landmarks, a few mm apart.
TEST(ScenarioAnchors, OnAPatientAnAnchoredPositionIsTheAnchorsPoint) {
  PatientParameters p;
  p.sex = 1.0;
  p.ageYears = 70;
  p.bmi = 36;
  p.heightCm = 185;
  const auto body = makePatientBody(p);
  Scenario anchored = knee();
  const auto placed = putScenarioOnBody(anchored, *body);
  ASSERT_TRUE(placed);
  EXPECT_EQ(placed->anchored, 14);
  for (const ReferencePoint& point : anchored.points) {
    if (!point.placement.positionMm) continue;
    const glm::dvec3 exact = *body->hm08()->positionMm(body->mesh(), *point.placement.hm08);
    EXPECT_LT(glm::distance(*point.placement.positionMm, exact), 1e-6) << point.id;
  }
  Scenario carried = withoutAnchors(knee());
  const auto warped = putScenarioOnBody(carried, *body);
  ASSERT_TRUE(warped);
  EXPECT_EQ(warped->anchored, 0);
  EXPECT_EQ(warped->carried, 14);
  for (size_t i = 0; i < carried.points.size(); ++i) {
    if (!carried.points[i].placement.positionMm) continue;
    EXPECT_LT(glm::distance(*carried.points[i].placement.positionMm, *anchored.points[i].placement.positionMm), 15.0)
        << carried.points[i].id;
  }
}

// A bilateral protocol written as exact mirror images on the default body (neck, acute low
// back) stays one on every patient: left anchors are their right partners' mirrors through the
// hm08 mirror table, not second warps.
TEST(ScenarioAnchors, MirrorPairsStayExactMirrorsOnAPatient) {
  PatientParameters p;
  p.sex = 0.2;
  p.ageYears = 70;
  p.bmi = 35;
  p.heightCm = 160;
  const auto body = makePatientBody(p);
  for (const char* name : {"neck_pain_chronic.json", "low_back_pain_acute.json"}) {
    const Scenario written = readValidScenario(std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios" / name);
    Scenario placed = written;
    putScenarioOnBody(placed, *body);
    int pairs = 0;
    for (size_t r = 0; r < written.points.size(); ++r)
      for (size_t l = 0; l < written.points.size(); ++l) {
        const auto& right = written.points[r].placement.positionMm;
        const auto& left = written.points[l].placement.positionMm;
        if (!right || !left || right->x > -1.0) continue;
        if (glm::distance(*left, glm::dvec3(-right->x, right->y, right->z)) > 0.05) continue;
        ++pairs;
        const glm::dvec3 a = *placed.points[r].placement.positionMm, b = *placed.points[l].placement.positionMm;
        EXPECT_LT(glm::distance(a, glm::dvec3(-b.x, b.y, b.z)), 0.001) << name << " " << written.points[r].id;
      }
    EXPECT_GE(pairs, 4) << name;
  }
}

// A model file is no patient: anchors are not read there, positions are carried.
TEST(ScenarioAnchors, AnotherModelCarriesThePositionsAsBefore) {
  const auto patient = makePatientBody(PatientParameters{});
  Scenario s = knee();
  const auto carried = putScenarioOnBody(s, patient->landmarks(), patient->skin(), "someone.glb");
  ASSERT_TRUE(carried);
  EXPECT_EQ(carried->anchored, 0);
  EXPECT_EQ(carried->carried, 14);
}

TEST(ScenarioAnchors, AnEditedPositionLeavesAStaleAnchorThatIsReported) {
  Scenario s = knee();
  *s.points[2].placement.positionMm += glm::dvec3(0.0, 60.0, 0.0);  // 6 cm up the thigh, by hand
  const std::vector<Problem> problems = staleAnchorProblems(s);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "points[2].hm08_anchor");
  EXPECT_NE(problems[0].message.find("mm from where the position lands on the average patient"), std::string::npos);
  ASSERT_TRUE(problems[0].subject);
  EXPECT_EQ(problems[0].subject->kind, SubjectKind::Point);
  EXPECT_EQ(problems[0].subject->index, 2u);
  const ScenarioAnchoring again = anchorScenario(s);
  EXPECT_EQ(again.changed, 1);
  EXPECT_TRUE(staleAnchorProblems(s).empty());
}

TEST(ScenarioAnchors, ABrokenAnchorIsNamedWithItsField) {
  const std::string text = R"({"format": "mesomap-scenario", "version": 2, "id": "x", "title": "X",
    "indication": "i", "patient_position": "supine", "schedule": "s", "sources": ["s"], "author": "a", "body": "default",
    "points": [
      {"id": "A", "position_mm": [0, 1000, 100], "hm08_anchor": {"vertices": [1, 2, 30000], "weights": [0.2, 0.3, 0.5]},
       "technique": "IDS", "angle_deg": {"min": 20, "max": 40}, "target_layer": "dermis",
       "volume_ml": {"min": 0.1, "max": 0.2}, "needle": "27G 4 mm", "tolerance_mm": 10},
      {"id": "B", "position_mm": [0, 1000, 100], "hm08_anchor": {"vertices": [1, 2, 3], "weights": [0.2, 0.3, 0.6]},
       "technique": "IDS", "angle_deg": {"min": 20, "max": 40}, "target_layer": "dermis",
       "volume_ml": {"min": 0.1, "max": 0.2}, "needle": "27G 4 mm", "tolerance_mm": 10},
      {"id": "C", "relative_to": {"landmark": "L4_spinous"}, "hm08_anchor": {"vertices": [1, 2, 3], "weights": [1, 0, 0]},
       "technique": "IDS", "angle_deg": {"min": 20, "max": 40}, "target_layer": "dermis",
       "volume_ml": {"min": 0.1, "max": 0.2}, "needle": "27G 4 mm", "tolerance_mm": 10}]})";
  const ScenarioReadResult read = parseScenario(text);
  std::vector<std::string> said;
  for (const Problem& p : read.problems) said.push_back(p.path + ": " + p.message);
  const auto has = [&](const std::string& line) {
    return std::find(said.begin(), said.end(), line) != said.end();
  };
  EXPECT_TRUE(has("points[0].hm08_anchor.vertices[2]: is not an hm08 vertex index (0..19157)")) << ::testing::PrintToString(said);
  EXPECT_TRUE(has("points[1].hm08_anchor.weights: do not sum to 1")) << ::testing::PrintToString(said);
  EXPECT_TRUE(has("points[2].hm08_anchor: belongs with position_mm (an absolute position), which is not given"))
      << ::testing::PrintToString(said);
}

}  // namespace
}  // namespace mesomap
