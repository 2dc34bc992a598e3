#include "core/scenario_overlay.h"

#include <algorithm>

#include "core/landmarks.h"
#include "core/needle.h"
#include "core/scenario_geometry.h"

namespace mesomap {

namespace {
const glm::vec3 kLandmarkColor{0.35f, 0.38f, 0.42f};
const glm::vec3 kIdpColor{0.12f, 0.40f, 0.75f};    // deep points: blue
const glm::vec3 kIdsColor{0.10f, 0.62f, 0.55f};    // superficial points: teal
const glm::vec3 kOtherColor{0.55f, 0.35f, 0.70f};  // IED, nappage: violet
const glm::vec3 kTargetColor{0.20f, 0.65f, 0.30f};
const glm::vec3 kNoGoColor{0.85f, 0.15f, 0.12f};

}  // namespace

Overlay scenarioOverlay(const Scenario& scenario, const Bvh& skin, const ScenarioOverlayOptions& options) {
  Overlay overlay;
  if (options.landmarks) {
    for (const Landmark& l : landmarksInUse(scenario)) {
      auto hit = skin.closestPoint(glm::vec3(l.positionMm * 0.001), PartFilter::Skin);
      if (!hit) continue;
      // A no-go zone centred on the landmark (a spinous process) names it: one label, not two.
      const bool namedByZone = std::any_of(scenario.zones.begin(), scenario.zones.end(), [&](const Zone& z) {
        return z.kind == ZoneKind::NoGo && !z.centre.positionMm && z.centre.landmark == l.id && z.centre.lateralMm == 0.0 &&
               z.centre.cranialMm == 0.0;
      });
      overlay.markers.push_back({hit->position, 0.003f, kLandmarkColor, namedByZone ? "" : (l.name.empty() ? l.id : l.name)});
    }
  }
  if (options.points) {
    for (const ReferencePoint& p : scenario.points) {
      auto resolved = resolvePlacement(scenario, p.placement, skin);
      if (!resolved) continue;
      // The reference needle sits in the middle of its windows; its length reaches the
      // middle of the depth window at that angle (flat-skin figure).
      const NeedleAngles angles = referenceAngles(p);
      const double depthMm = p.depthMm ? p.depthMm->middle() : 1.5;
      const double lengthMm = depthMm / std::max(0.05, std::sin(glm::radians(static_cast<double>(angles.angleDegrees))));
      NeedlePlacement n = placeNeedle(skin, resolved->frame, angles, static_cast<float>(lengthMm * 0.001));
      const glm::vec3 color = p.technique == Technique::IDP   ? kIdpColor
                              : p.technique == Technique::IDS ? kIdsColor
                                                               : kOtherColor;
      overlay.markers.push_back({n.entry, 0.0025f, color, p.id});
      NeedleGlyph glyph;
      glyph.entry = n.entry;
      glyph.direction = n.direction;
      glyph.insertedLength = n.length;
      glyph.colorSrgb = color;
      overlay.needles.push_back(glyph);
    }
  }
  if (options.zones) {
    for (const Zone& z : scenario.zones) {
      auto resolved = resolvePlacement(scenario, z.centre, skin);
      if (!resolved) continue;
      const std::string label = (z.kind == ZoneKind::NoGo ? "no-go: " : "target: ") + (z.name.empty() ? z.id : z.name);
      overlay.markers.push_back({resolved->frame.position, 0.002f, z.kind == ZoneKind::NoGo ? kNoGoColor : kTargetColor, label});
    }
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
