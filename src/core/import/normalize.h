#pragma once
// Brings any body into the app's frame: metres, Y up, facing +Z, feet on y = 0, centred on
// the vertical axis. Units and up axis come from the file where it says, are checked against
// the body's shape, and can be forced by the user.
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/mesh.h"

namespace mesomap {

enum class LengthUnit { Millimetre, Centimetre, Metre };

// A signed coordinate axis: 0 = x, 1 = y, 2 = z.
struct SignedAxis {
  int axis = 1;
  int sign = +1;
  glm::vec3 vector() const {
    glm::vec3 v(0.0f);
    v[axis] = static_cast<float>(sign);
    return v;
  }
  bool operator==(const SignedAxis&) const = default;
};

std::optional<LengthUnit> parseLengthUnit(const std::string& text);  // "mm", "cm", "m"
std::optional<SignedAxis> parseAxis(const std::string& text);        // "y", "-z", "+x"...
const char* toString(LengthUnit unit);
std::string toString(SignedAxis axis);
float metresPer(LengthUnit unit);

struct NormalizeOptions {
  std::optional<LengthUnit> units;  // user override (--units)
  std::optional<SignedAxis> up;     // user override (--up)
  // The body's height in metres (--height): wins over every other clue to the units, for a
  // model whose units no clue gives right (a base mesh exported at an arbitrary scale).
  std::optional<float> heightMetres;
  // What the file itself declared, if anything (Collada <unit>, FBX UnitScaleFactor, ...).
  std::optional<float> fileMetresPerUnit;
  std::optional<SignedAxis> fileUp;
};

struct NormalizeReport {
  float scale = 1.0f;  // metres per model unit that was applied
  std::string unitsSource;  // how the units were decided, in words
  SignedAxis up;
  std::string upSource;
  SignedAxis front;
  glm::mat4 transform{1.0f};  // model coordinates -> normalised coordinates
  float heightMetres = 0.0f;
  std::vector<std::string> warnings;
};

NormalizeReport normalizeBody(Mesh& mesh, const NormalizeOptions& options);

}  // namespace mesomap
