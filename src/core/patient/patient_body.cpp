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

std::shared_ptr<const Body> makePatientBody(const PatientParameters& p) {
  const PatientBodyData& data = patientBodyData();
  PatientMesh built = buildPatientMesh(p, data);
  LandmarkSet landmarks = patientLandmarks(built.mesh, data, patientLandmarkAnchors());
  return std::make_shared<const Body>(std::move(built.mesh), patientModelName(p), std::move(landmarks),
                                      tissueProfileOf(p));
}

}  // namespace mesomap
