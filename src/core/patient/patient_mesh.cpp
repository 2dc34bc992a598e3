// Building a patient's mesh: blend, scale to the height, triangulate.

#include "core/base/error.h"
#include "core/patient/patient.h"

namespace mesomap {

namespace {

std::vector<glm::vec3> blend(const PatientBodyData& data, const MacroSliders& sliders) {
  std::vector<glm::vec3> positions = data.positions;
  for (const WeightedTarget& wt : macroTargetWeights(data, sliders)) {
    const float scale = static_cast<float>(wt.weight) * wt.target->metresPerStep;
    const int16_t* step = wt.target->steps.data();
    for (uint16_t v : wt.target->vertices) {
      positions[v] += scale * glm::vec3(step[0], step[1], step[2]);
      step += 3;
    }
  }
  return positions;
}

// Scaled to the height exactly, feet on y = 0, centred on the vertical axis (as normalize.h
// leaves a loaded model); quads split along their first diagonal.
Mesh finishMesh(const PatientBodyData& data, std::vector<glm::vec3> positions, double heightM) {
  Bounds b;
  for (const glm::vec3& v : positions) b.grow(v);
  const float scale = static_cast<float>(heightM / (static_cast<double>(b.max.y) - b.min.y));
  const glm::vec3 origin(b.center().x, b.min.y, b.center().z);
  Mesh mesh;
  mesh.positions.reserve(positions.size());
  for (const glm::vec3& v : positions) mesh.positions.push_back((v - origin) * scale);
  mesh.triangles.reserve(data.quads.size() * 2);
  for (const glm::uvec4& q : data.quads) {
    mesh.triangles.emplace_back(q.x, q.y, q.z);
    mesh.triangles.emplace_back(q.x, q.z, q.w);
  }
  MeshPart skin;
  skin.name = "skin";
  skin.triangleCount = static_cast<uint32_t>(mesh.triangles.size());
  skin.baseColor = glm::vec3(0.87f, 0.72f, 0.63f);
  mesh.parts.push_back(skin);
  mesh.recomputeNormals();
  return mesh;
}

}  // namespace

PatientMesh buildPatientMesh(const PatientParameters& p, const PatientBodyData& data) {
  if (const std::vector<std::string> problems = validatePatient(p); !problems.empty()) {
    std::string all = "patient: " + problems.front();
    for (size_t i = 1; i < problems.size(); ++i) all += "; " + problems[i];
    throw Error(ErrorKind::InvalidInput, all);
  }
  PatientMesh out;
  out.sliders.gender = p.sex;
  out.sliders.age = ageSliderForYears(p.ageYears);
  out.sliders.muscle = p.muscle;
  out.sliders.weight = weightSliderForBmi(p.bmi);
  out.mesh = finishMesh(data, blend(data, out.sliders), p.heightCm / 100.0);
  return out;
}

}  // namespace mesomap
