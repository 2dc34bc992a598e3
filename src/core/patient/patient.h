#pragma once
// The parametric patient: a body built from sex, age, BMI, muscle and height by blending
// MakeHuman's macro targets over its base mesh (patient_data.h), in milliseconds, so the app
// can rebuild a body live from sliders.
//
// How the sliders blend (our implementation of MakeHuman's published macro description,
// assets/makehuman/PROVENANCE.md): each macro slider runs 0..1 between named targets —
// gender female..male; age baby (1 y), child (11 y), young (25 y), old (90 y), piecewise
// linear in years between those four; muscle and weight min (0), average (0.5), max (1). A
// universal target "SEX-AGE-MUSCLE-WEIGHT" is weighted by the product of its four slider
// weights (at most 16 are non-zero), the default ethnic mix "race-SEX-AGE" by sex x age. The
// body is the base plus the weighted deltas, then scaled to the requested height exactly.
// BMI chooses the weight slider: 16 -> 0 (MakeHuman's thinnest), 22 -> 0.5 (its average),
// 40 -> 1 (its heaviest), linear in between. It names the shape, not a mass: measured by
// volume (x 1.01 kg/L), MakeHuman's bodies span only about BMI 17.5 to 23.5 at any age and sex
// (docs/patients.md), so a BMI-40 patient is MakeHuman's heaviest shape, thinner than a real one.
#include <string>
#include <vector>

#include "core/geometry/mesh.h"
#include "core/body/patient_parameters.h"
#include "core/patient/patient_data.h"

namespace mesomap {

// MakeHuman's macro slider values (0..1) for a patient.
struct MacroSliders {
  double gender = 0.5, age = 0.5, muscle = 0.5, weight = 0.5;
};
double ageSliderForYears(double years);  // 1 y -> 0, 11 y -> 0.1875, 25 y -> 0.5, 90 y -> 1
double weightSliderForBmi(double bmi);   // 16 -> 0, 22 -> 0.5, 40 -> 1

struct WeightedTarget {
  const PatientTarget* target;
  double weight;
};
// The targets a set of sliders blends and their weights (only the non-zero ones).
std::vector<WeightedTarget> macroTargetWeights(const PatientBodyData& data, const MacroSliders& sliders);

struct PatientMesh {
  Mesh mesh;             // metres, Y up, facing +Z, left +X, feet on y = 0, centred (normalize.h)
  MacroSliders sliders;  // what was blended
};

// Builds the body mesh: one skin part, body vertices in hm08 order (data.hm08Index), each quad
// as two triangles (2q, 2q + 1). Throws Error (InvalidInput) listing validatePatient's problems.
PatientMesh buildPatientMesh(const PatientParameters& p, const PatientBodyData& data = patientBodyData());

}  // namespace mesomap
