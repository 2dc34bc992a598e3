#include "core/body/body.h"

#include <chrono>
#include <limits>

#if defined(__linux__)
#include <sys/resource.h>
#endif

namespace mesomap {

namespace {

// The background build yields to the threads a person waits on (the UI's, the GL driver's): on
// two cores a build at full priority takes the cycles an orbit frame needs, for the ~100 s a
// 1.8M-triangle body's solver takes. Linux keeps the nice value per thread, and the solver's
// worker threads inherit it. Best effort: where it fails the build runs at normal priority.
void lowerThisThreadsPriority() {
#if defined(__linux__)
  (void)setpriority(PRIO_PROCESS, 0, 10);
#endif
}

}  // namespace

Body::Body(Mesh mesh, std::filesystem::path modelPath, PatientProfile patient)
    : mesh_(std::move(mesh)),
      modelPath_(std::move(modelPath)),
      patient_(patient),
      skin_(Bvh::build(mesh_)),
      regions_(mesh_),
      landmarks_(bodyLandmarks(modelPath_, mesh_, skin_)) {}

Body::Body(Mesh mesh, std::filesystem::path modelPath, LandmarkSet landmarks, PatientProfile patient,
           std::shared_ptr<const Hm08Topology> hm08)
    : mesh_(std::move(mesh)),
      modelPath_(std::move(modelPath)),
      patient_(patient),
      skin_(Bvh::build(mesh_)),
      regions_(mesh_),
      landmarks_(std::move(landmarks)),
      hm08_(std::move(hm08)) {}

Body::~Body() {
  // A build still running reads mesh_: stop it and let it end before the mesh goes. Without the
  // stop, replacing a large body mid-build held the caller (the UI thread) for the whole build.
  stopGeodesics_.store(true);
  std::lock_guard lock(geodesicsMutex_);
  if (geodesics_.valid()) geodesics_.wait();
}

void Body::startGeodesics() const { geodesicsFuture(true); }

std::shared_future<std::shared_ptr<const GeodesicSolver>> Body::geodesicsFuture(bool background) const {
  std::lock_guard lock(geodesicsMutex_);
  if (!geodesics_.valid())
    geodesics_ = std::async(std::launch::async, [this, background] {
                   if (background) lowerThisThreadsPriority();
                   GeodesicOptions options;
                   options.stop = &stopGeodesics_;
                   return geodesicSolverFor(mesh_, options);
                 }).share();
  return geodesics_;
}

const GeodesicSolver* Body::geodesicsIfReady() const {
  std::shared_future<std::shared_ptr<const GeodesicSolver>> future;
  {
    std::lock_guard lock(geodesicsMutex_);
    future = geodesics_;
  }
  if (!future.valid() || future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return nullptr;
  return future.get().get();  // the solver outlives the future: geodesics_ holds it too
}

std::shared_ptr<const GeodesicSolver> Body::geodesics() const { return geodesicsFuture(false).get(); }

std::optional<SkinPick> Body::pickSkin(const Ray& ray) const {
  if (skin_.empty()) return std::nullopt;
  const auto hit = skin_.intersect(ray, 0.0f, std::numeric_limits<float>::infinity(), PartFilter::All);
  if (!hit || !hit->isSkin) return std::nullopt;
  return SkinPick{surfaceFrame(hit->position, hit->normal), hit->triangle, hit->u, hit->v};
}

std::optional<glm::vec3> Body::pickSurface(const Ray& ray) const {
  if (skin_.empty()) return std::nullopt;
  const auto hit = skin_.intersect(ray, 0.0f, std::numeric_limits<float>::infinity(), PartFilter::All);
  return hit ? std::optional<glm::vec3>(hit->position) : std::nullopt;
}

}  // namespace mesomap
