// The needle a technique starts from: the middle of the active scenario's windows for that
// technique, else the domain defaults.
#include <cmath>

#include <gtest/gtest.h>

#include "core/view/needle_presets.h"
#include "core/protocol/scenario.h"

namespace mesomap {
namespace {

ReferencePoint point(const std::string& id, Technique t, ValueRange angle, std::optional<ValueRange> depth,
                     ValueRange volume, const std::string& needle) {
  ReferencePoint p;
  p.id = id;
  p.technique = t;
  p.angleDeg = angle;
  p.depthMm = depth;
  p.volumeMl = volume;
  p.needle = needle;
  return p;
}

TEST(NeedlePresets, WithoutAScenarioTheDomainDefaults) {
  const NeedlePreset p = needlePreset(Technique::IDP, nullptr);
  const TechniquePreset& domain = presetFor(Technique::IDP);
  EXPECT_EQ(p.fromPoints, 0u);
  EXPECT_EQ(p.needle.technique, Technique::IDP);
  EXPECT_FLOAT_EQ(p.needle.angles.angleDegrees, domain.defaultAngleDeg);
  EXPECT_FLOAT_EQ(p.needle.insertedLength, domain.defaultInsertedMm * 1e-3f);
  EXPECT_FLOAT_EQ(p.needle.volumeMl, domain.defaultVolumeMl);
  EXPECT_NE(p.source.find("defaults"), std::string::npos) << p.source;
}

TEST(NeedlePresets, FromTheScenarioTheMiddleOfItsWindows) {
  Scenario s;
  s.points.push_back(point("A", Technique::IDS, {30.0, 40.0}, ValueRange{1.0, 2.0}, {0.1, 0.2}, "30G 13 mm"));
  s.points.push_back(point("B", Technique::IDS, {40.0, 50.0}, ValueRange{1.5, 2.5}, {0.1, 0.1}, "30G 13 mm"));
  s.points.push_back(point("C", Technique::IDP, {60.0, 90.0}, ValueRange{3.0, 4.0}, {0.2, 0.2}, "27G 4 mm"));
  const NeedlePreset ids = needlePreset(Technique::IDS, &s);
  EXPECT_EQ(ids.fromPoints, 2u);
  // Angle middles 35 and 45, depth middles 1.5 and 2, volume middles 0.15 and 0.1.
  EXPECT_FLOAT_EQ(ids.needle.angles.angleDegrees, 40.0f);
  EXPECT_NEAR(ids.needle.insertedLength * 1e3, 1.75 / std::sin(glm::radians(40.0)), 1e-4);
  EXPECT_NEAR(ids.needle.volumeMl, 0.125, 1e-6);
  EXPECT_EQ(ids.needle.needle, "30G 13 mm");
  EXPECT_EQ(ids.source, "middle of the scenario's 2 IDS points");

  // One IDP point: exactly its middles; the inserted length reaches 3.5 mm at 75 degrees.
  const NeedlePreset idp = needlePreset(Technique::IDP, &s);
  EXPECT_EQ(idp.fromPoints, 1u);
  EXPECT_FLOAT_EQ(idp.needle.angles.angleDegrees, 75.0f);
  EXPECT_NEAR(idp.needle.insertedLength * 1e3 * std::sin(glm::radians(75.0)), 3.5, 1e-4);
  EXPECT_FLOAT_EQ(idp.needle.volumeMl, 0.2f);
  EXPECT_EQ(idp.needle.needle, "27G 4 mm");

  // No NAP point in the scenario: the domain defaults, said so.
  const NeedlePreset nap = needlePreset(Technique::NAP, &s);
  EXPECT_EQ(nap.fromPoints, 0u);
  EXPECT_FLOAT_EQ(nap.needle.angles.angleDegrees, presetFor(Technique::NAP).defaultAngleDeg);

  // The main technique is the one most points use.
  EXPECT_EQ(mainNeedlePreset(s).needle.technique, Technique::IDS);
}

TEST(NeedlePresets, WithoutADepthWindowTheTechniqueWindowAndNeverLongerThanTheNeedle) {
  Scenario s;
  // No depth window (a target layer instead): the technique's window, 2-4 mm for IDP.
  s.points.push_back(point("A", Technique::IDP, {10.0, 10.0}, std::nullopt, {0.1, 0.1}, "27G 4 mm"));
  const NeedlePreset p = needlePreset(Technique::IDP, &s);
  // 3 mm at 10 degrees needs 17 mm of shaft; a 4 mm needle gives 4.
  EXPECT_FLOAT_EQ(p.needle.angles.angleDegrees, 10.0f);
  EXPECT_NEAR(p.needle.insertedLength * 1e3, 4.0, 1e-4);
}

}  // namespace
}  // namespace mesomap
