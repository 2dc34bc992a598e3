#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/scenario_document.h"
#include "core/scenario_geometry.h"
#include "core/scenario_validation.h"
#include "core/scoring.h"
#include "default_body.h"

namespace mesomap {
namespace {

struct Builder {
  ScenarioDocument document{blankScenario()};
  ScenarioHistory history;
  void run(std::unique_ptr<ScenarioCommand> c) {
    history.execute(document, std::move(c));
    history.endGesture();
  }
  const Scenario& scenario() const { return document.scenario(); }
};

ReferencePoint idsPoint(const std::string& id, SurfacePlacement placement) {
  ReferencePoint p;
  p.id = id;
  p.placement = std::move(placement);
  p.technique = Technique::IDS;
  p.angleDeg = {30, 45};
  p.targetLayer = TissueLayer::Dermis;  // the IDS band on the skin under it
  p.volumeMl = {0.1, 0.15};
  p.needle = "27G 4 mm";
  p.toleranceMm = 8;
  return p;
}

SurfacePlacement fromLandmark(const std::string& id, double cranialMm, double lateralMm = 0.0) {
  return {std::nullopt, id, lateralMm, cranialMm};
}

Zone makeZone(const std::string& id, ZoneKind kind, SurfacePlacement centre, double radiusMm) {
  Zone z;
  z.id = id;
  z.kind = kind;
  z.name = id;
  z.centre = std::move(centre);
  z.radiusMm = radiusMm;
  return z;
}

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ScenarioDocument, EditsUndoAndRedoExactly) {
  Builder b;
  b.run(addLandmarkCommand({"mark", "A mark", {1, 2, 3}}));
  b.run(addPointCommand(idsPoint("P1", fromLandmark("mark", 0))));
  EXPECT_EQ(b.history.undoLabel(), "Add point P1");
  const std::string twoItems = scenarioToJson(b.scenario());
  b.run(removeLandmarkCommand(0));
  EXPECT_TRUE(b.scenario().landmarks.empty());
  ASSERT_TRUE(b.history.undo(b.document));
  EXPECT_EQ(scenarioToJson(b.scenario()), twoItems);
  ASSERT_TRUE(b.history.redo(b.document));
  EXPECT_TRUE(b.scenario().landmarks.empty());
  EXPECT_EQ(b.document.revision(), 5u);
}

TEST(ScenarioDocument, ASliderDragAndABrushStrokeUndoAsOneStep) {
  Builder b;
  b.run(addPointCommand(idsPoint("P1", {glm::dvec3(0, 1000, 100), "", 0, 0})));
  b.run(addZoneCommand(makeZone("z", ZoneKind::Target, {glm::dvec3(0, 1000, 100), "", 0, 0}, 20.0)));
  for (double angle : {31.0, 35.0, 40.0}) {  // one drag: no endGesture between the steps
    ReferencePoint p = b.scenario().points[0];
    p.angleDeg.min = angle;
    b.history.execute(b.document, setPointCommand(0, p));
  }
  b.history.endGesture();
  for (int i = 0; i < 4; ++i) b.history.execute(b.document, paintZoneCommand(0, {{i * 5.0, 1000, 100}, 8, false}, 7));
  b.history.endGesture();
  EXPECT_EQ(b.scenario().zones[0].brush.size(), 4u);
  EXPECT_EQ(b.history.undoDepth(), 4u);  // add point, add zone, drag, stroke
  ASSERT_TRUE(b.history.undo(b.document));
  EXPECT_TRUE(b.scenario().zones[0].brush.empty());
  EXPECT_EQ(b.scenario().points[0].angleDeg.min, 40.0);
  ASSERT_TRUE(b.history.undo(b.document));
  EXPECT_EQ(b.scenario().points[0].angleDeg.min, 30.0);
}

TEST(ScenarioDocument, NewIdsAreUnused) {
  Scenario s = blankScenario();
  s.points.push_back(idsPoint("P1", {}));
  s.zones.push_back(makeZone("P2", ZoneKind::Target, {}, 10.0));
  EXPECT_EQ(unusedScenarioId(s, "P"), "P");
  EXPECT_EQ(unusedScenarioId(s, "P1"), "P12");
  EXPECT_EQ(mirroredId(s, "S3_right"), "S3_left");
  EXPECT_EQ(mirroredId(s, "R2"), "L2");
  EXPECT_EQ(mirroredId(s, "P1"), "P1_mirror");
}

TEST(ScenarioDocument, MirroringKeepsAnatomyOnTheOtherSide) {
  const auto& body = test::defaultBody();
  Scenario s = blankScenario();
  s.landmarks.push_back({"mark_right", "own, one side only", {-118.5, 408.5, -74.5}});
  s.points.push_back(idsPoint("S1_right", fromLandmark("pes_anserine_right", 20, 10)));
  s.points.push_back(idsPoint("M", fromLandmark("L4_spinous", 0, 30)));
  s.points.push_back(idsPoint("A", {glm::dvec3(-120, 900, 80), "", 0, 0}));
  s.points.push_back(idsPoint("X", fromLandmark("mark_right", 0)));
  ScenarioDocument document(s);
  std::vector<Problem> problems;
  auto mirror = mirrorPointsCommand(s, {0, 1, 2, 3}, &problems);
  mirror->apply(document);
  const Scenario& m = document.scenario();
  ASSERT_EQ(m.points.size(), 7u);
  EXPECT_EQ(m.points[4].id, "S1_left");
  EXPECT_EQ(m.points[4].placement.landmark, "pes_anserine_left");
  EXPECT_EQ(m.points[4].placement.lateralMm, 10.0);
  EXPECT_EQ(m.points[5].placement.lateralMm, -30.0);  // from the midline: the sign says the side
  EXPECT_EQ(m.points[6].placement.positionMm->x, 120.0);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "points[3]");
  EXPECT_EQ(problems[0].message,
            "cannot mirror: landmark 'mark_right' has no counterpart on the other side ('mark_left' is not defined)");

