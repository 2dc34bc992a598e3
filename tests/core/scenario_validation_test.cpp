// What `mesomap validate` checks on a body beyond the file: depth windows that leave their
// technique's layers need a note, and every problem names the point it is about.
#include "core/scoring/scenario_validation.h"

#include <gtest/gtest.h>

#include "default_body.h"

namespace mesomap {
namespace {

using test::defaultBody;

Scenario thighScenario() {
  Scenario s;
  s.id = "thigh";
  s.title = "Thigh";
  ReferencePoint p;
  p.id = "T1";
  // On the skin of the front of the right thigh.
  const auto hit = defaultBody().skin.closestPoint(glm::vec3(-0.110f, 0.650f, 0.080f), PartFilter::Skin);
  p.placement.positionMm = glm::dvec3(hit->position) * 1000.0;
  p.technique = Technique::IDS;
  p.angleDeg = {30.0, 45.0};
  p.targetLayer = TissueLayer::Dermis;
  p.volumeMl = {0.1, 0.2};
  p.needle = "30G 4 mm";
  s.points.push_back(p);
  return s;
}

TEST(ScenarioValidation, ADepthWindowInTheFatNeedsANote) {
  Scenario s = thighScenario();
  EXPECT_TRUE(checkScenarioOnBody(s, defaultBody().scoring()).empty());
  s.points[0].depthMm = ValueRange{1.0, 3.0};  // ends in the thigh's fat (skin 1.55 mm)
  const std::vector<Problem> problems = checkScenarioOnBody(s, defaultBody().scoring());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "points[0].depth_mm");
  EXPECT_NE(problems[0].message.find("ends in the subcutaneous fat here (IDS stays in the upper dermis"), std::string::npos)
      << problems[0].message;
  EXPECT_EQ(problems[0].subject, (ProblemSubject{SubjectKind::Point, 0}));
  s.points[0].depthNote = "the source gives 1-3 mm; kept as published";
  EXPECT_TRUE(checkScenarioOnBody(s, defaultBody().scoring()).empty());
}

TEST(ScenarioValidation, TheReferenceMapsOwnCriticalErrorsNameTheirPoint) {
  Scenario s = thighScenario();
  s.points[0].volumeMl = {0.1, 0.2};
  s.critical.maxPointVolumeMl = 0.1;  // below the reference's own 0.15 mL
  s.critical.reasons["max_point_volume_ml"] = "a test";
  const std::vector<Problem> problems = checkScenarioOnBody(s, defaultBody().scoring());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].path, "reference map");
  EXPECT_NE(problems[0].message.find("CRITICAL: Point 1 (T1): 0.15 mL at one point"), std::string::npos)
      << problems[0].message;
  EXPECT_EQ(problems[0].subject, (ProblemSubject{SubjectKind::Point, 0}));
}

}  // namespace
}  // namespace mesomap
