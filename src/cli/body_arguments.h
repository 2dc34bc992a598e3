#pragma once
// The body a command works on: a model file (--model, --units, --up; the default body when
// none) or a parametric patient (--patient sex=female,age=65,bmi=33[,muscle=0.5,height=162]).
#include <memory>
#include <optional>

#include "cli/arguments.h"
#include "core/body/body.h"
#include "core/import/model_loader.h"
#include "core/patient/patient.h"
#include "core/protocol/scenario.h"
#include "core/protocol/scenario_transfer.h"

namespace mesomap::cli {

// The options every body-taking command accepts.
inline const char* const kPatientOption = "--patient";

// --patient's parameters, if given; a usage error with --model, --units, --up or --height.
// With a scenario, "--patient listed[:N]" takes the N-th of its patients (the first by
// default) and "--patient random[:SEED]" draws one from its patient_range (the same patient
// for the same seed; without one, one seed per process), saying which on stderr.
std::optional<PatientParameters> patientArgument(const Arguments& a, const Scenario* scenario = nullptr);
// The model, or the patient's mesh as a model named "patient: ..." (with its exact landmarks
// in `patientLandmarks`). A patient with --model, --units or --up is a usage error.
LoadedModel loadModelArgument(const Arguments& a, std::optional<LandmarkSet>* patientLandmarks = nullptr,
                              const Scenario* scenario = nullptr);
// The same as a Body.
std::shared_ptr<const Body> loadBodyArgument(const Arguments& a, const Scenario* scenario = nullptr);

// Puts a scenario on the command's body (scenario_transfer.h): a note on stderr when its
// absolute positions were carried from the default body, a warning when it does not fit.
void putScenarioOnCommandBody(Scenario& scenario, const LandmarkSet& landmarks, const Bvh& skin,
                              const std::filesystem::path& modelPath, const AnchoredSkin* anchored = nullptr);
void putScenarioOnCommandBody(Scenario& scenario, const Body& body);

}  // namespace mesomap::cli
