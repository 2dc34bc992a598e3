// Large bodies (#17): the default body midpoint-subdivided (core/geometry/subdivide.h) and
// written as an OBJ with every triangle its own three corners, the way exporters split a body
// at UV seams, so loading it welds for real. Rows: the weld alone, the whole load, the landmark
// estimate, and the geodesic solver's setup (one thread and all), memory and cache file per
// skin triangle. Two levels (460k triangles) by default, MESOMAP_BENCH_LEVELS=3 for 1.84M;
// --quick uses one.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "bench/bench.h"
#include "core/body/landmark_estimator.h"
#include "core/geometry/bvh.h"
#include "core/geometry/geodesic.h"
#include "core/geometry/subdivide.h"
#include "core/import/assimp_import.h"
#include "core/import/model_loader.h"
#include "core/base/utf8_path.h"

namespace mesomap::bench {
namespace {

// One object per part, each triangle with its own corners (9 significant digits: floats
// round-trip exactly).
void writeSoupObj(const Mesh& mesh, const std::filesystem::path& path) {
  std::FILE* out = openFile(path, "w");
  if (!out) throw std::runtime_error("bench large: cannot write " + path.string());
  size_t written = 0;
  for (const MeshPart& part : mesh.parts) {
    std::fprintf(out, "o %s\n", part.name.c_str());
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t)
      for (int c = 0; c < 3; ++c) {
        const glm::vec3& p = mesh.positions[mesh.triangles[t][c]];
        std::fprintf(out, "v %.9g %.9g %.9g\n", p.x, p.y, p.z);
      }
    for (uint32_t t = 0; t < part.triangleCount; ++t, written += 3)
      std::fprintf(out, "f %zu %zu %zu\n", written + 1, written + 2, written + 3);
  }
  std::fclose(out);
}

int levelsWanted(const BenchArgs& args) {
  if (args.quick) return 1;
  const char* env = std::getenv("MESOMAP_BENCH_LEVELS");
  const int levels = env ? std::atoi(env) : 2;
  return levels >= 1 && levels <= 4 ? levels : 2;
}

}  // namespace

int runLargeBench(const BenchArgs& args) {
  const int levels = levelsWanted(args);
  const int runs = args.quick ? 1 : 3;
  Mesh dense = loadModel(args.model).mesh;
  for (int i = 0; i < levels; ++i) dense = subdivideMidpoint(dense);
  const std::filesystem::path obj =
      std::filesystem::temp_directory_path() / ("mesomap-bench-large-" + std::to_string(levels) + ".obj");
  writeSoupObj(dense, obj);

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const nlohmann::json base = {{"bench", "large"}, {"model", std::filesystem::path(args.model).filename().string()},
                               {"subdivisions", levels}, {"triangles", dense.triangleCount()}, {"file", obj.string()}};
  const auto row = [&](const char* metric, double ours, const char* unit, nlohmann::json extra = {}) {
    nlohmann::json r = base;
    r["metric"] = metric;
    r["ours"] = ours;
    r["peer"] = nullptr;
    r["unit"] = unit;
    for (auto& [key, value] : extra.items()) r[key] = value;
    emit(r);
  };

  // The weld alone, on the import of the OBJ (every corner its own vertex).
  const ImportedScene imported = importModelInProcess(obj);
  const float tolerance = glm::length(imported.mesh.bounds().size()) * 1e-7f;
  size_t removed = 0;
  const double weldMs = medianMilliseconds(runs, [&] {
    Mesh copy = imported.mesh;
    removed = weldVertices(copy, tolerance);
  });
  row("weld", weldMs, "ms", {{"vertices_in", imported.mesh.vertexCount()}, {"vertices_removed", removed}, {"runs", runs}});
  row("assimp_import_in_process", medianMilliseconds(runs, [&] { importModelInProcess(obj); }), "ms", {{"runs", runs}});
  LoadedModel loaded;
  row("load_model", medianMilliseconds(runs, [&] { loaded = loadModel(obj); }), "ms", {{"runs", runs}});

  Bvh skin;
  row("bvh_build", medianMilliseconds(1, [&] { skin = Bvh::build(loaded.mesh); }), "ms");
  row("landmark_estimate", medianMilliseconds(1, [&] { estimateLandmarks(loaded.mesh, skin); }), "ms");

  // Setup on one thread (as CGAL's heat method runs) and on every core; memory and the cache
  // file per skin triangle.
  GeodesicOptions one;
  one.threads = 1;
  const auto oneStart = std::chrono::steady_clock::now();
  { const GeodesicSolver single(loaded.mesh, one); }
  row("geodesic_setup", secondsSince(oneStart) * 1e3, "ms", {{"threads", 1}});
  GeodesicOptions all;
  all.threads = cores;
  all.cacheDirectory = std::filesystem::temp_directory_path() / "mesomap-bench-large-cache";
  std::filesystem::remove_all(*all.cacheDirectory);
  const auto allStart = std::chrono::steady_clock::now();
  const GeodesicSolver solver(loaded.mesh, all);
  row("geodesic_setup", secondsSince(allStart) * 1e3, "ms", {{"threads", cores}});
  const double skinTriangles = double(solver.stats().skinTriangles);
  const GeodesicSolver::Memory memory = solver.memory();
  uintmax_t fileBytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(*all.cacheDirectory)) fileBytes += entry.file_size();
  std::filesystem::remove_all(*all.cacheDirectory);
  row("geodesic_memory_per_triangle", double(memory.total()) / skinTriangles, "B",
      {{"skin_triangles", solver.stats().skinTriangles},
       {"topology", double(memory.topology) / skinTriangles},
       {"links", double(memory.links) / skinTriangles},
       {"other", double(memory.other) / skinTriangles}});
  row("geodesic_cache_file_per_triangle", double(fileBytes) / skinTriangles, "B", {{"file_bytes", fileBytes}});
  return 0;
}

}  // namespace mesomap::bench
