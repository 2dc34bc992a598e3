#include "core/model_loader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

#include <assimp/DefaultLogger.hpp>
#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include "core/error.h"

namespace mesomap {

namespace {

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& problem) {
  throw Error(ErrorKind::InvalidInput, "model " + quoted(path) + ": " + problem);
}

// Units and up axis as the file declares them, where the format has a way to say so.
void readDeclaredFrame(const aiScene& scene, const std::string& extension, NormalizeOptions& out) {
  if (extension == ".gltf" || extension == ".glb") {
    out.fileMetresPerUnit = 1.0f;  // the glTF spec fixes metres, Y up
    out.fileUp = SignedAxis{1, +1};
    return;
  }
  if (extension == ".dae" || extension == ".zae") {
    // Assimp's Collada importer applies <unit> and <up_axis> to the root node itself.
    out.fileMetresPerUnit = 1.0f;
    out.fileUp = SignedAxis{1, +1};
    return;
  }
  if (!scene.mMetaData) return;
  double unitScale = 0.0;  // FBX: centimetres per unit
  if (scene.mMetaData->Get("UnitScaleFactor", unitScale) && unitScale > 0.0 && std::isfinite(unitScale)) {
    out.fileMetresPerUnit = static_cast<float>(unitScale * 0.01);
  }
  int32_t upAxis = -1, upSign = 1;
  if (scene.mMetaData->Get("UpAxis", upAxis) && upAxis >= 0 && upAxis <= 2) {
    scene.mMetaData->Get("UpAxisSign", upSign);
    out.fileUp = SignedAxis{upAxis, upSign < 0 ? -1 : +1};
  }
}

void appendNode(const aiScene& scene, const aiNode& node, const aiMatrix4x4& parent, Mesh& mesh,
                const std::filesystem::path& path) {
  aiMatrix4x4 world = parent * node.mTransformation;
  aiMatrix3x3 normalMatrix(world);
  for (unsigned i = 0; i < node.mNumMeshes; ++i) {
    const aiMesh& src = *scene.mMeshes[node.mMeshes[i]];
    if (!(src.mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
    const uint32_t base = static_cast<uint32_t>(mesh.positions.size());
    std::string name = src.mName.length ? src.mName.C_Str() : node.mName.C_Str();
    if (name.empty()) name = "#" + std::to_string(node.mMeshes[i]);
    for (unsigned v = 0; v < src.mNumVertices; ++v) {
      aiVector3D p = world * src.mVertices[v];
      if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
        std::ostringstream s;
        s << "vertex " << v << " of mesh '" << name << "' has a non-finite coordinate (" << src.mVertices[v].x
          << ", " << src.mVertices[v].y << ", " << src.mVertices[v].z << ")";
        fail(path, s.str());
      }
      mesh.positions.emplace_back(p.x, p.y, p.z);
    }
    MeshPart part;
    part.name = name;
    part.firstTriangle = static_cast<uint32_t>(mesh.triangles.size());
    for (unsigned f = 0; f < src.mNumFaces; ++f) {
      const aiFace& face = src.mFaces[f];
      if (face.mNumIndices != 3) continue;  // points and lines left by SortByPType
      glm::uvec3 tri;
      for (int c = 0; c < 3; ++c) {
        if (face.mIndices[c] >= src.mNumVertices) {
          std::ostringstream s;
          s << "face " << f << " of mesh '" << name << "' refers to vertex " << face.mIndices[c]
            << " but the mesh has only " << src.mNumVertices << " vertices";
          fail(path, s.str());
        }
        tri[c] = base + face.mIndices[c];
      }
      mesh.triangles.push_back(tri);
    }
    part.triangleCount = static_cast<uint32_t>(mesh.triangles.size()) - part.firstTriangle;
    if (scene.mMaterials && src.mMaterialIndex < scene.mNumMaterials) {
      aiColor4D diffuse;
      if (scene.mMaterials[src.mMaterialIndex]->Get(AI_MATKEY_COLOR_DIFFUSE, diffuse) == AI_SUCCESS)
        part.baseColor = glm::vec3(diffuse.r, diffuse.g, diffuse.b);
    }
    if (part.triangleCount > 0) mesh.parts.push_back(part);
  }
  for (unsigned c = 0; c < node.mNumChildren; ++c) appendNode(scene, *node.mChildren[c], world, mesh, path);
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
    std::string name = lower(mesh.parts[i].name);
    bool accessory = std::any_of(accessories.begin(), accessories.end(),
                                 [&](const char* word) { return name.find(word) != std::string::npos; });
    // Tiny parts are accessories whatever their name; the largest part is always skin.
    mesh.parts[i].isSkin = area[i] == largest || (!accessory && area[i] >= 0.05 * largest);
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
    if (item.rfind("*.", 0) == 0) extensions.push_back(lower(item.substr(1)));
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

  Assimp::Importer importer;
  // Points and lines are dropped; we weld ourselves (by position only, ignoring UV seams).
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  const unsigned flags = aiProcess_Triangulate | aiProcess_SortByPType | aiProcess_ValidateDataStructure;
  const aiScene* scene = importer.ReadFile(path.string(), flags);
  if (!scene) {
    std::string why = importer.GetErrorString();
    if (why.empty()) why = "unknown reason";
    // Assimp's wording for an unknown format is cryptic; say it plainly.
    // SortByPType removed every point and line primitive, and nothing else was left.
    if (why.find("No meshes remaining") != std::string::npos) {
      fail(path, "contains no triangles (only points or lines)");
    }
    if (why.find("No suitable reader") != std::string::npos) {
      fail(path, "not a model file in any format Assimp reads (" + why + ")");
    }
    fail(path, "cannot be read (damaged, truncated or unsupported): " + why);
  }
  if (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) fail(path, "the file is incomplete (truncated or damaged)");
  if (!scene->mRootNode) fail(path, "the file has no scene graph");

  LoadedModel model;
  model.path = path;
  appendNode(*scene, *scene->mRootNode, aiMatrix4x4(), model.mesh, path);
  if (model.mesh.triangles.empty()) {
    fail(path, "contains no triangles (" + std::to_string(scene->mNumMeshes) +
                   " meshes, none with faces: only points or lines, or nothing)");
  }
  validateMesh(model.mesh, "model " + quoted(path));

  NormalizeOptions normalize;
  normalize.units = options.units;
  normalize.up = options.up;
  readDeclaredFrame(*scene, lower(path.extension().string()), normalize);
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
