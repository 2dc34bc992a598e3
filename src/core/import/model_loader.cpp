#include "core/import/model_loader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

#include <assimp/Importer.hpp>

#include "core/import/assimp_import.h"
#include "core/base/error.h"
#include "core/base/strings.h"

namespace mesomap {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& problem) {
  throw Error(ErrorKind::InvalidInput, "model " + quoted(path) + ": " + problem);
}

}  // namespace

void validateMesh(const Mesh& mesh, const std::string& source) {
  for (size_t v = 0; v < mesh.positions.size(); ++v) {
    const auto& p = mesh.positions[v];
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
      throw Error(ErrorKind::InvalidInput, source + ": vertex " + std::to_string(v) + " has a non-finite coordinate");
    }
  }
  for (size_t t = 0; t < mesh.triangles.size(); ++t) {
    for (int c = 0; c < 3; ++c) {
      if (mesh.triangles[t][c] >= mesh.positions.size()) {
        throw Error(ErrorKind::InvalidInput, source + ": triangle " + std::to_string(t) + " refers to vertex " +
                                                 std::to_string(mesh.triangles[t][c]) + " but there are only " +
                                                 std::to_string(mesh.positions.size()) + " vertices");
      }
    }
  }
  if (mesh.triangles.empty()) throw Error(ErrorKind::InvalidInput, source + ": contains no triangles");
}

namespace {

// MakeHuman exports its fitting proxies ("helper-skirt", "helper-tights", "joint-...") around
// the body: geometry to fit clothes on, invisible in MakeHuman. Drawn, they hide the legs in a
// grey tube and stop every pick; they are dropped, with their vertices. Returns parts dropped.
size_t dropFittingProxies(Mesh& mesh) {
  auto isProxy = [](const MeshPart& part) {
    const std::string name = toLower(part.name);
    return name.rfind("helper-", 0) == 0 || name.rfind("joint-", 0) == 0;
  };
  const size_t proxies = std::count_if(mesh.parts.begin(), mesh.parts.end(), isProxy);
  if (proxies == 0 || proxies == mesh.parts.size()) return 0;  // nothing else would be left
  Mesh kept;
  std::vector<uint32_t> newIndex(mesh.positions.size(), UINT32_MAX);
  for (const MeshPart& part : mesh.parts) {
    if (isProxy(part)) continue;
    MeshPart copy = part;
    copy.firstTriangle = uint32_t(kept.triangles.size());
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      glm::uvec3 tri = mesh.triangles[t];
      for (int k = 0; k < 3; ++k) {
        uint32_t& to = newIndex[tri[k]];
        if (to == UINT32_MAX) {
          to = uint32_t(kept.positions.size());
          kept.positions.push_back(mesh.positions[tri[k]]);
          if (!mesh.normals.empty()) kept.normals.push_back(mesh.normals[tri[k]]);
        }
        tri[k] = to;
      }
      kept.triangles.push_back(tri);
    }
    kept.parts.push_back(copy);
  }
  mesh = std::move(kept);
  return proxies;
}

}  // namespace

void classifySkinParts(Mesh& mesh) {
  static const std::array<const char*, 9> accessories = {"eye", "teeth", "tooth", "tongue", "lash",
                                                         "brow", "hair", "cornea", "iris"};
  std::vector<double> area(mesh.parts.size(), 0.0);
  double largest = 0.0;
  for (size_t i = 0; i < mesh.parts.size(); ++i) {
    const auto& part = mesh.parts[i];
    for (uint32_t t = part.firstTriangle; t < part.firstTriangle + part.triangleCount; ++t) {
      const auto& tri = mesh.triangles[t];
      area[i] += 0.5 * glm::length(glm::cross(mesh.positions[tri.y] - mesh.positions[tri.x],
                                              mesh.positions[tri.z] - mesh.positions[tri.x]));
    }
    largest = std::max(largest, area[i]);
  }
  for (size_t i = 0; i < mesh.parts.size(); ++i) {
    std::string name = toLower(mesh.parts[i].name);
    bool accessory = std::any_of(accessories.begin(), accessories.end(),
                                 [&](const char* word) { return name.find(word) != std::string::npos; });
    // Tiny parts are accessories whatever their name; the largest part is always skin.
    mesh.parts[i].isSkin = area[i] == largest || (!accessory && area[i] >= 0.05 * largest);
    // Exporters leave eyes plain white, which stares; a dark iris tone reads as eyes.
    if (!mesh.parts[i].isSkin && name.find("eye") != std::string::npos) mesh.parts[i].baseColor = glm::vec3(0.22f, 0.17f, 0.14f);
  }
}

std::vector<std::string> supportedModelExtensions() {
  Assimp::Importer importer;
  std::string list;  // "*.3ds;*.obj;..."
  importer.GetExtensionList(list);
  std::vector<std::string> extensions;
  std::stringstream stream(list);
  std::string item;
  while (std::getline(stream, item, ';')) {
    if (item.rfind("*.", 0) == 0) extensions.push_back(toLower(item.substr(1)));
  }
  return extensions;
}

LoadedModel loadModel(const std::filesystem::path& path, const LoadOptions& options) {
  auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(ErrorKind::Io, "model " + quoted(path) + ": file not found");
  }
  if (std::filesystem::is_directory(path, ec)) fail(path, "is a directory, not a model file");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(ErrorKind::Io, "model " + quoted(path) + ": cannot read file size (" + ec.message() + ")");
  if (size == 0) fail(path, "file is empty (0 bytes)");
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw Error(ErrorKind::Io, "model " + quoted(path) + ": cannot open file for reading");
  }

  // Assimp runs in a child process: a file that crashes, hangs or floods memory in a loader
  // costs that child, never the app.
  ImportedScene imported = importModelIsolated(path);

  LoadedModel model;
  model.path = path;
  model.mesh = std::move(imported.mesh);
  validateMesh(model.mesh, "model " + quoted(path));
  dropFittingProxies(model.mesh);

  NormalizeOptions normalize;
  normalize.units = options.units;
  normalize.up = options.up;
  normalize.heightMetres = options.heightMetres;
  normalize.fileMetresPerUnit = imported.declaredMetresPerUnit;
  normalize.fileUp = imported.declaredUp;
  Bounds raw = model.mesh.bounds();
  float diagonal = glm::length(raw.size());
  if (!(diagonal > 0.0f) || !std::isfinite(diagonal)) fail(path, "all vertices are at one point");
  model.weldedVertices = weldVertices(model.mesh, diagonal * 1e-7f);
  if (model.mesh.triangles.empty()) fail(path, "every triangle is degenerate (zero area)");
  classifySkinParts(model.mesh);
  model.normalization = normalizeBody(model.mesh, normalize);
  model.loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return model;
}

}  // namespace mesomap
