#pragma once
// Midpoint subdivision: every triangle becomes four, the surface stays exactly where it was.
// Used to make dense test and benchmark meshes from the default body.
#include "core/geometry/mesh.h"

namespace mesomap {

// One level: each edge gains its midpoint (shared by the triangles on both sides), each part
// keeps its triangles contiguous and its flags. Normals are recomputed.
Mesh subdivideMidpoint(const Mesh& mesh);

}  // namespace mesomap
