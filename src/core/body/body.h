#pragma once
// One loaded body and everything built on it once: the skin BVH (picking, snapping), the body
// regions and skin model, the standard landmarks, and the geodesic solver. The app, the CLI, the
// builder and scoring all share one Body by const reference (or shared_ptr), so swapping the
// body (another model, a parametric patient) is one assignment.
//
// Immutable after construction except for the geodesic solver, which is built in the
// background on request (about a second for the default body on two cores, tens of
// milliseconds when an earlier process left it in the disk cache, geodesic_cache.h) so it never
// delays a first frame; every method is safe to call from any thread.
#include <atomic>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

#include "core/body/body_regions.h"
#include "core/body/hm08_anchor.h"
#include "core/body/landmarks.h"
#include "core/body/tissue_layers.h"
#include "core/geometry/bvh.h"
#include "core/geometry/geodesic.h"
#include "core/geometry/mesh.h"
#include "core/geometry/surface_frame.h"

namespace mesomap {

// Where a ray meets the skin: the point, its anatomical frame and the triangle under it.
struct SkinPick {
  SurfaceFrame frame;
  uint32_t triangle = 0;
  float u = 0.0f, v = 0.0f;
};

class Body {
 public:
  // Builds the BVH, regions and landmarks now (milliseconds; the landmark file that belongs to
  // `modelPath`, estimates for the rest). The geodesic solver waits for startGeodesics() or
  // for the first call that needs it.
  Body(Mesh mesh, std::filesystem::path modelPath, PatientProfile patient = {});
  // A body whose landmarks are known exactly (a parametric patient): nothing is estimated.
  // `hm08`: how its vertices are hm08's, when it is built on that topology.
  Body(Mesh mesh, std::filesystem::path modelPath, LandmarkSet landmarks, PatientProfile patient,
       std::shared_ptr<const Hm08Topology> hm08 = nullptr);
  Body(const Body&) = delete;
  Body& operator=(const Body&) = delete;
  ~Body();

  const Mesh& mesh() const { return mesh_; }
  const Bvh& skin() const { return skin_; }
  const BodyRegionMap& regions() const { return regions_; }
  const LandmarkSet& landmarks() const { return landmarks_; }
  const PatientProfile& patient() const { return patient_; }
  const std::filesystem::path& modelPath() const { return modelPath_; }
  // Set when the body is built on MakeHuman's hm08 topology (a parametric patient), else null.
  const Hm08Topology* hm08() const { return hm08_.get(); }

  // The layers under a skin point for this body's patient.
  TissueColumn columnAt(const glm::vec3& position, const glm::vec3& normal) const {
    return regions_.columnAt(position, normal, patient_);
  }

  // Starts building the geodesic solver in the background (once; later calls cost nothing), at
  // a lower priority than the calling thread's where the system allows (Linux).
  void startGeodesics() const;
  // The solver if it is built, else nullptr (never waits).
  const GeodesicSolver* geodesicsIfReady() const;
  // The solver, waiting for (or starting) its build.
  std::shared_ptr<const GeodesicSolver> geodesics() const;

  // The one place that picks: the first surface along the ray occludes (an eye hides the skin
  // behind it), and only skin is a target.
  std::optional<SkinPick> pickSkin(const Ray& ray) const;
  // The first surface of any part along the ray (the camera's pivot under the cursor).
  std::optional<glm::vec3> pickSurface(const Ray& ray) const;

 private:
  Mesh mesh_;
  std::filesystem::path modelPath_;
  PatientProfile patient_;
  Bvh skin_;
  BodyRegionMap regions_;
  LandmarkSet landmarks_;
  std::shared_ptr<const Hm08Topology> hm08_;
  mutable std::mutex geodesicsMutex_;
  mutable std::shared_future<std::shared_ptr<const GeodesicSolver>> geodesics_;  // invalid until started
  std::atomic<bool> stopGeodesics_{false};  // set by ~Body: a build in progress ends early
  // `background`: a build started now runs at lower priority (startGeodesics).
  std::shared_future<std::shared_ptr<const GeodesicSolver>> geodesicsFuture(bool background) const;
};

}  // namespace mesomap
