#include "core/skin_section.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include "core/needle.h"
#include "core/scenario_geometry.h"

namespace mesomap {

namespace {

// ISO 9626 nominal outer diameters (mm).
struct GaugeSize {
  int gauge;
  double outerDiameterMm;
};
constexpr GaugeSize kGauges[] = {{25, 0.51}, {26, 0.46}, {27, 0.41}, {28, 0.36}, {29, 0.33},
                                 {30, 0.31}, {31, 0.26}, {32, 0.235}, {33, 0.21}, {34, 0.18}};

// Below the deepest thing the figure is about, this much of the next tissue is shown, so the
// reader sees what lies under the target; thick fat is cut off instead (columnContinues).
constexpr double kMarginBelowMm = 1.5;
constexpr double kMinViewDepthMm = 5.0;

// The layers down to the depth the figure shows. The layer below the fat has no bottom: the
// figure shades the first millimetre of a window that reaches into it.
void layOutLayers(SkinSection& s) {
  if (std::isinf(s.targetDepthMm.max)) s.targetDepthMm.max = s.targetDepthMm.min + 1.0;
  // Show the whole column and a little of what lies below when it is thin enough to stay
  // legible; otherwise stop a few millimetres under the deepest thing of interest.
  const double columnMm = s.column.skinMm() + s.column.fatMm;
  const double interest = std::max({s.tipDepthMm, s.targetDepthMm.max, s.column.skinMm()});
  const double legible = std::max(2.5 * interest, 10.0);
  if (columnMm + kMarginBelowMm <= legible) {
    s.viewDepthMm = std::max(columnMm + kMarginBelowMm, kMinViewDepthMm);
  } else {
    s.viewDepthMm = std::max(interest + 2.0 * kMarginBelowMm, kMinViewDepthMm);
    s.columnContinues = true;
  }
  const double tops[] = {0.0, s.column.epidermisMm, s.column.skinMm(), columnMm};
  const TissueLayer kinds[] = {TissueLayer::Epidermis, TissueLayer::Dermis, TissueLayer::SubcutaneousFat, s.column.below};
  s.layers.clear();
  for (int i = 0; i < 4 && tops[i] < s.viewDepthMm; ++i)
    s.layers.push_back({kinds[i], tops[i], i + 1 < 4 ? std::min(tops[i + 1], s.viewDepthMm) : s.viewDepthMm});
}

const char* sourceName(DepthSource from) {
  switch (from) {
    case DepthSource::DepthWindow: return "depth window";
    case DepthSource::TargetLayer: return "target layer";
    case DepthSource::TechniqueBand: return "technique window";
  }
  return "technique window";
}

// The target and verdict, with the flat fields the figure and panels read.
void judge(SkinSection& s, const ReferencePoint* reference) {
  s.target = depthTargetFor(reference, s.technique, s.column);
  s.judged = judgeDepth(s.target, s.tipDepthMm, s.column);
  s.tipLayer = s.judged.layer;
  s.targetDepthMm = s.target.windowMm;
  s.targetFrom = sourceName(s.target.from);
  s.targetTechnique = s.target.technique;
  s.targetPointId = s.target.referenceId;
  s.targetLayer = reference && !s.target.referenceId.empty() ? reference->targetLayer : std::nullopt;
}

}  // namespace

NeedleSpec parseNeedleSpec(const std::string& text) {
  NeedleSpec spec;
  spec.outerDiameterMm = 0.41;
  std::smatch match;
  // Short numbers only: anything longer is no needle, and would overflow stoi / stod.
  if (std::regex_search(text, match, std::regex(R"(\b(\d{1,3})\s*G\b)"))) {
    const int gauge = std::stoi(match[1]);
    for (const GaugeSize& g : kGauges)
      if (g.gauge == gauge) {
        spec.gauge = gauge;
        spec.outerDiameterMm = g.outerDiameterMm;
      }
  }
  if (std::regex_search(text, match, std::regex(R"(\b(\d{1,4}(?:\.\d{1,4})?)\s*mm\b)"))) spec.lengthMm = std::stod(match[1]);
  return spec;
}

const ReferencePoint* findPoint(const Scenario& scenario, const std::string& id) {
  auto it = std::find_if(scenario.points.begin(), scenario.points.end(),
                         [&](const ReferencePoint& p) { return p.id == id; });
  return it == scenario.points.end() ? nullptr : &*it;
}

std::optional<SkinSection> skinSection(const Scenario& scenario, const ReferencePoint& point, const Bvh& skin,
                                       const BodyRegionMap& regions, std::string* problem,
                                       const PatientProfile& patient) {
  const auto placed = resolvePlacement(scenario, point.placement, skin, problem);
  if (!placed) return std::nullopt;
  const SurfaceFrame& frame = placed->frame;

  SkinSection s;
  s.scenarioTitle = scenario.title;
  s.pointId = point.id;
  s.technique = point.technique;
  s.needleText = point.needle;
  s.needle = parseNeedleSpec(point.needle);
  s.region = regions.regionAt(frame.position, frame.normal);
  s.column = regions.columnAt(frame.position, frame.normal, patient);

  const NeedleAngles angles = referenceAngles(point);
  s.angleDeg = angles.angleDegrees;
  // The reference needle ends in the middle of its window on this skin.
  s.tipDepthMm = depthTargetFor(&point, point.technique, s.column).windowMm.middle();
  const double sine = std::max(0.05, std::sin(glm::radians(s.angleDeg)));
  s.insertedMm = s.tipDepthMm / sine;
  s.tipRunMm = s.insertedMm * std::cos(glm::radians(s.angleDeg));
  s.curvedTipDepthMm = placeNeedle(skin, frame, angles, static_cast<float>(s.insertedMm * 0.001)).tipDepth * 1000.0;
  judge(s, &point);
  layOutLayers(s);
  return s;
}

SkinSection placedSkinSection(const PlacedPoint& point, const Bvh& skin, const BodyRegionMap& regions,
                              const ReferencePoint* reference, const std::string& scenarioTitle,
                              const PatientProfile& patient) {
  const SurfaceFrame frame = surfaceFrame(point.position, point.normal);
  SkinSection s;
  s.scenarioTitle = scenarioTitle;
  s.pointId = "Point " + std::to_string(point.id);
  s.technique = point.needle.technique;
  s.needleText = point.needle.needle;
  s.needle = parseNeedleSpec(point.needle.needle);
  s.region = regions.regionAt(frame.position, frame.normal);
  s.column = regions.columnAt(frame.position, frame.normal, patient);

  s.angleDeg = point.needle.angles.angleDegrees;
  s.insertedMm = point.needle.insertedLength * 1000.0;
  const double angle = glm::radians(s.angleDeg);
  s.tipDepthMm = s.insertedMm * std::sin(angle);
  s.tipRunMm = s.insertedMm * std::cos(angle);
  s.curvedTipDepthMm = placeNeedle(skin, frame, point.needle.angles, point.needle.insertedLength).tipDepth * 1000.0;
  judge(s, reference);
  layOutLayers(s);
  return s;
}

}  // namespace mesomap
