#include "core/body/tissue_layers.h"

#include <algorithm>

#include <cmath>
#include <limits>

namespace mesomap {

namespace {

struct RegionFigures {
  BodyRegion region;
  const char* name;
  double epidermisMm, dermisMm, fatMm;
  bool bony;  // bone below a thin fat layer across most of the region
  const char* source;
};

// Epidermis: 0.08-0.27 mm (Oltulu 2018); 0.1 mm where no regional figure is given [I].
// Epidermis + dermis by region: Laurent 2007 (n=342, 20 MHz ultrasound), Gibney 2010 (n=388),
// Van Mulder 2017, Krackowizer & Brenner 2008, Selcuk (face histology). Dermis = total - epidermis.
// Subcutaneous fat: Gibney 2010 (arm, thigh, abdomen, buttock); heel pad 18.8 mm
// (JAKO201501258979633); every other fat figure is a default [I].
constexpr RegionFigures kRegions[kBodyRegionCount] = {
    {BodyRegion::Face, "face", 0.09, 1.33, 4.0, false, "Selcuk Med J (epidermis 0.066-0.121, dermis 1.15-1.50); fat [I]"},
    {BodyRegion::Scalp, "scalp", 0.1, 1.4, 5.0, true, "skin [I] within Krackowizer 2008 range 0.79-1.48; fat [I]; skull below"},
    {BodyRegion::Neck, "neck / nape", 0.1, 1.6, 6.0, false, "skin [I] between face and upper back figures; fat [I]"},
    {BodyRegion::UpperBack, "upper back", 0.1, 2.44, 8.0, false, "Laurent 2007 suprascapular 2.54 mm; fat [I]"},
    {BodyRegion::Lumbar, "lumbar", 0.1, 1.81, 12.0, false, "Laurent 2007 waist 1.91 mm; fat [I]"},
    {BodyRegion::Chest, "chest", 0.1, 1.38, 10.0, false, "Krackowizer 2008 thorax 1.48 mm; fat [I]"},
    {BodyRegion::Abdomen, "abdomen", 0.1, 2.1, 13.9, false, "Gibney 2010 abdomen 2.2 mm, fat 13.9 mm"},
    {BodyRegion::Buttock, "buttock", 0.1, 2.3, 15.4, false, "Gibney 2010 buttock 2.4 mm, fat 15.4 mm"},
    {BodyRegion::Shoulder, "shoulder / deltoid", 0.1, 1.92, 10.8, false, "Laurent 2007 deltoid 2.02 mm; fat as arm, Gibney 2010 [I]"},
    {BodyRegion::UpperArm, "upper arm", 0.1, 2.1, 10.8, false, "Gibney 2010 arm 2.2 mm, fat 10.8 mm"},
    {BodyRegion::Elbow, "elbow", 0.1, 1.34, 3.0, true, "skin as dorsal forearm, Van Mulder 2017 1.44 mm [I]; fat [I]; olecranon / epicondyles below"},
    {BodyRegion::Forearm, "forearm", 0.1, 1.22, 6.0, false, "Van Mulder 2017 volar 1.19 / dorsal 1.44 mm (mean); fat [I]"},
    {BodyRegion::Hand, "hand", 0.1, 1.0, 3.0, false, "skin [I] within Krackowizer 2008 range; fat [I]"},
    {BodyRegion::Thigh, "thigh", 0.1, 1.45, 10.4, false, "Laurent 2007 thigh 1.55 mm (Gibney 2010: 1.9); fat Gibney 2010 10.4 mm"},
    {BodyRegion::Knee, "knee", 0.1, 1.45, 5.0, true, "skin as thigh, Laurent 2007 [I]; fat [I]; patella below at the front"},
    {BodyRegion::LowerLeg, "lower leg", 0.1, 1.3, 6.0, false, "skin [I] within Krackowizer 2008 range; fat [I]; tibial crest is bony"},
    {BodyRegion::Ankle, "ankle / Achilles", 0.1, 1.0, 3.0, true, "skin [I] within Krackowizer 2008 range; fat [I]; malleoli below"},
    {BodyRegion::Foot, "foot / heel", 0.1, 0.69, 18.8, false, "Krackowizer 2008 foot 0.79 mm; heel pad 18.8 mm (JAKO201501258979633)"},
};

// Modifiers (Gibney 2010; Krackowizer 2008): women carry ~5.1 mm more subcutaneous fat than
// men and men's skin is up to 1.43x thicker; the regional figures are taken as the mean of
// both [I]. +10 kg/m2 of BMI adds ~0.2 mm of skin and ~4 mm of fat (Gibney 2010).
constexpr double kSexFatDifferenceMm = 5.1;
constexpr double kMaleSkinFactor = 1.15;    // [I] half-way to the 1.43x extreme
constexpr double kFemaleSkinFactor = 0.87;  // [I] so the mean of both stays ~1
constexpr double kSkinPerBmiMm = 0.02;
constexpr double kFatPerBmiMm = 0.4;
constexpr double kReferenceBmi = 25.0;

// Age: the domain notes say only that skin thins with age [S: Gibney 2010; Krackowizer 2008].
// Defaults [I]: adult figures hold from 18 to 40 years; from 40 the dermis loses 6 % per decade
// (to 70 % at 90) and the epidermis 3 % per decade; a child's dermis grows linearly from 60 %
// at 1 year to the adult figure at 18.
constexpr double kAdultFromYears = 18.0;
constexpr double kThinningFromYears = 40.0;
constexpr double kDermisLossPerDecade = 0.06;
constexpr double kEpidermisLossPerDecade = 0.03;
constexpr double kInfantDermisFactor = 0.6;

struct AgeFactors {
  double epidermis = 1.0, dermis = 1.0;
};

AgeFactors ageFactors(double ageYears) {
  if (!std::isfinite(ageYears)) return {};
  if (ageYears < kAdultFromYears) {
    const double t = std::clamp((ageYears - 1.0) / (kAdultFromYears - 1.0), 0.0, 1.0);
    return {1.0, kInfantDermisFactor + (1.0 - kInfantDermisFactor) * t};
  }
  const double decades = std::clamp(ageYears - kThinningFromYears, 0.0, 50.0) / 10.0;
  return {1.0 - kEpidermisLossPerDecade * decades, 1.0 - kDermisLossPerDecade * decades};
}

}  // namespace

const char* toString(TissueLayer layer) {
  switch (layer) {
    case TissueLayer::Epidermis: return "epidermis";
    case TissueLayer::Dermis: return "dermis";
    case TissueLayer::SubcutaneousFat: return "subcutaneous_fat";
    case TissueLayer::Muscle: return "muscle";
    case TissueLayer::Bone: return "bone";
  }
  return "dermis";
}

const char* layerName(TissueLayer layer) {
  return layer == TissueLayer::SubcutaneousFat ? "subcutaneous fat" : toString(layer);
}

const char* toString(BodyRegion region) { return kRegions[static_cast<int>(region)].name; }

std::optional<BodyRegion> parseBodyRegion(const std::string& name) {
  for (const auto& r : kRegions)
    if (name == r.name) return r.region;
  return std::nullopt;
}

TissueColumn tissueColumn(BodyRegion region, const PatientProfile& patient, bool overBone) {
  const RegionFigures& f = kRegions[static_cast<int>(region)];
  TissueColumn c;
  c.region = region;
  c.source = f.source;
  double skinFactor = 1.0, fatShift = 0.0;
  if (patient.sex == Sex::Male) {
    skinFactor = kMaleSkinFactor;
    fatShift = -0.5 * kSexFatDifferenceMm;
  } else if (patient.sex == Sex::Female) {
    skinFactor = kFemaleSkinFactor;
    fatShift = 0.5 * kSexFatDifferenceMm;
  }
  const double bmiDelta = (std::isfinite(patient.bmi) ? patient.bmi : kReferenceBmi) - kReferenceBmi;
  const AgeFactors age = ageFactors(patient.ageYears);
  c.epidermisMm = f.epidermisMm * age.epidermis;
  // The BMI change in skin thickness goes to the dermis; the epidermis barely changes.
  c.dermisMm = std::max(0.3, (f.dermisMm * skinFactor + kSkinPerBmiMm * bmiDelta) * age.dermis);
  // Fat never vanishes entirely; over bone it stays thin whatever the BMI.
  const double fat = f.fatMm + fatShift * (f.bony ? 0.2 : 1.0) + kFatPerBmiMm * bmiDelta * (f.bony ? 0.2 : 1.0);
  c.fatMm = std::max(f.bony ? 1.0 : 2.0, fat);
  c.below = (f.bony || overBone) ? TissueLayer::Bone : TissueLayer::Muscle;
  return c;
}

std::optional<LayerAtDepth> layerAt(const TissueColumn& c, double depthMm) {
  if (!(depthMm >= 0.0)) return std::nullopt;  // above the skin (or NaN)
  const double dermisTop = c.epidermisMm;
  const double fatTop = dermisTop + c.dermisMm;
  const double belowTop = fatTop + c.fatMm;
  if (depthMm < dermisTop) return LayerAtDepth{TissueLayer::Epidermis, depthMm, 0.0, dermisTop};
  if (depthMm < fatTop) return LayerAtDepth{TissueLayer::Dermis, depthMm - dermisTop, dermisTop, fatTop};
  if (depthMm < belowTop) return LayerAtDepth{TissueLayer::SubcutaneousFat, depthMm - fatTop, fatTop, belowTop};
  return LayerAtDepth{c.below, depthMm - belowTop, belowTop, std::numeric_limits<double>::infinity()};
}

ValueRange layerExtentMm(const TissueColumn& column, TissueLayer layer) {
  const double epidermis = column.epidermisMm, skin = column.skinMm(), fat = skin + column.fatMm;
  switch (layer) {
    case TissueLayer::Epidermis: return {0.0, epidermis};
    case TissueLayer::Dermis: return {epidermis, skin};
    case TissueLayer::SubcutaneousFat: return {skin, fat};
    case TissueLayer::Muscle:
    case TissueLayer::Bone: break;
  }
  return {fat, std::numeric_limits<double>::infinity()};
}

}  // namespace mesomap
