// Standard landmarks: the id list, landmark set files (the committed default-body set and the
// reader's problems), which set a body gets, and scenarios naming standard landmarks.
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "default_body.h"
#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>

#include "core/body/landmarks.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/import/model_loader.h"
#include "core/base/safe_write.h"
#include "core/protocol/scenario_geometry.h"

namespace mesomap {
namespace {

using nlohmann::json;

struct DefaultBody {
  const LoadedModel& model = test::defaultBody().model;
  const Bvh& skin = test::defaultBody().skin;
  LandmarkSet set = bodyLandmarks(MESOMAP_DEFAULT_MODEL, model.mesh, skin);
};

const DefaultBody& body() {
  static const DefaultBody b;
  return b;
}

glm::dvec3 at(const std::string& id) {
  const Landmark* l = body().set.find(id);
  EXPECT_NE(l, nullptr) << id;
  return l ? l->positionMm : glm::dvec3(0.0);
}

std::string problemAt(const std::vector<Problem>& problems, const std::string& path) {
  for (const Problem& p : problems)
    if (p.path == path) return p.message;
  return "";
}

TEST(Landmarks, StandardListCoversBothSidesOnce) {
  std::set<std::string> ids;
  size_t right = 0, left = 0;
  for (const StandardLandmark& s : standardLandmarks()) {
    EXPECT_TRUE(ids.insert(s.id).second) << s.id;
    const std::string id = s.id;
    if (s.side == BodySide::Right) {
      ++right;
      ASSERT_EQ(id.substr(id.size() - 6), "_right");
      const StandardLandmark* mirror = findStandardLandmark(id.substr(0, id.size() - 6) + "_left");
      ASSERT_NE(mirror, nullptr) << id;
      EXPECT_NE(std::string(mirror->name).find("eft"), std::string::npos) << mirror->name;
    }
    if (s.side == BodySide::Left) ++left;
  }
  EXPECT_EQ(right, left);
  for (const char* id : {"C7_spinous", "T12_spinous", "L1_spinous", "L5_spinous", "sternal_notch", "umbilicus",
                         "psis_left", "iliac_crest_right", "greater_tuberosity_left", "pes_anserine_right"})
    EXPECT_NE(findStandardLandmark(id), nullptr) << id;
}

TEST(Landmarks, BuiltInScenariosUseStandardIds) {
  // The first scenarios declared their own landmarks; their ids are the standard ones, so a
  // scenario-declared landmark overrides the body's on the same anatomy.
  size_t declared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MESOMAP_SOURCE_DIR "/assets/scenarios")) {
    const Scenario s = readValidScenario(entry.path());
    for (const Landmark& l : s.landmarks) {
      EXPECT_NE(findStandardLandmark(l.id), nullptr) << entry.path() << ": " << l.id;
      ++declared;
    }
  }
  EXPECT_GT(declared, 10u);
}

TEST(Landmarks, MisspeltIdsGetOneSuggestion) {
  EXPECT_EQ(suggestStandardLandmark("patela_apex_right"), "patella_apex_right");
  EXPECT_EQ(suggestStandardLandmark("L4_spinus"), "L4_spinous");
  EXPECT_EQ(suggestStandardLandmark("L9_spinous"), "");  // as near L1..L5: no single guess
  EXPECT_EQ(suggestStandardLandmark("sacrum"), "");
}

