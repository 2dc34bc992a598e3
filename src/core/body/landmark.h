#pragma once
// A named point on a body's skin (a standard landmark, or a scenario's own).
#include <string>

#include <glm/glm.hpp>

namespace mesomap {

struct Landmark {
  std::string id;    // "L4_spinous"
  std::string name;  // "L4 spinous process"
  glm::dvec3 positionMm{0.0};
};

// How far from the skin a point read from a file may lie and still count as on it: farther is a
// broken file (or a landmark for another body), not an imprecise placement.
inline constexpr double kMaxOffSkinMm = 5.0;

}  // namespace mesomap
