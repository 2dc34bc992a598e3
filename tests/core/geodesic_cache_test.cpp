#include "core/geometry/geodesic_cache.h"

#include <cstdlib>
#include <cstring>
#include <fstream>

#include <gtest/gtest.h>

#include "default_body.h"
#include "../scoped_variable.h"
#include "geodesic_shapes.h"

namespace mesomap {
namespace {

namespace fs = std::filesystem;
using geodesic_detail::kLinkCacheVersion;

// Whatever runs this binary, its solvers never write into the user's own cache (ctest also
// sets MESOMAP_CACHE_DIR for every test).
const bool kIsolatedFromTheUsersCache =
    ::setenv("MESOMAP_CACHE_DIR", (fs::path(MESOMAP_TEST_OUTPUT) / "test-cache").c_str(), 0) == 0;

// A fresh, empty cache folder per test: tests run in parallel.
fs::path emptyCacheDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::path(MESOMAP_TEST_OUTPUT) / "geodesic_cache" / info->name();
  fs::remove_all(dir);
  return dir;
}

GeodesicOptions cachedIn(const fs::path& dir) {
  GeodesicOptions options;
  options.threads = 1;
  options.cacheDirectory = dir;
  return options;
}

std::vector<fs::path> filesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
  return files;
}

std::string readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// Whole fields and point-to-point distances, compared bit for bit (EXPECT_EQ on floats).
void expectSameDistances(const GeodesicSolver& a, const GeodesicSolver& b, const Mesh& mesh) {
  ASSERT_EQ(a.stats().links, b.stats().links);
  const uint32_t n = uint32_t(mesh.vertexCount());
  for (uint32_t source : {0u, n / 3, n - 1}) {
    EXPECT_EQ(a.distanceField(GeodesicPoint::atVertex(source)), b.distanceField(GeodesicPoint::atVertex(source)));
  }
  const uint32_t t = uint32_t(mesh.triangleCount());
  for (uint32_t i = 0; i < 6; ++i) {
    const GeodesicPoint p = GeodesicPoint::onTriangle(i * t / 6, 0.2f, 0.3f);
    const GeodesicPoint q = GeodesicPoint::onTriangle((i * t / 6 + t / 2) % t, 0.5f, 0.1f);
    EXPECT_EQ(a.distance(p, q), b.distance(p, q));
    EXPECT_EQ(a.distancesWithin(p, 0.3f), b.distancesWithin(p, 0.3f));
  }
}

TEST(GeodesicCache, SecondSolverReadsTheFileAndGivesTheSameBits) {
  ASSERT_TRUE(kIsolatedFromTheUsersCache);
  const fs::path dir = emptyCacheDir();
  const Mesh sphere = test::makeSphere(3, 1.0f);
  const GeodesicSolver built(sphere, cachedIn(dir));
  EXPECT_FALSE(built.stats().fromCache);
  EXPECT_EQ(built.stats().cacheMiss, "no file");
  EXPECT_TRUE(built.stats().cacheWritten);
  ASSERT_EQ(filesIn(dir).size(), 1u);
  EXPECT_EQ(filesIn(dir)[0].extension(), ".links");

  const GeodesicSolver read(sphere, cachedIn(dir));
  EXPECT_TRUE(read.stats().fromCache);
  EXPECT_EQ(read.stats().cacheMiss, "");
  EXPECT_FALSE(read.stats().cacheWritten);
  GeodesicOptions uncached;
  uncached.threads = 2;
  const GeodesicSolver fresh(sphere, uncached);
  expectSameDistances(fresh, read, sphere);
}

TEST(GeodesicCache, DefaultBodyFromTheCacheMatchesAFreshBuild) {
  const Mesh& body = test::defaultBody().model.mesh;
  const fs::path dir = emptyCacheDir();
  const GeodesicSolver built(body, cachedIn(dir));
  ASSERT_TRUE(built.stats().cacheWritten);
  const GeodesicSolver read(body, cachedIn(dir));
  ASSERT_TRUE(read.stats().fromCache);
  expectSameDistances(built, read, body);
}

