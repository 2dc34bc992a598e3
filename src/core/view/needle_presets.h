#pragma once
// The needle a technique starts from in the needle panel: the middle of the windows of the
// active scenario's reference points of that technique, else the domain defaults of technique.h.
// The trainee refines from there; the panel says which of the two it was.
#include <string>

#include "core/editing/attempt_document.h"
#include "core/protocol/scenario.h"

namespace mesomap {

struct NeedlePreset {
  NeedleSettings needle;    // technique, angle, inserted length, volume, needle; azimuth 0 (cranial)
  size_t fromPoints = 0;    // how many reference points it was taken from; 0: the domain defaults
  std::string source;       // "middle of the scenario's 6 IDS points" or "IDS defaults (shared/domain)"
};

// The domain defaults for a technique (technique.h).
NeedlePreset techniqueDefaults(Technique technique);

// From `scenario`'s points of `technique` when it has any (and `scenario` is not null): the mean
// of their angle windows' middles, of their depths (referenceDepthMm: the depth window's middle,
// else the technique's), of their volume windows' middles, and their most common needle; the
// inserted length reaches that depth at that angle (depth / sin(angle)), within the needle's
// length. Otherwise techniqueDefaults().
NeedlePreset needlePreset(Technique technique, const Scenario* scenario);

// The technique most of the scenario's points use (IDS for a scenario without points), with its
// preset: what a new session's first point gets.
NeedlePreset mainNeedlePreset(const Scenario& scenario);

}  // namespace mesomap
