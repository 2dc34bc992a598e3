#include "cli/body_arguments.h"

#include <cstdio>

#include "core/base/error.h"
#include "core/body/human_check.h"
#include "core/patient/patient_body.h"
#include "core/patient/patient_landmarks.h"

namespace mesomap::cli {

std::optional<PatientParameters> patientArgument(const Arguments& a) {
  const auto spec = a.value(kPatientOption);
  if (!spec) return std::nullopt;
  for (const char* other : {"--model", "--units", "--up", "--height"})
    if (a.value(other))
      throw Error(ErrorKind::Usage, std::string("option --patient: give --patient or ") + other + ", not both");
  return parsePatient(*spec);
}

LoadedModel loadModelArgument(const Arguments& a, std::optional<LandmarkSet>* patientLandmarks) {
  if (const auto patient = patientArgument(a)) {
    Mesh mesh = buildPatientMesh(*patient).mesh;
    LoadedModel model = describePatientModel(*patient, mesh);
    model.mesh = std::move(mesh);
    if (patientLandmarks)
      *patientLandmarks = mesomap::patientLandmarks(model.mesh, patientBodyData(), patientLandmarkAnchors());
    return model;
  }
  LoadedModel model = loadModel(a.value("--model").value_or(MESOMAP_DEFAULT_MODEL), a.loadOptions());
  for (const auto& warning : model.normalization.warnings)
    std::fprintf(stderr, "mesomap: warning: %s\n", warning.c_str());
  // Any model is accepted, but one that is no standing human is said to be so.
  for (const auto& warning : checkHumanShape(model.mesh, Bvh::build(model.mesh)).warnings)
    std::fprintf(stderr, "mesomap: warning: %s: %s\n", model.path.filename().string().c_str(), warning.c_str());
  return model;
}

std::shared_ptr<const Body> loadBodyArgument(const Arguments& a) {
  if (const auto patient = patientArgument(a)) return makePatientBody(*patient);
  LoadedModel model = loadModelArgument(a);
  return std::make_shared<const Body>(std::move(model.mesh), model.path);
}

}  // namespace mesomap::cli
