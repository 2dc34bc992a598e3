#include "core/view/attempt_overlay.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/body/needle.h"

namespace mesomap {

namespace {

constexpr float kTraineeMarkerRadius = 0.0028f;
constexpr float kReferenceMarkerRadius = 0.0020f;

NeedleGlyph needleGlyph(const Bvh& skin, const SurfaceFrame& frame, const NeedleAngles& angles, float lengthM,
                        const glm::vec3& color) {
  const NeedlePlacement n = placeNeedle(skin, frame, angles, lengthM);
  NeedleGlyph glyph;
  glyph.entry = n.entry;
  glyph.direction = n.direction;
  glyph.insertedLength = n.length;
  glyph.colorSrgb = color;
  return glyph;
}

}  // namespace

PointQuality pointQuality(const PointResult& r) {
  if (!r.traineeIndex) return PointQuality::Poor;
  const double angle = r.azimuthDeg ? 0.5 * (r.angleScore + r.azimuthScore) : r.angleScore;
  const double q = (r.positionScore + r.depthScore + angle + r.volumeScore + (r.techniqueMatches ? 1.0 : 0.0)) / 5.0;
  return q >= 0.9 ? PointQuality::Good : q >= 0.6 ? PointQuality::Fair : PointQuality::Poor;
}

glm::vec3 qualityColorSrgb(PointQuality quality) {
  switch (quality) {
    case PointQuality::Good: return kResultGoodSrgb;
    case PointQuality::Fair: return kResultFairSrgb;
    case PointQuality::Poor: return kResultPoorSrgb;
  }
  return kResultPoorSrgb;
}

Overlay attemptOverlay(const PreparedScenario& prepared, const Attempt& attempt, const ScoreReport& report,
                       const Bvh& skin) {
  Overlay overlay;
  const Scenario& s = prepared.scenario;
  std::vector<bool> inNoGo(attempt.points.size(), false);
  for (const ZoneResult& z : report.zones)
    for (size_t b : z.violatingPoints)
      if (b < inNoGo.size()) inNoGo[b] = true;

  // Colour of each trainee point: its match's quality; extras and no-go points stand out.
  std::vector<glm::vec3> color(attempt.points.size(), kResultExtraSrgb);
  for (const PointResult& r : report.points)
    if (r.traineeIndex && *r.traineeIndex < color.size()) color[*r.traineeIndex] = qualityColorSrgb(pointQuality(r));
  for (size_t b = 0; b < color.size(); ++b)
    if (inNoGo[b]) color[b] = kResultPoorSrgb;

  std::vector<std::optional<glm::vec3>> traineeOnSkin(attempt.points.size());
  for (size_t b = 0; b < attempt.points.size(); ++b) {
    const AttemptPoint& p = attempt.points[b];
    const auto hit = skin.closestPoint(glm::vec3(p.positionMm * 1e-3), PartFilter::Skin);
    if (!hit) continue;
    traineeOnSkin[b] = hit->position;
    const SurfaceFrame frame = surfaceFrame(hit->position, hit->normal);
    const NeedleAngles angles{float(p.angleDeg), float(p.azimuthDeg)};
    overlay.needles.push_back(needleGlyph(skin, frame, angles, needleSettingsFrom(p).insertedLength, color[b]));
    overlay.markers.push_back({hit->position, kTraineeMarkerRadius, color[b],
                               std::to_string(b + 1) + (inNoGo[b] ? " (no-go)" : "")});
  }

  for (size_t i = 0; i < prepared.points.size() && i < report.points.size(); ++i) {
    const PreparedPoint& ref = prepared.points[i];
    const PointResult& r = report.points[i];
    const ReferencePoint& reference = s.points[ref.index];
    const glm::vec3 at = ref.placement.frame.position;
    const bool missed = !r.traineeIndex;
    const glm::vec3 refColor = missed ? kResultPoorSrgb : kResultReferenceSrgb;
    const float depthMm = float(referenceDepthMm(reference));
    const NeedleAngles angles = referenceAngles(reference);
    const float length = float(insertedLengthMm(depthMm, angles.angleDegrees) * 1e-3);
    NeedleGlyph ghost = needleGlyph(skin, ref.placement.frame, angles, length, refColor);
    ghost.radius *= 0.8f;
    overlay.needles.push_back(ghost);
    overlay.markers.push_back({at, kReferenceMarkerRadius, refColor, reference.id + (missed ? " missed" : "")});
    if (!missed && traineeOnSkin[*r.traineeIndex] && r.distanceMm > 0.5) {
      // Lifted off the skin a little, so the link is not buried in it.
      const glm::vec3 lift = ref.placement.frame.normal * 0.0015f;
      overlay.links.push_back({*traineeOnSkin[*r.traineeIndex] + lift, at + lift, 0.0006f, color[*r.traineeIndex]});
    }
  }
  // What the picture shows, for the legend: only the kinds that occur.
  bool any[3] = {false, false, false};
  bool missed = false, extra = false, noGo = false;
  for (const PointResult& r : report.points) {
    if (r.traineeIndex) any[int(pointQuality(r))] = true;
    else missed = true;
  }
  extra = !report.extras.empty();
  noGo = report.noGoViolated;
  const char* names[3] = {"Your needle: good match", "Your needle: fair match", "Your needle: poor match"};
  for (int q = 0; q < 3; ++q)
    if (any[q]) overlay.legend.push_back({LegendSymbol::Needle, qualityColorSrgb(PointQuality(q)), names[q]});
  if (extra) overlay.legend.push_back({LegendSymbol::Needle, kResultExtraSrgb, "Your needle: no reference point"});
  if (noGo) overlay.legend.push_back({LegendSymbol::Marker, kResultPoorSrgb, "Your point in a no-go zone"});
  overlay.legend.push_back({LegendSymbol::Needle, kResultReferenceSrgb, "Reference needle"});
  if (missed) overlay.legend.push_back({LegendSymbol::Marker, kResultPoorSrgb, "Reference point missed"});
  if (!overlay.links.empty()) overlay.legend.push_back({LegendSymbol::Line, kResultFairSrgb, "Your point to its reference"});
  char score[64];
  std::snprintf(score, sizeof score, " · %.1f / 100 · %s", report.score, report.passed ? "pass" : "fail");
  overlay.legendTitle = (report.trainee.empty() ? std::string("Attempt") : report.trainee) + score;
  return overlay;
}

}  // namespace mesomap
