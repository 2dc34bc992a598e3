#include "core/view/scenario_overlay.h"

#include <algorithm>
#include <cmath>

#include "core/body/landmarks.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/body/needle.h"
#include "core/protocol/scenario_geometry.h"

namespace mesomap {

namespace {
// Colour-blind-safe hues (Okabe-Ito family), apart from the zones' teal and vermillion tints.
const glm::vec3 kLandmarkColor{0.35f, 0.38f, 0.42f};
const glm::vec3 kIdpColor{0.00f, 0.39f, 0.70f};    // deep points: blue
const glm::vec3 kIdsColor{0.34f, 0.70f, 0.91f};    // superficial points: sky blue
const glm::vec3 kOtherColor{0.72f, 0.40f, 0.62f};  // IED, nappage: reddish purple

}  // namespace

glm::vec3 techniqueColor(Technique technique) {
  return technique == Technique::IDP ? kIdpColor : technique == Technique::IDS ? kIdsColor : kOtherColor;
}

Overlay scenarioOverlay(const Scenario& scenario, const Bvh& skin, const ScenarioOverlayOptions& options) {
  Overlay overlay;
  overlay.legendTitle = scenario.title;
  if (options.points) {
    std::vector<Technique> techniques;
    for (const ReferencePoint& p : scenario.points) {
      auto resolved = resolvePlacement(scenario, p.placement, skin);
      if (!resolved) continue;
      // The reference needle sits in the middle of its windows; its length reaches the
      // middle of the depth window at that angle (flat-skin figure).
      const NeedleAngles angles = referenceAngles(p);
      const double lengthMm = insertedLengthMm(referenceDepthMm(p), angles.angleDegrees);
      NeedlePlacement n = placeNeedle(skin, resolved->frame, angles, static_cast<float>(lengthMm * 0.001));
      const glm::vec3 color = techniqueColor(p.technique);
      overlay.markers.push_back({n.entry, 0.0025f, color, p.id});
      NeedleGlyph glyph;
      glyph.entry = n.entry;
      glyph.direction = n.direction;
      glyph.insertedLength = n.length;
      glyph.colorSrgb = color;
      overlay.needles.push_back(glyph);
      if (std::find(techniques.begin(), techniques.end(), p.technique) == techniques.end()) techniques.push_back(p.technique);
    }
    for (Technique t : techniques)
      overlay.legend.push_back({LegendSymbol::Needle, techniqueColor(t),
                                std::string(presetFor(t).code) + " needle (" + presetFor(t).name + ")"});
  }
  if (options.landmarks) {
    const std::vector<Landmark> shown = landmarksInUse(scenario);
    for (const Landmark& l : shown) {
      auto hit = skin.closestPoint(glm::vec3(l.positionMm * 0.001), PartFilter::Skin);
      if (!hit) continue;
      // A no-go zone centred on the landmark (a spinous process) names it: one label, not two.
      const bool namedByZone = std::any_of(scenario.zones.begin(), scenario.zones.end(), [&](const Zone& z) {
        return z.kind == ZoneKind::NoGo && !z.centre.positionMm && z.centre.landmark == l.id && z.centre.lateralMm == 0.0 &&
               z.centre.cranialMm == 0.0;
      });
      overlay.markers.push_back({hit->position, 0.003f, kLandmarkColor, namedByZone ? "" : (l.name.empty() ? l.id : l.name)});
    }
    if (!shown.empty()) overlay.legend.push_back({LegendSymbol::Marker, kLandmarkColor, "Anatomical landmark"});
  }
  if (options.zones) {
    bool anyTarget = false, anyNoGo = false;
    for (const Zone& z : scenario.zones) {
      auto resolved = resolvePlacement(scenario, z.centre, skin);
      if (!resolved) continue;
      (z.kind == ZoneKind::NoGo ? anyNoGo : anyTarget) = true;
      const std::string label = (z.kind == ZoneKind::NoGo ? "no-go: " : "target: ") + (z.name.empty() ? z.id : z.name);
      overlay.markers.push_back({resolved->frame.position, 0.0f, glm::vec3(0.0f), label});
    }
    if (anyTarget) overlay.legend.push_back({LegendSymbol::TargetZone, glm::vec3(0.0f), "Target zone"});
    if (anyNoGo) overlay.legend.push_back({LegendSymbol::NoGoZone, glm::vec3(0.0f), "No-go zone"});
  }
  return overlay;
}

void hideOccludedLabels(Overlay& overlay, const glm::vec3& eye, const Bvh& skin) {
  for (MarkerGlyph& m : overlay.markers)
    if (!m.label.empty() && hiddenFrom(skin, eye, m.position)) m.label.clear();
}

Bounds scenarioBounds(const Scenario& scenario, const Bvh& skin) {
  Bounds b;
  for (const ReferencePoint& p : scenario.points)
    if (auto r = resolvePlacement(scenario, p.placement, skin)) b.grow(r->frame.position);
  for (const Zone& z : scenario.zones)
    if (auto r = resolvePlacement(scenario, z.centre, skin)) b.grow(r->frame.position);
  return b;
}

}  // namespace mesomap