  // On the (nearly symmetric) default body, each mirror image lands near the original's image.
  for (size_t i = 0; i < 3; ++i) {
    auto original = resolvePlacement(m, m.points[i].placement, body.skin);
    auto mirrored = resolvePlacement(m, m.points[4 + i].placement, body.skin);
    ASSERT_TRUE(original && mirrored) << m.points[i].id;
    glm::vec3 reflected = original->frame.position;
    reflected.x = -reflected.x;
    EXPECT_LT(glm::length(reflected - mirrored->frame.position) * 1e3f, 25.0f) << m.points[i].id;
  }
}

// The end-to-end check: a scenario built only through commands saves, reloads
// byte-identically, validates clean, and its perfect attempt scores 100.
TEST(ScenarioDocument, BuiltThroughCommandsItSavesValidatesAndScores) {
  const auto& body = test::defaultBody();
  Builder b;
  b.run(editScenarioCommand("Edit details", [](Scenario& s) {
    s.id = "built_knee";
    s.title = "Built in the builder (right knee)";
    s.indication = "pes anserine bursitis";
    s.description = "A small protocol made through the builder's commands.";
    s.schedule = "weekly";
    s.sources = {"Default, not from a source: every figure (test scenario)"};
    s.author = "test";
  }));
  const Landmark* joint = b.scenario().findLandmark("medial_joint_line_right");
  ASSERT_NE(joint, nullptr);
  b.run(addLandmarkCommand({"joint_mark_right", "Medial joint line (own mark)", joint->positionMm}));
  b.run(moveLandmarkCommand(0, joint->positionMm + glm::dvec3(0, 2, 0)));
  b.run(addPointCommand(idsPoint("P1", fromLandmark("pes_anserine_right", 0))));
  b.run(addPointCommand(idsPoint("P2", fromLandmark("pes_anserine_right", -20))));
  const auto p3 = resolvePlacement(b.scenario(), fromLandmark("pes_anserine_right", 20), body.skin);
  ASSERT_TRUE(p3);
  const glm::dvec3 p3Mm = glm::dvec3(p3->frame.position) * 1000.0;
  b.run(addPointCommand(idsPoint("P3", {glm::round(p3Mm * 10.0) / 10.0, "", 0, 0})));
  b.run(addZoneCommand(makeZone("insertion", ZoneKind::Target, fromLandmark("pes_anserine_right", 0), 12.0)));
  b.run(paintZoneCommand(0, {glm::round(p3Mm * 10.0) / 10.0, 10.0, false}, 1));
  Zone nerve = makeZone("saphenous", ZoneKind::NoGo, fromLandmark("tibial_tuberosity_right", 20), 10.0);
  nerve.reason = "infrapatellar branch of the saphenous nerve";
  b.run(addZoneCommand(nerve));
  b.run(setPatternCommand({ValueRange{2, 5}, ValueRange{10, 40}, ValueRange{0.2, 0.6}}));
  b.run(setScoringRulesCommand({{{"position", 40}, {"depth", 20}, {"angle", 10}, {"volume", 10}, {"technique", 5},
                                 {"count", 5}, {"spacing", 5}, {"coverage", 5}},
                                75.0}));

  const std::filesystem::path file = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "built_knee.json";
  writeScenario(b.scenario(), file);
  const std::string saved = readText(file);
  EXPECT_EQ(saved, scenarioToJson(b.scenario()));
  ScenarioReadResult reread = readScenario(file);
  ASSERT_TRUE(reread.ok()) << (reread.problems.empty() ? "" : formatProblem("built", reread.problems[0]));
  EXPECT_EQ(scenarioToJson(*reread.scenario), saved);
  EXPECT_EQ(reread.scenario->zones[0].brush.size(), 1u);

  const ScoringBody scoring = body.scoring();
  for (const Problem& p : validateScenario(*reread.scenario, scoring)) ADD_FAILURE() << formatProblem("built", p);
  const PreparedScenario prepared = prepareScenario(*reread.scenario, scoring);
  const ScoreResult perfect = scoreAttempt(prepared, perfectAttempt(prepared), scoring);
  ASSERT_TRUE(perfect.report);
  EXPECT_EQ(perfect.report->score, 100.0);
  EXPECT_TRUE(perfect.report->passed);
  EXPECT_EQ(perfect.report->passMark, 75.0);
}

