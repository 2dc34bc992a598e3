#pragma once
// A patient as numbers: sex, age, BMI, muscle and height, with their valid ranges, the
// "--patient" text that names one, and how it reads to a person. Building the body from them
// is core/patient's (patient.h); scenarios name patients with this alone.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.h"

namespace mesomap {

struct PatientParameters {
  double sex = 0.5;        // 0 female ... 1 male (in between: MakeHuman's blend)
  double ageYears = 25.0;  // 1 ... 90
  double bmi = 22.0;       // kg/m2
  double muscle = 0.5;     // 0 (least) ... 0.5 (average) ... 1 (most)
  double heightCm = 170.0;
  bool operator==(const PatientParameters&) const = default;
};

// The valid range of one parameter, by the key the CLI and files use.
struct PatientParameterRange {
  const char* key;  // "age"
  double min, max;
  const char* unit;  // "years"
};
const std::vector<PatientParameterRange>& patientParameterRanges();

// Every problem with `p`, each naming the key, the value and its range ("age: 120 is outside
// 1..90 years"); empty when valid.
std::vector<std::string> validatePatient(const PatientParameters& p);

// Reads "sex=female,age=65,bmi=33[,muscle=0.5,height=162]" (sex also 0..1; weight=KG instead
// of bmi, with height). Keys left out keep PatientParameters' defaults. Throws Error (Usage)
// naming the key and its range for an unknown key, a bad number or a value out of range.
PatientParameters parsePatient(const std::string& text);
// "female, 65 y, BMI 33.0, muscle 0.50, 162 cm"
std::string describePatient(const PatientParameters& p);
// The text parsePatient reads back to the same patient: "sex=0,age=70,bmi=34,muscle=0.5,height=160".
std::string patientSpec(const PatientParameters& p);

// The patients a scenario may be practised on at random: a window per parameter key ("age",
// "bmi", ...); a key left out keeps PatientParameters' default.
using PatientRange = std::map<std::string, ValueRange>;

// A patient drawn evenly from `range` with a seed (the same seed, the same patient): ages in
// whole years, BMI in half units, heights in whole centimetres, and female or male (never a
// blend) when the sex window holds both.
PatientParameters drawPatient(const PatientRange& range, uint64_t seed);
// "age 50-80, bmi 22-36", in the parameters' order.
std::string describePatientRange(const PatientRange& range);

}  // namespace mesomap
