#include "core/view/class_heat_overlay.h"

#include <algorithm>
#include <cstdio>

namespace mesomap {

namespace {

constexpr glm::vec3 kLandedSrgb{0.12f, 0.12f, 0.14f};
constexpr glm::vec3 kUnscoredSrgb{0.75f, 0.75f, 0.78f};

std::string millimetres(double mm) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f mm", mm);
  return text;
}

}  // namespace

glm::vec3 heatColorSrgb(double errorMm) {
  // Three straight pieces, blue to green to yellow to red: a straight blue-to-yellow piece would
  // pass through grey, which reads as skin, not as a small error.
  const glm::vec3 stops[] = {kHeatColdSrgb, kHeatNearSrgb, kHeatMidSrgb, kHeatHotSrgb};
  const float t = 3.0f * float(std::clamp(errorMm / kHeatScaleMaxMm, 0.0, 1.0));
  const int piece = std::min(int(t), 2);
  return glm::mix(stops[piece], stops[piece + 1], t - float(piece));
}

double heatErrorMm(const ReferenceHeat& heat) {
  if (heat.attempts == 0) return 0.0;
  const size_t matched = heat.meanErrorMm ? std::min(heat.matched, heat.attempts) : 0;
  const double near = std::min(heat.meanErrorMm.value_or(0.0), kHeatScaleMaxMm);
  return (near * double(matched) + kHeatScaleMaxMm * double(heat.attempts - matched)) / double(heat.attempts);
}

Overlay classHeatOverlay(const PreparedScenario& prepared, const std::vector<ReferenceHeat>& heat,
                         const std::vector<glm::dvec3>& landedMm, const Bvh& skin) {
  Overlay overlay;
  for (const glm::dvec3& p : landedMm)
    if (const auto hit = skin.closestPoint(glm::vec3(p * 1e-3), PartFilter::Skin))
      overlay.markers.push_back({hit->position, kLandedMarkerRadius, kLandedSrgb, ""});
  for (const PreparedPoint& point : prepared.points) {
    const ReferencePoint& reference = prepared.scenario.points[point.index];
    const auto found =
        std::find_if(heat.begin(), heat.end(), [&](const ReferenceHeat& h) { return h.referenceId == reference.id; });
    MarkerGlyph marker{point.placement.frame.position, kHeatMarkerRadius, kUnscoredSrgb, reference.id};
    if (found != heat.end() && found->attempts > 0) {
      marker.colorSrgb = heatColorSrgb(heatErrorMm(*found));
      const size_t missed = found->attempts - std::min(found->matched, found->attempts);
      if (!found->meanErrorMm || found->matched == 0)
        marker.label += " never needled";
      else
        marker.label += " " + millimetres(*found->meanErrorMm) +
                        (missed ? ", missed " + std::to_string(missed) + " of " + std::to_string(found->attempts) : "");
    }
    overlay.markers.push_back(marker);
  }
  overlay.legendTitle = "Class's mean distance from each point";
  for (double mm : {0.0, 2.5, 5.0, 7.5, kHeatScaleMaxMm}) {
    const std::string label =
        mm == kHeatScaleMaxMm ? millimetres(mm) + " or more; a miss counts as 10" : millimetres(mm);
    overlay.legend.push_back({LegendSymbol::Marker, heatColorSrgb(mm), label});
  }
  overlay.legend.push_back({LegendSymbol::Marker, kLandedSrgb, "A needle the class placed"});
  return overlay;
}

}  // namespace mesomap