TEST(ScenarioDocument, ValidationNamesTheSameProblemsAsTheFileReader) {
  const auto& body = test::defaultBody();
  Scenario s = blankScenario();
  s.points.push_back(idsPoint("P1", fromLandmark("pes_anserine_rigth", 0)));
  s.points[0].angleDeg = {50, 40};
  const std::vector<Problem> problems = validateScenario(s, body.scoring());
  const ScenarioReadResult fromFile = parseScenario(scenarioToJson(s));
  ASSERT_FALSE(problems.empty());
  ASSERT_EQ(problems.size(), fromFile.problems.size());
  for (size_t i = 0; i < problems.size(); ++i) {
    EXPECT_EQ(problems[i].path, fromFile.problems[i].path);
    EXPECT_EQ(problems[i].message, fromFile.problems[i].message);
  }
  bool typoNamed = false, rangeNamed = false;
  for (const Problem& p : problems) {
    typoNamed |= p.path == "points[0].relative_to.landmark" && p.message.find("pes_anserine_right") != std::string::npos;
    rangeNamed |= p.path.starts_with("points[0].angle_deg");
  }
  EXPECT_TRUE(typoNamed);
  EXPECT_TRUE(rangeNamed);
}

}  // namespace
}  // namespace mesomap

namespace mesomap {
namespace {

TEST(ScenarioDocument, OffsetsMeasuredFromALandmarkWalkBackToThePoint) {
  const auto& body = test::defaultBody();
  Scenario s = blankScenario();
  const auto target = resolvePlacement(s, fromLandmark("pes_anserine_right", 25, 15), body.skin);
  ASSERT_TRUE(target);
  const glm::dvec3 targetMm = glm::dvec3(target->frame.position) * 1000.0;
  const auto placement = placementFromLandmark(s, "pes_anserine_right", targetMm, body.skin);
  ASSERT_TRUE(placement);
  EXPECT_EQ(placement->landmark, "pes_anserine_right");
  EXPECT_NEAR(placement->cranialMm, 25.0, 4.0);
  EXPECT_NEAR(placement->lateralMm, 15.0, 4.0);
  const auto back = resolvePlacement(s, *placement, body.skin);
  ASSERT_TRUE(back);
  EXPECT_LT(glm::length(glm::dvec3(back->frame.position) * 1000.0 - targetMm), 5.0);
  EXPECT_FALSE(placementFromLandmark(s, "no_such_landmark", targetMm, body.skin));
}

TEST(ScenarioDocument, NewPointsCarryTheirTechniqueWindows) {
  for (const TechniquePreset& preset : kTechniquePresets) {
    const ReferencePoint p = referencePointFor(preset.technique, "X", {});
    EXPECT_EQ(p.technique, preset.technique);
    EXPECT_NEAR(p.angleDeg.min, preset.angleMinDeg, 1e-6);
    EXPECT_NEAR(p.angleDeg.max, preset.angleMaxDeg, 1e-6);
    // The depth is the technique's band on the body's skin, not fixed millimetres.
    EXPECT_FALSE(p.depthMm.has_value());
    EXPECT_EQ(p.targetLayer, preset.technique == Technique::IED ? TissueLayer::Epidermis : TissueLayer::Dermis);
    EXPECT_NEAR(p.volumeMl.min, preset.defaultVolumeMl, 1e-6);
  }
  // Written as an author would type them: 0.05, not 0.05000000074505806.
  const std::string json = scenarioToJson([] {
    Scenario s = blankScenario();
    s.points.push_back(referencePointFor(Technique::IED, "E1", {glm::dvec3(0, 1000, 100), "", 0, 0}));
    return s;
  }());
  EXPECT_NE(json.find("\"min\": 0.05,"), std::string::npos) << json;
}

TEST(ScenarioDocument, MirroredZonesTakeTheirBrushAlong) {
  Scenario s = blankScenario();
  Zone z = makeZone("nerve_right", ZoneKind::NoGo, fromLandmark("tibial_tuberosity_right", 20), 10.0);
  z.brush.push_back({{-150.0, 440.0, 20.0}, 6.0, false});
  z.brush.push_back({{-152.0, 445.0, 20.0}, 4.0, true});
  s.zones.push_back(z);
  ScenarioDocument document(s);
  mirrorZoneCommand(s, 0)->apply(document);
  ASSERT_EQ(document.scenario().zones.size(), 2u);
  const Zone& m = document.scenario().zones[1];
  EXPECT_EQ(m.id, "nerve_left");
  EXPECT_EQ(m.centre.landmark, "tibial_tuberosity_left");
  ASSERT_EQ(m.brush.size(), 2u);
  EXPECT_EQ(m.brush[0].positionMm, glm::dvec3(150.0, 440.0, 20.0));
  EXPECT_TRUE(m.brush[1].erase);
  EXPECT_EQ(m.kind, ZoneKind::NoGo);
}

}  // namespace
}  // namespace mesomap

namespace mesomap {
namespace {

TEST(ScenarioDocument, LandmarkIdsAreNotReadAsSideLetters) {
  // "L4..." is a lumbar level, not "left 4": a one-sided landmark named so has no mirror.
  Scenario s = blankScenario();
  s.landmarks.push_back({"L4_marker", "off the midline", {-50.0, 1000.0, -160.0}});
  std::string why;
  EXPECT_FALSE(mirroredPlacement(s, fromLandmark("L4_marker", 0), &why));
  EXPECT_EQ(why, "landmark 'L4_marker' has no counterpart on the other side (name sided landmarks *_left / *_right)");
}

}  // namespace
}  // namespace mesomap