// The pruned graph, read back from the cache, against the unpruned one (pruneSlack 0 builds
// the same links and keeps them all) pruned here by the plain rule: u->v goes when some link
// u->w followed by w->v is shorter than pruneSlack past it.
TEST(GeodesicCache, PrunedLinksAreThoseNoTwoLinkDetourMatches) {
  const fs::path dir = emptyCacheDir();
  const Mesh bumpy = test::makeBumpyPlane(31, 0.3f, 2, 0.03f);
  GeodesicOptions pruned = cachedIn(dir), unpruned = cachedIn(dir);
  unpruned.pruneSlack = 0.0;
  const auto graphOf = [&](const GeodesicOptions& options) {
    const GeodesicSolver solver(bumpy, options);
    EXPECT_TRUE(solver.stats().cacheWritten) << solver.stats().cacheMiss;
    const Sha256::Digest key = geodesic_detail::linkGraphKey(bumpy, options);
    std::string why;
    auto graph = geodesic_detail::readLinkGraph(geodesic_detail::linkGraphFile(dir, key), key,
                                                uint32_t(bumpy.vertexCount()), why);
    EXPECT_TRUE(graph.has_value()) << why;
    return graph.value_or(geodesic_detail::LinkGraph{});
  };
  const geodesic_detail::LinkGraph all = graphOf(unpruned), kept = graphOf(pruned);
  ASSERT_EQ(all.start.size(), bumpy.vertexCount() + 1);
  ASSERT_EQ(kept.start.size(), all.start.size());

  const float slack = float(1.0 + pruned.pruneSlack);
  const auto linksOf = [&](uint32_t u) {
    return std::vector<geodesic_detail::Link>(all.links.begin() + all.start[u], all.links.begin() + all.start[u + 1]);
  };
  size_t dropped = 0;
  for (uint32_t u = 0; u < bumpy.vertexCount(); ++u) {
    std::vector<geodesic_detail::Link> expected;
    for (const auto& uv : linksOf(u)) {
      bool detour = false;
      for (const auto& uw : linksOf(u))
        for (const auto& wv : linksOf(uw.target))
          if (wv.target == uv.target && uw.length < uv.length && uw.length + wv.length <= uv.length * slack)
            detour = true;
      if (detour)
        ++dropped;
      else
        expected.push_back(uv);
    }
    ASSERT_EQ(kept.start[u + 1] - kept.start[u], expected.size()) << "links of " << u;
    for (size_t i = 0; i < expected.size(); ++i) {
      const geodesic_detail::Link& link = kept.links[kept.start[u] + i];
      EXPECT_EQ(link.target, expected[i].target) << u;
      EXPECT_EQ(std::memcmp(&link.length, &expected[i].length, sizeof(float)), 0) << u << " -> " << link.target;
    }
  }
  // Both outcomes occur, many times.
  EXPECT_GT(dropped, all.links.size() / 10);
  EXPECT_GT(kept.links.size(), all.links.size() / 3);
}

TEST(GeodesicCache, DamagedFilesAreRebuiltAndReplaced) {
  const fs::path dir = emptyCacheDir();
  const Mesh sphere = test::makeSphere(2, 1.0f);
  const GeodesicSolver reference(sphere, cachedIn(dir));
  const fs::path file = filesIn(dir).at(0);
  const std::string good = readBytes(file);

  std::string flipped = good;
  flipped[good.size() - 3] ^= 0x10;  // a link length in the payload
  std::string badHeader = good;
  badHeader[0] = 'X';
  const std::pair<std::string, std::string> damages[] = {
      {flipped, "checksum mismatch"},
      {good.substr(0, good.size() - 8), " bytes, not the size its header gives"},
      {good.substr(0, 40), "shorter than its header"},
      {"", "shorter than its header"},
      {badHeader, "not a mesomap link cache"},
      {good + "extra", " bytes, not the size its header gives"},
  };
  for (const auto& [bytes, why] : damages) {
    writeBytes(file, bytes);
    const GeodesicSolver rebuilt(sphere, cachedIn(dir));
    EXPECT_FALSE(rebuilt.stats().fromCache);
    EXPECT_NE(rebuilt.stats().cacheMiss.find(why), std::string::npos) << rebuilt.stats().cacheMiss;
    EXPECT_TRUE(rebuilt.stats().cacheWritten);
    expectSameDistances(reference, rebuilt, sphere);
    EXPECT_EQ(readBytes(file), good);  // rewritten whole
    EXPECT_TRUE(GeodesicSolver(sphere, cachedIn(dir)).stats().fromCache);
  }
}

TEST(GeodesicCache, AnotherFormatVersionIsRebuilt) {
  const fs::path dir = emptyCacheDir();
  const Mesh sphere = test::makeSphere(2, 1.0f);
  { const GeodesicSolver first(sphere, cachedIn(dir)); }
  const fs::path file = filesIn(dir).at(0);
  std::string bytes = readBytes(file);
  const uint32_t older = kLinkCacheVersion + 1;
  std::memcpy(bytes.data() + 8, &older, sizeof(older));  // the version follows the 8-byte magic
  writeBytes(file, bytes);

  const GeodesicSolver rebuilt(sphere, cachedIn(dir));
  EXPECT_FALSE(rebuilt.stats().fromCache);
  EXPECT_EQ(rebuilt.stats().cacheMiss,
            "format version " + std::to_string(older) + ", this build reads " + std::to_string(kLinkCacheVersion));
  EXPECT_TRUE(GeodesicSolver(sphere, cachedIn(dir)).stats().fromCache);
}

