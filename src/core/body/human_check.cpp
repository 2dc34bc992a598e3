#include "core/body/human_check.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace mesomap {

namespace {

// Bounds a standing human falls in with room to spare (arms down to a T-pose, newborn to tall
// adult, thin to obese). Measured on the default body (arms out): width 0.63, depth 0.26,
// asymmetry under 0.1 mm.
constexpr double kMinHeightM = 0.4, kMaxHeightM = 2.5;
constexpr double kMinWidth = 0.12, kMaxWidth = 1.15;
constexpr double kMinDepth = 0.05, kMaxDepth = 0.45;
constexpr double kMaxAsymmetryShare = 0.015;  // of the height: 25 mm on a 1.7 m body
constexpr double kMinLargestSkinShare = 0.6;
constexpr size_t kSymmetrySamples = 400;

std::string format(const char* pattern, double a, double b = 0.0, double c = 0.0) {
  char text[256];
  std::snprintf(text, sizeof text, pattern, a, b, c);
  return text;
}

// The area share of the largest connected piece of skin (triangles sharing a vertex).
double largestSkinShare(const Mesh& mesh) {
  std::vector<uint32_t> parent(mesh.positions.size());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (uint32_t t = 0; t < mesh.triangles.size(); ++t) {
    if (!mesh.isSkinTriangle(t)) continue;
    const glm::uvec3& tri = mesh.triangles[t];
    parent[find(tri[1])] = find(tri[0]);
    parent[find(tri[2])] = find(tri[0]);
  }
  std::vector<double> area(mesh.positions.size(), 0.0);
  double total = 0.0;
  for (uint32_t t = 0; t < mesh.triangles.size(); ++t) {
    if (!mesh.isSkinTriangle(t)) continue;
    const glm::uvec3& tri = mesh.triangles[t];
    const glm::vec3 &a = mesh.positions[tri[0]], &b = mesh.positions[tri[1]], &c = mesh.positions[tri[2]];
    const double triangleArea = 0.5 * glm::length(glm::cross(b - a, c - a));
    area[find(tri[0])] += triangleArea;
    total += triangleArea;
  }
  return total > 0.0 ? *std::max_element(area.begin(), area.end()) / total : 0.0;
}

// The median distance from skin vertices mirrored through x = 0 to the skin, in mm.
double asymmetryMm(const Mesh& mesh, const Bvh& skin) {
  std::vector<uint32_t> skinVertices;
  std::vector<bool> seen(mesh.positions.size(), false);
  for (uint32_t t = 0; t < mesh.triangles.size(); ++t)
    if (mesh.isSkinTriangle(t))
      for (int k = 0; k < 3; ++k)
        if (const uint32_t v = mesh.triangles[t][k]; !seen[v]) seen[v] = true, skinVertices.push_back(v);
  if (skinVertices.empty()) return 0.0;
  const size_t step = std::max<size_t>(1, skinVertices.size() / kSymmetrySamples);
  std::vector<double> distances;
  for (size_t i = 0; i < skinVertices.size(); i += step) {
    glm::vec3 mirrored = mesh.positions[skinVertices[i]];
    mirrored.x = -mirrored.x;
    if (const auto hit = skin.closestPoint(mirrored)) distances.push_back(hit->distance * 1000.0);
  }
  if (distances.empty()) return 0.0;
  std::nth_element(distances.begin(), distances.begin() + std::ptrdiff_t(distances.size() / 2), distances.end());
  return distances[distances.size() / 2];
}

}  // namespace

HumanShape checkHumanShape(const Mesh& mesh, const Bvh& skin) {
  HumanShape shape;
  Bounds bounds;
  for (uint32_t t = 0; t < mesh.triangles.size(); ++t)
    if (mesh.isSkinTriangle(t))
      for (int k = 0; k < 3; ++k) bounds.grow(mesh.positions[mesh.triangles[t][k]]);
  if (bounds.empty()) {
    shape.warnings.push_back("the model has no skin to place needles on");
    return shape;
  }
  const glm::vec3 size = bounds.size();
  shape.heightM = size.y;
  shape.widthToHeight = size.x / size.y;
  shape.depthToHeight = size.z / size.y;
  shape.asymmetryMm = asymmetryMm(mesh, skin);
  shape.largestSkinShare = largestSkinShare(mesh);

  const char* notHuman = "it does not look like a standing human: ";
  if (shape.heightM < kMinHeightM || shape.heightM > kMaxHeightM)
    shape.warnings.push_back(std::string(notHuman) +
                             format("it is %.2f m tall (a person is %.1f-%.1f m; give a height: --height, or View > Body in the app)",
                                    shape.heightM, kMinHeightM, kMaxHeightM));
  if (shape.widthToHeight < kMinWidth || shape.widthToHeight > kMaxWidth)
    shape.warnings.push_back(std::string(notHuman) +
                             format("its width is %.2f of its height (a standing person: %.2f-%.2f)",
                                    shape.widthToHeight, kMinWidth, kMaxWidth));
  if (shape.depthToHeight < kMinDepth || shape.depthToHeight > kMaxDepth)
    shape.warnings.push_back(std::string(notHuman) +
                             format("its depth front to back is %.2f of its height (a person: %.2f-%.2f)",
                                    shape.depthToHeight, kMinDepth, kMaxDepth));
  const double asymmetryLimitMm = kMaxAsymmetryShare * shape.heightM * 1000.0;
  if (shape.asymmetryMm > asymmetryLimitMm)
    shape.warnings.push_back(std::string(notHuman) +
                             format("its left and right sides differ by %.0f mm at the median (a body: under %.0f "
                                    "mm), so left/right landmarks and mirrored protocols will not fit",
                                    shape.asymmetryMm, asymmetryLimitMm));
  if (shape.largestSkinShare < kMinLargestSkinShare)
    shape.warnings.push_back(std::string(notHuman) +
                             format("its largest connected piece of skin is only %.0f %% of the skin (one body is "
                                    "one piece)",
                                    100.0 * shape.largestSkinShare));
  return shape;
}

}  // namespace mesomap
