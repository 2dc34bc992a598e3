// Picking speed: our BVH against Embree 3 in the same process, on the default body and on a
// subdivided copy of it with at least a million triangles. Build time and single-ray latency.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <random>
#include <vector>

#include <embree3/rtcore.h>

#include "bench/bench.h"
#include "core/base/error.h"
#include "core/geometry/bvh.h"
#include "core/geometry/subdivide.h"
#include "core/import/model_loader.h"

namespace mesomap::bench {
namespace {

constexpr uint32_t kMiss = std::numeric_limits<uint32_t>::max();
constexpr float kInfinity = std::numeric_limits<float>::infinity();

// Rays from random points on a sphere around the body toward random points inside its box,
// so most of them hit; unit directions, fixed seed.
std::vector<Ray> makeRays(const Mesh& mesh, size_t count, uint32_t seed) {
  const Bounds box = mesh.bounds();
  const glm::vec3 center = box.center();
  const float radius = glm::length(box.size());
  std::mt19937 rng(seed);
  std::normal_distribution<float> gauss;
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  std::vector<Ray> rays(count);
  for (Ray& ray : rays) {
    glm::vec3 onSphere(gauss(rng), gauss(rng), gauss(rng));
    onSphere = glm::normalize(onSphere + glm::vec3(1e-9f));
    const glm::vec3 target = box.min + glm::vec3(unit(rng), unit(rng), unit(rng)) * box.size();
    ray.origin = center + radius * onSphere;
    ray.direction = glm::normalize(target - ray.origin);
  }
  return rays;
}

struct Hits {
  std::vector<uint32_t> triangle;
  std::vector<float> t;
  explicit Hits(size_t n) : triangle(n, kMiss), t(n, kInfinity) {}
};

class EmbreeScene {
 public:
  EmbreeScene() : device_(rtcNewDevice(nullptr)) {
    if (!device_) throw Error(ErrorKind::Render, "Embree: rtcNewDevice failed");
  }
  ~EmbreeScene() {
    if (scene_) rtcReleaseScene(scene_);
    rtcReleaseDevice(device_);
  }
  EmbreeScene(const EmbreeScene&) = delete;
  EmbreeScene& operator=(const EmbreeScene&) = delete;

  // Shares the caller's buffers, as an app would; the vertex buffer has Embree's tail padding.
  void build(const std::vector<float>& vertices, size_t vertexCount, const Mesh& mesh) {
    if (scene_) rtcReleaseScene(scene_);
    scene_ = rtcNewScene(device_);
    rtcSetSceneBuildQuality(scene_, RTC_BUILD_QUALITY_MEDIUM);
    RTCGeometry geometry = rtcNewGeometry(device_, RTC_GEOMETRY_TYPE_TRIANGLE);
    rtcSetGeometryBuildQuality(geometry, RTC_BUILD_QUALITY_MEDIUM);
    rtcSetSharedGeometryBuffer(geometry, RTC_BUFFER_TYPE_VERTEX, 0, RTC_FORMAT_FLOAT3, vertices.data(), 0,
                               3 * sizeof(float), vertexCount);
    rtcSetSharedGeometryBuffer(geometry, RTC_BUFFER_TYPE_INDEX, 0, RTC_FORMAT_UINT3, mesh.triangles.data(), 0,
                               sizeof(glm::uvec3), mesh.triangles.size());
    rtcCommitGeometry(geometry);
    rtcAttachGeometry(scene_, geometry);
    rtcReleaseGeometry(geometry);
    rtcCommitScene(scene_);
  }

  // Triangle and distance of the nearest hit; also its geometric normal (Embree's Ng: the
  // winding's cross product, not normalised), which rtcIntersect1 always fills in.
  void intersect(const Ray& ray, uint32_t& triangle, float& t, glm::vec3* geometricNormal = nullptr) const {
    const RTCRayHit rh = cast(ray);
    if (rh.hit.geomID == RTC_INVALID_GEOMETRY_ID) return;
    triangle = rh.hit.primID, t = rh.ray.tfar;
    if (geometricNormal) *geometricNormal = glm::vec3(rh.hit.Ng_x, rh.hit.Ng_y, rh.hit.Ng_z);
  }

