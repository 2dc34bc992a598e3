#pragma once
// Geodesic (along the skin) distances on the body, for position errors and point spacing.
//
// Build a GeodesicSolver once per mesh (or take the shared one from geodesicSolverFor) and
// query it many times. The build makes a graph of exact "links": a shortest path on a triangle
// mesh is straight except where it wraps around a bend vertex (saddle, border or non-manifold),
// so only bend vertices, plus a few relay vertices where bends are sparse (see below), run a
// window propagation of their own. Each such source follows straight paths only (no vertex
// re-emits) to the vertices within its link radius and links to them, in both directions, so
// every other vertex gets links to the sources around it without a propagation of its own.
// Chaining links reproduces exact distances up to a small error for straight stretches longer
// than the link radius (default body: about 0.30 % mean error against exact, worst vertices a
// few %). The build skips windows whose points a corner of their edge reaches nearly as short
// (coverSlack), and drops links that a two-link detour matches within pruneSlack. Every query
// end (a vertex or a point inside a face) joins the graph by exact local window propagation, so
// distances within the link radius of a query's source are exact.
//
// Relays: a non-bend vertex with fewer than five sources among its neighbours becomes one, so
// a straight stretch always passes close to sources; on a convex mesh (no bends at all) the
// relays are the only sources. On the default body 52 % of the skin vertices are bends and
// 85 % are sources.
//
// Only skin parts carry geodesics (eyes and other accessories are ignored); a point on another
// skin island, or off the skin, is unreachable.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.h"

namespace mesomap {

// A place on the body: a mesh vertex, or a point in a mesh triangle with the barycentrics of
// RayHit (position = (1 - u - v) * a + u * b + v * c).
struct GeodesicPoint {
  static constexpr uint32_t kNoVertex = std::numeric_limits<uint32_t>::max();
  uint32_t vertex = kNoVertex;
  uint32_t triangle = 0;  // index into Mesh::triangles, when vertex == kNoVertex
  glm::vec2 uv{0.0f};

  static GeodesicPoint atVertex(uint32_t v) { return {v, 0, {0.0f, 0.0f}}; }
  static GeodesicPoint onTriangle(uint32_t t, float u, float v) { return {kNoVertex, t, {u, v}}; }
};

struct GeodesicOptions {
  // How far each vertex links exactly, in multiples of its mean edge length. Larger is more
  // accurate, with a slower build and slower queries.
  double linkRadius = 3.0;
  // A link is dropped when a two-link detour is at most this fraction longer (0 keeps all).
  double pruneSlack = 0.002;
  // The build's propagation skips a window that a corner of its edge (a source whose own links
  // reach on) covers: every point of the window is reached through that corner at most this
  // fraction longer. The links it would have made are mostly ones pruning drops. 0 propagates
  // every window. Larger builds faster and chains a little less exactly; distances within a
  // query's link radius stay exact (docs/benchmarks.md, "Covered windows").
  double coverSlack = 0.08;
  // Threads for the build; 0 uses every core.
  unsigned threads = 0;
  // Where to keep the built link graph between processes (geodesic_cache.h); unset builds
  // every time. A cached graph gives the same distances, bit for bit, as a fresh build.
  std::optional<std::filesystem::path> cacheDirectory;
  // Set by the owner to abandon a build in progress (a body replaced while its solver builds):
  // the build stops between batches of sources and throws GeodesicBuildStopped, storing nothing.
  // Once set it must stay set until the build has ended. Only the build reads it.
  const std::atomic<bool>* stop = nullptr;
};

// Thrown by a GeodesicSolver build whose GeodesicOptions::stop was set.
struct GeodesicBuildStopped : std::runtime_error {
  GeodesicBuildStopped() : std::runtime_error("geodesic build stopped") {}
};

class GeodesicSolver {
 public:
  static constexpr float kUnreachable = std::numeric_limits<float>::infinity();

