#pragma once
// Unit shapes for glyphs: an icosphere of radius 1 and a capped cylinder of radius 1 from
// z = 0 to z = 1. Drawn scaled and placed per glyph.
#include "core/geometry/mesh.h"

namespace mesomap::render {

Mesh makeUnitSphere(int subdivisions);
Mesh makeUnitCylinder(int segments);

}  // namespace mesomap::render
