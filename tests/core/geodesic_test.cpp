#include "core/geometry/geodesic.h"

#include <cmath>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "core/geometry/geodesic_topology.h"
#include "geodesic_shapes.h"

namespace mesomap {
namespace {

using test::Cylinder;
using test::edgeDijkstra;
using test::makeBumpyPlane;
using test::makeCylinder;
using test::makePlane;
using test::makeSphere;

struct Errors {
  double mean = 0.0;
  double max = 0.0;
};

// Relative errors of `values` against `truth` over the vertices at least `minDistance` away.
template <class Values, class Truth>
Errors relativeErrors(size_t count, const Values& values, const Truth& truth, double minDistance) {
  Errors e;
  size_t n = 0;
  for (uint32_t v = 0; v < count; ++v) {
    const double t = truth(v);
    if (t < minDistance) continue;
    const double err = std::abs(double(values(v)) - t) / t;
    e.mean += err;
    e.max = std::max(e.max, err);
    ++n;
  }
  e.mean /= double(std::max<size_t>(n, 1));
  return e;
}

GeodesicOptions singleThread() {
  GeodesicOptions options;
  options.threads = 1;
  return options;
}

TEST(Geodesic, PlaneDistancesAreEuclidean) {
  const Mesh plane = makePlane(41, 0.4f);  // 1 cm edges
  const GeodesicSolver solver(plane, singleThread());
  const uint32_t center = 20 * 41 + 20;
  const glm::vec3 origin = plane.positions[center];
  const auto euclidean = [&](uint32_t v) { return double(glm::length(plane.positions[v] - origin)); };

  const std::vector<float> field = solver.distanceField(GeodesicPoint::atVertex(center));
  const Errors ours = relativeErrors(
      plane.vertexCount(), [&](uint32_t v) { return field[v]; }, euclidean, 0.02);
  const std::vector<double> graph = edgeDijkstra(plane, center);
  const Errors dijkstra = relativeErrors(
      plane.vertexCount(), [&](uint32_t v) { return graph[v]; }, euclidean, 0.02);
  // Worst just past the link radius (3 edges), where one relay vertex a little off the
  // straight line carries the path; further out the chains straighten.
  EXPECT_LT(ours.mean, 0.003);
  EXPECT_LT(ours.max, 0.025);
  // The bound above must be one plain edge Dijkstra cannot meet.
  EXPECT_GT(dijkstra.mean, 0.01);
  EXPECT_EQ(field[center], 0.0f);

  // Exact propagation is exact on a plane, also from a point inside a triangle.
  const GeodesicPoint inside = GeodesicPoint::onTriangle(333, 0.3f, 0.25f);
  const glm::uvec3 tri = plane.triangles[333];
  const glm::vec3 p = 0.45f * plane.positions[tri.x] + 0.3f * plane.positions[tri.y] + 0.25f * plane.positions[tri.z];
  for (uint32_t v : {0u, 40u, 1680u, 900u, 1234u}) {
    const float expected = glm::length(plane.positions[v] - p);
    EXPECT_NEAR(*solver.exactDistance(inside, GeodesicPoint::atVertex(v)), expected, 1e-5f * expected);
    EXPECT_NEAR(*solver.distance(inside, GeodesicPoint::atVertex(v)), expected, 0.01f * expected);
  }
  const std::vector<float> fromInside = solver.distanceField(inside);
  const Errors insideErrors = relativeErrors(
      plane.vertexCount(), [&](uint32_t v) { return fromInside[v]; },
      [&](uint32_t v) { return double(glm::length(plane.positions[v] - p)); }, 0.02);
  EXPECT_LT(insideErrors.mean, 0.003);
}

TEST(Geodesic, SphereDistancesFollowGreatCircles) {
  const float radius = 0.1f;
  const Mesh sphere = makeSphere(4, radius);  // 2562 vertices, edges about 7 mm
  const GeodesicSolver solver(sphere, singleThread());
  const uint32_t source = 0;
  const glm::vec3 axis = glm::normalize(sphere.positions[source]);
  const auto greatCircle = [&](uint32_t v) {
    const double c = glm::dot(glm::dvec3(axis), glm::normalize(glm::dvec3(sphere.positions[v])));
    return double(radius) * std::acos(std::clamp(c, -1.0, 1.0));
  };
  const std::vector<float> field = solver.distanceField(GeodesicPoint::atVertex(source));
  const Errors ours = relativeErrors(
      sphere.vertexCount(), [&](uint32_t v) { return field[v]; }, greatCircle, 0.02);
  const std::vector<double> graph = edgeDijkstra(sphere, source);
  const Errors dijkstra = relativeErrors(
      sphere.vertexCount(), [&](uint32_t v) { return graph[v]; }, greatCircle, 0.02);
  // The inscribed polyhedron is a little smaller than the sphere; that, not the solver, sets
  // the tolerance.
  EXPECT_LT(ours.mean, 0.006);
  EXPECT_LT(ours.max, 0.02);
  EXPECT_GT(dijkstra.mean, 0.02);

  // Antipode: half the circumference, the longest distance there is.
  uint32_t antipode = 0;
  for (uint32_t v = 0; v < sphere.vertexCount(); ++v)
    if (glm::dot(sphere.positions[v], axis) < glm::dot(sphere.positions[antipode], axis)) antipode = v;
  const float half = float(std::numbers::pi) * radius;
  EXPECT_NEAR(*solver.distance(GeodesicPoint::atVertex(source), GeodesicPoint::atVertex(antipode)), half, 0.01f * half);
  EXPECT_NEAR(*solver.exactDistance(GeodesicPoint::atVertex(source), GeodesicPoint::atVertex(antipode)), half,
              0.01f * half);
}

TEST(Geodesic, CylinderDistancesAreUnrolledLines) {
  const Cylinder cylinder = makeCylinder(48, 41, 0.05f, 0.3f);
  const GeodesicSolver solver(cylinder.mesh, singleThread());
  const int ring = 20, k = 5;
  const std::vector<float> field = solver.distanceField(GeodesicPoint::atVertex(cylinder.vertex(ring, k)));
  double worst = 0.0;
  for (int r = 0; r < 41; ++r) {
    for (int j = 0; j < 48; ++j) {
      const double truth = cylinder.unrolled(ring, k, r, j);
      if (truth < 0.02) continue;
      worst = std::max(worst, std::abs(field[cylinder.vertex(r, j)] - truth) / truth);
    }
  }
  EXPECT_LT(worst, 0.025);
  // The exact query wraps around the short way and runs along the open rims.
  for (auto [r, j] : {std::pair{0, 29}, {40, 5}, {33, 17}, {20, 30}, {2, 40}}) {
    const double truth = cylinder.unrolled(ring, k, r, j);
    const auto exact = solver.exactDistance(GeodesicPoint::atVertex(cylinder.vertex(ring, k)),
                                            GeodesicPoint::atVertex(cylinder.vertex(r, j)));
    ASSERT_TRUE(exact.has_value());
    EXPECT_NEAR(*exact, truth, 1e-5 * truth);
  }
}

TEST(Geodesic, TriangleWindingDoesNotMatter) {
  // Exported bodies mix windings; unfolding works from edge lengths alone.
  Mesh plane = makePlane(21, 0.2f, 3);
  for (size_t t = 0; t < plane.triangles.size(); t += 3) std::swap(plane.triangles[t].y, plane.triangles[t].z);
  const GeodesicSolver solver(plane, singleThread());
  const uint32_t source = 10 * 21 + 10;
  for (uint32_t v : {0u, 20u, 420u, 440u, 123u, 300u}) {
    const float expected = glm::length(plane.positions[v] - plane.positions[source]);
    EXPECT_NEAR(*solver.exactDistance(GeodesicPoint::atVertex(source), GeodesicPoint::atVertex(v)), expected,
                1e-5f * expected);
  }
  const std::vector<float> field = solver.distanceField(GeodesicPoint::atVertex(source));
  const Errors ours = relativeErrors(
      plane.vertexCount(), [&](uint32_t v) { return field[v]; },
      [&](uint32_t v) { return double(glm::length(plane.positions[v] - plane.positions[source])); }, 0.02);
  EXPECT_LT(ours.mean, 0.006);  // short distances on a small plane: relatively coarser than above
}

TEST(Geodesic, SymmetricAndTriangleInequality) {
  const Mesh sphere = makeSphere(3, 0.1f);
  const GeodesicSolver solver(sphere, singleThread());
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> unit(0.05f, 0.45f);
  const auto randomPoint = [&] {
    return GeodesicPoint::onTriangle(uint32_t(rng() % sphere.triangleCount()), unit(rng), unit(rng));
  };
  for (int i = 0; i < 10; ++i) {
    const GeodesicPoint a = randomPoint(), b = randomPoint(), c = randomPoint();
    const float ab = *solver.distance(a, b), ba = *solver.distance(b, a);
    const float bc = *solver.distance(b, c), ac = *solver.distance(a, c);
    EXPECT_NEAR(ab, ba, 0.005f * ab + 1e-6f);
    EXPECT_LE(ac, (ab + bc) * 1.005f);
    const float exactAb = *solver.exactDistance(a, b), exactBa = *solver.exactDistance(b, a);
    EXPECT_NEAR(exactAb, exactBa, 1e-5f * exactAb + 1e-7f);
    EXPECT_GE(ab, exactAb * (1.0f - 1e-5f));  // links are real paths: never shorter than exact
  }
}

// One propagation serves both: the local field and the distances to the targets it settles are
// those distancesWithin and distance(target, source) give, bit for bit (scoring's reports
// depend on it), and a target it does not settle is left to distance().
TEST(Geodesic, LocalQueryGivesTheSameBitsAsSeparateQueries) {
  const Mesh sphere = makeSphere(3, 0.1f);
  const GeodesicSolver solver(sphere, singleThread());
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> unit(0.05f, 0.45f);
  const auto randomPoint = [&] {
    return GeodesicPoint::onTriangle(uint32_t(rng() % sphere.triangleCount()), unit(rng), unit(rng));
  };
  size_t settled = 0, unsettled = 0;
  for (int i = 0; i < 8; ++i) {
    const GeodesicPoint source = randomPoint();
    // Targets on triangles near the source (within the link radius or just past it), a few
    // anywhere, and a vertex.
    const glm::uvec3& st = sphere.triangles[source.triangle];
    const glm::vec3 at = sphere.positions[st.x];
    std::vector<GeodesicPoint> targets;
    for (uint32_t t = 0; t < sphere.triangleCount() && targets.size() < 16; ++t)
      if (glm::length(sphere.positions[sphere.triangles[t].y] - at) < 0.05f)
        targets.push_back(GeodesicPoint::onTriangle(t, unit(rng), unit(rng)));
    for (int k = 0; k < 4; ++k) targets.push_back(randomPoint());
    targets.push_back(GeodesicPoint::atVertex(st.y));
    const float reach = 0.03f;
    const GeodesicSolver::LocalQuery q = solver.localQuery(source, reach, targets);
    const auto within = solver.distancesWithin(source, reach);
    ASSERT_EQ(q.within.size(), within.size());
    for (size_t v = 0; v < within.size(); ++v) {
      EXPECT_EQ(q.within[v].first, within[v].first);
      EXPECT_EQ(q.within[v].second, within[v].second);
    }
    ASSERT_EQ(q.toTargets.size(), targets.size());
    for (size_t k = 0; k < targets.size(); ++k) {
      if (!q.toTargets[k]) {
        ++unsettled;
        continue;
      }
      ++settled;
      EXPECT_EQ(*q.toTargets[k], *solver.distance(targets[k], source)) << "source " << i << ", target " << k;
    }
  }
  EXPECT_GT(settled, 20u);   // nearby targets come from the shared propagation
  EXPECT_GT(unsettled, 5u);  // far ones are left to distance()
}

TEST(Geodesic, PointToItselfIsZero) {
  const Mesh plane = makePlane(11, 0.1f);
  const GeodesicSolver solver(plane, singleThread());
  const GeodesicPoint vertex = GeodesicPoint::atVertex(17);
  const GeodesicPoint inside = GeodesicPoint::onTriangle(42, 0.2f, 0.3f);
  EXPECT_EQ(*solver.distance(vertex, vertex), 0.0f);
  EXPECT_EQ(*solver.exactDistance(vertex, vertex), 0.0f);
  EXPECT_NEAR(*solver.distance(inside, inside), 0.0f, 1e-7f);
  EXPECT_NEAR(*solver.exactDistance(inside, inside), 0.0f, 1e-7f);
  const std::vector<float> field = solver.distanceField(inside);
  EXPECT_NEAR(solver.fieldAt(field, inside, inside), 0.0f, 1e-6f);
}

TEST(Geodesic, DegenerateAndNonSkinTrianglesDoNotShiftLaterOnes) {
  // The plane with a degenerate triangle inside its skin part, then a non-skin part and a skin
  // part holding only a degenerate triangle: every real triangle must still find its face.
  const Mesh plane = makePlane(8, 0.1f);
  const uint32_t count = uint32_t(plane.triangles.size());
  constexpr uint32_t kDegenerateAt = 10;
  Mesh mesh = plane;
  mesh.triangles.insert(mesh.triangles.begin() + kDegenerateAt, glm::uvec3(3, 3, 4));
  mesh.triangles.push_back(plane.triangles[0]);
  mesh.triangles.push_back(plane.triangles[1]);
  mesh.triangles.push_back(glm::uvec3(5, 6, 5));
  mesh.parts = {{"skin", 0, count + 1, true, glm::vec3(0.8f)},
                {"eye", count + 1, 2, false, glm::vec3(1.0f)},
                {"skin2", count + 3, 1, true, glm::vec3(0.8f)}};
  mesh.recomputeNormals();
  const GeodesicSolver clean(plane, singleThread()), solver(mesh, singleThread());

  const GeodesicPoint corner = GeodesicPoint::atVertex(0);
  for (uint32_t t : {0u, kDegenerateAt - 1, kDegenerateAt, count / 2, count - 1}) {
    const uint32_t shifted = t < kDegenerateAt ? t : t + 1;
    const auto expected = clean.distance(corner, GeodesicPoint::onTriangle(t, 0.3f, 0.3f));
    const auto got = solver.distance(corner, GeodesicPoint::onTriangle(shifted, 0.3f, 0.3f));
    ASSERT_TRUE(expected.has_value() && got.has_value()) << "triangle " << t;
    EXPECT_EQ(*got, *expected) << "triangle " << t;
  }
  for (uint32_t t : {kDegenerateAt, count + 1, count + 2, count + 3, count + 4})
    EXPECT_FALSE(solver.distance(corner, GeodesicPoint::onTriangle(t, 0.3f, 0.3f)).has_value()) << "triangle " << t;
}

TEST(Geodesic, OtherIslandsAndNonSkinAreUnreachable) {
  // Two planes side by side, not connected, plus a third marked as not skin.
  Mesh a = makePlane(6, 0.05f);
  const Mesh b = makePlane(6, 0.05f, 2);
  Mesh mesh = a;
  for (int copy = 1; copy <= 2; ++copy) {
    const uint32_t offset = uint32_t(mesh.positions.size());
    for (const auto& p : b.positions) mesh.positions.push_back(p + glm::vec3(0.2f * copy, 0.0f, 0.0f));
    for (const auto& t : b.triangles) mesh.triangles.push_back(t + glm::uvec3(offset));
  }
  const uint32_t perPlane = uint32_t(a.triangles.size());
  mesh.parts = {{"skin", 0, 2 * perPlane, true, glm::vec3(0.8f)},
                {"eye", 2 * perPlane, perPlane, false, glm::vec3(1.0f)}};
  mesh.recomputeNormals();
  const GeodesicSolver solver(mesh, singleThread());

  const GeodesicPoint onA = GeodesicPoint::atVertex(7), onB = GeodesicPoint::atVertex(36 + 7);
  const GeodesicPoint onEye = GeodesicPoint::onTriangle(2 * perPlane + 3, 0.2f, 0.2f);
  EXPECT_FALSE(solver.distance(onA, onB).has_value());
  EXPECT_FALSE(solver.exactDistance(onA, onB).has_value());
  EXPECT_FALSE(solver.distance(onA, onEye).has_value());
  EXPECT_FALSE(solver.distance(onEye, onEye).has_value());
  EXPECT_TRUE(solver.distance(onA, GeodesicPoint::atVertex(30)).has_value());

  const std::vector<float> field = solver.distanceField(onA);
  for (uint32_t v = 0; v < 36; ++v) EXPECT_TRUE(std::isfinite(field[v]));
  for (uint32_t v = 36; v < mesh.vertexCount(); ++v) EXPECT_EQ(field[v], GeodesicSolver::kUnreachable);
  const std::vector<float> none = solver.distanceField(onEye);
  for (float d : none) EXPECT_EQ(d, GeodesicSolver::kUnreachable);
}

TEST(Geodesic, CacheSharesOneSolverPerMesh) {
  Mesh mesh = makePlane(9, 0.08f);
  GeodesicOptions options = singleThread();
  const auto first = geodesicSolverFor(mesh, options);
  const auto second = geodesicSolverFor(mesh, options);
  EXPECT_EQ(first.get(), second.get());

  // An edited mesh is a different surface: it gets its own solver.
  mesh.positions[40].z += 0.01f;
  const auto edited = geodesicSolverFor(mesh, options);
  EXPECT_NE(edited.get(), first.get());
  EXPECT_EQ(geodesicSolverFor(mesh, options).get(), edited.get());
}

// Mean length of each vertex's edges, as the solver scales its link radius.
std::vector<double> meanEdgeLengths(const Mesh& mesh) {
  std::map<std::pair<uint32_t, uint32_t>, double> edges;
  for (const glm::uvec3& t : mesh.triangles)
    for (int k = 0; k < 3; ++k) {
      const auto key = std::minmax(t[k], t[(k + 1) % 3]);
      edges[{key.first, key.second}] = glm::length(mesh.positions[t[k]] - mesh.positions[t[(k + 1) % 3]]);
    }
  std::vector<double> sum(mesh.vertexCount(), 0.0), count(mesh.vertexCount(), 0.0);
  for (const auto& [key, length] : edges) {
    for (uint32_t v : {key.first, key.second}) {
      sum[v] += length;
      count[v] += 1.0;
    }
  }
  for (size_t v = 0; v < sum.size(); ++v) sum[v] /= std::max(count[v], 1.0);
  return sum;
}

TEST(GeodesicSources, BendVerticesPropagateAndOthersLeanOnThem) {
  const Mesh bumpy = makeBumpyPlane(31, 0.3f, 2, 0.03f);
  const GeodesicSolver solver(bumpy, singleThread());
  const geodesic_detail::SkinTopology topo = geodesic_detail::buildSkinTopology(bumpy);
  std::vector<std::vector<uint32_t>> neighbours(bumpy.vertexCount());
  for (const glm::uvec3& t : bumpy.triangles)
    for (int k = 0; k < 3; ++k) neighbours[t[k]].push_back(t[(k + 1) % 3]);
  size_t bends = 0, relays = 0, leaning = 0;
  for (uint32_t v = 0; v < bumpy.vertexCount(); ++v) {
    if (topo.bends[v]) {
      ++bends;
      EXPECT_TRUE(solver.propagatesLinks(v)) << v;
    } else if (solver.propagatesLinks(v)) {
      ++relays;
    } else {
      ++leaning;
      size_t sources = 0;
      for (uint32_t w : neighbours[v]) sources += solver.propagatesLinks(w) ? 1 : 0;
      EXPECT_GE(sources, 5u) << v;  // the relay rule
    }
  }
  EXPECT_GT(bends, 100u);
  EXPECT_GT(relays, 10u);  // hilltops and hollows are convex: no bends there
  EXPECT_GT(leaning, 40u);
  EXPECT_EQ(solver.stats().sourceVertices, bends + relays);
  EXPECT_EQ(solver.stats().bendVertices, bends);
}

// Within the link radius a field is exact from every vertex, one that propagates links or not:
// each query starts with its own exact propagation, so the links' covered windows and pruning
// cost nothing there.
TEST(GeodesicSources, FieldsAreExactWithinTheLinkRadiusFromEveryKindOfVertex) {
  const Mesh bumpy = makeBumpyPlane(31, 0.3f, 2, 0.03f);
  const GeodesicOptions options = singleThread();
  const GeodesicSolver solver(bumpy, options);
  const std::vector<double> meanEdge = meanEdgeLengths(bumpy);
  size_t checkedFromSources = 0, checkedFromOthers = 0;
  for (uint32_t s = 0; s < bumpy.vertexCount(); s += 13) {
    const std::vector<float> field = solver.distanceField(GeodesicPoint::atVertex(s));
    const double radius = 0.9 * options.linkRadius * meanEdge[s];
    const bool source = solver.propagatesLinks(s);
    for (uint32_t v = 0; v < bumpy.vertexCount(); ++v) {
      if (glm::length(bumpy.positions[v] - bumpy.positions[s]) > radius) continue;
      const float exact = *solver.exactDistance(GeodesicPoint::atVertex(s), GeodesicPoint::atVertex(v));
      if (exact > radius) continue;
      // Every query starts with an exact propagation out to its link radius, whatever the links.
      EXPECT_NEAR(field[v], exact, 1e-5 * exact + 1e-7) << "from " << s << (source ? " (source)" : "") << " to " << v;
      ++(source ? checkedFromSources : checkedFromOthers);
    }
  }
  EXPECT_GT(checkedFromSources, 200u);
  EXPECT_GT(checkedFromOthers, 100u);
}

// The build skips windows a corner covers: far fewer windows, and fields from every kind of
// vertex stay within a fraction of a percent of the build that propagates every window.
TEST(GeodesicSources, CoveredWindowsCutTheBuildAndKeepFieldsClose) {
  const Mesh bumpy = makeBumpyPlane(31, 0.3f, 2, 0.03f);
  GeodesicOptions everyWindow = singleThread();
  everyWindow.coverSlack = 0.0;
  const GeodesicSolver full(bumpy, everyWindow);
  const GeodesicSolver covered(bumpy, singleThread());
  ASSERT_GT(singleThread().coverSlack, 0.0);
  EXPECT_LT(double(covered.stats().linkWindows), 0.8 * double(full.stats().linkWindows));
  for (const uint32_t s : {0u, 480u, 700u, 960u}) {
    const std::vector<float> a = full.distanceField(GeodesicPoint::atVertex(s));
    const std::vector<float> b = covered.distanceField(GeodesicPoint::atVertex(s));
    const Errors e = relativeErrors(
        bumpy.vertexCount(), [&](uint32_t v) { return b[v]; }, [&](uint32_t v) { return double(a[v]); }, 0.02);
    EXPECT_LT(e.mean, 0.002) << "from " << s;
    EXPECT_LT(e.max, 0.01) << "from " << s;
  }
}

// A convex mesh has no bend vertex at all: the relays alone carry the links, and distances
// far beyond the link radius still come out close to exact.
TEST(GeodesicSources, ConvexMeshWithoutBendsChainsThroughRelays) {
  const Mesh sphere = makeSphere(3, 0.1f);
  const GeodesicSolver solver(sphere, singleThread());
  EXPECT_EQ(solver.stats().bendVertices, 0u);
  EXPECT_GT(solver.stats().sourceVertices, sphere.vertexCount() / 2);
  uint32_t plain = 0;  // a vertex that propagates no links
  while (solver.propagatesLinks(plain)) ++plain;
  ASSERT_LT(plain, sphere.vertexCount());
  for (const uint32_t s : {0u, 100u, plain}) {
    const std::vector<float> field = solver.distanceField(GeodesicPoint::atVertex(s));
    const Errors e = relativeErrors(
        sphere.vertexCount(), [&](uint32_t v) { return field[v]; },
        [&](uint32_t v) {
          return double(*solver.exactDistance(GeodesicPoint::atVertex(s), GeodesicPoint::atVertex(v)));
        },
        0.02);
    EXPECT_LT(e.mean, 0.006) << "from " << s << (solver.propagatesLinks(s) ? " (source)" : "");
    EXPECT_LT(e.max, 0.03) << "from " << s;
  }
  const GeodesicPoint a = GeodesicPoint::onTriangle(5, 0.3f, 0.3f), b = GeodesicPoint::onTriangle(900, 0.2f, 0.5f);
  const float exact = *solver.exactDistance(a, b);
  EXPECT_GT(exact, 0.1f);  // many link radii
  EXPECT_NEAR(*solver.distance(a, b), exact, 0.01f * exact);
}

TEST(GeodesicSources, LocalQueryFromAnyVertexSharesItsPropagation) {
  const Mesh sphere = makeSphere(3, 0.1f);
  const GeodesicSolver solver(sphere, singleThread());
  uint32_t plain = 0, source = 0;
  while (solver.propagatesLinks(plain)) ++plain;
  while (!solver.propagatesLinks(source)) ++source;
  for (const uint32_t s : {plain, source}) {
    std::vector<GeodesicPoint> targets;
    for (uint32_t t = 0; t < sphere.triangleCount() && targets.size() < 12; ++t)
      if (glm::length(sphere.positions[sphere.triangles[t].x] - sphere.positions[s]) < 0.02f)
        targets.push_back(GeodesicPoint::onTriangle(t, 0.3f, 0.3f));
    const GeodesicSolver::LocalQuery q = solver.localQuery(GeodesicPoint::atVertex(s), 0.03f, targets);
    EXPECT_EQ(q.within, solver.distancesWithin(GeodesicPoint::atVertex(s), 0.03f));
    size_t settled = 0;
    for (size_t k = 0; k < targets.size(); ++k) {
      if (!q.toTargets[k]) continue;
      ++settled;
      EXPECT_EQ(*q.toTargets[k], *solver.distance(targets[k], GeodesicPoint::atVertex(s)));
    }
    // Every query starts with an exact local propagation, a source of links too.
    EXPECT_EQ(settled, targets.size()) << s;
  }
}

}  // namespace
}  // namespace mesomap