  // What an app on Embree would do for the normal a pick needs: rtcIntersect1, then the
  // vertex normals of the hit triangle through the mesh's index buffer, interpolated and
  // normalised as Bvh::intersect() does. Returns false on a miss.
  bool intersectWithNormal(const Ray& ray, const Mesh& mesh, glm::vec3& normal) const {
    const RTCRayHit rh = cast(ray);
    if (rh.hit.geomID == RTC_INVALID_GEOMETRY_ID) return false;
    const glm::uvec3& tri = mesh.triangles[rh.hit.primID];
    const float u = rh.hit.u, v = rh.hit.v;
    const glm::vec3 n = (1.0f - u - v) * mesh.normals[tri.x] + u * mesh.normals[tri.y] + v * mesh.normals[tri.z];
    const float length = glm::length(n);
    normal = length > 1e-12f ? n / length : glm::vec3(0.0f, 1.0f, 0.0f);
    return true;
  }

 private:
  // One rtcIntersect1 from the ray's origin to infinity; geomID stays invalid on a miss.
  RTCRayHit cast(const Ray& ray) const {
    RTCIntersectContext context;
    rtcInitIntersectContext(&context);
    RTCRayHit rh;
    rh.ray.org_x = ray.origin.x, rh.ray.org_y = ray.origin.y, rh.ray.org_z = ray.origin.z;
    rh.ray.dir_x = ray.direction.x, rh.ray.dir_y = ray.direction.y, rh.ray.dir_z = ray.direction.z;
    rh.ray.tnear = 0.0f;
    rh.ray.tfar = kInfinity;
    rh.ray.time = 0.0f;
    rh.ray.mask = 0xffffffffu;
    rh.ray.id = 0;
    rh.ray.flags = 0;
    rh.hit.geomID = RTC_INVALID_GEOMETRY_ID;
    rh.hit.instID[0] = RTC_INVALID_GEOMETRY_ID;
    rtcIntersect1(scene_, &context, &rh);
    return rh;
  }

  RTCDevice device_ = nullptr;
  RTCScene scene_ = nullptr;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// A miss on one side only, or different triangles at clearly different distances (a ray
// through a shared edge may pick either triangle at the same t).
size_t countMismatches(const Hits& a, const Hits& b) {
  size_t mismatches = 0;
  for (size_t i = 0; i < a.triangle.size(); ++i) {
    const bool hitA = a.triangle[i] != kMiss, hitB = b.triangle[i] != kMiss;
    if (hitA != hitB) {
      ++mismatches;
    } else if (hitA && a.triangle[i] != b.triangle[i] &&
               std::abs(a.t[i] - b.t[i]) > 1e-5f * std::max(1.0f, std::abs(b.t[i]))) {
      ++mismatches;
    }
  }
  return mismatches;
}

void benchModel(const std::string& modelName, int subdivisions, const Mesh& mesh, size_t rayCount, int buildRepeats) {
  const size_t triangles = mesh.triangleCount();
  std::fprintf(stderr, "pick: %s, %zu triangles, %zu rays\n", modelName.c_str(), triangles, rayCount);

  std::vector<float> vertices(mesh.positions.size() * 3 + 1, 0.0f);  // +1: Embree reads 16 bytes
  for (size_t i = 0; i < mesh.positions.size(); ++i)
    for (int k = 0; k < 3; ++k) vertices[3 * i + k] = mesh.positions[i][k];

  // Builds, alternating so that both see the same machine state; median of the repeats.
  EmbreeScene embree;
  Bvh bvh;
  std::vector<double> oursMs, embreeMs;
  for (int r = 0; r < buildRepeats + 1; ++r) {
    auto start = std::chrono::steady_clock::now();
    bvh = Bvh::build(mesh);
    const double ours = secondsSince(start) * 1e3;
    start = std::chrono::steady_clock::now();
    embree.build(vertices, mesh.positions.size(), mesh);
    const double peer = secondsSince(start) * 1e3;
    if (r > 0) oursMs.push_back(ours), embreeMs.push_back(peer);  // the first run warms up
  }
  const double buildOurs = median(oursMs), buildEmbree = median(embreeMs);
  std::fprintf(stderr, "pick: bvh %zu nodes, %zu leaves, depth %d\n", bvh.stats().nodes, bvh.stats().leaves,
               bvh.stats().depth);

  const std::vector<Ray> rays = makeRays(mesh, rayCount, 1234u);
  Hits oursHits(rayCount), embreeHits(rayCount);
  // Like for like: rtcIntersect1 reports triangle, barycentrics, distance and geometric normal;
  // intersectNearest the first three. The app's intersect() also interpolates the vertex
  // normal, timed as its own row.
  auto runOurs = [&] {
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < rays.size(); ++i) {
      TriangleHit hit;
      if (bvh.intersectNearest(rays[i], 0.0f, kInfinity, PartFilter::All, oursHits.triangle[i], hit))
        oursHits.t[i] = hit.t;
    }
    return secondsSince(start) * 1e9 / static_cast<double>(rays.size());
  };
  auto runOursFull = [&] {
    double checksum = 0.0;
    const auto start = std::chrono::steady_clock::now();
    for (const Ray& r : rays)
      if (auto hit = bvh.intersect(r)) checksum += hit->normal.x;
    const double ns = secondsSince(start) * 1e9 / static_cast<double>(rays.size());
    if (checksum == 12345.678) std::fprintf(stderr, " ");  // keeps the loop from being optimised away
    return ns;
  };
  auto runEmbree = [&] {
    glm::vec3 geometricNormal(0.0f);
    double checksum = 0.0;
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < rays.size(); ++i) {
      embree.intersect(rays[i], embreeHits.triangle[i], embreeHits.t[i], &geometricNormal);
      checksum += geometricNormal.x;
    }
    const double ns = secondsSince(start) * 1e9 / static_cast<double>(rays.size());
    if (checksum == 12345.678) std::fprintf(stderr, " ");
    return ns;
  };
  auto runEmbreeFull = [&] {
    double checksum = 0.0;
    glm::vec3 normal(0.0f);
    const auto start = std::chrono::steady_clock::now();
    for (const Ray& r : rays)
      if (embree.intersectWithNormal(r, mesh, normal)) checksum += normal.x;
    const double ns = secondsSince(start) * 1e9 / static_cast<double>(rays.size());
    if (checksum == 12345.678) std::fprintf(stderr, " ");
    return ns;
  };
  // Three alternating passes each (the first also warms caches); the fastest pass counts.
  double rayOurs = std::numeric_limits<double>::max(), rayEmbree = rayOurs, rayOursFull = rayOurs;
  double rayEmbreeFull = rayOurs;
  for (int pass = 0; pass < 3; ++pass) {
    rayOurs = std::min(rayOurs, runOurs());
    rayEmbree = std::min(rayEmbree, runEmbree());
    rayOursFull = std::min(rayOursFull, runOursFull());
    rayEmbreeFull = std::min(rayEmbreeFull, runEmbreeFull());
  }
  const size_t hits = rayCount - std::count(oursHits.triangle.begin(), oursHits.triangle.end(), kMiss);

