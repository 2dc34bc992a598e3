// The scenario builder's rules, in-process and without a window: files (open, atomic save,
// refusals), the autosave and its recovery, live validation selecting by index, and zones
// rebuilt only when they change.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/model/builder_model.h"
#include "app_test_support.h"
#include "core/patient/patient_body.h"
#include "core/protocol/scenario_anchors.h"
#include "core/protocol/scenario_transfer.h"

namespace mesomap::app {
namespace {

const std::filesystem::path kLibrary = std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios";
const std::filesystem::path kKnee = kLibrary / "knee_osteoarthritis_right.json";

using test_support::defaultBody;

std::filesystem::path freshDirectory(const std::string& name) { return test_support::freshDirectory("builder_model", name); }

BuilderModel makeModel(const std::filesystem::path& data) {
  std::vector<std::string> problems;
  BuilderModel model(kLibrary, readScenarioLibrary(kLibrary, problems), data);
  model.setBody(defaultBody());
  return model;
}

// Calls update() until the body checks have answered (they run in the background).
void settle(BuilderModel& model) {
  defaultBody()->geodesics();
  for (int i = 0; i < 400 && !model.validationCurrent(); ++i) {
    model.update(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  model.update(true);
}

TEST(BuilderModel, SavingWritesWhatOpensAgainAndRefusesOtherExtensions) {
  const auto data = freshDirectory("save");
  BuilderModel model = makeModel(data);
  ASSERT_TRUE(model.openFile(kKnee)) << model.message();
  EXPECT_FALSE(model.dirty());
  model.execute(editScenarioCommand("Retitle", [](Scenario& s) { s.title = "Knee, my way"; }));
  EXPECT_TRUE(model.dirty());

  EXPECT_FALSE(model.saveTo(data / "knee.txt"));
  EXPECT_NE(model.message().find("knee.txt: scenario files end in .json"), std::string::npos) << model.message();
  EXPECT_TRUE(model.dirty());

  ASSERT_TRUE(model.saveTo(data / "mine" / "knee.json")) << model.message();
  EXPECT_FALSE(model.dirty());
  EXPECT_EQ(model.path(), data / "mine" / "knee.json");
  const Scenario saved = readValidScenario(data / "mine" / "knee.json");
  EXPECT_EQ(saved.title, "Knee, my way");
  EXPECT_EQ(saved.points.size(), readValidScenario(kKnee).points.size());
  // Nothing was written into the library.
  EXPECT_EQ(readValidScenario(kKnee).title, "Knee osteoarthritis (right knee)");
}

TEST(BuilderModel, UnsavedWorkComesBackFromTheAutosaveWithItsFile) {
  const auto data = freshDirectory("autosave");
  {
    BuilderModel model = makeModel(data);
    ASSERT_TRUE(model.openFile(kKnee));
    model.execute(editScenarioCommand("Retitle", [](Scenario& s) { s.title = "Unsaved title"; }));
    model.autosave(true);
  }
  BuilderModel again = makeModel(data);
  ASSERT_TRUE(again.hasAutosave());
  auto found = again.recoverable();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->scenario.title, "Unsaved title");
  EXPECT_EQ(found->path, kKnee);
  const uint64_t generation = again.generation();
  again.recover(std::move(*found));
  EXPECT_EQ(again.scenario().title, "Unsaved title");
  EXPECT_TRUE(again.dirty());  // recovered work is unsaved until saved
  EXPECT_GT(again.generation(), generation);
  again.discardChanges();
  EXPECT_FALSE(again.hasAutosave());
  EXPECT_FALSE(again.dirty());
}

TEST(BuilderModel, ValidationNamesTheItemByIndexAndClearsWhenMended) {
  BuilderModel model = makeModel(freshDirectory("validation"));
  ASSERT_TRUE(model.openFile(kKnee));
  settle(model);
  ASSERT_TRUE(model.validationCurrent());
  EXPECT_TRUE(model.problems().empty()) << model.problems().front().message;

  model.execute(editScenarioCommand("Same id", [](Scenario& s) { s.points[2].id = s.points[0].id; }));
  model.update(false);  // the reader's checks need no body: at once
  ASSERT_TRUE(model.validationCurrent());
  ASSERT_FALSE(model.problems().empty());
  const Problem& p = model.problems().front();
  EXPECT_NE(p.message.find("is used twice"), std::string::npos) << p.message;
  ASSERT_TRUE(p.subject);
  EXPECT_EQ(p.subject->kind, SubjectKind::Point);
  EXPECT_EQ(p.subject->index, 2u);
  ASSERT_TRUE(model.positionOf(ItemKind::Point, 2));

  model.history().undo(model.document());
  settle(model);
  EXPECT_TRUE(model.problems().empty());
}

TEST(BuilderModel, ZonesAreBuiltOnceAndRebuiltWhenOneChanges) {
  BuilderModel model = makeModel(freshDirectory("zones"));
  ASSERT_TRUE(model.openFile(kKnee));
  settle(model);
  ASSERT_EQ(model.zones().size(), model.scenario().zones.size());
  const uint64_t built = model.zonesRevision();
  model.update(true);
  EXPECT_EQ(model.zonesRevision(), built);  // nothing changed: nothing rebuilt

  const double areaBefore = model.zones().front().areaMm2;
  model.execute(editScenarioCommand("Grow", [](Scenario& s) { s.zones.front().radiusMm *= 1.5; }));
  model.update(true);
  EXPECT_GT(model.zonesRevision(), built);
  EXPECT_EQ(model.zones().size(), model.scenario().zones.size());
  EXPECT_GT(model.zones().front().areaMm2, areaBefore * 1.2);
}

}  // namespace
}  // namespace mesomap::app

namespace mesomap::app {
namespace {

// The builder on a parametric patient: a default-body scenario is shown where its hm08 anchors
// put it; saved unchanged it is the file's scenario; a point moved on the patient is saved with
// the exact anchor of its new spot and a default-body position on the default skin; back on the
// default body the file's positions return.
TEST(BuilderModel, OnAPatientEditsAreSavedForTheDefaultBodyWithExactAnchors) {
  const auto data = freshDirectory("patient");
  BuilderModel model = makeModel(data);
  ASSERT_TRUE(model.openFile(kKnee)) << model.message();
  const Scenario file = readValidScenario(kKnee);
  PatientParameters p;
  p.sex = 0.0;
  p.ageYears = 65;
  p.bmi = 33;
  p.heightCm = 162;
  const auto patient = makePatientBody(p);
  model.setBody(patient);
  ASSERT_TRUE(model.onPatient());
  EXPECT_FALSE(model.dirty());
  const glm::dvec3 written = *file.points[0].placement.positionMm;
  const glm::dvec3 shown = *model.scenario().points[0].placement.positionMm;
  EXPECT_GT(glm::distance(shown, written), 10.0);  // on the patient's knee, not the default body's
  EXPECT_LT(glm::distance(shown, *patient->hm08()->positionMm(patient->mesh(), *file.points[0].placement.hm08)), 1e-6);

  ASSERT_TRUE(model.saveTo(data / "same.json")) << model.message();
  const Scenario same = readValidScenario(data / "same.json");
  for (size_t i = 0; i < file.points.size(); ++i) {
    if (!file.points[i].placement.positionMm) continue;
    EXPECT_LT(glm::distance(*same.points[i].placement.positionMm, *file.points[i].placement.positionMm), 1e-9);
    EXPECT_EQ(same.points[i].placement.hm08->vertices, file.points[i].placement.hm08->vertices);
  }

  const auto target = patient->skin().closestPoint(glm::vec3((shown + glm::dvec3(0.0, 15.0, 0.0)) * 0.001));
  ASSERT_TRUE(target);
  const glm::dvec3 targetMm = glm::dvec3(target->position) * 1000.0;
  ReferencePoint moved = model.scenario().points[0];
  moved.placement.positionMm = targetMm;
  model.execute(setPointCommand(0, moved));
  ASSERT_TRUE(model.saveTo(data / "moved.json")) << model.message();
  const Scenario saved = readValidScenario(data / "moved.json");
  EXPECT_NE(saved.points[0].placement.hm08->vertices, file.points[0].placement.hm08->vertices);
  Scenario again = saved;
  putScenarioOnBody(again, *patient);
  EXPECT_LT(glm::distance(*again.points[0].placement.positionMm, targetMm), 0.001);
  const glm::dvec3 onDefault = *saved.points[0].placement.positionMm;
  const auto skin = defaultBody()->skin().closestPoint(glm::vec3(onDefault * 0.001));
  ASSERT_TRUE(skin);
  EXPECT_LT(skin->distance * 1000.0f, 0.1f);
  EXPECT_NEAR(glm::distance(onDefault, written), 15.0, 5.0);  // moved about as far up the default leg
  EXPECT_LT(glm::distance(*saved.points[1].placement.positionMm, *file.points[1].placement.positionMm), 1e-9);
  EXPECT_TRUE(staleAnchorProblems(saved).empty());

  model.setBody(defaultBody());
  EXPECT_FALSE(model.onPatient());
  EXPECT_LT(glm::distance(*model.scenario().points[0].placement.positionMm, onDefault), 1e-9);
  EXPECT_LT(glm::distance(*model.scenario().points[1].placement.positionMm, *file.points[1].placement.positionMm), 1e-9);
}

}  // namespace
}  // namespace mesomap::app
