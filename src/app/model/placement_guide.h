#pragma once
// What the active scenario adds to the needle panel; the practice model provides it, and
// decides what its mode may show.
#include "core/protocol/placed_point.h"
#include "core/protocol/scenario.h"
#include "core/view/needle_presets.h"

namespace mesomap::app {

class PlacementGuide {
 public:
  virtual ~PlacementGuide() = default;
  // Where a technique's needle starts from: the scenario's windows, or the domain defaults.
  virtual NeedlePreset preset(Technique technique) const = 0;
  // The reference point a placed needle is judged against (the one the score matched it to,
  // else the nearest), whose depth window its skin section shades; nullptr where the mode hides
  // the reference.
  virtual const ReferencePoint* referenceFor(const PlacedPoint& point) const = 0;
};

}  // namespace mesomap::app
