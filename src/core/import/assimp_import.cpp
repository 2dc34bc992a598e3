#include "core/import/assimp_import.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include "core/base/error.h"
#include "core/base/strings.h"

namespace mesomap {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& problem) {
  throw Error(ErrorKind::InvalidInput, "model " + quoted(path) + ": " + problem);
}

// Units and up axis as the file declares them, where the format has a way to say so.
void readDeclaredFrame(const aiScene& scene, const std::string& extension, ImportedScene& out) {
  if (extension == ".gltf" || extension == ".glb") {
    out.declaredMetresPerUnit = 1.0f;  // the glTF spec fixes metres, Y up
    out.declaredUp = SignedAxis{1, +1};
    return;
  }
  if (extension == ".dae" || extension == ".zae") {
    // Assimp's Collada importer applies <unit> and <up_axis> to the root node itself.
    out.declaredMetresPerUnit = 1.0f;
    out.declaredUp = SignedAxis{1, +1};
    return;
  }
  if (!scene.mMetaData) return;
  double unitScale = 0.0;  // FBX: centimetres per unit
  if (scene.mMetaData->Get("UnitScaleFactor", unitScale) && unitScale > 0.0 && std::isfinite(unitScale)) {
    out.declaredMetresPerUnit = static_cast<float>(unitScale * 0.01);
  }
  int32_t upAxis = -1, upSign = 1;
  if (scene.mMetaData->Get("UpAxis", upAxis) && upAxis >= 0 && upAxis <= 2) {
    scene.mMetaData->Get("UpAxisSign", upSign);
    out.declaredUp = SignedAxis{upAxis, upSign < 0 ? -1 : +1};
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

ImportedScene importModelInProcess(const std::filesystem::path& path) {
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
    if (why.find("bad_alloc") != std::string::npos) {
      fail(path, "the file asks for more memory than allowed (its element counts are probably corrupt)");
    }
    if (why.find("No suitable reader") != std::string::npos) {
      fail(path, "not a model file in any format Assimp reads (" + why + ")");
    }
    fail(path, "cannot be read (damaged, truncated or unsupported): " + why);
  }
  if (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) fail(path, "the file is incomplete (truncated or damaged)");
  if (!scene->mRootNode) fail(path, "the file has no scene graph");

  ImportedScene imported;
  appendNode(*scene, *scene->mRootNode, aiMatrix4x4(), imported.mesh, path);
  if (imported.mesh.triangles.empty()) {
    fail(path, "contains no triangles (" + std::to_string(scene->mNumMeshes) +
                   " meshes, none with faces: only points or lines, or nothing)");
  }
  readDeclaredFrame(*scene, toLower(path.extension().string()), imported);
  return imported;
}

}  // namespace mesomap
