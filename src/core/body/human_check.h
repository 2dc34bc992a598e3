#pragma once
// Is this model plausibly a standing human? Any model Assimp reads can be opened, so a chair,
// a house or a half body must not pass silently as a patient: the check measures what every
// standing human shares (human height, a body wider than deep and taller than wide, left/right
// symmetry, one connected skin) and says in words what does not fit. Run on a normalised body
// (metres, Y up, facing +Z, centred on x = 0).
#include <string>
#include <vector>

#include "core/geometry/bvh.h"
#include "core/geometry/mesh.h"

namespace mesomap {

struct HumanShape {
  double heightM = 0.0;
  double widthToHeight = 0.0;         // left-right extent of the skin over its height
  double depthToHeight = 0.0;         // front-back extent over height
  double asymmetryMm = 0.0;           // median distance from a skin point's mirror image to the skin
  double largestSkinShare = 0.0;      // area share of the largest connected piece of skin
  std::vector<std::string> warnings;  // empty: plausibly a standing human
};

HumanShape checkHumanShape(const Mesh& mesh, const Bvh& skin);

}  // namespace mesomap
