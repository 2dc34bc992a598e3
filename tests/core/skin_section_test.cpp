// The skin section at a reference point: layers of the point's region, the reference needle in
// the middle of its windows, the tip's layer and the window to shade.
#include <cmath>

#include <gtest/gtest.h>

#include "default_body.h"

#include "core/model_loader.h"
#include "core/skin_section.h"

namespace mesomap {
namespace {

using test::defaultBody;

// A point on the front of the right thigh of the default body.
ReferencePoint thighPoint() {
  ReferencePoint p;
  p.id = "T1";
  p.placement.positionMm = glm::dvec3(-110.0, 650.0, 80.0);
  p.technique = Technique::IDP;
  p.angleDeg = {45.0, 75.0};
  p.depthMm = ValueRange{2.0, 4.0};
  p.needle = "27G 4 mm";
  return p;
}

Scenario scenarioWith(const ReferencePoint& p) {
  Scenario s;
  s.title = "Thigh";
  s.points.push_back(p);
  return s;
}

TEST(SkinSection, NeedleSpecFromText) {
  const NeedleSpec a = parseNeedleSpec("27G 4 mm");
  EXPECT_EQ(a.gauge, 27);
  EXPECT_DOUBLE_EQ(a.outerDiameterMm, 0.41);
  EXPECT_DOUBLE_EQ(a.lengthMm, 4.0);
  const NeedleSpec b = parseNeedleSpec("30G 13mm");
  EXPECT_EQ(b.gauge, 30);
  EXPECT_DOUBLE_EQ(b.outerDiameterMm, 0.31);
  EXPECT_DOUBLE_EQ(b.lengthMm, 13.0);
  const NeedleSpec c = parseNeedleSpec("a thin one; 123456789012G 99999999999999 mm");
  EXPECT_EQ(c.gauge, 0);
  EXPECT_DOUBLE_EQ(c.outerDiameterMm, 0.41);
  EXPECT_DOUBLE_EQ(c.lengthMm, 0.0);
}

TEST(SkinSection, ReferenceNeedleInTheMiddleOfItsWindows) {
  const ReferencePoint p = thighPoint();
  const Scenario s = scenarioWith(p);
  std::string problem;
  const auto section = skinSection(s, s.points[0], defaultBody().skin, defaultBody().regions, &problem);
  ASSERT_TRUE(section.has_value()) << problem;
  EXPECT_EQ(section->region, BodyRegion::Thigh);
  EXPECT_DOUBLE_EQ(section->angleDeg, 60.0);
  EXPECT_DOUBLE_EQ(section->tipDepthMm, 3.0);
  EXPECT_NEAR(section->insertedMm, 3.0 / std::sin(glm::radians(60.0)), 1e-6);
  EXPECT_NEAR(section->tipRunMm, section->insertedMm * 0.5, 1e-6);
  // Thigh: 0.1 + 1.45 mm of skin, then 10.4 mm of fat: a 3 mm tip is in the fat.
  EXPECT_EQ(section->tipLayer, TissueLayer::SubcutaneousFat);
  EXPECT_EQ(section->targetFrom, "depth window");
  EXPECT_DOUBLE_EQ(section->targetDepthMm.max, 4.0);
  // The curved skin of a thigh barely changes a 3 mm depth.
  EXPECT_NEAR(section->curvedTipDepthMm, 3.0, 0.3);
  // Layers are contiguous from the surface to the view depth.
  ASSERT_FALSE(section->layers.empty());
  EXPECT_EQ(section->layers.front().layer, TissueLayer::Epidermis);
  EXPECT_DOUBLE_EQ(section->layers.front().topMm, 0.0);
  for (size_t i = 1; i < section->layers.size(); ++i)
    EXPECT_DOUBLE_EQ(section->layers[i].topMm, section->layers[i - 1].bottomMm);
  EXPECT_DOUBLE_EQ(section->layers.back().bottomMm, section->viewDepthMm);
  EXPECT_GT(section->viewDepthMm, section->targetDepthMm.max);
  // 12 mm of thigh column would squeeze the dermis: the section stops in the fat.
  EXPECT_TRUE(section->columnContinues);
  EXPECT_EQ(section->layers.back().layer, TissueLayer::SubcutaneousFat);
}

TEST(SkinSection, TargetLayerGivesTheWindowAndThinColumnsShowWhatIsBelow) {
  ReferencePoint p = thighPoint();
  p.depthMm.reset();
  p.targetLayer = TissueLayer::Dermis;
  p.technique = Technique::IDS;
  p.angleDeg = {30.0, 30.0};
  p.placement.positionMm = glm::dvec3(-152.4, 475.0, -32.6);  // the apex of the right patella
  const Scenario s = scenarioWith(p);
  const auto section = skinSection(s, s.points[0], defaultBody().skin, defaultBody().regions);
  ASSERT_TRUE(section.has_value());
  EXPECT_EQ(section->region, BodyRegion::Knee);
  // Target layer "dermis": the technique's band in it, the upper dermis for IDS.
  const TissueColumn& c = section->column;
  EXPECT_EQ(section->targetFrom, "technique window");
  EXPECT_DOUBLE_EQ(section->targetDepthMm.min, c.epidermisMm + 0.2 * c.dermisMm);
  EXPECT_DOUBLE_EQ(section->targetDepthMm.max, c.epidermisMm + 0.6 * c.dermisMm);
  EXPECT_DOUBLE_EQ(section->tipDepthMm, section->targetDepthMm.middle());
  EXPECT_EQ(section->tipLayer, TissueLayer::Dermis);
  EXPECT_EQ(section->judged.verdict, DepthVerdict::Correct);
  EXPECT_FALSE(section->judged.critical);
  // Knee: thin fat over bone; the whole column and some bone are shown.
  EXPECT_FALSE(section->columnContinues);
  EXPECT_EQ(section->layers.back().layer, TissueLayer::Bone);
}

TEST(SkinSection, UnplaceablePointSaysWhy) {
  ReferencePoint p = thighPoint();
  p.placement.positionMm.reset();
  p.placement.landmark = "missing_landmark";
  const Scenario s = scenarioWith(p);
  std::string problem;
  EXPECT_FALSE(skinSection(s, s.points[0], defaultBody().skin, defaultBody().regions, &problem).has_value());
  EXPECT_NE(problem.find("missing_landmark"), std::string::npos) << problem;
  EXPECT_EQ(findPoint(s, "T1"), &s.points[0]);
  EXPECT_EQ(findPoint(s, "T9"), nullptr);
}

// A trainee's needle on the front of the right thigh, where the section puts it on the skin.
PlacedPoint placedOnThigh(Technique technique, float angleDeg, float insertedMm) {
  const auto hit = defaultBody().skin.closestPoint(glm::vec3(-0.110f, 0.650f, 0.080f));
  PlacedPoint p;
  p.id = 7;
  p.position = hit->position;
  p.normal = hit->normal;
  p.needle.technique = technique;
  p.needle.angles = {angleDeg, 0.0f};
  p.needle.insertedLength = insertedMm * 1e-3f;
  return p;
}

TEST(SkinSection, PlacedNeedleNamesItsTipLayerAndDepth) {
  // 3 mm at 30 degrees: the tip is 1.5 mm deep, in the thigh's dermis (0.1 to 1.55 mm).
  const PlacedPoint shallow = placedOnThigh(Technique::IDS, 30.0f, 3.0f);
  const SkinSection a = placedSkinSection(shallow, defaultBody().skin, defaultBody().regions, nullptr, "Practice");
  EXPECT_EQ(a.pointId, "Point 7");
  EXPECT_EQ(a.region, BodyRegion::Thigh);
  EXPECT_NEAR(a.tipDepthMm, 1.5, 1e-4);
  EXPECT_NEAR(a.tipRunMm, 3.0 * std::cos(glm::radians(30.0)), 1e-4);
  EXPECT_NEAR(a.insertedMm, 3.0, 1e-4);
  EXPECT_EQ(a.tipLayer, TissueLayer::Dermis);
  // No reference: the needle's technique's band on this skin (IDS: the upper dermis), which a
  // 1.5 mm tip passes: too deep, but in the dermis, not critical.
  EXPECT_EQ(a.targetFrom, "technique window");
  EXPECT_EQ(a.targetTechnique, Technique::IDS);
  EXPECT_TRUE(a.targetPointId.empty());
  EXPECT_DOUBLE_EQ(a.targetDepthMm.min, a.column.epidermisMm + 0.2 * a.column.dermisMm);
  EXPECT_DOUBLE_EQ(a.targetDepthMm.max, a.column.epidermisMm + 0.6 * a.column.dermisMm);
  EXPECT_EQ(a.judged.verdict, DepthVerdict::TooDeep);
  EXPECT_FALSE(a.judged.critical);
  EXPECT_NEAR(a.curvedTipDepthMm, 1.5, 0.2);

  // Steeper and longer: 4 mm at 60 degrees ends 3.46 mm deep, past the skin, in the fat.
  const PlacedPoint deep = placedOnThigh(Technique::IDS, 60.0f, 4.0f);
  const SkinSection b = placedSkinSection(deep, defaultBody().skin, defaultBody().regions, nullptr, "Practice");
  EXPECT_NEAR(b.tipDepthMm, 4.0 * std::sin(glm::radians(60.0)), 1e-4);
  EXPECT_EQ(b.tipLayer, TissueLayer::SubcutaneousFat);
  EXPECT_TRUE(b.judged.critical);  // the same verdict scoring gives
  EXPECT_GT(b.viewDepthMm, b.tipDepthMm);
}

TEST(SkinSection, PlacedNeedleShadesItsReferenceWindow) {
  const PlacedPoint placed = placedOnThigh(Technique::IDS, 30.0f, 3.0f);
  // A reference of the needle's technique with a depth window: that window, named by its id.
  ReferencePoint withDepth = thighPoint();
  withDepth.technique = Technique::IDS;
  const SkinSection a = placedSkinSection(placed, defaultBody().skin, defaultBody().regions, &withDepth, "Thigh");
  EXPECT_EQ(a.targetFrom, "depth window");
  EXPECT_EQ(a.targetPointId, "T1");
  EXPECT_DOUBLE_EQ(a.targetDepthMm.min, 2.0);
  EXPECT_DOUBLE_EQ(a.targetDepthMm.max, 4.0);
  // A reference of the needle's technique naming the dermis: the technique's band in it.
  ReferencePoint dermis = thighPoint();
  dermis.technique = Technique::IDS;
  dermis.depthMm.reset();
  dermis.targetLayer = TissueLayer::Dermis;
  const SkinSection b = placedSkinSection(placed, defaultBody().skin, defaultBody().regions, &dermis, "Thigh");
  EXPECT_EQ(b.targetFrom, "technique window");
  EXPECT_EQ(b.targetPointId, "T1");
  EXPECT_DOUBLE_EQ(b.targetDepthMm.min, b.column.epidermisMm + 0.2 * b.column.dermisMm);
  // A reference of another technique (the nearest IDP point, say) is never the IDS needle's
  // window: the needle is judged on its own band.
  ReferencePoint other = thighPoint();
  other.depthMm.reset();
  other.technique = Technique::IDP;
  const SkinSection c = placedSkinSection(placed, defaultBody().skin, defaultBody().regions, &other, "Thigh");
  EXPECT_EQ(c.targetFrom, "technique window");
  EXPECT_EQ(c.targetTechnique, Technique::IDS);
  EXPECT_TRUE(c.targetPointId.empty());
  EXPECT_DOUBLE_EQ(c.targetDepthMm.max, c.column.epidermisMm + 0.6 * c.column.dermisMm);
}

}  // namespace
}  // namespace mesomap
