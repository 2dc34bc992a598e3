#include "core/view/needle_presets.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/protocol/scenario_geometry.h"
#include "core/view/skin_section.h"

namespace mesomap {

NeedlePreset techniqueDefaults(Technique technique) {
  const TechniquePreset& preset = presetFor(technique);
  NeedlePreset p;
  p.needle.technique = technique;
  p.needle.angles = {preset.defaultAngleDeg, 0.0f};
  p.needle.insertedLength = preset.defaultInsertedMm * 1e-3f;
  p.needle.volumeMl = preset.defaultVolumeMl;
  p.source = std::string(preset.code) + " domain defaults";
  return p;
}

NeedlePreset needlePreset(Technique technique, const Scenario* scenario) {
  NeedlePreset p = techniqueDefaults(technique);
  if (!scenario) return p;
  double angle = 0.0, depth = 0.0, volume = 0.0;
  size_t n = 0;
  std::map<std::string, size_t> needles;
  for (const ReferencePoint& point : scenario->points) {
    if (point.technique != technique) continue;
    angle += point.angleDeg.middle();
    depth += referenceDepthMm(point);
    volume += point.volumeMl.middle();
    if (!point.needle.empty()) ++needles[point.needle];
    ++n;
  }
  if (n == 0) return p;
  angle /= double(n);
  depth /= double(n);
  volume /= double(n);
  if (!needles.empty())
    p.needle.needle = std::max_element(needles.begin(), needles.end(), [](const auto& a, const auto& b) {
                        return a.second < b.second;
                      })->first;
  // A needle parallel to the skin reaches no depth: keep the length finite, as skin_section does.
  double inserted = depth / std::max(0.05, std::sin(glm::radians(angle)));
  const double needleMm = parseNeedleSpec(p.needle.needle).lengthMm;
  if (needleMm > 0.0) inserted = std::min(inserted, needleMm);
  p.needle.angles.angleDegrees = float(angle);
  p.needle.insertedLength = float(inserted * 1e-3);
  p.needle.volumeMl = float(volume);
  p.fromPoints = n;
  p.source = "middle of the scenario's " + std::to_string(n) + " " + presetFor(technique).code +
             (n == 1 ? " point" : " points");
  return p;
}

NeedlePreset mainNeedlePreset(const Scenario& scenario) {
  std::map<Technique, int> count;
  for (const ReferencePoint& p : scenario.points) ++count[p.technique];
  Technique main = Technique::IDS;
  int best = -1;
  for (const auto& [t, n] : count)
    if (n > best) main = t, best = n;
  return needlePreset(main, &scenario);
}

}  // namespace mesomap
