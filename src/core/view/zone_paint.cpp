#include "core/view/zone_paint.h"

#include <algorithm>
#include <cmath>

namespace mesomap {

ZonePaintPatch zonePaintPatch(const Mesh& body, const std::vector<ZoneRegion>& regions, float cellMm) {
  ZonePaintPatch patch;
  if (regions.empty()) return patch;
  // Bounding spheres of the skin triangles, so each disc tests them cheaply.
  const size_t triangleCount = body.triangles.size();
  std::vector<glm::vec3> centre(triangleCount);
  std::vector<float> reach(triangleCount, -1.0f);  // < 0: not skin
  for (uint32_t t = 0; t < triangleCount; ++t) {
    if (!body.isSkinTriangle(t)) continue;
    const glm::uvec3& tri = body.triangles[t];
    centre[t] = (body.positions[tri.x] + body.positions[tri.y] + body.positions[tri.z]) / 3.0f;
    reach[t] = std::max({glm::length(body.positions[tri.x] - centre[t]), glm::length(body.positions[tri.y] - centre[t]),
                         glm::length(body.positions[tri.z] - centre[t])});
  }
  // Which regions touch each triangle (a bit per region would cap their number; a short list does not).
  std::vector<std::vector<uint32_t>> touching(triangleCount);
  for (uint32_t r = 0; r < regions.size(); ++r) {
    if (regions[r].vertexMarginMm.size() != body.vertexCount()) continue;  // built for another mesh
    for (const ZoneDisc& disc : regions[r].discs) {
      if (disc.erase || !disc.distance) continue;  // an erase stamp adds no skin
      const glm::vec3 at = disc.distance->source();
      const float radius = float(disc.radiusMm) * 1e-3f;
      for (uint32_t t = 0; t < triangleCount; ++t) {
        if (reach[t] < 0.0f || glm::length(centre[t] - at) > radius + reach[t]) continue;
        if (touching[t].empty() || touching[t].back() != r) touching[t].push_back(r);
      }
    }
  }

  Mesh& mesh = patch.mesh;
  for (uint32_t t = 0; t < triangleCount; ++t) {
    if (touching[t].empty()) continue;
    const glm::uvec3& tri = body.triangles[t];
    const glm::vec3 a = body.positions[tri.x], b = body.positions[tri.y], c = body.positions[tri.z];
    const float longestMm = 1e3f * std::max({glm::length(b - a), glm::length(c - b), glm::length(a - c)});
    const int level = std::clamp(int(std::ceil(longestMm / cellMm)), 1, 32);
    const uint32_t first = uint32_t(mesh.positions.size());
    // Grid corners row by row: (i, j) at barycentrics u = i/level, v = j/level, i + j <= level.
    auto corner = [&](int i, int j) {
      uint32_t index = first;
      for (int row = 0; row < i; ++row) index += uint32_t(level + 1 - row);
      return index + uint32_t(j);
    };
    for (int i = 0; i <= level; ++i)
      for (int j = 0; i + j <= level; ++j) {
        const glm::vec2 uv(float(i) / float(level), float(j) / float(level));
        const float w = 1.0f - uv.x - uv.y;
        mesh.positions.push_back(w * a + uv.x * b + uv.y * c);
        mesh.normals.push_back(glm::normalize(w * body.normals[tri.x] + uv.x * body.normals[tri.y] +
                                              uv.y * body.normals[tri.z]));
        glm::vec2 margin(kPaintNoZoneMm);
        for (uint32_t r : touching[t]) {
          const int kind = regions[r].kind == ZoneKind::NoGo ? 1 : 0;
          margin[kind] = std::max(margin[kind], regions[r].marginAt(body, t, uv));
        }
        patch.marginMm.push_back(glm::max(margin, glm::vec2(kPaintNoZoneMm)));
      }
    for (int i = 0; i < level; ++i)
      for (int j = 0; i + j < level; ++j) {
        mesh.triangles.push_back({corner(i, j), corner(i + 1, j), corner(i, j + 1)});
        if (i + j < level - 1) mesh.triangles.push_back({corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)});
      }
  }
  mesh.parts.push_back({"zones", 0, uint32_t(mesh.triangles.size()), true, glm::vec3(0.8f)});
  return patch;
}

}  // namespace mesomap
