#pragma once
// The Patient window: sliders for sex, age, BMI, muscle and height that reshape the body when a
// slider is let go (building a patient takes milliseconds), and the way back to the default
// body. A free function over plain data that returns what the user asked for.
#include <optional>
#include <string>

#include "core/patient/patient.h"

namespace mesomap::app {

struct PatientRequest {
  enum class Kind { UsePatient, UseDefaultBody };
  Kind kind = Kind::UsePatient;
  PatientParameters patient;
};

// `draft`: the sliders' values (kept between frames); `current`: the patient on screen, if the
// body is one; `bodyName`: what is on screen otherwise.
std::optional<PatientRequest> drawPatientWindow(bool& open, PatientParameters& draft,
                                                const std::optional<PatientParameters>& current,
                                                const std::string& bodyName);

}  // namespace mesomap::app
