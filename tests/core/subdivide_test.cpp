#include "core/geometry/subdivide.h"

#include <gtest/gtest.h>

#include "test_shapes.h"

namespace mesomap {
namespace {

TEST(Subdivide, QuadruplesTrianglesAndKeepsTheSurface) {
  Mesh mesh = test::makeSphere(0.1f, 12, 6);
  test::appendPart(mesh, test::makePlane(0.05f, 2, 0.0f, 0.0f, 0.2f), "eye", false);
  const Mesh fine = subdivideMidpoint(mesh);
  ASSERT_EQ(fine.triangleCount(), 4 * mesh.triangleCount());
  EXPECT_NEAR(fine.surfaceArea(), mesh.surfaceArea(), 1e-6f * mesh.surfaceArea());
  // Each edge gains one shared midpoint: V' = V + E, and a closed sphere has E = 3F / 2.
  const size_t sphereTriangles = 12 * 6 * 2 - 2 * 12, planeEdges = 16;
  EXPECT_EQ(fine.vertexCount(), mesh.vertexCount() + 3 * sphereTriangles / 2 + planeEdges);
  ASSERT_EQ(fine.parts.size(), 2u);
  EXPECT_EQ(fine.parts[1].firstTriangle, 4 * mesh.parts[1].firstTriangle);
  EXPECT_EQ(fine.parts[1].triangleCount, 4 * mesh.parts[1].triangleCount);
  EXPECT_FALSE(fine.parts[1].isSkin);
  EXPECT_EQ(fine.normals.size(), fine.positions.size());
}

}  // namespace
}  // namespace mesomap
