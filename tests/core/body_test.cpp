// One Body: built once, picked in one place, its geodesics in the background, its skin model
// for its own patient.
#include <cstdlib>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "core/body/body.h"
#include "core/import/model_loader.h"
#include "../scoped_variable.h"

namespace mesomap {
namespace {

const Body& defaultBody() {
  static const Body body = [] {
    LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
    return Body(std::move(loaded.mesh), loaded.path);
  }();
  return body;
}

TEST(Body, PicksTheSkinInFrontAndNothingBeside) {
  const Body& body = defaultBody();
  // From in front of the body at navel height, straight back (the body faces +Z).
  const float navel = 0.6f * body.mesh().bounds().max.y;
  const auto hit = body.pickSkin({{0.0f, navel, 2.0f}, {0.0f, 0.0f, -1.0f}});
  ASSERT_TRUE(hit);
  EXPECT_GT(hit->frame.position.z, 0.0f);
  EXPECT_GT(hit->frame.normal.z, 0.5f);  // the belly faces the ray
  EXPECT_LT(hit->triangle, body.mesh().triangleCount());
  // A ray that passes beside the body hits nothing.
  EXPECT_FALSE(body.pickSkin({{2.0f, navel, 2.0f}, {0.0f, 0.0f, -1.0f}}));
  EXPECT_FALSE(body.pickSurface({{2.0f, navel, 2.0f}, {0.0f, 0.0f, -1.0f}}));
  EXPECT_TRUE(body.pickSurface({{0.0f, navel, 2.0f}, {0.0f, 0.0f, -1.0f}}));
}

TEST(Body, GeodesicsAreBuiltOnRequestAndThenReadyWithoutWaiting) {
  LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
  const Body body(std::move(loaded.mesh), loaded.path);
  EXPECT_EQ(body.geodesicsIfReady(), nullptr);  // nothing started it
  body.startGeodesics();
  const std::shared_ptr<const GeodesicSolver> solver = body.geodesics();  // waits
  ASSERT_TRUE(solver);
  EXPECT_EQ(body.geodesicsIfReady(), solver.get());
  EXPECT_GT(solver->vertexCount(), 1000u);
}

// Sets MESOMAP_CACHE_DIR for one test and puts the previous value back.
TEST(Body, ABodyDestroyedWhileItsSolverBuildsStopsItAndLeavesNoBrokenSolverBehind) {
  // No links on disk to read: the build really runs.
  const test_support::ScopedVariable noCache("MESOMAP_CACHE_DIR", "off");
  LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
  // A mesh no earlier test built a solver for, so the in-process memo has none either.
  loaded.mesh.positions[0] += glm::vec3(1e-4f, 0.0f, 0.0f);
  const size_t stoppedBefore = geodesicBuildsStopped();
  {
    const Body replaced(Mesh(loaded.mesh), loaded.path);
    replaced.startGeodesics();
  }  // its destructor stops the build (GeodesicOptions::stop) instead of waiting it out
  // The build takes most of a second; the destructor runs microseconds after it began.
  EXPECT_EQ(geodesicBuildsStopped(), stoppedBefore + 1);
  // A body on the same mesh, whose address and hash the stopped build shared, gets a whole
  // solver: the stop cached nothing half-built.
  const Body next(Mesh(loaded.mesh), loaded.path);
  const std::shared_ptr<const GeodesicSolver> solver = next.geodesics();
  GeodesicOptions direct;
  direct.threads = 1;
  const GeodesicSolver fresh(loaded.mesh, direct);
  ASSERT_TRUE(solver);
  EXPECT_EQ(solver->stats().links, fresh.stats().links);
  const GeodesicPoint source = GeodesicPoint::atVertex(uint32_t(loaded.mesh.vertexCount() / 2));
  EXPECT_EQ(solver->distanceField(source), fresh.distanceField(source));
}

TEST(Body, CarriesItsLandmarksAndItsPatientsSkin) {
  const Body& body = defaultBody();
  EXPECT_NE(body.landmarks().find("C7_spinous"), nullptr);
  LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
  PatientProfile heavy;
  heavy.bmi = 35.0;
  const Body heavier(std::move(loaded.mesh), loaded.path, heavy);
  const float waist = 0.6f * body.mesh().bounds().max.y;
  const auto at = body.pickSkin({{0.0f, waist, 2.0f}, {0.0f, 0.0f, -1.0f}});
  ASSERT_TRUE(at);
  const TissueColumn usual = body.columnAt(at->frame.position, at->frame.normal);
  const TissueColumn more = heavier.columnAt(at->frame.position, at->frame.normal);
  // +10 kg/m2 of BMI: ~4 mm more fat (Gibney 2010), as tissueColumn models it.
  EXPECT_NEAR(more.fatMm - usual.fatMm, 4.0, 0.01);
}

}  // namespace
}  // namespace mesomap
