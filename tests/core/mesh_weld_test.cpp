// weldVertices: the flat hash table must give exactly what the std::unordered_map weld gave
// (same welded count, same vertex numbering, same triangles), which the geodesic cache keys,
// the scoring goldens and the landmark files all depend on.
#include <cmath>
#include <set>
#include <unordered_map>

#include <gtest/gtest.h>

#include "core/geometry/mesh.h"
#include "core/import/assimp_import.h"
#include "test_shapes.h"

namespace mesomap {
namespace {

// The weld as it was before the flat table (per part, a cell map filled in order of first use
// by the part's triangles), kept here as the reference the new one must match.
size_t referenceWeld(Mesh& mesh, float tolerance) {
  struct KeyHash {
    size_t operator()(const glm::i64vec3& k) const {
      return std::hash<int64_t>()(k.x * 73856093LL ^ k.y * 19349663LL ^ k.z * 83492791LL);
    }
  };
  std::vector<uint32_t> remap(mesh.positions.size(), UINT32_MAX);
  std::vector<glm::vec3> welded;
  const double inv = tolerance > 0.0f ? 1.0 / tolerance : 1e9;
  for (const auto& part : mesh.parts) {
    std::unordered_map<glm::i64vec3, uint32_t, KeyHash> cells;
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      for (int c = 0; c < 3; ++c) {
        const uint32_t v = mesh.triangles[t][c];
        if (remap[v] == UINT32_MAX) {
          const glm::vec3& p = mesh.positions[v];
          const glm::i64vec3 key(std::llround(p.x * inv), std::llround(p.y * inv), std::llround(p.z * inv));
          auto [it, inserted] = cells.try_emplace(key, static_cast<uint32_t>(welded.size()));
          if (inserted) welded.push_back(p);
          remap[v] = it->second;
        }
        mesh.triangles[t][c] = remap[v];
      }
    }
  }
  const size_t removed = mesh.positions.size() - welded.size();
  mesh.positions = std::move(welded);
  std::vector<glm::uvec3> kept;
  for (auto& part : mesh.parts) {
    const auto first = static_cast<uint32_t>(kept.size());
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      const auto& tri = mesh.triangles[t];
      if (tri.x != tri.y && tri.y != tri.z && tri.x != tri.z) kept.push_back(tri);
    }
    part.firstTriangle = first;
    part.triangleCount = static_cast<uint32_t>(kept.size()) - first;
  }
  mesh.triangles = std::move(kept);
  mesh.recomputeNormals();
  return removed;
}

void expectSameWeld(const Mesh& input, float tolerance, size_t expectedRemoved) {
  Mesh ours = input, reference = input;
  const size_t removed = weldVertices(ours, tolerance);
  EXPECT_EQ(removed, referenceWeld(reference, tolerance));
  EXPECT_EQ(removed, expectedRemoved);
  ASSERT_EQ(ours.positions.size(), reference.positions.size());
  ASSERT_EQ(ours.triangles.size(), reference.triangles.size());
  for (size_t v = 0; v < ours.positions.size(); ++v) ASSERT_EQ(ours.positions[v], reference.positions[v]) << v;
  for (size_t t = 0; t < ours.triangles.size(); ++t) ASSERT_EQ(ours.triangles[t], reference.triangles[t]) << t;
  ASSERT_EQ(ours.parts.size(), reference.parts.size());
  for (size_t p = 0; p < ours.parts.size(); ++p) {
    EXPECT_EQ(ours.parts[p].firstTriangle, reference.parts[p].firstTriangle);
    EXPECT_EQ(ours.parts[p].triangleCount, reference.parts[p].triangleCount);
  }
}

// Every triangle with its own three corners (what an OBJ or STL import gives).
Mesh triangleSoup(const Mesh& mesh) {
  Mesh soup;
  soup.parts = mesh.parts;
  for (const glm::uvec3& tri : mesh.triangles) {
    const auto base = static_cast<uint32_t>(soup.positions.size());
    for (int c = 0; c < 3; ++c) soup.positions.push_back(mesh.positions[tri[c]]);
    soup.triangles.emplace_back(base, base + 1, base + 2);
  }
  return soup;
}

