#pragma once
// The parametric patient's data: MakeHuman's hm08 body skin and the macro targets that reshape
// it (assets/makehuman/body.mhbin, written by scripts/convert_makehuman.py; layout in
// docs/formats.md, "Patient body data"). Read once, shared read-only by every patient build.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace mesomap {

// One macro target: the vertices it moves and by how much (int16 steps of `metresPerStep`).
struct PatientTarget {
  std::string name;  // "universal-female-old-maxmuscle-minweight", "race-male-child"
  float metresPerStep = 0.0f;
  std::vector<uint16_t> vertices;  // body-local indices
  std::vector<int16_t> steps;      // x, y, z per moved vertex
};

struct PatientBodyData {
  std::vector<uint32_t> hm08Index;   // body vertex -> hm08 vertex
  std::vector<glm::vec3> positions;  // the base mesh, metres, MakeHuman frame (Y up, facing +Z, left +X)
  std::vector<glm::uvec4> quads;     // body-local, counter-clockwise seen from outside
  std::vector<uint32_t> mirror;      // body vertex -> its left/right partner (itself on the midline)
  std::vector<PatientTarget> targets;

  size_t vertexCount() const { return positions.size(); }
  // The target with this name, or nullptr.
  const PatientTarget* find(const std::string& name) const;
};

// Reads and checks a body data file; throws Error naming the file and the problem.
PatientBodyData readPatientBodyData(const std::filesystem::path& path);

// makehuman/body.mhbin in the data folder (core/base/data_paths.h); Error(Io) when missing.
std::filesystem::path patientBodyDataPath();
// Its data, read on first use (thread-safe); throws Error when the file is missing or broken.
const PatientBodyData& patientBodyData();

}  // namespace mesomap
