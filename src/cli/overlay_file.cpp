#include "cli/overlay_file.h"

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/base/strings.h"

namespace mesomap::cli {

namespace {

using nlohmann::json;

glm::vec3 readVector(const json& value, const std::string& where, const std::filesystem::path& path) {
  if (!value.is_array() || value.size() != 3 || !value[0].is_number() || !value[1].is_number() ||
      !value[2].is_number()) {
    throw Error(ErrorKind::InvalidInput, quoted(path) + ": " + where + ": expected [x, y, z] numbers");
  }
  glm::vec3 v(value[0].get<float>(), value[1].get<float>(), value[2].get<float>());
  if (!std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z))
    throw Error(ErrorKind::InvalidInput, quoted(path) + ": " + where + ": not finite");
  return v;
}

}  // namespace

Overlay readOverlayFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::Io, quoted(path) + ": cannot open");
  json root;
  try {
    root = json::parse(in);
  } catch (const json::parse_error& e) {
    throw Error(ErrorKind::InvalidInput, quoted(path) + ": not valid JSON (" + e.what() + ")");
  }
  Overlay overlay;
  const json& markers = root.value("markers", json::array());
  for (size_t i = 0; i < markers.size(); ++i) {
    const std::string where = "markers[" + std::to_string(i) + "]";
    MarkerGlyph m;
    m.position = readVector(markers[i].value("position_mm", json()), where + ".position_mm", path) * 0.001f;
    if (markers[i].contains("color")) m.colorSrgb = readVector(markers[i]["color"], where + ".color", path);
    m.radius = markers[i].value("radius_mm", 4.0f) * 0.001f;
    m.label = markers[i].value("label", "");
    overlay.markers.push_back(m);
  }
  const json& needles = root.value("needles", json::array());
  for (size_t i = 0; i < needles.size(); ++i) {
    const std::string where = "needles[" + std::to_string(i) + "]";
    NeedleGlyph n;
    n.entry = readVector(needles[i].value("entry_mm", json()), where + ".entry_mm", path) * 0.001f;
    glm::vec3 direction = readVector(needles[i].value("direction", json()), where + ".direction", path);
    if (glm::length(direction) < 1e-6f)
      throw Error(ErrorKind::InvalidInput, quoted(path) + ": " + where + ".direction: zero length");
    n.direction = glm::normalize(direction);
    n.insertedLength = needles[i].value("inserted_mm", 4.0f) * 0.001f;
    if (needles[i].contains("color")) n.colorSrgb = readVector(needles[i]["color"], where + ".color", path);
    overlay.needles.push_back(n);
  }
  return overlay;
}

}  // namespace mesomap::cli
