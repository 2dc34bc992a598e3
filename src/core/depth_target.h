#pragma once
// Where a needle tip should end, and whether it did: the one depth rule that scoring, the skin
// section (CLI picture and the app's inset), the app's needle panel and the reports all use, so
// they never disagree (issue 13). Depths are perpendicular, in millimetres below the skin.
//
// Each technique has a band on the body region's skin model (tissue_layers.h), not fixed
// millimetres: on thin skin the dermis ends at 1.1 mm, on the back at 2.5 mm.
//   IED: [0, epidermis]                                   (the epidermis)
//   IDS: [epi + 0.2 dermis, epi + 0.6 dermis]             (upper dermis)
//   IDP: [epi + 0.5 dermis, skin]                         (deep dermis, to the dermis-fat junction)
//   NAP: [epi + 0.2 dermis, skin]                         (the dermis)
// A tip deeper than the skin (epidermis + dermis) plus a 0.3 mm grace has left the dermis: a
// critical error for every intradermal technique, as is any tip on bone.
#include <optional>
#include <string>

#include "core/scenario.h"
#include "core/tissue_layers.h"

namespace mesomap {

inline constexpr double kDermisGraceMm = 0.3;  // a tip this far into the fat still counts as at the junction
inline constexpr double kDepthScaleMm = 0.5;   // the depth score loses 1 per this much outside the window

enum class DepthVerdict { Correct, TooShallow, TooDeep };
const char* toString(DepthVerdict verdict);  // "correct", "too_shallow", "too_deep"

enum class DepthSource {
  TechniqueBand,  // the technique's band on this skin
  DepthWindow,    // the reference point's own depth_mm
  TargetLayer,    // the reference point's target layer below the dermis (its extent here)
};

struct DepthTarget {
  Technique technique = Technique::IDS;  // whose band (the needle's, or the reference's)
  ValueRange windowMm;                   // where the tip scores full marks
  double allowedMaxMm = 0.0;             // deeper than this is a critical error (infinity: no limit)
  std::string layers;                    // "upper dermis" (a depth window: "2.0–4.0 mm window"), for people
  DepthSource from = DepthSource::TechniqueBand;
  std::string referenceId;               // the reference point whose window this is, or ""
  std::string note;                      // the point's depth_note, shown with depth feedback
  std::optional<ValueRange> sourceDepthMm;  // what a cited source gives, quoted in feedback
};

// The target for a needle of `technique` in `column`. `reference` (may be null) is the point the
// needle is judged against: used only when the needle's technique is the point's own (its
// depth_mm or target layer apply) — a technique the point accepts, or any other, is judged on its
// own band, never on another technique's window.
DepthTarget depthTargetFor(const ReferencePoint* reference, Technique technique, const TissueColumn& column);

struct DepthJudgement {
  DepthVerdict verdict = DepthVerdict::Correct;  // against the window
  TissueLayer layer = TissueLayer::Epidermis;    // where the tip is
  double score = 0.0;                            // 1 in the window, less by kDepthScaleMm outside
  bool critical = false;                         // past the allowed maximum, or on bone
};

DepthJudgement judgeDepth(const DepthTarget& target, double depthMm, const TissueColumn& column);

// "the fat", "bone": where a critical tip is, for sentences.
std::string criticalDepthText(const DepthJudgement& judged);

}  // namespace mesomap
