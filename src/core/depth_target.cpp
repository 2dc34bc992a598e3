#include "core/depth_target.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace mesomap {

const char* toString(DepthVerdict verdict) {
  switch (verdict) {
    case DepthVerdict::Correct: return "correct";
    case DepthVerdict::TooShallow: return "too_shallow";
    case DepthVerdict::TooDeep: return "too_deep";
  }
  return "correct";
}

namespace {

DepthTarget techniqueBand(Technique technique, const TissueColumn& column) {
  const double epi = column.epidermisMm, dermis = column.dermisMm, skin = column.skinMm();
  DepthTarget t;
  t.technique = technique;
  t.allowedMaxMm = skin + kDermisGraceMm;
  switch (technique) {
    case Technique::IED:
      t.windowMm = {0.0, epi};
      t.layers = "epidermis";
      break;
    case Technique::IDS:
      t.windowMm = {epi + 0.2 * dermis, epi + 0.6 * dermis};
      t.layers = "upper dermis";
      break;
    case Technique::IDP:
      t.windowMm = {epi + 0.5 * dermis, skin};
      t.layers = "deep dermis";
      break;
    case Technique::NAP:
      t.windowMm = {epi + 0.2 * dermis, skin};
      t.layers = "dermis";
      break;
  }
  return t;
}

}  // namespace

DepthTarget depthTargetFor(const ReferencePoint* reference, Technique technique, const TissueColumn& column) {
  DepthTarget t = techniqueBand(technique, column);
  if (!reference || reference->technique != technique) return t;
  t.referenceId = reference->id;
  t.note = reference->depthNote;
  t.sourceDepthMm = reference->sourceDepthMm;
  if (reference->depthMm) {
    // An explicit window overrides the band; a tip within it is never critical for depth
    // (validate asks for a depth_note when it leaves the dermis).
    t.windowMm = *reference->depthMm;
    t.allowedMaxMm = std::max(t.allowedMaxMm, reference->depthMm->max + kDermisGraceMm);
    t.from = DepthSource::DepthWindow;
    char window[64];
    std::snprintf(window, sizeof window, "%.1f–%.1f mm window", t.windowMm.min, t.windowMm.max);
    t.layers = window;
  } else if (reference->targetLayer && *reference->targetLayer != TissueLayer::Epidermis &&
             *reference->targetLayer != TissueLayer::Dermis) {
    // A point that aims below the dermis on purpose: the layer's extent, its bottom the limit.
    t.windowMm = layerExtentMm(column, *reference->targetLayer);
    t.allowedMaxMm = std::isinf(t.windowMm.max) ? std::numeric_limits<double>::infinity() : t.windowMm.max + kDermisGraceMm;
    if (std::isinf(t.windowMm.max)) t.windowMm.max = t.windowMm.min + 2.0;
    t.from = DepthSource::TargetLayer;
    t.layers = layerName(*reference->targetLayer);
  }
  return t;
}

DepthJudgement judgeDepth(const DepthTarget& target, double depthMm, const TissueColumn& column) {
  DepthJudgement j;
  const auto at = layerAt(column, depthMm);
  j.layer = at ? at->layer : TissueLayer::Epidermis;
  // A thousandth of a millimetre is float rounding (the app keeps lengths in float metres).
  constexpr double kRounding = 1e-3;
  j.verdict = depthMm < target.windowMm.min - kRounding   ? DepthVerdict::TooShallow
              : depthMm > target.windowMm.max + kRounding ? DepthVerdict::TooDeep
                                                          : DepthVerdict::Correct;
  const double outside = j.verdict == DepthVerdict::TooShallow ? target.windowMm.min - depthMm
                         : j.verdict == DepthVerdict::TooDeep  ? depthMm - target.windowMm.max
                                                               : 0.0;
  j.score = std::max(0.0, 1.0 - outside / kDepthScaleMm);
  const bool aimsAtBone = target.from == DepthSource::TargetLayer && column.below == TissueLayer::Bone &&
                          std::isinf(target.allowedMaxMm);
  j.critical = depthMm > target.allowedMaxMm + kRounding || (j.layer == TissueLayer::Bone && !aimsAtBone);
  return j;
}

std::string criticalDepthText(const DepthJudgement& judged) {
  switch (judged.layer) {
    case TissueLayer::Bone: return "on bone";
    case TissueLayer::Muscle: return "in the muscle";
    case TissueLayer::SubcutaneousFat: return "in the subcutaneous fat";
    default: return "below the dermis";
  }
}

}  // namespace mesomap