TEST(Landmarks, DefaultBodyUsesTheCommittedHandPlacedSet) {
  const LandmarkSet& set = body().set;
  EXPECT_EQ(set.source, defaultBodyLandmarksPath().string());
  EXPECT_TRUE(set.notes.empty()) << set.notes.front();
  EXPECT_EQ(set.estimatedCount(), 0u);
  ASSERT_EQ(set.landmarks.size(), standardLandmarks().size());
  for (size_t i = 0; i < set.landmarks.size(); ++i) {
    const PlacedLandmark& l = set.landmarks[i];
    EXPECT_EQ(l.landmark.id, standardLandmarks()[i].id);
    EXPECT_FALSE(l.method.empty()) << l.landmark.id;
    auto hit = body().skin.closestPoint(glm::vec3(l.landmark.positionMm * 0.001), PartFilter::Skin);
    ASSERT_TRUE(hit.has_value());
    EXPECT_LT(hit->distance * 1000.0, 0.2) << l.landmark.id;
    if (standardLandmarks()[i].side == BodySide::Midline) {
      EXPECT_EQ(l.landmark.positionMm.x, 0.0) << l.landmark.id;
    }
  }
}

TEST(Landmarks, DefaultBodySetIsAnatomicallyOrdered) {
  const char* spine[] = {"C7_spinous", "T12_spinous", "L1_spinous", "L2_spinous", "L3_spinous", "L4_spinous", "L5_spinous"};
  for (size_t i = 1; i < std::size(spine); ++i) {
    const double gap = at(spine[i - 1]).y - at(spine[i]).y;
    EXPECT_GT(gap, i == 1 ? 200.0 : 25.0) << spine[i];  // C7 to T12: the thoracic spine
    EXPECT_LT(gap, i == 1 ? 350.0 : 45.0) << spine[i];
  }
  // Tuffier's line: the iliac crest tops level with L4; the PSIS below, beside the midline.
  EXPECT_NEAR(at("iliac_crest_right").y, at("L4_spinous").y, 10.0);
  EXPECT_LT(at("psis_left").y, at("L5_spinous").y);
  EXPECT_NEAR(std::abs(at("psis_left").x), 45.0, 15.0);
  // Knee, top down; pes anserine ~5 cm below the medial joint line (Saggini 2015).
  EXPECT_GT(at("patella_base_right").y, at("patella_apex_right").y);
  EXPECT_GT(at("patella_apex_right").y, at("medial_joint_line_right").y);
  EXPECT_GT(at("medial_joint_line_right").y, at("tibial_tuberosity_right").y);
  EXPECT_NEAR(at("medial_joint_line_right").y - at("pes_anserine_right").y, 50.0, 10.0);
  // Medial is toward the midline; the lateral malleolus is lower than the medial one.
  EXPECT_LT(std::abs(at("medial_epicondyle_right").x), std::abs(at("lateral_epicondyle_right").x));
  EXPECT_LT(at("lateral_malleolus_left").y, at("medial_malleolus_left").y);
  EXPECT_LT(at("calcaneus_right").y, at("achilles_insertion_right").y);
  // Back landmarks behind front ones.
  EXPECT_LT(at("L4_spinous").z, at("umbilicus").z);
  EXPECT_LT(at("C7_spinous").z, at("sternal_notch").z);
}

TEST(Landmarks, FileRoundTrips) {
  const std::string text = landmarkSetToJson(body().set, "default", "test");
  LandmarkSetReadResult read = parseLandmarkSet(text);
  ASSERT_TRUE(read.ok()) << formatProblem("text", read.problems.front());
  ASSERT_EQ(read.set->landmarks.size(), body().set.landmarks.size());
  for (size_t i = 0; i < read.set->landmarks.size(); ++i) {
    EXPECT_EQ(read.set->landmarks[i].landmark.id, body().set.landmarks[i].landmark.id);
    EXPECT_EQ(read.set->landmarks[i].method, body().set.landmarks[i].method);
    EXPECT_LT(glm::length(read.set->landmarks[i].landmark.positionMm - body().set.landmarks[i].landmark.positionMm), 0.06);
  }
}

