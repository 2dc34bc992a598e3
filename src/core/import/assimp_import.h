#pragma once
// The one place that talks to Assimp: a file becomes raw triangles in file coordinates, plus
// whatever units and up axis the file declares. Normalisation happens later (normalize.h).
#include <chrono>
#include <filesystem>
#include <optional>

#include "core/geometry/mesh.h"
#include "core/import/normalize.h"

namespace mesomap {

struct ImportedScene {
  Mesh mesh;  // node transforms applied; not welded, normals not computed
  std::optional<float> declaredMetresPerUnit;
  std::optional<SignedAxis> declaredUp;
};

// Throws Error naming the file and the problem.
ImportedScene importModelInProcess(const std::filesystem::path& path);

// Same, in a worker process with a time and memory limit (core/import/import_worker.h): some
// Assimp loaders crash, hang or try to allocate terabytes on malformed files (e.g. assimp's own
// invalid/OutOfMemory.off).
ImportedScene importModelIsolated(const std::filesystem::path& path,
                                  std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace mesomap
