#pragma once
// A parametric patient as a Body: the mesh of buildPatientMesh with its exact hm08 landmarks,
// ready to render, pick, score and validate on like any loaded model. Rebuilding one from new
// parameters takes milliseconds (mesomap-bench patient), so the app can swap its shared Body
// whenever a slider moves.
#include <memory>

#include "core/body/body.h"
#include "core/import/model_loader.h"
#include "core/patient/patient.h"

namespace mesomap {

// The tissue profile the body's skin model uses for a patient (sex below 0.5 reads female).
PatientProfile tissueProfileOf(const PatientParameters& p);

// Throws Error (InvalidInput) naming the key and range of a bad parameter, or the asset that
// cannot be read.
std::shared_ptr<const Body> makePatientBody(const PatientParameters& p);

// How every patient's mesh vertices are hm08 vertices (one object, shared).
std::shared_ptr<const Hm08Topology> patientTopology();

// The name a patient body carries as its model path ("patient: female, 65 y, BMI 33, ...").
std::string patientModelName(const PatientParameters& p);

// What the app's status bar and `mesomap info` say of a patient's `mesh`, as of a loaded model:
// its name, height and "parametric patient" for units and up axis (the mesh itself not copied).
LoadedModel describePatientModel(const PatientParameters& p, const Mesh& mesh);

}  // namespace mesomap