TEST(Landmarks, FileProblemsHaveJsonPaths) {
  const json j = json::parse(R"({
    "format": "mesomap-landmarks", "version": 1, "body": "default",
    "landmarks": [
      {"id": "L4_spinous", "position_mm": [0, 1000, -163]},
      {"id": "L4_spinous", "position_mm": [0, 990, -163]},
      {"id": "patela_apex_right", "position_mm": [-144, 462, -34]},
      {"id": "sacrum", "position_mm": [0, 900, -180]},
      {"id": "umbilicus", "position_mm": [0, 1020]},
      {"id": "C7_spinous", "position_mm": [0, 1420, -144], "methd": "by eye"}
    ]})");
  LandmarkSetReadResult r = parseLandmarkSet(j.dump());
  EXPECT_EQ(problemAt(r.problems, "landmarks[1].id"), "'L4_spinous' is used twice");
  EXPECT_EQ(problemAt(r.problems, "landmarks[2].id"),
            "'patela_apex_right' is not a standard landmark (did you mean 'patella_apex_right'?)");
  EXPECT_EQ(problemAt(r.problems, "landmarks[3].id"), "'sacrum' is not a standard landmark (see docs/landmarks.md)");
  EXPECT_EQ(problemAt(r.problems, "landmarks[4].position_mm"), "expected [x, y, z] in millimetres");
  EXPECT_EQ(problemAt(r.problems, "landmarks[5].methd"), "unknown field (did you mean 'method'?)");
  EXPECT_EQ(r.problems.size(), 5u);
  // The standard name fills in a missing one.
  ASSERT_TRUE(r.set.has_value());
  EXPECT_EQ(r.set->landmarks[0].landmark.name, "L4 spinous process");

  EXPECT_EQ(problemAt(parseLandmarkSet(R"({"format": "mesomap-scenario", "version": 1, "landmarks": []})").problems, "format"),
            "'mesomap-scenario' is not a mesomap landmark set (expected \"mesomap-landmarks\")");
  EXPECT_EQ(problemAt(parseLandmarkSet(R"({"format": "mesomap-landmarks", "version": 3, "landmarks": []})").problems, "version"),
            "3 is newer than this mesomap reads (1); upgrade mesomap to open this file");
  // A number beyond a double terminated the process (only parse_error was caught).
  const LandmarkSetReadResult huge = parseLandmarkSet(
      R"({"format": "mesomap-landmarks", "version": 1, "landmarks": [{"id": "C7_spinous", "position_mm": [0, 1e999, 0]}]})");
  ASSERT_EQ(huge.problems.size(), 1u);
  EXPECT_NE(huge.problems[0].message.find("not valid JSON"), std::string::npos) << huge.problems[0].message;
}

TEST(Landmarks, AFileForAnotherBodyIsSetAsideAndEstimatesTakeOver) {
  // The default body's path, but a 10 % larger mesh: the committed file no longer lies on it.
  Mesh bigger = body().model.mesh;
  bigger.transform(glm::scale(glm::mat4(1.0f), glm::vec3(1.1f)));
  const Bvh skin = Bvh::build(bigger);
  const LandmarkSet set = bodyLandmarks(MESOMAP_DEFAULT_MODEL, bigger, skin);
  ASSERT_FALSE(set.notes.empty());
  EXPECT_NE(set.notes.front().find("not used: 'C7_spinous' lies"), std::string::npos) << set.notes.front();
  EXPECT_EQ(set.estimatedCount(), standardLandmarks().size());
  EXPECT_EQ(set.source, "estimated from the body's proportions");
}

