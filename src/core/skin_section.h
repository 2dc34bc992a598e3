#pragma once
// A cross-section through the skin at one point, to scale: the layers of the point's body
// region, a needle at its true angle and inserted length (a reference needle, or a trainee's),
// where its tip ends and the depth window it should end in. Plain millimetres for any drawing of
// it (the CLI's `render --section` image, the app's inset beside the needle panel); no GL here.
//
// The section is the plane that holds the needle and the skin's normal, with the skin drawn flat:
// the layers are bands, the tip lies inserted * sin(angle) below the surface (the flat-skin depth
// the scenario's windows are written in).
#include <optional>
#include <string>
#include <vector>

#include "core/attempt_document.h"
#include "core/body_regions.h"
#include "core/bvh.h"
#include "core/depth_target.h"
#include "core/scenario.h"
#include "core/tissue_layers.h"

namespace mesomap {

struct SectionLayer {
  TissueLayer layer;
  double topMm = 0.0;     // depth of its top below the skin surface
  double bottomMm = 0.0;  // the deepest layer goes on below the section: its bottom is the view depth
};

struct NeedleSpec {
  int gauge = 0;              // 27 for "27G"; 0 when the text names none
  double outerDiameterMm = 0.4;
  double lengthMm = 0.0;      // the needle's own length ("4 mm"); 0 when not given
};

// "27G 4 mm" -> gauge 27, 0.41 mm outer diameter (ISO 9626 nominal sizes), 4 mm long. Unknown
// gauges keep the 27G diameter, the most common mesotherapy needle.
NeedleSpec parseNeedleSpec(const std::string& text);

struct SkinSection {
  std::string scenarioTitle;
  std::string pointId;
  Technique technique = Technique::IDS;
  std::string needleText;
  NeedleSpec needle;
  BodyRegion region = BodyRegion::Thigh;
  TissueColumn column;
  std::vector<SectionLayer> layers;  // top down, down to viewDepthMm
  double viewDepthMm = 0.0;          // how deep the section reaches
  bool columnContinues = false;      // the last drawn layer goes on below viewDepthMm (thick fat)

  // The reference needle: middle of the angle and depth windows.
  double angleDeg = 90.0;      // to the skin surface
  double insertedMm = 0.0;     // shaft under the skin
  double tipDepthMm = 0.0;     // inserted * sin(angle)
  double tipRunMm = 0.0;       // inserted * cos(angle): how far along the skin the tip lies from the entry
  TissueLayer tipLayer = TissueLayer::Dermis;
  double curvedTipDepthMm = 0.0;  // the same needle on the body's curved skin (signed, for the caption)

  // The window the tip should end in (depthTargetFor: the technique's band on this column, or
  // the reference point's own depth window or target layer) and the verdict on the tip
  // (judgeDepth), the same as scoring's. targetDepthMm..targetPointId repeat target's fields.
  DepthTarget target;
  DepthJudgement judged;
  ValueRange targetDepthMm;
  std::string targetFrom;  // "depth window", "target layer" or "technique window"
  std::optional<TissueLayer> targetLayer;
  Technique targetTechnique = Technique::IDS;  // whose window a "technique window" is
  std::string targetPointId;  // a trainee's needle: the reference point whose window it is; else ""
};

// The section at `point` of `scenario` on the body `skin` / `regions` belong to. nullopt, with
// `problem` set, when the point cannot be placed on this body.
std::optional<SkinSection> skinSection(const Scenario& scenario, const ReferencePoint& point, const Bvh& skin,
                                       const BodyRegionMap& regions, std::string* problem = nullptr,
                                       const PatientProfile& patient = {});

// The section under a trainee's placed needle: the layers under its entry point, the needle at
// its own angle and inserted length, its tip's flat-skin depth (the figure scoring judges) and
// layer. The window is depthTargetFor(reference, the needle's technique): `reference`'s own
// window when the needle uses its technique (the point it matched, or the nearest), else the
// band of the needle's own technique.
SkinSection placedSkinSection(const PlacedPoint& point, const Bvh& skin, const BodyRegionMap& regions,
                              const ReferencePoint* reference, const std::string& scenarioTitle,
                              const PatientProfile& patient = {});

// The point with this id, or nullptr.
const ReferencePoint* findPoint(const Scenario& scenario, const std::string& id);

}  // namespace mesomap
