#include "core/import/normalize.h"

#include <cmath>
#include <sstream>

#include <glm/gtc/matrix_transform.hpp>

namespace mesomap {

std::optional<LengthUnit> parseLengthUnit(const std::string& text) {
  if (text == "mm") return LengthUnit::Millimetre;
  if (text == "cm") return LengthUnit::Centimetre;
  if (text == "m") return LengthUnit::Metre;
  return std::nullopt;
}

std::optional<SignedAxis> parseAxis(const std::string& text) {
  if (text.empty() || text.size() > 2) return std::nullopt;
  int sign = +1;
  char c = text.back();
  if (text.size() == 2) {
    if (text[0] == '-') sign = -1;
    else if (text[0] != '+') return std::nullopt;
  }
  if (c < 'x' || c > 'z') return std::nullopt;
  return SignedAxis{c - 'x', sign};
}

const char* toString(LengthUnit unit) {
  switch (unit) {
    case LengthUnit::Millimetre: return "mm";
    case LengthUnit::Centimetre: return "cm";
    case LengthUnit::Metre: return "m";
  }
  return "m";
}

std::string toString(SignedAxis axis) {
  return std::string(axis.sign < 0 ? "-" : "+") + static_cast<char>('x' + axis.axis);
}

float metresPer(LengthUnit unit) {
  switch (unit) {
    case LengthUnit::Millimetre: return 0.001f;
    case LengthUnit::Centimetre: return 0.01f;
    case LengthUnit::Metre: return 1.0f;
  }
  return 1.0f;
}

namespace {

// The skin says how a body stands; other parts do not (an exporter's helper skirt or tights
// around the legs would outweigh the trunk). Every vertex of a skin triangle, or every vertex
// when no part is skin.
std::vector<bool> skinVertices(const Mesh& mesh) {
  std::vector<bool> skin(mesh.positions.size(), false);
  bool any = false;
  for (uint32_t t = 0; t < mesh.triangles.size(); ++t)
    if (mesh.isSkinTriangle(t)) {
      for (int k = 0; k < 3; ++k) skin[mesh.triangles[t][k]] = true;
      any = true;
    }
  if (!any) skin.assign(mesh.positions.size(), true);
  return skin;
}

Bounds boundsOf(const Mesh& mesh, const std::vector<bool>& use) {
  Bounds b;
  for (size_t i = 0; i < mesh.positions.size(); ++i)
    if (use[i]) b.grow(mesh.positions[i]);
  return b;
}

// A standing body's surface sits mostly above mid-height (trunk, arms, head versus thin legs),
// so the sign of the area-weighted centroid's offset from the middle tells head from feet.
int headSign(const Mesh& mesh, const std::vector<bool>& use, const Bounds& b, int axis) {
  double weighted = 0.0, area = 0.0;
  for (const auto& t : mesh.triangles) {
    if (!use[t.x]) continue;
    const glm::vec3 &p0 = mesh.positions[t.x], &p1 = mesh.positions[t.y], &p2 = mesh.positions[t.z];
    const double a = 0.5 * glm::length(glm::cross(glm::dvec3(p1 - p0), glm::dvec3(p2 - p0)));
    weighted += a * (static_cast<double>(p0[axis]) + p1[axis] + p2[axis]) / 3.0;
    area += a;
  }
  return area > 0.0 && weighted / area < b.center()[axis] ? -1 : +1;
}

// Feet point forward: toes reach much further ahead of the shins than heels reach behind.
// Returns 0 when the shape does not say (no feet, or feet pointing sideways).
int frontSign(const Mesh& mesh, const std::vector<bool>& use, const Bounds& b, SignedAxis up, int frontAxis) {
  const float height = b.size()[up.axis];
  auto heightOf = [&](const glm::vec3& p) {
    return up.sign > 0 ? p[up.axis] - b.min[up.axis] : b.max[up.axis] - p[up.axis];
  };
  double shinSum = 0.0;
  size_t shinCount = 0;
  for (size_t i = 0; i < mesh.positions.size(); ++i) {
    if (!use[i]) continue;
    const glm::vec3& p = mesh.positions[i];
    float h = heightOf(p) / height;
    if (h > 0.10f && h < 0.20f) {
      shinSum += p[frontAxis];
      ++shinCount;
    }
  }
  if (shinCount == 0) return 0;
  const double shin = shinSum / shinCount;
  double ahead = 0.0, behind = 0.0;
  for (size_t i = 0; i < mesh.positions.size(); ++i) {
    const glm::vec3& p = mesh.positions[i];
    if (!use[i] || heightOf(p) / height > 0.03f) continue;
    ahead = std::max(ahead, p[frontAxis] - shin);
    behind = std::max(behind, shin - p[frontAxis]);
  }
  if (ahead > 1.5 * behind) return +1;
  if (behind > 1.5 * ahead) return -1;
  return 0;
}

std::string formatMetres(float metres) {
  std::ostringstream s;
  s.precision(3);
  s << metres << " m";
  return s.str();
}

}  // namespace

NormalizeReport normalizeBody(Mesh& mesh, const NormalizeOptions& options) {
  NormalizeReport report;
  const std::vector<bool> skin = skinVertices(mesh);
  const Bounds raw = boundsOf(mesh, skin);  // the body's skin, not the helpers around it
  glm::vec3 extent = raw.size();

  // --- up axis ---
  int longest = 0;
  for (int i = 1; i < 3; ++i)
    if (extent[i] > extent[longest]) longest = i;
  if (options.up) {
    report.up = *options.up;
    report.upSource = "set by the user";
  } else if (options.fileUp && options.fileUp->axis == longest) {
    report.up = *options.fileUp;
    report.upSource = "declared by the file";
  } else {
    // No declaration, or one the shape contradicts (a lying exporter): a standing body is
    // tallest along its up axis.
    report.up = SignedAxis{longest, headSign(mesh, skin, raw, longest)};
    report.upSource = options.fileUp ? "from the body's shape (the file's declared up axis " +
                                           toString(*options.fileUp) + " is not its tallest extent)"
                                     : "from the body's shape";
  }

  // --- front: the thinner horizontal extent (a body is wider shoulder to shoulder than deep) ---
  int h1 = (report.up.axis + 1) % 3, h2 = (report.up.axis + 2) % 3;
  int frontAxis = extent[h1] < extent[h2] ? h1 : h2;
  int sign = frontSign(mesh, skin, raw, report.up, frontAxis);
  if (sign == 0) {
    // The feet do not tell: fall back on the exporters' conventions (Y up faces +Z; Z up,
    // as in Blender, faces -Y).
    sign = (report.up.axis == 2 && frontAxis == 1) ? -report.up.sign : +1;
    report.warnings.push_back("cannot tell front from back from the feet; assumed the body faces " +
                              toString(SignedAxis{frontAxis, sign}));
  }
  report.front = SignedAxis{frontAxis, sign};

  // Rotation taking up -> +Y and front -> +Z; the third axis follows by right-handedness, so
  // the body is never mirrored (left stays left).
  glm::vec3 up = report.up.vector(), front = report.front.vector();
  glm::vec3 right = glm::cross(up, front);
  glm::mat3 toModel(right, up, front);  // columns: where +X, +Y, +Z of the app frame point
  glm::mat4 rotation(glm::transpose(toModel));

  // --- units ---
  float height = extent[report.up.axis];
  auto plausibleHuman = [](float metres) { return metres >= 0.3f && metres <= 3.0f; };
  if (options.heightMetres && height > 0.0f) {
    report.scale = *options.heightMetres / height;
    report.unitsSource = "scaled to the given height (" + formatMetres(*options.heightMetres) + ")";
  } else if (options.units) {
    report.scale = metresPer(*options.units);
    report.unitsSource = std::string("set by the user (") + toString(*options.units) + ")";
  } else if (options.fileMetresPerUnit && plausibleHuman(height * *options.fileMetresPerUnit)) {
    report.scale = *options.fileMetresPerUnit;
    report.unitsSource = "declared by the file";
  } else {
    report.scale = 1.0f;
    report.unitsSource = "from the body's height";
    bool found = false;
    for (LengthUnit unit : {LengthUnit::Metre, LengthUnit::Centimetre, LengthUnit::Millimetre}) {
      if (plausibleHuman(height * metresPer(unit))) {
        report.scale = metresPer(unit);
        report.unitsSource = std::string("from the body's height (") + toString(unit) + ")";
        found = true;
        break;
      }
    }
    if (!found) {
      report.warnings.push_back("cannot tell the units: the model is " + formatMetres(height) +
                                " tall if read as metres, which is no human height; kept as metres "
                                "(choose with --units mm|cm|m or --height, or in View > Body)");
      report.unitsSource = "unknown, kept as metres";
    }
  }

  glm::mat4 scale = glm::scale(glm::mat4(1.0f), glm::vec3(report.scale));
  glm::mat4 toFrame = scale * rotation;
  mesh.transform(toFrame);

  // The skin's feet on the ground, centred on the vertical axis.
  Bounds b = boundsOf(mesh, skin);
  glm::vec3 shift(-b.center().x, -b.min.y, -b.center().z);
  for (auto& p : mesh.positions) p += shift;
  report.transform = glm::translate(glm::mat4(1.0f), shift) * toFrame;
  report.heightMetres = b.size().y;
  return report;
}

}  // namespace mesomap