TEST(Landmarks, AFileBesideTheModelIsUsedAndCompletedByEstimates) {
  // patient.glb need not exist: only patient.landmarks.json beside it is read.
  const std::filesystem::path dir = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "landmark_sidecar";
  std::filesystem::create_directories(dir);
  const std::filesystem::path model = dir / "patient.glb";
  EXPECT_EQ(landmarkFileFor(model), dir / "patient.landmarks.json");
  EXPECT_EQ(landmarkFileFor(MESOMAP_DEFAULT_MODEL), defaultBodyLandmarksPath());
  LandmarkSet two;
  two.landmarks.push_back({{"L4_spinous", "", at("L4_spinous") + glm::dvec3(0, 12, 0)}, "by hand, 12 mm up"});
  two.landmarks.push_back({{"acromion_left", "", at("acromion_left")}, "by hand"});
  // Snap the moved one back onto the skin, as a hand-placed landmark would be.
  auto hit = body().skin.closestPoint(glm::vec3(two.landmarks[0].landmark.positionMm * 0.001), PartFilter::Skin);
  two.landmarks[0].landmark.positionMm = glm::dvec3(hit->position) * 1000.0;
  writeLandmarkSet(two, dir / "patient.landmarks.json", "patient.glb", "test");
  const LandmarkSet set = bodyLandmarks(model, body().model.mesh, body().skin);
  ASSERT_EQ(set.landmarks.size(), standardLandmarks().size());
  EXPECT_EQ(set.estimatedCount(), standardLandmarks().size() - 2);
  EXPECT_NEAR(set.find("L4_spinous")->positionMm.y, at("L4_spinous").y + 12.0, 1.0);
  ASSERT_FALSE(set.notes.empty());
  EXPECT_NE(set.notes.back().find("41 of 43 standard landmarks estimated"), std::string::npos) << set.notes.back();
}

json scenarioNaming(const std::string& landmark) {
  return json::parse(R"({
    "format": "mesomap-scenario", "version": 1, "id": "t", "title": "T", "indication": "low back pain",
    "description": "Training protocol, not clinical advice.", "patient_position": "prone", "schedule": "weekly",
    "sources": ["test"], "author": "tests",
    "points": [
      {"id": "P1", "relative_to": {"landmark": ")" + landmark + R"(", "lateral_mm": 0},
       "technique": "IDS", "angle_deg": {"min": 30, "max": 45}, "depth_mm": {"min": 1, "max": 2},
       "volume_ml": {"min": 0.1, "max": 0.2}, "needle": "27G 4 mm", "tolerance_mm": 10},
      {"id": "P2", "relative_to": {"landmark": ")" + landmark + R"(", "lateral_mm": -30},
       "technique": "IDS", "angle_deg": {"min": 30, "max": 45}, "depth_mm": {"min": 1, "max": 2},
       "volume_ml": {"min": 0.1, "max": 0.2}, "needle": "27G 4 mm", "tolerance_mm": 10}
    ],
    "zones": [{"id": "Z", "kind": "no_go", "relative_to": {"landmark": "C7_spinous"}, "radius_mm": 10, "reason": "bone"}]
  })");
}

TEST(Landmarks, ScenariosMayNameStandardLandmarksWithoutDeclaringThem) {
  ScenarioReadResult read = parseScenario(scenarioNaming("L4_spinous").dump());
  ASSERT_TRUE(read.ok()) << formatProblem("t", read.problems.front());
  Scenario s = *read.scenario;
  // A scenario for another body, not yet put on it: the placement cannot be resolved, and says why.
  Scenario elsewhere = s;
  elsewhere.body.model = "patient.glb";
  std::string why;
  EXPECT_FALSE(resolvePlacement(elsewhere, s.points[0].placement, body().skin, &why).has_value());
  EXPECT_EQ(why, "standard landmark 'L4_spinous' has no position: the scenario is not on a body (useBodyLandmarks)");
  // A scenario for the default body sees its committed set before it is put on any body.
  ASSERT_NE(s.findLandmark("L4_spinous"), nullptr);
  EXPECT_EQ(s.findLandmark("L4_spinous")->positionMm, at("L4_spinous"));
  useBodyLandmarks(s, body().set);
  auto onSpine = resolvePlacement(s, s.points[0].placement, body().skin, &why);
  ASSERT_TRUE(onSpine.has_value()) << why;
  EXPECT_LT(glm::length(glm::dvec3(onSpine->frame.position) * 1000.0 - at("L4_spinous")), 0.5);
  // 30 mm "medial" of a midline landmark goes to the patient's right (the midline counts as left).
  auto beside = resolvePlacement(s, s.points[1].placement, body().skin);
  ASSERT_TRUE(beside.has_value());
  EXPECT_NEAR(beside->frame.position.x * 1000.0, -30.0, 2.0);
  EXPECT_NEAR(beside->frame.position.y * 1000.0, at("L4_spinous").y, 2.0);
  EXPECT_TRUE(checkScenarioGeometry(s, body().skin).empty());
  // Shown with the scenario: the standard landmarks it names, once each, in order of use.
  const std::vector<Landmark> shown = landmarksInUse(s);
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(shown[0].id, "L4_spinous");
  EXPECT_EQ(shown[1].id, "C7_spinous");
}

