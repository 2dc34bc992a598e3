#include "cli/body_arguments.h"

#include <charconv>
#include <cstdio>
#include <random>

#include "core/base/error.h"
#include "core/body/human_check.h"
#include "core/patient/patient_body.h"
#include "core/patient/patient_landmarks.h"
#include "core/protocol/scenario_geometry.h"
#include "core/protocol/scenario_transfer.h"

namespace mesomap::cli {

namespace {

// "listed", "listed:2", "random", "random:17": a patient the scenario names or allows.
std::optional<PatientParameters> scenarioPatient(const std::string& choice, const Scenario* scenario) {
  const std::string word = choice.substr(0, choice.find(':'));
  if (word != "listed" && word != "random") return std::nullopt;
  const std::string usage = "option --patient: '" + choice + "' ";
  if (!scenario) throw Error(ErrorKind::Usage, usage + "picks from a scenario's patients; this command has no scenario");
  const std::string number = choice.size() > word.size() ? choice.substr(word.size() + 1) : "";
  uint64_t n = 0;
  if (!number.empty()) {
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (error != std::errc() || end != number.data() + number.size())
      throw Error(ErrorKind::Usage, usage + "expects a whole number after ':'");
  }
  std::string how;
  PatientParameters p;
  if (word == "listed") {
    const size_t index = number.empty() ? 1 : n;
    if (index < 1 || index > scenario->patients.size())
      throw Error(ErrorKind::Usage, usage + (scenario->patients.empty()
                                                 ? "needs patients in the scenario; " + scenario->id + " names none"
                                                 : "is not one of " + scenario->id + "'s patients (listed:1.." +
                                                       std::to_string(scenario->patients.size()) + ")"));
    p = parsePatient(scenario->patients[index - 1]);
    how = "patient " + std::to_string(index) + " of the scenario's " + std::to_string(scenario->patients.size());
  } else {
    if (scenario->patientRange.empty())
      throw Error(ErrorKind::Usage, usage + "needs a patient_range in the scenario; " + scenario->id + " has none");
    static const uint64_t processSeed = std::random_device{}() % 100000;  // one patient per process
    const uint64_t seed = number.empty() ? processSeed : n;
    p = drawPatient(scenario->patientRange, seed);
    how = "drawn from the scenario's range with seed " + std::to_string(seed) + " (--patient random:" +
          std::to_string(seed) + " draws it again)";
  }
  static bool said = false;  // commands ask more than once
  if (!said) std::fprintf(stderr, "mesomap: note: patient %s: %s\n", patientSpec(p).c_str(), how.c_str());
  said = true;
  return p;
}

}  // namespace

std::optional<PatientParameters> patientArgument(const Arguments& a, const Scenario* scenario) {
  const auto spec = a.value(kPatientOption);
  if (!spec) return std::nullopt;
  for (const char* other : {"--model", "--units", "--up", "--height"})
    if (a.value(other))
      throw Error(ErrorKind::Usage, std::string("option --patient: give --patient or ") + other + ", not both");
  if (auto chosen = scenarioPatient(*spec, scenario)) return chosen;
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

LoadedModel loadModelArgument(const Arguments& a, std::optional<LandmarkSet>* patientLandmarks,
                              const Scenario* scenario) {
  if (const auto patient = patientArgument(a, scenario)) {
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

std::shared_ptr<const Body> loadBodyArgument(const Arguments& a, const Scenario* scenario) {
  if (const auto patient = patientArgument(a, scenario)) return makePatientBody(*patient);
  LoadedModel model = loadModelFile(a);
  auto body = std::make_shared<const Body>(std::move(model.mesh), model.path);
  warnIfNotHuman(body->mesh(), body->skin(), body->modelPath());  // on the Body's own BVH, not a second
  return body;
}

namespace {

void say(const std::optional<ScenarioTransfer>& carried, const Scenario& scenario, const Bvh& skin) {
  if (carried) std::fprintf(stderr, "mesomap: note: %s\n", carried->message.c_str());
  if (const auto misfit = scenarioFitWarning(scenario, skin)) std::fprintf(stderr, "mesomap: warning: %s\n", misfit->c_str());
}

}  // namespace

void putScenarioOnCommandBody(Scenario& scenario, const LandmarkSet& landmarks, const Bvh& skin,
                              const std::filesystem::path& modelPath, const AnchoredSkin* anchored) {
  say(putScenarioOnBody(scenario, landmarks, skin, modelPath, anchored), scenario, skin);
}

void putScenarioOnCommandBody(Scenario& scenario, const Body& body) {
  say(putScenarioOnBody(scenario, body), scenario, body.skin());
}

}  // namespace mesomap::cli
