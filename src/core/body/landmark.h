#pragma once
// A named point on a body's skin (a standard landmark, or a scenario's own).
#include <string>

#include <optional>

#include <glm/glm.hpp>

#include "core/body/hm08_anchor.h"

namespace mesomap {

struct Landmark {
  std::string id;    // "L4_spinous"
  std::string name;  // "L4 spinous process"
  glm::dvec3 positionMm{0.0};
  std::optional<Hm08Anchor> hm08;  // a scenario's own landmark on the hm08 topology (scenario files)
};

// How far from the skin a point read from a file may lie and still count as on it: farther is a
// broken file (or a landmark for another body), not an imprecise placement.
inline constexpr double kMaxOffSkinMm = 5.0;

}  // namespace mesomap