TEST(WeldVertices, TriangleSoupOfASphereWeldsBackToItsVertices) {
  const Mesh sphere = test::makeSphere(0.1f, 16, 8);
  const Mesh soup = triangleSoup(sphere);
  expectSameWeld(soup, 1e-7f, soup.positions.size() - sphere.positions.size());
  Mesh welded = soup;
  weldVertices(welded, 1e-7f);
  EXPECT_EQ(welded.positions.size(), sphere.positions.size());
  EXPECT_EQ(welded.triangles.size(), sphere.triangles.size());
}

TEST(WeldVertices, NearDuplicatesWithinAPartMergeButPartsStayApart) {
  Mesh mesh = test::makeSphere(0.1f, 12, 6);
  test::appendPart(mesh, test::makePlane(0.05f, 3, 0.0f, 0.0f, 0.0f), "eye", false);
  Mesh soup = triangleSoup(mesh);
  // Nudge every other corner by a fraction of the cell: the same cell unless it sits on a
  // cell boundary, as the old weld had it.
  for (size_t v = 0; v < soup.positions.size(); v += 2) soup.positions[v] += glm::vec3(1e-9f);
  Mesh reference = soup;
  const size_t expected = referenceWeld(reference, 1e-6f);
  expectSameWeld(soup, 1e-6f, expected);
}

TEST(WeldVertices, CornersSharedByTwoPartsStayTwoVertices) {
  // Two unit squares on the same spot, one per part (an eyelid over a cornea, a garment on the
  // skin): within a part the soup's six corners weld to four; across parts nothing merges.
  Mesh mesh = test::makePlane(1.0f, 1);
  test::appendPart(mesh, test::makePlane(1.0f, 1), "lid", false);
  const Mesh soup = triangleSoup(mesh);
  ASSERT_EQ(soup.positions.size(), 12u);
  expectSameWeld(soup, 1e-6f, 4);
  Mesh welded = soup;
  weldVertices(welded, 1e-6f);
  ASSERT_EQ(welded.positions.size(), 8u);
  const auto partVertices = [&](size_t part) {
    std::set<uint32_t> used;
    const MeshPart& p = welded.parts[part];
    for (uint32_t t = p.firstTriangle; t < p.firstTriangle + p.triangleCount; ++t)
      for (int c = 0; c < 3; ++c) used.insert(welded.triangles[t][c]);
    return used;
  };
  const std::set<uint32_t> skin = partVertices(0), lid = partVertices(1);
  EXPECT_EQ(skin.size(), 4u);
  EXPECT_EQ(lid.size(), 4u);
  for (uint32_t v : lid) EXPECT_EQ(skin.count(v), 0u) << "vertex " << v << " is shared by both parts";
}

TEST(WeldVertices, SliversCollapsedByTheWeldAreDropped) {
  Mesh mesh;
  mesh.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1e-9f, 0, 0}, {1, 1, 0}};
  mesh.triangles = {{0, 1, 2}, {0, 3, 2}, {1, 4, 2}};
  test::finishShape(mesh, "patch");
  expectSameWeld(mesh, 1e-6f, 1);
  Mesh welded = mesh;
  weldVertices(welded, 1e-6f);
  EXPECT_EQ(welded.triangles.size(), 2u);
  EXPECT_EQ(welded.parts[0].triangleCount, 2u);
}

TEST(WeldVertices, DefaultBodyWeldsExactlyAsBefore) {
  const ImportedScene imported = importModelInProcess(MESOMAP_DEFAULT_MODEL);
  const Mesh& raw = imported.mesh;
  const float tolerance = glm::length(raw.bounds().size()) * 1e-7f;
  Mesh reference = raw;
  const size_t expected = referenceWeld(reference, tolerance);
  EXPECT_GT(expected, 0u);  // the UV seams
  expectSameWeld(raw, tolerance, expected);
  // And on a soup of it (every corner its own vertex): the same welded body, since vertices
  // are numbered in order of first use by the triangles either way.
  const Mesh soup = triangleSoup(raw);
  Mesh soupReference = soup;
  expectSameWeld(soup, tolerance, referenceWeld(soupReference, tolerance));
  EXPECT_EQ(soupReference.positions, reference.positions);
  EXPECT_EQ(soupReference.triangles, reference.triangles);
}

}  // namespace
}  // namespace mesomap
