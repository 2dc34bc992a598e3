#pragma once
// A bounding volume hierarchy over a body mesh (8 children per node, 4 triangles per leaf, SIMD
// box and triangle tests): ray casts for picking and closest-point queries for needle depth.
// Built with binned SAH on all cores; queries are single-threaded and may run concurrently
// (the tree is read-only after build).
//
// Every triangle is in the tree and carries its part's kind, so each query chooses what it
// sees: picking casts against everything (an eye occludes the skin behind it, and the caller
// rejects a hit that is not skin), while depth and shaft checks look at skin only.
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/mesh.h"

namespace mesomap {

struct Ray {
  glm::vec3 origin{0.0f};
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // need not be unit length; t counts in its lengths
  glm::vec3 at(float t) const { return origin + t * direction; }
};

// Which triangles a query sees, by the kind of part they belong to.
enum class PartFilter : uint32_t { Skin = 1, NonSkin = 2, All = 3 };

// Barycentrics everywhere: position = (1 - u - v) * a + u * b + v * c for triangle (a, b, c).
struct RayHit {
  uint32_t triangle = 0;  // index into Mesh::triangles
  float u = 0.0f;
  float v = 0.0f;
  float t = 0.0f;
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f};           // interpolated vertex normal, unit length
  glm::vec3 geometricNormal{0.0f};  // of the triangle's winding, unit length
  bool isSkin = true;
};

struct ClosestPoint {
  uint32_t triangle = 0;
  float u = 0.0f;
  float v = 0.0f;
  float distance = 0.0f;
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f};
  glm::vec3 geometricNormal{0.0f};
  bool isSkin = true;
};

struct TriangleHit {
  float t = 0.0f;
  float u = 0.0f;
  float v = 0.0f;
};

// Ray against one triangle, either facing. Edge tests are exact antisymmetric triple products,
// so a ray through an edge shared by two triangles (same vertex positions) hits at least one.
// Accepts tMin <= t < tMax. The BVH leaves run the same arithmetic four lanes at a time.
std::optional<TriangleHit> intersectTriangle(const Ray& ray, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c,
                                             float tMin, float tMax);

// Barycentrics (u, v) of the point of triangle abc nearest to p; handles degenerate triangles.
glm::vec2 closestPointOnTriangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c);
glm::dvec2 closestPointOnTriangle(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& c);

// The BVH's vector code in this build: "sse2", or "simde" (other CPUs, MESOMAP_FORCE_PORTABLE).
const char* bvhVectorCode();

class Bvh {
 public:
  struct Stats {
    size_t nodes = 0;
    size_t leaves = 0;
    size_t triangles = 0;
    int depth = 0;
  };

  Bvh();
  ~Bvh();
  Bvh(Bvh&&) noexcept;
  Bvh& operator=(Bvh&&) noexcept;

  // Copies what queries need (vertex data, indices, normals), so the mesh may change or go away
  // afterwards; rebuild to see its changes.
  static Bvh build(const Mesh& mesh);

  bool empty() const { return triangleCount_ == 0; }
  const Stats& stats() const { return stats_; }

  // Nearest hit with tMin <= t < tMax.
  std::optional<RayHit> intersect(const Ray& ray, float tMin = 0.0f,
                                  float tMax = std::numeric_limits<float>::infinity(),
                                  PartFilter filter = PartFilter::All) const;

  // The hot path of intersect, without filling in positions and normals.
  bool intersectNearest(const Ray& ray, float tMin, float tMax, PartFilter filter, uint32_t& triangle,
                        TriangleHit& hit) const;

  // Nearest surface point within maxDistance of p, or nothing.
  std::optional<ClosestPoint> closestPoint(const glm::vec3& p, PartFilter filter = PartFilter::Skin,
                                           float maxDistance = std::numeric_limits<float>::infinity()) const;

 private:
  struct Node;
  struct TrianglePacket;
  struct PacketNormals;
  struct Builder;

  // Where a triangle sits in the leaves: packet index and lane.
  struct Slot {
    uint32_t packet = 0;
    int lane = 0;
  };
  struct SurfaceSample {
    uint32_t triangle = 0;
    bool isSkin = true;
    glm::vec3 position, normal, geometricNormal;
  };

  // prefetchNormals: start fetching the vertex normals of each new nearest hit (for intersect).
  bool nearest(const Ray& ray, float tMin, float tMax, PartFilter filter, bool prefetchNormals, Slot& slot,
               float& t) const;
  void prefetchRef(uint32_t ref) const;
  void slotTriangle(Slot slot, glm::vec3& a, glm::vec3& b, glm::vec3& c) const;
  TriangleHit barycentricHit(const Ray& ray, Slot slot, float t) const;
  SurfaceSample sampleSurface(Slot slot, float u, float v) const;

  struct FreeLarge {
    void operator()(void* p) const;
  };
  // Sized for the worst case at build time (one leaf per triangle); only the pages the build
  // touches become resident, and skipping a shrinking copy keeps the build fast.
  std::unique_ptr<Node[], FreeLarge> nodes_;
  std::unique_ptr<TrianglePacket[], FreeLarge> packets_;
  // Beside packets_, index for index: the vertex normals of each lane, for interpolated normals.
  std::unique_ptr<PacketNormals[], FreeLarge> packetNormals_;
  uint32_t root_ = 0;
  size_t triangleCount_ = 0;
  Stats stats_;
};

// True when the mesh lies between `eye` and `point`, a point on its surface; the last
// `margin` metres before the point are ignored, so the skin a marker sits on never hides it.
bool hiddenFrom(const Bvh& bvh, const glm::vec3& eye, const glm::vec3& point, float margin = 0.003f);

}  // namespace mesomap
