#pragma once
// Estimates the standard landmarks (landmarks.h) on any normalised standing body from its
// proportions and its surface, for bodies that have no hand-placed landmark file.
//
// Levels come from fractions of stature (spine, umbilicus, sternal notch, knee, ankle, heel)
// or from the surface itself (the shoulder's top-lateral corner, the wrist as the arm's
// narrowest section, the elbow one forearm length up the arm's traced centreline). Each
// landmark is then the skin point a ray from inside the torso or limb meets in an anatomical
// direction (back, front, medial, lateral, anteromedial...), so it always lies on the skin.
// Works for A- and T-poses with the arms clear of the torso at the elbow; arms hanging against
// the body, crouching or sitting bodies are outside what it was made for. Accuracy on the
// default body against the hand-placed set: docs/landmarks.md.
#include "core/geometry/bvh.h"
#include "core/body/landmarks.h"
#include "core/geometry/mesh.h"

namespace mesomap {

// One estimate per standard landmark, in standard order; a landmark whose construction finds no
// skin (a ray that misses: a body far from the expected shape) is left out and named in `notes`.
LandmarkSet estimateLandmarks(const Mesh& mesh, const Bvh& skin);

}  // namespace mesomap
