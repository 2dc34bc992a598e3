// The triangle grid finds every triangle that a planar section near a point needs, in the order
// a scan of all triangles visits them: sections through it equal brute-force ones bit for bit.
#include "core/geometry/triangle_grid.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "default_body.h"

namespace mesomap {
namespace {

std::vector<glm::vec3> section(const Mesh& mesh, const std::vector<uint32_t>& triangles, const glm::vec3& point,
                               const glm::vec3& normal, float radius) {
  return planeCrossings(mesh, triangles, point, normal, radius);
}

std::vector<uint32_t> everyTriangle(const Mesh& mesh) {
  std::vector<uint32_t> all(mesh.triangleCount());
  for (uint32_t t = 0; t < all.size(); ++t) all[t] = t;
  return all;
}

TEST(TriangleGrid, SectionsThroughItEqualSectionsThroughEveryTriangle) {
  const Mesh& mesh = test::defaultBody().model.mesh;
  const std::vector<uint32_t> all = everyTriangle(mesh);
  const Bounds bounds = mesh.bounds();
  const TriangleGrid grid(mesh, all, 0.02f * bounds.size().y);
  std::mt19937 random(7);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f), signedUnit(-1.0f, 1.0f);
  const glm::vec3 axes[3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  size_t crossings = 0;
  for (int i = 0; i < 300; ++i) {
    // Query points at vertices (sections there cross many edges exactly at their ends) or
    // anywhere in the body's box; axis-aligned planes (one slab of cells) or any direction.
    const glm::vec3 point = i % 2 ? mesh.positions[random() % mesh.vertexCount()]
                                  : bounds.min + glm::vec3(unit(random), unit(random), unit(random)) * bounds.size();
    glm::vec3 normal = i % 3 == 0 ? axes[i % 9 / 3] : glm::vec3(signedUnit(random), signedUnit(random), signedUnit(random));
    if (glm::length(normal) < 1e-3f) normal = axes[0];
    normal = i % 3 == 0 ? normal : glm::normalize(normal);
    const float radius = i % 10 == 0 ? 10.0f : 0.005f + 0.1f * unit(random);
    const std::vector<glm::vec3> expected = section(mesh, all, point, normal, radius);
    EXPECT_EQ(section(mesh, grid.near(point, normal, radius), point, normal, radius), expected) << "query " << i;
    crossings += expected.size();
  }
  EXPECT_GT(crossings, 1000u);  // the queries did cross the skin
}

TEST(TriangleGrid, ANearlyAxisAlignedPlaneIsNotTakenForOne) {
  // normalize({1, 2.4e-4, 0}) has x == 1.0f exactly, yet the plane tilts: a metre up or down
  // the body its crossings lie 0.24 mm off, far past the grid's padding. Put just on one side
  // of a cell boundary, a one-slab lookup misses the triangles wholly on the other side.
  const Mesh& mesh = test::defaultBody().model.mesh;
  const std::vector<uint32_t> all = everyTriangle(mesh);
  const float cell = 0.02f * mesh.bounds().size().y;
  const TriangleGrid grid(mesh, all, cell);
  const glm::vec3 normal = glm::normalize(glm::vec3(1.0f, 2.4e-4f, 0.0f));
  ASSERT_EQ(normal.x, 1.0f);
  const float origin = mesh.bounds().min.x - 1e-4f * cell;  // the grid's first boundary
  const float radius = 2.0f;                                 // the whole body, as a leg's axis uses
  size_t crossings = 0;
  for (uint32_t v = 0; v < mesh.vertexCount(); v += 1009) {
    const glm::vec3 at = mesh.positions[v];
    const float boundary = origin + cell * std::round((at.x - origin) / cell);
    const glm::vec3 point(boundary + 1e-5f, mesh.bounds().center().y, at.z);
    const std::vector<glm::vec3> expected = section(mesh, all, point, normal, radius);
    EXPECT_EQ(section(mesh, grid.near(point, normal, radius), point, normal, radius), expected) << "vertex " << v;
    crossings += expected.size();
  }
  EXPECT_GT(crossings, 1000u);
}

TEST(TriangleGrid, ASmallBallReadsAFewTriangles) {
  // The estimator's arm sections: 5 cm balls, cells of 2 % of stature. On average over the
  // skin they read a small part of the body (the dense face and hands read more).
  const Mesh& mesh = test::defaultBody().model.mesh;
  const TriangleGrid grid(mesh, everyTriangle(mesh), 0.02f * mesh.bounds().size().y);
  size_t read = 0, queries = 0;
  for (uint32_t v = 0; v < mesh.vertexCount(); v += 97, ++queries)
    read += grid.near(mesh.positions[v], glm::normalize(glm::vec3(1, 1, 0)), 0.05f).size();
  EXPECT_LT(read / queries, mesh.triangleCount() / 8) << read / queries << " of " << mesh.triangleCount();
}

TEST(TriangleGrid, ListsOnlyTheTrianglesItWasGivenAndCopesWithNone) {
  const Mesh& mesh = test::defaultBody().model.mesh;
  const std::vector<uint32_t> some = {3, 5, 700, 20000};
  const TriangleGrid grid(mesh, some, 0.05f);
  EXPECT_LE(grid.near(mesh.bounds().center(), {0, 1, 0}, 10.0f).size(), some.size());
  for (uint32_t t : grid.near(mesh.bounds().center(), {0.6f, 0.8f, 0}, 10.0f))
    EXPECT_NE(std::find(some.begin(), some.end(), t), some.end());
  const TriangleGrid empty(mesh, {}, 0.05f);
  EXPECT_TRUE(empty.near(mesh.bounds().center(), {0, 1, 0}, 10.0f).empty());
}

}  // namespace
}  // namespace mesomap