TEST(Landmarks, PuttingAScenarioOnABodyReplacesTheDefaultSet) {
  ScenarioReadResult read = parseScenario(scenarioNaming("L4_spinous").dump());
  ASSERT_TRUE(read.ok());
  Scenario s = *read.scenario;
  LandmarkSet moved = body().set;
  for (PlacedLandmark& l : moved.landmarks) l.landmark.positionMm += glm::dvec3(0, 50, 0);
  useBodyLandmarks(s, moved);
  EXPECT_NEAR(s.findLandmark("L4_spinous")->positionMm.y, at("L4_spinous").y + 50.0, 1e-9);
}

TEST(Landmarks, AScenariosOwnLandmarkOverridesTheStandardOne) {
  json j = scenarioNaming("L4_spinous");
  const glm::dvec3 higher = at("L3_spinous");  // "L4" declared where the body's L3 is
  j["landmarks"] = json::array({{{"id", "L4_spinous"}, {"position_mm", {higher.x, higher.y, higher.z}}}});
  ScenarioReadResult read = parseScenario(j.dump());
  ASSERT_TRUE(read.ok());
  Scenario s = *read.scenario;
  useBodyLandmarks(s, body().set);
  auto resolved = resolvePlacement(s, s.points[0].placement, body().skin);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_LT(glm::length(glm::dvec3(resolved->frame.position) * 1000.0 - higher), 0.5);
  EXPECT_EQ(landmarksInUse(s).size(), 2u);  // its own L4, and the standard C7
}

TEST(Landmarks, OffsetsFromAMidlineLandmarkKeepTheirSide) {
  // Up the neck from C7, then sideways: the cranial walk drifts a hair across the midline, which
  // must not turn "lateral" round. Negative lateral from a midline landmark is the patient's right.
  Scenario s = *parseScenario(scenarioNaming("C7_spinous").dump()).scenario;
  for (double lateral : {-30.0, 30.0}) {
    for (double cranial : {40.0, 80.0, -60.0}) {
      const SurfacePlacement placement{std::nullopt, "C7_spinous", lateral, cranial};
      auto resolved = resolvePlacement(s, placement, body().skin);
      ASSERT_TRUE(resolved.has_value());
      EXPECT_NEAR(resolved->frame.position.x * 1000.0, lateral, 6.0) << "lateral " << lateral << ", cranial " << cranial;
    }
  }
}

TEST(Landmarks, UnknownAndMisspeltLandmarksInScenarios) {
  auto problem = [](const std::string& id) {
    ScenarioReadResult r = parseScenario(scenarioNaming(id).dump());
    return problemAt(r.problems, "points[0].relative_to.landmark");
  };
  EXPECT_EQ(problem("L4_spinus"), "unknown landmark 'L4_spinus' (did you mean 'L4_spinous'?)");
  EXPECT_EQ(problem("sacrum"), "unknown landmark 'sacrum' (neither declared in landmarks nor a standard landmark)");
  EXPECT_EQ(problem("psis_right"), "");
}

}  // namespace
}  // namespace mesomap
