// The one depth rule (depth_target.h): each technique's band on a skin column, the critical
// line below the dermis, bone, and whose window a needle is judged on.
#include "core/protocol/depth_target.h"

#include <gtest/gtest.h>

namespace mesomap {
namespace {

TissueColumn thinSkin() {
  TissueColumn c;
  c.region = BodyRegion::Knee;
  c.epidermisMm = 0.1;
  c.dermisMm = 1.4;
  c.fatMm = 5.0;
  c.below = TissueLayer::Bone;
  return c;
}

TEST(DepthTarget, EachTechniqueHasItsBandOnTheSkin) {
  const TissueColumn c = thinSkin();
  const DepthTarget ied = depthTargetFor(nullptr, Technique::IED, c);
  EXPECT_DOUBLE_EQ(ied.windowMm.min, 0.0);
  EXPECT_DOUBLE_EQ(ied.windowMm.max, 0.1);
  const DepthTarget ids = depthTargetFor(nullptr, Technique::IDS, c);
  EXPECT_NEAR(ids.windowMm.min, 0.1 + 0.2 * 1.4, 1e-12);
  EXPECT_NEAR(ids.windowMm.max, 0.1 + 0.6 * 1.4, 1e-12);
  EXPECT_EQ(ids.layers, "upper dermis");
  const DepthTarget idp = depthTargetFor(nullptr, Technique::IDP, c);
  EXPECT_NEAR(idp.windowMm.min, 0.1 + 0.7, 1e-12);
  EXPECT_NEAR(idp.windowMm.max, 1.5, 1e-12);
  const DepthTarget nap = depthTargetFor(nullptr, Technique::NAP, c);
  EXPECT_NEAR(nap.windowMm.min, 0.1 + 0.28, 1e-12);
  EXPECT_NEAR(nap.windowMm.max, 1.5, 1e-12);
  for (const DepthTarget& t : {ied, ids, idp, nap}) {
    EXPECT_NEAR(t.allowedMaxMm, 1.5 + kDermisGraceMm, 1e-12);
    EXPECT_EQ(t.from, DepthSource::TechniqueBand);
  }
}

TEST(DepthTarget, PastTheDermisAndItsGraceIsCriticalAndSoIsBone) {
  const TissueColumn c = thinSkin();
  const DepthTarget idp = depthTargetFor(nullptr, Technique::IDP, c);
  const DepthJudgement inside = judgeDepth(idp, 1.2, c);
  EXPECT_EQ(inside.verdict, DepthVerdict::Correct);
  EXPECT_EQ(inside.score, 1.0);
  EXPECT_FALSE(inside.critical);
  const DepthJudgement junction = judgeDepth(idp, 1.7, c);  // 0.2 mm into the fat: the grace
  EXPECT_EQ(junction.verdict, DepthVerdict::TooDeep);
  EXPECT_EQ(junction.layer, TissueLayer::SubcutaneousFat);
  EXPECT_NEAR(junction.score, 1.0 - 0.2 / kDepthScaleMm, 1e-9);
  EXPECT_FALSE(junction.critical);
  const DepthJudgement fat = judgeDepth(idp, 2.0, c);
  EXPECT_TRUE(fat.critical);
  EXPECT_EQ(criticalDepthText(fat), "in the subcutaneous fat");
  const DepthJudgement shallow = judgeDepth(idp, 0.3, c);
  EXPECT_EQ(shallow.verdict, DepthVerdict::TooShallow);
  EXPECT_FALSE(shallow.critical);
  // Through 5 mm of fat onto the patella.
  ReferencePoint deep;
  deep.id = "D";
  deep.technique = Technique::IDP;
  deep.depthMm = ValueRange{2.0, 8.0};
  deep.depthNote = "a test that reaches bone";
  const DepthTarget overridden = depthTargetFor(&deep, Technique::IDP, c);
  const DepthJudgement bone = judgeDepth(overridden, 7.0, c);
  EXPECT_EQ(bone.layer, TissueLayer::Bone);
  EXPECT_TRUE(bone.critical);
  EXPECT_EQ(criticalDepthText(bone), "on bone");
}

TEST(DepthTarget, OnlyTheReferencesOwnTechniqueUsesItsWindow) {
  const TissueColumn c = thinSkin();
  ReferencePoint p;
  p.id = "JL1";
  p.technique = Technique::IDP;
  p.depthMm = ValueRange{2.0, 4.0};
  p.depthNote = "as published";
  p.sourceDepthMm = ValueRange{2.0, 4.0};
  p.acceptedTechniques = {Technique::NAP};
  const DepthTarget own = depthTargetFor(&p, Technique::IDP, c);
  EXPECT_EQ(own.from, DepthSource::DepthWindow);
  EXPECT_EQ(own.referenceId, "JL1");
  EXPECT_DOUBLE_EQ(own.windowMm.max, 4.0);
  EXPECT_DOUBLE_EQ(own.allowedMaxMm, 4.0 + kDermisGraceMm);
  EXPECT_EQ(own.note, "as published");
  EXPECT_TRUE(own.sourceDepthMm.has_value());
  // An accepted technique, or any other, is judged on its own band.
  for (Technique t : {Technique::NAP, Technique::IDS}) {
    const DepthTarget other = depthTargetFor(&p, t, c);
    EXPECT_EQ(other.from, DepthSource::TechniqueBand);
    EXPECT_TRUE(other.referenceId.empty());
    EXPECT_EQ(other.technique, t);
    EXPECT_DOUBLE_EQ(other.windowMm.max, depthTargetFor(nullptr, t, c).windowMm.max);
  }
  // A target layer in the dermis keeps the band; one below it is that layer's extent.
  ReferencePoint layered = p;
  layered.depthMm.reset();
  layered.targetLayer = TissueLayer::Dermis;
  EXPECT_EQ(depthTargetFor(&layered, Technique::IDP, c).from, DepthSource::TechniqueBand);
  layered.targetLayer = TissueLayer::SubcutaneousFat;
  const DepthTarget fat = depthTargetFor(&layered, Technique::IDP, c);
  EXPECT_EQ(fat.from, DepthSource::TargetLayer);
  EXPECT_DOUBLE_EQ(fat.windowMm.min, 1.5);
  EXPECT_DOUBLE_EQ(fat.windowMm.max, 6.5);
  EXPECT_FALSE(judgeDepth(fat, 4.0, c).critical);
}

}  // namespace
}  // namespace mesomap
