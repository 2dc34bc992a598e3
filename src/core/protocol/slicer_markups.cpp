#include "core/protocol/slicer_markups.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/body/needle.h"
#include "core/base/safe_write.h"
#include "core/protocol/scenario_geometry.h"
#include "core/base/strings.h"
#include "core/geometry/surface_frame.h"

namespace mesomap {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

[[noreturn]] void fail(const std::string& source, const std::string& path, const std::string& problem) {
  throw Error(ErrorKind::InvalidInput, source + ": " + path + ": " + problem);
}

const json& member(const json& object, const char* key, const std::string& source, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end()) fail(source, path, std::string("missing \"") + key + "\"");
  return *it;
}

glm::dvec3 readTriple(const json& value, const std::string& source, const std::string& path) {
  if (!value.is_array() || value.size() != 3) fail(source, path, "expected 3 numbers");
  glm::dvec3 v;
  for (int i = 0; i < 3; ++i) {
    if (!value[i].is_number()) fail(source, path + "[" + std::to_string(i) + "]", "not a number");
    v[i] = value[i].get<double>();
    if (!std::isfinite(v[i])) fail(source, path + "[" + std::to_string(i) + "]", "not finite");
  }
  return v;
}

// Two unit vectors perpendicular to `z` and to each other, so (x, y, z) is a right-handed frame.
void completeFrame(const glm::dvec3& z, glm::dvec3& x, glm::dvec3& y) {
  const glm::dvec3 helper = std::abs(z.z) < 0.9 ? glm::dvec3(0, 0, 1) : glm::dvec3(1, 0, 0);
  x = glm::normalize(glm::cross(helper, z));
  y = glm::cross(z, x);
}

double rounded(double v) { return std::round(v * 1e4) / 1e4; }  // 0.1 micrometre: stable files

std::string describePoint(const ReferencePoint& p) {
  char text[160];
  std::snprintf(text, sizeof text, "%s, angle %g-%g deg", presetFor(p.technique).code, p.angleDeg.min,
                p.angleDeg.max);
  std::string s = text;
  if (p.depthMm) {
    std::snprintf(text, sizeof text, ", depth %g-%g mm", p.depthMm->min, p.depthMm->max);
    s += text;
  }
  std::snprintf(text, sizeof text, ", %g-%g mL", p.volumeMl.min, p.volumeMl.max);
  s += text;
  if (!p.needle.empty()) s += ", " + p.needle;
  return s;
}

}  // namespace

glm::dvec3 toSlicer(const glm::dvec3& b, SlicerCoordinates system) {
  return system == SlicerCoordinates::LPS ? glm::dvec3(b.x, -b.z, b.y) : glm::dvec3(-b.x, b.z, b.y);
}

glm::dvec3 fromSlicer(const glm::dvec3& s, SlicerCoordinates system) {
  return system == SlicerCoordinates::LPS ? glm::dvec3(s.x, s.z, -s.y) : glm::dvec3(-s.x, s.z, s.y);
}

std::string markupsToJson(const std::vector<MarkupPoint>& points, SlicerCoordinates system) {
  ordered_json controlPoints = ordered_json::array();
  for (size_t i = 0; i < points.size(); ++i) {
    const MarkupPoint& p = points[i];
    const glm::dvec3 position = toSlicer(p.positionMm, system);
    // Landmarks carry Slicer's identity orientation; needles put their direction in column 3.
    glm::dvec3 z = p.direction ? toSlicer(glm::normalize(*p.direction), system) : glm::dvec3(0, 0, 1);
    glm::dvec3 x(1, 0, 0), y(0, 1, 0);
    if (p.direction) completeFrame(z, x, y);
    ordered_json cp;
    cp["id"] = std::to_string(i + 1);
    cp["label"] = p.label;
    cp["description"] = p.description;
    cp["associatedNodeID"] = "";
    cp["position"] = {rounded(position.x), rounded(position.y), rounded(position.z)};
    cp["orientation"] = {rounded(x.x), rounded(y.x), rounded(z.x), rounded(x.y), rounded(y.y),
                         rounded(z.y), rounded(x.z), rounded(y.z), rounded(z.z)};
    cp["selected"] = true;
    cp["locked"] = false;
    cp["visibility"] = true;
    cp["positionStatus"] = "defined";
    controlPoints.push_back(std::move(cp));
  }
  ordered_json markup;
  markup["type"] = "Fiducial";
  markup["coordinateSystem"] = system == SlicerCoordinates::LPS ? "LPS" : "RAS";
  markup["coordinateUnits"] = "mm";
  markup["locked"] = false;
  markup["fixedNumberOfControlPoints"] = false;
  markup["labelFormat"] = "%N-%d";
  markup["lastUsedControlPointNumber"] = points.size();
  markup["controlPoints"] = std::move(controlPoints);
  markup["measurements"] = ordered_json::array();
  ordered_json root;
  root["@schema"] = kSlicerMarkupsSchema;
  root["markups"] = ordered_json::array({std::move(markup)});
  return root.dump(2) + "\n";
}

void writeSlicerMarkups(const std::vector<MarkupPoint>& points, const std::filesystem::path& path,
                        SlicerCoordinates system) {
  writeFileAtomically(path, markupsToJson(points, system));
}

namespace {

// A string member, or "" when absent; anything else is the file's mistake, named by path.
std::string optionalText(const json& object, const char* key, const std::string& source, const std::string& path) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (!it->is_string()) fail(source, path + "." + key, "expected a string, not " + it->dump());
  return it->get<std::string>();
}

}  // namespace