  nlohmann::json base = {{"bench", "pick"}, {"model", modelName}, {"triangles", triangles}};
  if (subdivisions > 0) base["subdivisions"] = subdivisions;
  nlohmann::json build = base;
  build.update({{"metric", "build"},
                {"ours", buildOurs},
                {"peer", "embree"},
                {"peer_value", buildEmbree},
                {"ratio", buildOurs / buildEmbree},
                {"unit", "ms"},
                {"peer_quality", "medium"}});
  emit(build);
  nlohmann::json ray = base;
  ray.update({{"metric", "ray"},
              {"ours", rayOurs},
              {"peer", "embree"},
              {"peer_value", rayEmbree},
              {"ratio", rayOurs / rayEmbree},
              {"unit", "ns"},
              {"rays", rayCount},
              {"hit_rate", static_cast<double>(hits) / static_cast<double>(rayCount)},
              {"mismatches", countMismatches(oursHits, embreeHits)}});
  emit(ray);
  // The call the app makes: hit plus interpolated unit normal (Bvh::intersect), against
  // rtcIntersect1 alone (which fills in only the geometric normal) and against rtcIntersect1
  // plus the same interpolation through the index buffer, as an app on Embree would do it.
  nlohmann::json withNormal = base;
  withNormal.update({{"metric", "ray_with_normal"},
                     {"ours", rayOursFull},
                     {"peer", "embree"},
                     {"peer_value", rayEmbree},
                     {"ratio", rayOursFull / rayEmbree},
                     {"unit", "ns"},
                     {"peer_interpolating", rayEmbreeFull},
                     {"ratio_interpolating", rayOursFull / rayEmbreeFull}});
  emit(withNormal);
}

}  // namespace

int runPickBench(const BenchArgs& args) {
  const LoadedModel model = loadModel(args.model);
  const std::string name = std::filesystem::path(args.model).filename().string();
  const size_t rayCount = args.quick ? 20000 : 1000000;
  benchModel(name, 0, model.mesh, rayCount, args.quick ? 1 : 5);

  // The dense version: a million triangles or more (a tenth of that for --quick).
  const size_t target = args.quick ? 100000 : 1000000;
  Mesh dense = model.mesh;
  int subdivisions = 0;
  while (dense.triangleCount() > 0 && dense.triangleCount() < target) dense = subdivideMidpoint(dense), ++subdivisions;
  benchModel(name, subdivisions, dense, rayCount, args.quick ? 1 : 3);
  return 0;
}

}  // namespace mesomap::bench
