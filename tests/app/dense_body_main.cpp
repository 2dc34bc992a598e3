// mesomap-dense-body MODEL LEVELS OUT.obj: the model midpoint-subdivided LEVELS times and written
// as an OBJ (one object per part), so app tests can open a large body without a large file in
// the repository. Each level multiplies the triangles by four (the default body: 115k at 1).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/base/error.h"
#include "core/base/utf8_path.h"
#include "core/geometry/subdivide.h"
#include "core/import/import_worker.h"
#include "core/import/model_loader.h"

namespace {

void writeObj(const mesomap::Mesh& mesh, const std::filesystem::path& path) {
  std::FILE* out = mesomap::openFile(path, "w");
  if (!out) throw mesomap::Error(mesomap::ErrorKind::Io, "cannot write " + path.string());
  // 9 significant digits: the floats read back exactly.
  for (const glm::vec3& p : mesh.positions) std::fprintf(out, "v %.9g %.9g %.9g\n", p.x, p.y, p.z);
  for (const mesomap::MeshPart& part : mesh.parts) {
    std::fprintf(out, "o %s\n", part.name.c_str());
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      const glm::uvec3& c = mesh.triangles[t];
      std::fprintf(out, "f %u %u %u\n", c.x + 1, c.y + 1, c.z + 1);
    }
  }
  if (std::fclose(out) != 0) throw mesomap::Error(mesomap::ErrorKind::Io, "cannot write " + path.string());
}

}  // namespace

int main(int argc, char** argv) {
  if (auto worker = mesomap::serveImportWorkerIfAsked(argc, argv)) return *worker;
  const int levels = argc == 4 ? std::atoi(argv[2]) : 0;
  if (levels < 1 || levels > 4) {
    std::fprintf(stderr, "usage: mesomap-dense-body MODEL LEVELS(1-4) OUT.obj\n");
    return 2;
  }
  try {
    mesomap::Mesh mesh = mesomap::loadModel(argv[1]).mesh;
    for (int i = 0; i < levels; ++i) mesh = mesomap::subdivideMidpoint(mesh);
    writeObj(mesh, argv[3]);
    std::printf("%zu triangles written to %s\n", mesh.triangleCount(), argv[3]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mesomap-dense-body: %s\n", e.what());
    return 3;
  }
  return 0;
}
