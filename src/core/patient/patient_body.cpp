#include "core/patient/patient_body.h"

#include "core/patient/patient_landmarks.h"

namespace mesomap {

PatientProfile tissueProfileOf(const PatientParameters& p) {
  PatientProfile profile;
  profile.sex = p.sex < 0.5 ? Sex::Female : Sex::Male;
  profile.bmi = p.bmi;
  profile.ageYears = p.ageYears;  // the skin thins with age (tissue_layers.cpp)
  return profile;
}

std::string patientModelName(const PatientParameters& p) { return "patient: " + describePatient(p); }

LoadedModel describePatientModel(const PatientParameters& p, const Mesh& mesh) {
  LoadedModel model;
  model.path = patientModelName(p);
  model.normalization.heightMetres = mesh.bounds().size().y;
  model.normalization.unitsSource = "parametric patient (metres)";
  model.normalization.upSource = "parametric patient";
  model.normalization.front = SignedAxis{2, +1};
  return model;
}

std::shared_ptr<const Hm08Topology> patientTopology() {
  // One object for every patient: the vertex map never changes (thread-safe static).
  static const auto topology = std::make_shared<const Hm08Topology>(patientBodyData().hm08Index);
  return topology;
}

std::shared_ptr<const Body> makePatientBody(const PatientParameters& p) {
  const PatientBodyData& data = patientBodyData();
  PatientMesh built = buildPatientMesh(p, data);
  LandmarkSet landmarks = patientLandmarks(built.mesh, data, patientLandmarkAnchors());
  return std::make_shared<const Body>(std::move(built.mesh), patientModelName(p), std::move(landmarks),
                                      tissueProfileOf(p), patientTopology());
}

}  // namespace mesomap
