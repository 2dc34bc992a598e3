// closedOutwardParts: a part counts as closed and outward only when each of its edges is met
// once in each direction and every shell encloses a positive volume; its bounds come with it.
#include <gtest/gtest.h>

#include <array>

#include "core/geometry/closed_parts.h"

namespace mesomap {
namespace {

// A cube's 12 triangles (edge `side`) around `centre`, wound outward (or inward), with one face left out
// when `dropFace` is 0-5; appended to `mesh` as a part of its own.
void addCube(Mesh& mesh, glm::vec3 centre, int dropFace = -1, bool inward = false, float side = 1.0f) {
  const auto first = static_cast<uint32_t>(mesh.positions.size());
  const auto firstTriangle = static_cast<uint32_t>(mesh.triangles.size());
  for (int i = 0; i < 8; ++i)
    mesh.positions.push_back(centre +
                             0.5f * side * glm::vec3(i & 1 ? 1.0f : -1.0f, i & 2 ? 1.0f : -1.0f, i & 4 ? 1.0f : -1.0f));
  const std::array<std::array<uint32_t, 4>, 6> faces{
      {{0, 2, 6, 4}, {1, 5, 7, 3}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 6, 7, 5}}};
  for (int f = 0; f < 6; ++f) {
    if (f == dropFace) continue;
    const auto& q = faces[f];
    for (glm::uvec3 tri : {glm::uvec3(q[0], q[1], q[2]), glm::uvec3(q[0], q[2], q[3])}) {
      tri += glm::uvec3(first);
      const glm::vec3 a = mesh.positions[tri.x], b = mesh.positions[tri.y], c = mesh.positions[tri.z];
      const bool isOutward = glm::dot(glm::cross(b - a, c - a), (a + b + c) / 3.0f - centre) > 0.0f;
      mesh.triangles.push_back(isOutward != inward ? tri : glm::uvec3(tri.x, tri.z, tri.y));
    }
  }
  mesh.parts.push_back(
      {"cube", firstTriangle, static_cast<uint32_t>(mesh.triangles.size()) - firstTriangle, true, glm::vec3(0.8f)});
}

TEST(ClosedParts, AnOutwardCubeIsClosedWithItsBounds) {
  Mesh mesh;
  addCube(mesh, glm::vec3(0.0f, 1.0f, 2.0f));
  const ClosedParts closed = closedOutwardParts(mesh);
  ASSERT_EQ(closed.size(), 1u);
  ASSERT_TRUE(closed[0].has_value());
  EXPECT_EQ(closed[0]->min, glm::vec3(-0.5f, 0.5f, 1.5f));
  EXPECT_EQ(closed[0]->max, glm::vec3(0.5f, 1.5f, 2.5f));
}

TEST(ClosedParts, OpenOrInwardPartsAreNotAndEachPartIsJudgedAlone) {
  Mesh mesh;
  addCube(mesh, glm::vec3(0.0f));                                   // closed, outward
  addCube(mesh, glm::vec3(3.0f, 0.0f, 0.0f), /*dropFace=*/2);       // open
  addCube(mesh, glm::vec3(6.0f, 0.0f, 0.0f), -1, /*inward=*/true);  // closed, inward
  const ClosedParts closed = closedOutwardParts(mesh);
  ASSERT_EQ(closed.size(), 3u);
  EXPECT_TRUE(closed[0].has_value());
  EXPECT_FALSE(closed[1].has_value());
  EXPECT_FALSE(closed[2].has_value());
}

TEST(ClosedParts, AnInwardShellBesideAnOutwardOneInTheSamePartIsNotClosedOutward) {
  // A larger outward cube and a smaller inward one, far apart, as one part: the total volume is
  // positive, but one shell would show its inside if its back faces were culled.
  Mesh mesh;
  addCube(mesh, glm::vec3(0.0f), -1, false, /*side=*/2.0f);
  addCube(mesh, glm::vec3(4.0f, 0.0f, 0.0f), -1, /*inward=*/true);
  mesh.parts = {{"both", 0, static_cast<uint32_t>(mesh.triangles.size()), true, glm::vec3(0.8f)}};
  EXPECT_FALSE(closedOutwardParts(mesh)[0].has_value());
  mesh.parts.clear();
  EXPECT_TRUE(closedOutwardParts(mesh).empty());
}

}  // namespace
}  // namespace mesomap
