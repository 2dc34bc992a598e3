#pragma once
// Which parts of a mesh are closed surfaces wound outward: from outside such a part only its
// front faces can be seen, so a renderer may skip its back faces. Milliseconds for the default
// body, seconds for one of millions of triangles (the app runs it while the body is read).
#include <optional>
#include <vector>

#include "core/geometry/mesh.h"

namespace mesomap {

// Per part (mesh.parts order): its bounds when every edge is met once in each direction within
// the part and every connected shell encloses a positive volume; nothing otherwise.
using ClosedParts = std::vector<std::optional<Bounds>>;
ClosedParts closedOutwardParts(const Mesh& mesh);

}  // namespace mesomap
