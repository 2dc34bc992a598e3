// Geodesic distances: our GeodesicSolver against CGAL's heat method (Heat_method_3, both the
// intrinsic-Delaunay and the direct variant), with CGAL's exact Surface_mesh_shortest_path as
// ground truth, on the skin of the default body.
//
// "query" is one full single-source distance field to every skin vertex, the work CGAL's heat
// method does per source after its precomputation (clear_sources + add_source +
// estimate_geodesic_distances); "setup" is each side's per-mesh precomputation. Errors are
// relative to the exact distance over all skin vertices at least 1 cm from the source.
// "point_query" is our point-to-point distance between random surface points 1-30 cm apart
// (clinical range), which stops as soon as the target is settled.
#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Heat_method_3/Surface_mesh_geodesic_distances_3.h>
#include <CGAL/Surface_mesh.h>
#include <CGAL/Surface_mesh_shortest_path.h>

#include "bench/bench.h"
#include "core/geometry/geodesic.h"
#include "core/import/model_loader.h"

namespace mesomap::bench {
namespace {

using Kernel = CGAL::Exact_predicates_inexact_constructions_kernel;
using CgalMesh = CGAL::Surface_mesh<Kernel::Point_3>;
using CgalVertex = CgalMesh::Vertex_index;
using CgalFace = CgalMesh::Face_index;
using ExactPaths = CGAL::Surface_mesh_shortest_path<CGAL::Surface_mesh_shortest_path_traits<Kernel, CgalMesh>>;
using HeatIdt =
    CGAL::Heat_method_3::Surface_mesh_geodesic_distances_3<CgalMesh, CGAL::Heat_method_3::Intrinsic_Delaunay>;
using HeatDirect = CGAL::Heat_method_3::Surface_mesh_geodesic_distances_3<CgalMesh, CGAL::Heat_method_3::Direct>;

constexpr double kNearSource = 0.01;  // metres; closer vertices are left out of relative errors
constexpr uint32_t kSeed = 20240611;

double msSince(std::chrono::steady_clock::time_point start) { return secondsSince(start) * 1e3; }
// Process CPU time: on a shared machine the quieter measure of one-thread work.
double cpuMsSince(std::clock_t start) { return double(std::clock() - start) * 1e3 / CLOCKS_PER_SEC; }

// The skin triangles as a CGAL Surface_mesh, vertex for vertex.
struct CgalSkin {
  CgalMesh mesh;
  std::vector<CgalVertex> vertexOf;    // by Mesh vertex; only skin vertices are valid
  std::vector<CgalFace> faceOf;        // by Mesh triangle; null_face() when not added
  std::vector<uint32_t> skinVertices;  // Mesh ids of the vertices CGAL holds
  size_t skippedTriangles = 0;
};

CgalSkin buildCgalSkin(const Mesh& mesh) {
  CgalSkin skin;
  skin.vertexOf.assign(mesh.vertexCount(), CgalVertex());
  skin.faceOf.assign(mesh.triangleCount(), CgalMesh::null_face());
  std::vector<uint8_t> used(mesh.vertexCount(), 0);
  for (uint32_t t = 0; t < mesh.triangleCount(); ++t)
    if (mesh.isSkinTriangle(t))
      for (int c = 0; c < 3; ++c) used[mesh.triangles[t][c]] = 1;
  for (uint32_t v = 0; v < mesh.vertexCount(); ++v) {
    if (!used[v]) continue;
    const glm::vec3& p = mesh.positions[v];
    skin.vertexOf[v] = skin.mesh.add_vertex(Kernel::Point_3(p.x, p.y, p.z));
    skin.skinVertices.push_back(v);
  }
  for (uint32_t t = 0; t < mesh.triangleCount(); ++t) {
    if (!mesh.isSkinTriangle(t)) continue;
    const glm::uvec3& tri = mesh.triangles[t];
    // add_face refuses triangles that would make the mesh non-manifold or flip orientation.
    skin.faceOf[t] = tri.x == tri.y || tri.y == tri.z || tri.x == tri.z
                         ? CgalMesh::null_face()
                         : skin.mesh.add_face(skin.vertexOf[tri.x], skin.vertexOf[tri.y], skin.vertexOf[tri.z]);
    if (skin.faceOf[t] == CgalMesh::null_face()) skin.skippedTriangles++;
  }
  return skin;
}

// CGAL's face location for our (triangle, u, v): its barycentrics follow the face's own
// halfedge order, not ours.
ExactPaths::Face_location cgalLocation(const CgalSkin& skin, const Mesh& mesh, const GeodesicPoint& p) {
  const CgalFace f = skin.faceOf[p.triangle];
  const glm::uvec3& tri = mesh.triangles[p.triangle];
  const double weights[3] = {1.0 - p.uv.x - p.uv.y, p.uv.x, p.uv.y};
  const auto weightOf = [&](CgalVertex v) {
    for (int c = 0; c < 3; ++c)
      if (skin.vertexOf[tri[c]] == v) return weights[c];
    return 0.0;
  };
  const auto h = skin.mesh.halfedge(f);
  const auto n = skin.mesh.next(h);
  ExactPaths::Barycentric_coordinates b = {weightOf(skin.mesh.source(h)), weightOf(skin.mesh.target(h)),
                                           weightOf(skin.mesh.target(n))};
  return {f, b};
}

struct ErrorStats {
  double sum = 0.0;
  double max = 0.0;
  size_t count = 0;
  void add(double value, double truth) {
    const double e = std::abs(value - truth) / truth;
    sum += e;
    max = std::max(max, e);
    ++count;
  }
  double meanPercent() const { return count ? 100.0 * sum / double(count) : 0.0; }
  double maxPercent() const { return 100.0 * max; }
};

// A random point inside a random skin triangle around vertex `v`.
GeodesicPoint pointNear(const Mesh& mesh, const std::vector<std::vector<uint32_t>>& trianglesOf, uint32_t v,
                        std::mt19937& rng) {
  const auto& around = trianglesOf[v];
  const uint32_t t = around[rng() % around.size()];
  std::uniform_real_distribution<float> unit(0.02f, 0.98f);
  float u = unit(rng), w = unit(rng);
  if (u + w > 0.98f) {
    u = 0.98f - u;
    w = 0.98f - w;
  }
  return GeodesicPoint::onTriangle(t, std::max(u, 0.01f), std::max(w, 0.01f));
}

// `value` from the environment variable `name` when it is set and within [low, high].
void optionFromEnvironment(const char* name, double low, double high, double& value) {
  const char* env = std::getenv(name);
  if (!env) return;
  const double parsed = std::atof(env);
  if (parsed >= low && parsed <= high)
    value = parsed;
  else
    std::fprintf(stderr, "bench geodesic: %s=%s is outside %g..%g; using %g\n", name, env, low, high, value);
}

// GeodesicOptions with MESOMAP_BENCH_LINK_RADIUS (multiples of the mean edge length, 1-6) and
// MESOMAP_BENCH_COVER_SLACK (0-0.5) when set, to measure what each saves in setup and costs in
// accuracy.
GeodesicOptions benchOptions() {
  GeodesicOptions options;
  optionFromEnvironment("MESOMAP_BENCH_LINK_RADIUS", 1.0, 6.0, options.linkRadius);
  optionFromEnvironment("MESOMAP_BENCH_COVER_SLACK", 0.0, 0.5, options.coverSlack);
  return options;
}

// Each side's per-mesh precomputation. Ours on every core (what a user waits for) and on one
// thread, the like-for-like row: CGAL's heat method factorises with Eigen on one thread.
struct SetupTimes {
  unsigned cores = 1;
  double oursMs = 0.0, oursOneThreadMs = 0.0, oursOneThreadCpuMs = 0.0;
  double idtMs = 0.0, idtCpuMs = 0.0, directMs = 0.0;
  // The one-thread builds' CPU times, each in a process of its own (see timeApart): the first
  // build there, and a second one after an untimed first.
  std::vector<double> oursApartCpuMs, idtApartCpuMs, oursWarmCpuMs, idtWarmCpuMs;
  bool apart = false;
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0.0 : values[values.size() / 2];
}

#if defined(__unix__) || defined(__APPLE__)
// The CPU time of `build` run in a forked copy of this process, so that it starts from the heap
// this process has now, whatever earlier builds left behind: timed in one process after our
// builds, CGAL's heat setup took half again as long as after other allocation patterns. With
// `warm`, the child builds once untimed and times a second build, which reuses the pages its
// first one touched (what a process that built before pays). Negative when the child failed.
template <typename F>
double cpuMsInOwnProcess(bool warm, F&& build) {
  int fds[2];
  if (pipe(fds) != 0) return -1.0;
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1.0;
  }
  if (pid == 0) {
    // The child never returns into the parent's code: an exception would run the rest of the
    // bench twice and flush the parent's buffered output again.
    try {
      close(fds[0]);
      if (warm) build();
      const std::clock_t start = std::clock();
      build();
      const double ms = cpuMsSince(start);
      const bool sent = write(fds[1], &ms, sizeof ms) == ssize_t(sizeof ms);
      _exit(sent ? 0 : 1);
    } catch (...) {
      _exit(2);
    }
  }
  close(fds[1]);
  double ms = -1.0;
  if (read(fds[0], &ms, sizeof ms) != ssize_t(sizeof ms)) ms = -1.0;
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1.0;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? ms : -1.0;
}
#endif

// Both one-thread setups, `rounds` times each, alternated and each in a fresh process forked
// from the same state (the model and CGAL's mesh loaded, no solver built yet; a whole
// `mesomap-bench` run has run the pick bench before): the like-for-like figure, free of one
// side's heap state slowing the other.
void timeApart(const Mesh& mesh, const CgalSkin& skin, int rounds, SetupTimes& setup) {
#if defined(__unix__) || defined(__APPLE__)
  GeodesicOptions oneThread = benchOptions();
  oneThread.threads = 1;
  for (int round = 0; round < rounds; ++round) {
    for (const bool warm : {false, true}) {
      const double ours = cpuMsInOwnProcess(warm, [&] { const GeodesicSolver solver(mesh, oneThread); });
      const double idt = cpuMsInOwnProcess(warm, [&] { const HeatIdt heat(skin.mesh); });
      if (ours < 0.0 || idt < 0.0) {
        std::fprintf(stderr, "bench geodesic: a setup process failed; no separate-process rows\n");
        return;
      }
      (warm ? setup.oursWarmCpuMs : setup.oursApartCpuMs).push_back(ours);
      (warm ? setup.idtWarmCpuMs : setup.idtApartCpuMs).push_back(idt);
    }
  }
  setup.apart = true;
#else
  (void)mesh, (void)skin, (void)rounds, (void)setup;
#endif
}

// Fields from random sources against both heat variants and the exact distances, then point to
// point queries from near each source to its clinical range.
struct QueryResults {
  double oursMs = 0.0, idtMs = 0.0, directMs = 0.0;  // summed over sources
  double pointMs = 0.0, exactPointMs = 0.0;          // summed over point queries
  size_t pointQueries = 0;
  ErrorStats ours, idt, direct, point, exactPoint;
};

struct HeatSolvers {
  HeatIdt& idt;
  HeatDirect& direct;
  CgalMesh::Property_map<CgalVertex, double> idtDistances, directDistances;
};

// The exact distances from `source` over CGAL's skin: adds the errors of every side's field and
// returns the vertices in the clinical range (1-30 cm).
std::vector<uint32_t> addFieldErrors(const CgalSkin& skin, uint32_t source, const std::vector<float>& field,
                                     const HeatSolvers& heat, QueryResults& out) {
  ExactPaths exact(skin.mesh);
  exact.add_source_point(skin.vertexOf[source]);
  exact.build_sequence_tree();
  std::vector<uint32_t> clinical;
  for (uint32_t v : skin.skinVertices) {
    const double truth = exact.shortest_distance_to_source_points(skin.vertexOf[v]).first;
    if (truth < kNearSource) continue;
    if (truth <= 0.30) clinical.push_back(v);
    out.ours.add(field[v], truth);
    out.idt.add(get(heat.idtDistances, skin.vertexOf[v]), truth);
    out.direct.add(get(heat.directDistances, skin.vertexOf[v]), truth);
  }
  return clinical;
}

// Point to point between a surface point near `source` and points near clinical-range vertices.
void addPointQueries(const Mesh& mesh, const CgalSkin& skin, const std::vector<std::vector<uint32_t>>& trianglesOf,
                     const GeodesicSolver& solver, uint32_t source, const std::vector<uint32_t>& clinical, int pairs,
                     std::mt19937& rng, QueryResults& out) {
  const GeodesicPoint a = pointNear(mesh, trianglesOf, source, rng);
  ExactPaths exactFromA(skin.mesh);
  exactFromA.add_source_point(cgalLocation(skin, mesh, a));
  exactFromA.build_sequence_tree();
  for (int q = 0; q < pairs && !clinical.empty(); ++q) {
    const GeodesicPoint b = pointNear(mesh, trianglesOf, clinical[rng() % clinical.size()], rng);
    const auto locationB = cgalLocation(skin, mesh, b);
    const double truth = exactFromA.shortest_distance_to_source_points(locationB.first, locationB.second).first;
    if (truth < kNearSource) continue;
    auto start = std::chrono::steady_clock::now();
    const std::optional<float> d = solver.distance(a, b);
    out.pointMs += msSince(start);
    start = std::chrono::steady_clock::now();
    const std::optional<float> e = solver.exactDistance(a, b);
    out.exactPointMs += msSince(start);
    ++out.pointQueries;
    out.point.add(d.value_or(GeodesicSolver::kUnreachable), truth);
    out.exactPoint.add(e.value_or(GeodesicSolver::kUnreachable), truth);
  }
}

QueryResults runQueries(const Mesh& mesh, const CgalSkin& skin, const GeodesicSolver& solver, HeatSolvers& heat,
                        int sourceCount, int pairsPerSource) {
  std::vector<std::vector<uint32_t>> trianglesOf(mesh.vertexCount());
  for (uint32_t t = 0; t < mesh.triangleCount(); ++t)
    if (skin.faceOf[t] != CgalMesh::null_face())
      for (int c = 0; c < 3; ++c) trianglesOf[mesh.triangles[t][c]].push_back(t);
  std::mt19937 rng(kSeed);
  std::vector<float> field;
  QueryResults out;
  for (int s = 0; s < sourceCount; ++s) {
    const uint32_t source = skin.skinVertices[rng() % skin.skinVertices.size()];
    // Interleaved, so machine noise hits every side alike.
    auto start = std::chrono::steady_clock::now();
    solver.distanceField(GeodesicPoint::atVertex(source), field);
    out.oursMs += msSince(start);
    start = std::chrono::steady_clock::now();
    heat.idt.clear_sources();
    heat.idt.add_source(skin.vertexOf[source]);
    heat.idt.estimate_geodesic_distances(heat.idtDistances);
    out.idtMs += msSince(start);
    start = std::chrono::steady_clock::now();
    heat.direct.clear_sources();
    heat.direct.add_source(skin.vertexOf[source]);
    heat.direct.estimate_geodesic_distances(heat.directDistances);
    out.directMs += msSince(start);
    const std::vector<uint32_t> clinical = addFieldErrors(skin, source, field, heat, out);
    addPointQueries(mesh, skin, trianglesOf, solver, source, clinical, pairsPerSource, rng, out);
  }
  return out;
}

// Bytes per skin triangle the solver holds (no peer figure: CGAL's factorisation is not
// exposed; the links are also what the disk cache stores), and what the build made: how many
// vertices ran a link propagation, and the links kept.
void emitSolverRows(const GeodesicSolver& solver, const nlohmann::json& base) {
  const GeodesicSolver::Memory memory = solver.memory();
  const double skinTriangles = double(solver.stats().skinTriangles);
  nlohmann::json mem = base;
  mem.update({{"metric", "memory_per_triangle"},
              {"ours", double(memory.total()) / skinTriangles},
              {"peer", nullptr},
              {"unit", "B"},
              {"topology", double(memory.topology) / skinTriangles},
              {"links", double(memory.links) / skinTriangles},
              {"other", double(memory.other) / skinTriangles},
              {"query_scratch", double(memory.queryScratch) / skinTriangles}});
  emit(mem);
  const GeodesicSolver::Stats& stats = solver.stats();
  nlohmann::json graph = base;
  graph.update({{"metric", "link_graph"},
                {"skin_vertices", stats.skinVertices},
                {"bend_vertices", stats.bendVertices},
                {"source_vertices", stats.sourceVertices},
                {"links", stats.links},
                {"link_windows", stats.linkWindows},
                {"propagation_ms", stats.propagationSeconds * 1e3},
                {"gathering_ms", stats.gatheringSeconds * 1e3},
                {"pruning_ms", stats.pruningSeconds * 1e3},
                {"peer", nullptr}});
  emit(graph);
}

void emitRows(const GeodesicSolver& solver, const nlohmann::json& base, const SetupTimes& setup, const QueryResults& q,
              int sourceCount) {
  const auto row = [&](const char* metric, double ours, const char* peer, double peerValue, const char* unit,
                       nlohmann::json extra = {}) {
    nlohmann::json r = base;
    for (auto& [key, value] : extra.items()) r[key] = value;
    r["metric"] = metric;
    r["ours"] = ours;
    r["peer"] = peer;
    r["peer_value"] = peerValue;
    r["ratio"] = peerValue != 0.0 ? ours / peerValue : 0.0;
    r["unit"] = unit;
    emit(r);
  };
  const double n = sourceCount;
  // "cgal-heat" is the intrinsic-Delaunay variant (CGAL's more accurate one); the direct
  // variant follows as "cgal-heat-direct".
  row("query", q.oursMs / n, "cgal-heat", q.idtMs / n, "ms");
  const nlohmann::json allThreads = {{"ours_threads", setup.cores}, {"peer_threads", 1}};
  const nlohmann::json equalThreads = {{"ours_threads", 1}, {"peer_threads", 1}};
  row("setup", setup.oursMs, "cgal-heat", setup.idtMs, "ms", allThreads);
  row("setup_one_thread", setup.oursOneThreadMs, "cgal-heat", setup.idtMs, "ms", equalThreads);
  row("setup_one_thread", setup.oursOneThreadMs, "cgal-heat-direct", setup.directMs, "ms", equalThreads);
  if (setup.apart) {
    // The like-for-like figure: medians of alternated builds, each in a process of its own.
    for (const bool warm : {false, true}) {
      const std::vector<double>& ours = warm ? setup.oursWarmCpuMs : setup.oursApartCpuMs;
      const std::vector<double>& peer = warm ? setup.idtWarmCpuMs : setup.idtApartCpuMs;
      nlohmann::json apart = equalThreads;
      apart.update({{"processes", "separate"},
                    {"build", warm ? "second in its process" : "first in its process"},
                    {"ours_runs", ours},
                    {"peer_runs", peer}});
      row("setup_one_thread_cpu", median(ours), "cgal-heat", median(peer), "ms", apart);
    }
  } else {
    nlohmann::json same = equalThreads;
    same["processes"] = "same";
    row("setup_one_thread_cpu", setup.oursOneThreadCpuMs, "cgal-heat", setup.idtCpuMs, "ms", same);
  }
  row("mean_rel_error", q.ours.meanPercent(), "cgal-heat", q.idt.meanPercent(), "%");
  row("max_rel_error", q.ours.maxPercent(), "cgal-heat", q.idt.maxPercent(), "%");
  row("query", q.oursMs / n, "cgal-heat-direct", q.directMs / n, "ms");
  row("setup", setup.oursMs, "cgal-heat-direct", setup.directMs, "ms", allThreads);
  row("mean_rel_error", q.ours.meanPercent(), "cgal-heat-direct", q.direct.meanPercent(), "%");
  row("max_rel_error", q.ours.maxPercent(), "cgal-heat-direct", q.direct.maxPercent(), "%");
  emitSolverRows(solver, base);
  if (q.pointQueries > 0) {
    // Our point-to-point query (1-30 cm apart) against a heat-method field, the least CGAL's
    // heat method needs for one distance; then our exact window propagation for the same pairs.
    const double pairs = double(q.pointQueries);
    row("point_query", q.pointMs / pairs, "cgal-heat", q.idtMs / n, "ms");
    row("point_mean_rel_error", q.point.meanPercent(), "cgal-heat", q.idt.meanPercent(), "%");
    row("exact_point_query", q.exactPointMs / pairs, "cgal-heat", q.idtMs / n, "ms");
    row("exact_point_mean_rel_error", q.exactPoint.meanPercent(), "cgal-heat", q.idt.meanPercent(), "%");
  }
}

}  // namespace