TEST(GeodesicCache, AnEditedMeshOrOtherOptionsGetTheirOwnFile) {
  const fs::path dir = emptyCacheDir();
  Mesh sphere = test::makeSphere(2, 1.0f);
  { const GeodesicSolver first(sphere, cachedIn(dir)); }
  GeodesicOptions wider = cachedIn(dir);
  wider.linkRadius = 4.0;
  EXPECT_FALSE(GeodesicSolver(sphere, wider).stats().fromCache);
  GeodesicOptions everyWindow = cachedIn(dir);
  everyWindow.coverSlack = 0.0;
  EXPECT_FALSE(GeodesicSolver(sphere, everyWindow).stats().fromCache);
  sphere.positions[5] *= 1.01f;
  EXPECT_FALSE(GeodesicSolver(sphere, cachedIn(dir)).stats().fromCache);
  sphere.positions[5] /= 1.01f;
  sphere.parts[0].isSkin = false;
  sphere.parts.push_back({"rest", uint32_t(sphere.triangleCount()), 0, true, glm::vec3(0.5f)});
  EXPECT_FALSE(GeodesicSolver(sphere, cachedIn(dir)).stats().fromCache);
  EXPECT_EQ(filesIn(dir).size(), 5u);
}

TEST(GeodesicCache, AStoppedBuildThrowsAndStoresNothing) {
  const fs::path dir = emptyCacheDir();
  const Mesh sphere = test::makeSphere(2, 1.0f);
  const std::atomic<bool> stop{true};
  GeodesicOptions options = cachedIn(dir);
  options.stop = &stop;
  EXPECT_THROW(GeodesicSolver(sphere, options), GeodesicBuildStopped);
  EXPECT_TRUE(!fs::exists(dir) || filesIn(dir).empty());
  // The same mesh and folder without the stop: a whole build, stored.
  options.stop = nullptr;
  const GeodesicSolver solver(sphere, options);
  EXPECT_TRUE(solver.stats().cacheWritten) << solver.stats().cacheMiss;
  EXPECT_GT(solver.stats().links, 0u);
}

TEST(GeodesicCache, WithoutADirectoryNothingIsReadOrWritten) {
  const Mesh sphere = test::makeSphere(2, 1.0f);
  GeodesicOptions options;
  options.threads = 1;
  const GeodesicSolver solver(sphere, options);
  EXPECT_FALSE(solver.stats().fromCache);
  EXPECT_FALSE(solver.stats().cacheWritten);
  EXPECT_EQ(solver.stats().cacheMiss, "");
}

TEST(GeodesicCache, AnUnwritableCacheStillGivesASolver) {
  const fs::path dir = emptyCacheDir();
  fs::create_directories(dir);
  writeBytes(dir / "a-file", "not a folder");
  const Mesh sphere = test::makeSphere(2, 1.0f);
  const GeodesicSolver solver(sphere, cachedIn(dir / "a-file" / "geodesic"));
  EXPECT_FALSE(solver.stats().cacheWritten);
  EXPECT_NE(solver.stats().cacheMiss.find("no file; not stored: "), std::string::npos) << solver.stats().cacheMiss;
  EXPECT_GT(solver.stats().links, 0u);
}

TEST(GeodesicCache, DirectoryComesFromTheEnvironment) {
  using test_support::ScopedVariable;
  {
    const ScopedVariable cache("MESOMAP_CACHE_DIR", "/tmp/mm-cache");
    EXPECT_EQ(geodesicCacheDirectory(), fs::path("/tmp/mm-cache/geodesic"));
  }
  {
    const ScopedVariable cache("MESOMAP_CACHE_DIR", "off");
    EXPECT_EQ(geodesicCacheDirectory(), std::nullopt);
  }
  const ScopedVariable noCache("MESOMAP_CACHE_DIR", nullptr);
  {
    const ScopedVariable xdg("XDG_CACHE_HOME", "/var/cache-home");
    EXPECT_EQ(geodesicCacheDirectory(), fs::path("/var/cache-home/mesomap/geodesic"));
  }
  {
    const ScopedVariable xdg("XDG_CACHE_HOME", "relative/ignored");
    const ScopedVariable home("HOME", "/home/trainee");
    EXPECT_EQ(geodesicCacheDirectory(), fs::path("/home/trainee/.cache/mesomap/geodesic"));
  }
  const ScopedVariable noXdg("XDG_CACHE_HOME", nullptr), noHome("HOME", nullptr);
  EXPECT_EQ(geodesicCacheDirectory(), std::nullopt);
}

TEST(GeodesicCache, TrimDeletesTheLeastRecentlyUsedFirst) {
  const fs::path dir = emptyCacheDir();
  fs::create_directories(dir);
  const auto now = fs::file_time_type::clock::now();
  const char* names[] = {"a.links", "d.links.tmp-123", "b.links", "c.links", "notes.txt"};
  for (int i = 0; i < 5; ++i) {
    writeBytes(dir / names[i], std::string(100, 'x'));
    fs::last_write_time(dir / names[i], now - std::chrono::hours(10 - i));
  }
  // "a" is the oldest but the one just written: it stays; the stale temporary and "b" go.
  geodesic_detail::trimLinkCache(dir, 250, dir / "a.links");
  EXPECT_TRUE(fs::exists(dir / "a.links"));
  EXPECT_FALSE(fs::exists(dir / "b.links"));
  EXPECT_TRUE(fs::exists(dir / "c.links"));
  EXPECT_FALSE(fs::exists(dir / "d.links.tmp-123"));
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));  // not ours
}

}  // namespace
}  // namespace mesomap