static std::vector<MarkupPoint> readMarkups(const std::string& text, const std::string& source) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for 1e999
    throw Error(ErrorKind::InvalidInput, source + ": not valid JSON (" + e.what() + ")");
  }
  if (!root.is_object()) fail(source, "(top level)", "expected an object");
  const json& schema = member(root, "@schema", source, "@schema");
  // Slicer writes schema v1.0.0 to v1.0.3 with the same control point layout.
  if (!schema.is_string() || schema.get<std::string>().find("markups-schema-v1.0.") == std::string::npos)
    fail(source, "@schema", "not a 3D Slicer markups schema v1.0.x");
  const json& markups = member(root, "markups", source, "markups");
  if (!markups.is_array()) fail(source, "markups", "expected an array");

  std::vector<MarkupPoint> points;
  for (size_t m = 0; m < markups.size(); ++m) {
    const std::string mPath = "markups[" + std::to_string(m) + "]";
    const json& markup = markups[m];
    if (!markup.is_object()) fail(source, mPath, "expected an object");
    const json& type = member(markup, "type", source, mPath + ".type");
    // Curves, lines, planes and ROIs are not point maps: skipped, like Slicer's own importers do.
    if (!type.is_string()) fail(source, mPath + ".type", "expected a string");
    if (type.get<std::string>() != "Fiducial") continue;

    SlicerCoordinates system = SlicerCoordinates::LPS;  // the schema's default
    if (auto it = markup.find("coordinateSystem"); it != markup.end()) {
      const std::string name = it->is_string() ? it->get<std::string>() : "";
      if (name == "RAS") system = SlicerCoordinates::RAS;
      else if (name != "LPS") fail(source, mPath + ".coordinateSystem", "'" + it->dump() + "' is not LPS or RAS");
    }
    if (auto it = markup.find("coordinateUnits"); it != markup.end()) {
      if (!it->is_string() || it->get<std::string>() != "mm")
        fail(source, mPath + ".coordinateUnits", it->dump() + " is not \"mm\" (mesomap reads millimetres)");
    }
    const json& cps = member(markup, "controlPoints", source, mPath + ".controlPoints");
    if (!cps.is_array()) fail(source, mPath + ".controlPoints", "expected an array");
    if (cps.size() > 2000) fail(source, mPath + ".controlPoints", std::to_string(cps.size()) + " points (at most 2000)");
    for (size_t c = 0; c < cps.size(); ++c) {
      const std::string cPath = mPath + ".controlPoints[" + std::to_string(c) + "]";
      const json& cp = cps[c];
      if (!cp.is_object()) fail(source, cPath, "expected an object");
      // Slicer keeps placeholders for points not placed yet: nothing to import.
      if (cp.value("positionStatus", std::string("defined")) != "defined") continue;
      MarkupPoint p;
      p.label = optionalText(cp, "label", source, cPath);
      p.description = optionalText(cp, "description", source, cPath);
      p.positionMm = fromSlicer(readTriple(member(cp, "position", source, cPath + ".position"), source,
                                           cPath + ".position"),
                                system);
      if (auto it = cp.find("orientation"); it != cp.end()) {
        if (!it->is_array() || it->size() != 9) fail(source, cPath + ".orientation", "expected 9 numbers");
        glm::dvec3 z;
        for (int r = 0; r < 3; ++r) {
          const json& v = (*it)[r * 3 + 2];
          if (!v.is_number()) fail(source, cPath + ".orientation[" + std::to_string(r * 3 + 2) + "]", "not a number");
          z[r] = v.get<double>();
        }
        if (!std::isfinite(z.x + z.y + z.z) || glm::length(z) < 1e-6)
          fail(source, cPath + ".orientation", "third column is not a direction");
        // Slicer's default orientations (identity, or diag(-1, -1, 1) in LPS) keep the third
        // column superior: read as "no direction", a plain landmark. A needle straight up (the
        // sole of the foot) would read the same; no protocol here places one.
        const bool identity = glm::length(glm::normalize(z) - glm::dvec3(0, 0, 1)) < 1e-6;
        const glm::dvec3 direction = glm::normalize(fromSlicer(z, system));
        if (!identity) p.direction = direction;
      }
      points.push_back(std::move(p));
    }
  }
  return points;
}

std::vector<MarkupPoint> parseSlicerMarkups(const std::string& text, const std::string& source) {
  try {
    return readMarkups(text, source);
  } catch (const json::exception& e) {  // a type the checks above did not foresee: still the file's
    throw Error(ErrorKind::InvalidInput, source + ": " + e.what());
  }
}

std::vector<MarkupPoint> readSlicerMarkups(const std::filesystem::path& path) {
  return parseSlicerMarkups(readWholeFile(path, "markups"), path.string());
}

std::vector<MarkupPoint> scenarioMarkups(const Scenario& scenario, const Bvh& skin) {
  std::vector<MarkupPoint> points;
  for (const Landmark& l : landmarksInUse(scenario)) points.push_back({l.id, l.name, l.positionMm, std::nullopt});
  for (const ReferencePoint& p : scenario.points) {
    auto resolved = resolvePlacement(scenario, p.placement, skin);
    if (!resolved) continue;
    const glm::dvec3 direction(needleDirection(resolved->frame, referenceAngles(p)));
    points.push_back({p.id, describePoint(p), glm::dvec3(resolved->frame.position) * 1000.0, direction});
  }
  return points;
}

}  // namespace mesomap
