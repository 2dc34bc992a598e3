#pragma once
// What the renderer paints for a scenario's zones. Margins interpolated across the body's own
// triangles are too coarse for the builder's brush (the default body's thigh triangles are
// ~30 mm across; a 10 mm dab falls between their corners and would not show). So the skin under
// the zones is cut into cells a few millimetres wide, and every cell corner carries each zone's
// exact margin (ZoneRegion::marginAt, the same containment scoring uses): the painted edge is
// the edge scoring sees.
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.h"
#include "core/protocol/zone_region.h"

namespace mesomap {

struct ZonePaintPatch {
  Mesh mesh;                        // one skin part lying on the body's triangles under the zones
  std::vector<glm::vec2> marginMm;  // per patch vertex: x target zones, y no-go zones (max of each)
  bool empty() const { return mesh.triangles.empty(); }
};

// Margins below this are stored as this, so screen-space slopes stay finite far from a zone.
inline constexpr float kPaintNoZoneMm = -100.0f;

// The triangles any painted disc of `regions` may reach (straight distance, a lower bound of the
// distance along the skin), each cut into cells no wider than `cellMm`.
ZonePaintPatch zonePaintPatch(const Mesh& body, const std::vector<ZoneRegion>& regions, float cellMm = 3.0f);

}  // namespace mesomap