  struct Stats {
    size_t skinVertices = 0;
    size_t skinTriangles = 0;
    size_t saddleVertices = 0;  // angle sum above 2 pi
    size_t bendVertices = 0;    // saddles plus border / non-manifold vertices
    size_t sourceVertices = 0;  // vertices that ran a link propagation: bends plus relays
    size_t boundaryEdges = 0;
    size_t nonManifoldEdges = 0;  // more than two skin triangles on one edge: not unfolded across
    size_t links = 0;             // directed graph edges
    size_t linkWindows = 0;       // windows the link build propagated (0 when read from the cache)
    // Where a fresh build's time went (wall seconds): the sources' propagations, gathering their
    // links into lists, and pruning.
    double propagationSeconds = 0.0, gatheringSeconds = 0.0, pruningSeconds = 0.0;
    double buildSeconds = 0.0;    // or the time to read the cached links
    // With a cache directory: whether the links came from it, and otherwise why not ("no
    // file", "checksum mismatch", ...) and whether the fresh build was stored.
    bool fromCache = false;
    std::string cacheMiss;
    bool cacheWritten = false;
  };

  explicit GeodesicSolver(const Mesh& mesh, const GeodesicOptions& options = {});
  ~GeodesicSolver();
  GeodesicSolver(const GeodesicSolver&) = delete;
  GeodesicSolver& operator=(const GeodesicSolver&) = delete;

  // Distance from `source` to every mesh vertex, in metres; kUnreachable off the source's
  // skin island. Thread-safe.
  std::vector<float> distanceField(const GeodesicPoint& source) const;
  void distanceField(const GeodesicPoint& source, std::vector<float>& out) const;

  // Distances from `source` to the vertices within maxDistance of it (metres), for local work
  // (coverage discs, zones) that must not pay for a whole-body field. Vertices just past
  // maxDistance may be included with an upper bound of their distance; all others are absent.
  // Cost grows with the number of vertices inside the ball, not with the mesh. Thread-safe.
  std::vector<std::pair<uint32_t, float>> distancesWithin(const GeodesicPoint& source, float maxDistance) const;

  // distancesWithin(source, maxDistance) and, for each target t within the link radius of the
  // source, distance(t, source), from one window propagation where those take one each; the
  // same values bit for bit. For scoring, whose coverage field at a trainee point then also
  // gives that point's distances to the nearby references and trainee points.
  struct LocalQuery {
    std::vector<std::pair<uint32_t, float>> within;
    // Per target: distance(target, source), or nullopt where this propagation does not settle
    // it (farther than the link radius, another skin island): ask distance().
    std::vector<std::optional<float>> toTargets;
  };
  LocalQuery localQuery(const GeodesicPoint& source, float maxDistance,
                        const std::vector<GeodesicPoint>& targets) const;

  // The value at any surface point of the field computed from `source` (exact local
  // propagation to the nearby vertices, or to the source itself when it is that close).
  float fieldAt(const std::vector<float>& field, const GeodesicPoint& source, const GeodesicPoint& point) const;

  // Point-to-point distance: exact within the link radius, otherwise an A* search over the
  // links that stops once the target is settled, so nearby pairs cost far less than a field.
  // nullopt when no skin path joins them.
  std::optional<float> distance(const GeodesicPoint& a, const GeodesicPoint& b) const;

  // The exact polyhedral distance by window propagation from `a` until `b` is settled; slower
  // (tens of milliseconds across the body), for validation and short distances.
  std::optional<float> exactDistance(const GeodesicPoint& a, const GeodesicPoint& b) const;

  const Stats& stats() const;
  size_t vertexCount() const;
  // Whether `vertex` ran a link propagation in the build (a bend or relay vertex).
  bool propagatesLinks(uint32_t vertex) const;

  // What the solver holds in memory, in bytes.
  struct Memory {
    size_t topology = 0;      // the skin's connectivity, edge lengths and angles
    size_t links = 0;         // the link graph (what the disk cache stores)
    size_t other = 0;         // positions for the A* bound
    size_t queryScratch = 0;  // window propagators kept for queries (one per concurrent query)
    size_t total() const { return topology + links + other + queryScratch; }
  };
  Memory memory() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The solver for `mesh`, built on first request and shared afterwards. Keyed by the mesh's
// address and a hash of its positions, triangles and skin parts, so an edited mesh gets a
// fresh solver. Holds the few most recent meshes. Without options.cacheDirectory it uses the
// user's cache (geodesicCacheDirectory()), so a later process on the same body reads the links.
std::shared_ptr<const GeodesicSolver> geodesicSolverFor(const Mesh& mesh, const GeodesicOptions& options = {});

// How many builds GeodesicOptions::stop has ended in this process (for tests and diagnostics).
size_t geodesicBuildsStopped();

}  // namespace mesomap
