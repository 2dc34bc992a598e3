#pragma once
// Reads any model Assimp understands into a welded, validated, normalised body mesh.
// Every failure is an Error naming the file and the problem.
#include <filesystem>
#include <string>
#include <vector>

#include "core/geometry/mesh.h"
#include "core/import/normalize.h"

namespace mesomap {

struct LoadOptions {
  std::optional<LengthUnit> units;
  std::optional<SignedAxis> up;
  std::optional<float> heightMetres;  // scale the body to this height (see NormalizeOptions)
};

struct LoadedModel {
  std::filesystem::path path;
  Mesh mesh;
  NormalizeReport normalization;
  size_t weldedVertices = 0;
  double loadSeconds = 0.0;
};

LoadedModel loadModel(const std::filesystem::path& path, const LoadOptions& options = {});

// Checks indices and coordinates; throws Error naming `source` and the first problem found.
void validateMesh(const Mesh& mesh, const std::string& source);

// File extensions Assimp reads (".obj", ".glb"...), lower case, for open-file dialogs.
std::vector<std::string> supportedModelExtensions();

// Marks accessory parts (eyes, teeth, lashes, hair) and slivers as not-skin.
void classifySkinParts(Mesh& mesh);

}  // namespace mesomap
