#include <gtest/gtest.h>

#include "core/body/tissue_layers.h"

namespace mesomap {
namespace {

TEST(TissueLayers, RegionalFiguresFromTheDomainNotes) {
  // Gibney 2010: abdomen skin 2.2 mm, fat 13.9 mm; Laurent 2007: suprascapular 2.54 mm.
  TissueColumn abdomen = tissueColumn(BodyRegion::Abdomen);
  EXPECT_NEAR(abdomen.skinMm(), 2.2, 1e-9);
  EXPECT_NEAR(abdomen.fatMm, 13.9, 1e-9);
  EXPECT_NEAR(tissueColumn(BodyRegion::UpperBack).skinMm(), 2.54, 1e-9);
  EXPECT_NEAR(tissueColumn(BodyRegion::Foot).fatMm, 18.8, 1e-9);  // heel pad
  EXPECT_NE(abdomen.source.find("Gibney 2010"), std::string::npos);
}

TEST(TissueLayers, EveryRegionHasAPlausibleColumnAndAName) {
  for (int i = 0; i < kBodyRegionCount; ++i) {
    const BodyRegion region = static_cast<BodyRegion>(i);
    TissueColumn c = tissueColumn(region);
    EXPECT_GE(c.epidermisMm, 0.066) << toString(region);
    EXPECT_LE(c.epidermisMm, 0.27) << toString(region);
    EXPECT_GE(c.skinMm(), 0.79 - 1e-9) << toString(region);  // Krackowizer 2008: 0.79 (foot) upward
    EXPECT_LE(c.skinMm(), 2.6) << toString(region);
    EXPECT_FALSE(c.source.empty());
    EXPECT_EQ(parseBodyRegion(toString(region)), region);
  }
}

TEST(TissueLayers, TipLayersOnTheAbdomen) {
  TissueColumn c = tissueColumn(BodyRegion::Abdomen);  // 0.1 + 2.1 + 13.9 mm
  EXPECT_EQ(layerAt(c, 0.05)->layer, TissueLayer::Epidermis);
  auto idp = layerAt(c, 2.0);  // an IDP tip (2-4 mm window) at 2 mm
  EXPECT_EQ(idp->layer, TissueLayer::Dermis);
  EXPECT_NEAR(idp->depthIntoLayerMm, 1.9, 1e-9);
  auto deep = layerAt(c, 5.1);  // the Micheels & Goodman trap: "intradermal" that lands in fat
  EXPECT_EQ(deep->layer, TissueLayer::SubcutaneousFat);
  EXPECT_NEAR(deep->layerTopMm, 2.2, 1e-9);
  EXPECT_EQ(layerAt(c, 20.0)->layer, TissueLayer::Muscle);
  EXPECT_FALSE(layerAt(c, -0.5).has_value());
}

TEST(TissueLayers, BonyProminencesHaveBoneUnderThinFat) {
  TissueColumn knee = tissueColumn(BodyRegion::Knee);
  EXPECT_EQ(knee.below, TissueLayer::Bone);
  EXPECT_LE(knee.fatMm, 5.0);
  EXPECT_EQ(layerAt(knee, 9.2)->layer, TissueLayer::Bone);  // 13 mm needle at 45 degrees
  EXPECT_EQ(tissueColumn(BodyRegion::Thigh, {}, /*overBone=*/true).below, TissueLayer::Bone);
}

TEST(TissueLayers, SexAndBmiModifiers) {
  const TissueColumn base = tissueColumn(BodyRegion::Thigh);
  const TissueColumn woman = tissueColumn(BodyRegion::Thigh, {Sex::Female, 25.0});
  const TissueColumn man = tissueColumn(BodyRegion::Thigh, {Sex::Male, 25.0});
  EXPECT_NEAR(woman.fatMm - man.fatMm, 5.1, 1e-9);  // Gibney 2010
  EXPECT_GT(man.skinMm(), woman.skinMm());
  const TissueColumn heavier = tissueColumn(BodyRegion::Thigh, {Sex::Unspecified, 35.0});
  EXPECT_NEAR(heavier.fatMm - base.fatMm, 4.0, 1e-9);   // +10 kg/m2: +4 mm fat
  EXPECT_NEAR(heavier.skinMm() - base.skinMm(), 0.2, 1e-9);  // and +0.2 mm skin
  const TissueColumn thin = tissueColumn(BodyRegion::Thigh, {Sex::Male, 12.0});
  EXPECT_GE(thin.fatMm, 2.0);  // never negative, however lean
}

// Skin thins with age (the domain notes); the rates are marked defaults in tissue_layers.cpp.
TEST(TissueLayers, SkinThinsWithAgeAndAChildsDermisIsThinner) {
  auto at = [](double age) { return tissueColumn(BodyRegion::Knee, {Sex::Female, 25.0, age}); };
  EXPECT_DOUBLE_EQ(at(20.0).dermisMm, at(40.0).dermisMm);  // adult figures from 18 to 40
  EXPECT_NEAR(at(80.0).dermisMm / at(40.0).dermisMm, 1.0 - 4 * 0.06, 1e-9);
  EXPECT_NEAR(at(80.0).epidermisMm / at(40.0).epidermisMm, 1.0 - 4 * 0.03, 1e-9);
  EXPECT_LT(at(65.0).skinMm(), at(40.0).skinMm());
  EXPECT_LT(at(5.0).dermisMm, at(18.0).dermisMm);
  EXPECT_DOUBLE_EQ(at(120.0).dermisMm, at(90.0).dermisMm);  // no thinner past 90
  // A tip 1.3 mm deep is in the dermis at 40 and in the fat at 80.
  EXPECT_EQ(layerAt(at(40.0), 1.3)->layer, TissueLayer::Dermis);
  EXPECT_EQ(layerAt(at(80.0), 1.3)->layer, TissueLayer::SubcutaneousFat);
}

}  // namespace
}  // namespace mesomap
