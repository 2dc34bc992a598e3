#pragma once
// A needle a trainee has placed on the skin, as the app holds it (metres, inserted length);
// attempt files hold the same in millimetres (attempt.h converts both ways).
#include <cstdint>
#include <string>

#include <glm/glm.hpp>

#include "core/geometry/surface_frame.h"
#include "core/protocol/needle_spec.h"
#include "core/protocol/technique.h"

namespace mesomap {

// Defaults: the IDS preset (technique.h), the most common point.
struct NeedleSettings {
  NeedleAngles angles{30.0f, 0.0f};
  float insertedLength = 0.003f;  // metres along the needle
  float volumeMl = 0.1f;
  Technique technique = Technique::IDS;
  std::string needle = kDefaultNeedle;
  bool operator==(const NeedleSettings&) const = default;
};

struct PlacedPoint {
  uint32_t id = 0;           // stable while the document lives; shown to the trainee as "point N"
  glm::vec3 position{0.0f};  // on the skin, metres, normalised body frame
  glm::vec3 normal{0.0f, 0.0f, 1.0f};
  NeedleSettings needle;
};

}  // namespace mesomap
