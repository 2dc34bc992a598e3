#pragma once
// The skin-layer model: how thick the epidermis, dermis and subcutaneous fat are in each body
// region, adjusted for sex, BMI and age, and which layer a needle tip at a given depth is in.
// Figures come from shared/domain/mesotherapy.md section 3; each carries its source, and
// figures the domain notes do not give are marked as defaults ([I]) in tissue_layers.cpp.
#include <array>
#include <optional>
#include <string>

#include "core/base/problem.h"

namespace mesomap {

enum class TissueLayer { Epidermis, Dermis, SubcutaneousFat, Muscle, Bone };
const char* toString(TissueLayer layer);  // "subcutaneous_fat", as in files

enum class BodyRegion {
  Face, Scalp, Neck, UpperBack, Lumbar, Chest, Abdomen, Buttock, Shoulder, UpperArm, Elbow,
  Forearm, Hand, Thigh, Knee, LowerLeg, Ankle, Foot,
};
inline constexpr int kBodyRegionCount = 18;

const char* toString(BodyRegion region);          // "upper back"
const char* layerName(TissueLayer layer);         // "subcutaneous fat", for people (files use toString)
std::optional<BodyRegion> parseBodyRegion(const std::string& name);

enum class Sex { Unspecified, Female, Male };

struct PatientProfile {
  Sex sex = Sex::Unspecified;
  double bmi = 25.0;        // kg/m2; the reference the regional figures are taken at [I]
  double ageYears = 30.0;   // adult figures hold from 18 to 40; skin thins after (tissue_layers.cpp)
};

// One region's layers, top down, in millimetres. Below the fat: bone where the region is a
// bony prominence (patella, olecranon, malleoli, tibial crest, spinous processes, skull),
// otherwise muscle.
struct TissueColumn {
  BodyRegion region;
  double epidermisMm = 0.1;
  double dermisMm = 1.5;
  double fatMm = 10.0;
  TissueLayer below = TissueLayer::Muscle;
  std::string source;  // where the figures come from, for the UI and reports

  double skinMm() const { return epidermisMm + dermisMm; }  // epidermis + dermis
};

// The column for a region and patient. `overBone` forces bone below the fat (a point on a
// bony prominence within a region that is otherwise muscular).
TissueColumn tissueColumn(BodyRegion region, const PatientProfile& patient = {}, bool overBone = false);

struct LayerAtDepth {
  TissueLayer layer;
  double depthIntoLayerMm;  // how far past the top of that layer
  double layerTopMm;        // depth of the layer's top below the skin surface
  double layerBottomMm;     // bottom; infinity for the last layer
};

// Where a layer lies in a column (mm below the surface); the layer below the fat has no bottom
// (max is infinity).
ValueRange layerExtentMm(const TissueColumn& column, TissueLayer layer);

// The layer at `depthMm` below the skin surface (negative depths are above the skin: nullopt).
std::optional<LayerAtDepth> layerAt(const TissueColumn& column, double depthMm);

}  // namespace mesomap
