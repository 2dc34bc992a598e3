#pragma once
// The standard landmarks (body/landmarks.h) on the hm08 topology: each is a point of a
// triangle of body vertices with fixed barycentric weights, so it is exact on every patient —
// the same place on the skin however the body is shaped, never re-estimated. Right and left
// landmarks are mirror images through the mirror table, so a bilateral protocol is symmetric.
//
// The anchors are committed (assets/makehuman/landmarks.json, "mesomap-patient-landmarks",
// docs/formats.md) and were made once by `mesomap landmarks --write-patient-anchors`: the
// estimator's landmarks on the average patient, snapped to the skin, the left ones replaced by
// the mirrors of the right.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "core/body/landmarks.h"
#include "core/geometry/mesh.h"
#include "core/patient/patient_data.h"

namespace mesomap {

struct PatientLandmarkAnchor {
  std::string id;                     // a standard landmark id
  std::array<uint32_t, 3> vertices;   // hm08 vertex indices (body vertices)
  glm::dvec3 weights{1.0, 0.0, 0.0};  // barycentric, sum 1
  std::string method;                 // how it was placed
};

// Reads an anchor file; throws Error naming the file, the entry and the problem.
std::vector<PatientLandmarkAnchor> readPatientLandmarkAnchors(const std::filesystem::path& path,
                                                              const PatientBodyData& data);
std::filesystem::path patientLandmarkAnchorsPath();  // DATA/makehuman/landmarks.json; Error(Io) when missing
// The committed anchors, read on first use (thread-safe); throws Error when missing or broken.
const std::vector<PatientLandmarkAnchor>& patientLandmarkAnchors();

// The landmarks of a patient mesh (built by buildPatientMesh from `data`), in standard order.
LandmarkSet patientLandmarks(const Mesh& mesh, const PatientBodyData& data,
                             const std::vector<PatientLandmarkAnchor>& anchors);

// The generator: anchors from landmarks placed on a patient mesh (each snapped to its closest
// skin point; right ones mirrored onto the left).
std::vector<PatientLandmarkAnchor> anchorLandmarks(const Mesh& mesh, const PatientBodyData& data,
                                                   const LandmarkSet& placed);
std::string patientLandmarkAnchorsToJson(const std::vector<PatientLandmarkAnchor>& anchors,
                                         const std::string& description);

}  // namespace mesomap