int runGeodesicBench(const BenchArgs& args) {
  const LoadedModel model = loadModel(args.model);
  const Mesh& mesh = model.mesh;
  const std::string modelName = std::filesystem::path(args.model).filename().string();
  const int sourceCount = args.quick ? 3 : 24;
  const int pairsPerSource = args.quick ? 3 : 5;

  CgalSkin skin = buildCgalSkin(mesh);
  if (skin.skippedTriangles > 0)
    std::fprintf(stderr, "bench geodesic: CGAL refused %zu non-manifold skin triangles; they are left out there\n",
                 skin.skippedTriangles);
  SetupTimes setup;
  // Before either solver is built here: the forked builds start from the same state.
  timeApart(mesh, skin, args.quick ? 3 : 5, setup);
  setup.cores = std::max(1u, std::thread::hardware_concurrency());
  GeodesicOptions allCores = benchOptions();
  allCores.threads = setup.cores;
  auto start = std::chrono::steady_clock::now();
  const GeodesicSolver solver(mesh, allCores);
  setup.oursMs = msSince(start);
  GeodesicOptions oneThread = benchOptions();
  oneThread.threads = 1;
  start = std::chrono::steady_clock::now();
  std::clock_t cpuStart = std::clock();
  { const GeodesicSolver single(mesh, oneThread); }
  setup.oursOneThreadCpuMs = cpuMsSince(cpuStart);
  setup.oursOneThreadMs = msSince(start);

  start = std::chrono::steady_clock::now();
  cpuStart = std::clock();
  HeatIdt heatIdt(skin.mesh);
  setup.idtCpuMs = cpuMsSince(cpuStart);
  setup.idtMs = msSince(start);
  start = std::chrono::steady_clock::now();
  HeatDirect heatDirect(skin.mesh);
  setup.directMs = msSince(start);
  HeatSolvers heat{heatIdt, heatDirect, skin.mesh.add_property_map<CgalVertex, double>("v:heat_idt", 0.0).first,
                   skin.mesh.add_property_map<CgalVertex, double>("v:heat_direct", 0.0).first};

  const QueryResults queries = runQueries(mesh, skin, solver, heat, sourceCount, pairsPerSource);
  const nlohmann::json base = {{"bench", "geodesic"},
                               {"model", modelName},
                               {"triangles", solver.stats().skinTriangles},
                               {"link_radius", allCores.linkRadius},
                               {"cover_slack", allCores.coverSlack}};
  emitRows(solver, base, setup, queries, sourceCount);
  return 0;
}

}  // namespace mesomap::bench
