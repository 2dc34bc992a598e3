#include "cli/body_arguments.h"

#include <cstdio>

#include "core/base/error.h"
#include "core/body/human_check.h"
#include "core/patient/patient_body.h"
#include "core/patient/patient_landmarks.h"
#include "core/protocol/scenario_geometry.h"
#include "core/protocol/scenario_transfer.h"

namespace mesomap::cli {

std::optional<PatientParameters> patientArgument(const Arguments& a) {
  const auto spec = a.value(kPatientOption);
  if (!spec) return std::nullopt;
  for (const char* other : {"--model", "--units", "--up", "--height"})
    if (a.value(other))
      throw Error(ErrorKind::Usage, std::string("option --patient: give --patient or ") + other + ", not both");
  return parsePatient(*spec);
}

namespace {

// A model file as --model, --units, --up and --height ask, its normalisation warnings printed.
LoadedModel loadModelFile(const Arguments& a) {
  LoadedModel model = loadModel(a.value("--model").value_or(MESOMAP_DEFAULT_MODEL), a.loadOptions());
  for (const auto& warning : model.normalization.warnings)
    std::fprintf(stderr, "mesomap: warning: %s\n", warning.c_str());
  return model;
}

// Any model is accepted, but one that is no standing human is said to be so.
void warnIfNotHuman(const Mesh& mesh, const Bvh& skin, const std::filesystem::path& path) {
  for (const auto& warning : checkHumanShape(mesh, skin).warnings)
    std::fprintf(stderr, "mesomap: warning: %s: %s\n", path.filename().string().c_str(), warning.c_str());
}

}  // namespace

LoadedModel loadModelArgument(const Arguments& a, std::optional<LandmarkSet>* patientLandmarks) {
  if (const auto patient = patientArgument(a)) {
    Mesh mesh = buildPatientMesh(*patient).mesh;
    LoadedModel model = describePatientModel(*patient, mesh);
    model.mesh = std::move(mesh);
    if (patientLandmarks)
      *patientLandmarks = mesomap::patientLandmarks(model.mesh, patientBodyData(), patientLandmarkAnchors());
    return model;
  }
  LoadedModel model = loadModelFile(a);
  warnIfNotHuman(model.mesh, Bvh::build(model.mesh), model.path);
  return model;
}

std::shared_ptr<const Body> loadBodyArgument(const Arguments& a) {
  if (const auto patient = patientArgument(a)) return makePatientBody(*patient);
  LoadedModel model = loadModelFile(a);
  auto body = std::make_shared<const Body>(std::move(model.mesh), model.path);
  warnIfNotHuman(body->mesh(), body->skin(), body->modelPath());  // on the Body's own BVH, not a second
  return body;
}

void putScenarioOnCommandBody(Scenario& scenario, const LandmarkSet& landmarks, const Bvh& skin,
                              const std::filesystem::path& modelPath) {
  if (const auto carried = putScenarioOnBody(scenario, landmarks, skin, modelPath))
    std::fprintf(stderr, "mesomap: note: %s\n", carried->message.c_str());
  if (const auto misfit = scenarioFitWarning(scenario, skin)) std::fprintf(stderr, "mesomap: warning: %s\n", misfit->c_str());
}

void putScenarioOnCommandBody(Scenario& scenario, const Body& body) {
  putScenarioOnCommandBody(scenario, body.landmarks(), body.skin(), body.modelPath());
}

}  // namespace mesomap::cli
