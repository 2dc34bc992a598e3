#include "core/patient/patient_landmarks.h"

#include <cmath>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/base/strings.h"
#include "core/geometry/bvh.h"

namespace mesomap {

namespace {

constexpr int kAnchorFormatVersion = 1;

// hm08 index -> body-local vertex.
std::unordered_map<uint32_t, uint32_t> localIndex(const PatientBodyData& data) {
  std::unordered_map<uint32_t, uint32_t> local;
  for (uint32_t i = 0; i < data.hm08Index.size(); ++i) local[data.hm08Index[i]] = i;
  return local;
}

PatientLandmarkAnchor readAnchor(const nlohmann::json& e, const std::string& where,
                                 const std::unordered_map<uint32_t, uint32_t>& local) {
  auto fail = [&](const std::string& problem) { throw Error(ErrorKind::InvalidInput, where + ": " + problem); };
  if (!e.is_object() || !e.contains("id") || !e["id"].is_string()) fail("needs a string 'id'");
  PatientLandmarkAnchor a;
  a.id = e["id"].get<std::string>();
  if (!findStandardLandmark(a.id)) fail("'" + a.id + "' is not a standard landmark");
  const nlohmann::json& v = e.value("hm08_vertices", nlohmann::json());
  const nlohmann::json& w = e.value("weights", nlohmann::json());
  if (!v.is_array() || v.size() != 3 || !w.is_array() || w.size() != 3)
    fail("'" + a.id + "' needs three hm08_vertices and three weights");
  for (int k = 0; k < 3; ++k) {
    if (!v[k].is_number_unsigned() || !local.count(v[k].get<uint32_t>()))
      fail("'" + a.id + "': hm08_vertices[" + std::to_string(k) + "] is not a body vertex");
    if (!w[k].is_number()) fail("'" + a.id + "': weights[" + std::to_string(k) + "] is not a number");
    a.vertices[k] = v[k].get<uint32_t>();
    a.weights[k] = w[k].get<double>();
  }
  if (std::abs(a.weights.x + a.weights.y + a.weights.z - 1.0) > 1e-6 ||
      glm::any(glm::lessThan(a.weights, glm::dvec3(-1e-9))))
    fail("'" + a.id + "': weights must be >= 0 and sum to 1");
  a.method = e.value("method", "");
  return a;
}

std::string leftPartnerOf(const std::string& rightId) {
  return rightId.substr(0, rightId.size() - std::string("_right").size()) + "_left";
}

}  // namespace

std::vector<PatientLandmarkAnchor> readPatientLandmarkAnchors(const std::filesystem::path& path,
                                                              const PatientBodyData& data) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::Io, quoted(path) + ": cannot open the patient landmark anchors");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  const std::string file = path.string();
  if (j.is_discarded() || !j.is_object()) throw Error(ErrorKind::InvalidInput, file + ": not a JSON object");
  if (j.value("format", "") != "mesomap-patient-landmarks")
    throw Error(ErrorKind::InvalidInput, file + ": format: not \"mesomap-patient-landmarks\"");
  if (j.value("version", 0) != kAnchorFormatVersion)
    throw Error(ErrorKind::InvalidInput,
                file + ": version: this mesomap reads version " + std::to_string(kAnchorFormatVersion));
  if (!j.contains("landmarks") || !j["landmarks"].is_array())
    throw Error(ErrorKind::InvalidInput, file + ": landmarks: not a list");
  const auto local = localIndex(data);
  std::vector<PatientLandmarkAnchor> anchors;
  for (size_t i = 0; i < j["landmarks"].size(); ++i)
    anchors.push_back(readAnchor(j["landmarks"][i], file + ": landmarks[" + std::to_string(i) + "]", local));
  return anchors;
}

std::filesystem::path patientLandmarkAnchorsPath() {
  return requiredDataPath("makehuman/landmarks.json", "a patient's landmarks are placed from it");
}

const std::vector<PatientLandmarkAnchor>& patientLandmarkAnchors() {
  static std::mutex mutex;
  static std::unique_ptr<const std::vector<PatientLandmarkAnchor>> anchors;
  std::lock_guard lock(mutex);
  if (!anchors)
    anchors = std::make_unique<const std::vector<PatientLandmarkAnchor>>(
        readPatientLandmarkAnchors(patientLandmarkAnchorsPath(), patientBodyData()));
  return *anchors;
}

LandmarkSet patientLandmarks(const Mesh& mesh, const PatientBodyData& data,
                             const std::vector<PatientLandmarkAnchor>& anchors) {
  const auto local = localIndex(data);
  LandmarkSet set;
  set.source = "patient (hm08 anchors, " + patientLandmarkAnchorsPath().filename().string() + ")";
  for (const StandardLandmark& s : standardLandmarks()) {
    const PatientLandmarkAnchor* anchor = nullptr;
    for (const PatientLandmarkAnchor& a : anchors)
      if (a.id == s.id) anchor = &a;
    if (!anchor) {
      set.notes.push_back(std::string("no hm08 anchor for '") + s.id + "'");
      continue;
    }
    glm::dvec3 metres(0.0);
    for (int k = 0; k < 3; ++k)
      metres += anchor->weights[k] * glm::dvec3(mesh.positions[local.at(anchor->vertices[k])]);
    PlacedLandmark placed;
    placed.landmark.id = s.id;
    placed.landmark.name = s.name;
    placed.landmark.positionMm = metres * 1000.0;
    placed.method = anchor->method;
    set.landmarks.push_back(std::move(placed));
  }
  return set;
}

std::vector<PatientLandmarkAnchor> anchorLandmarks(const Mesh& mesh, const PatientBodyData& data,
                                                   const LandmarkSet& placed) {
  const Bvh skin = Bvh::build(mesh);
  std::vector<PatientLandmarkAnchor> anchors;
  for (const PlacedLandmark& l : placed.landmarks) {
    const StandardLandmark* s = findStandardLandmark(l.landmark.id);
    if (!s || s->side == BodySide::Left) continue;  // left ones are the right ones mirrored
    const auto hit = skin.closestPoint(glm::vec3(l.landmark.positionMm * 0.001), PartFilter::Skin);
    if (!hit) continue;
    const glm::uvec3 t = mesh.triangles[hit->triangle];
    glm::dvec3 weights = glm::max(glm::dvec3(1.0 - hit->u - hit->v, hit->u, hit->v), glm::dvec3(0.0));
    weights /= weights.x + weights.y + weights.z;  // float rounding can leave -1e-8 at an edge
    PatientLandmarkAnchor a{s->id,
                            {data.hm08Index[t.x], data.hm08Index[t.y], data.hm08Index[t.z]},
                            weights,
                            "hm08 anchor, made from the average patient's landmark (" + l.method + ")"};
    anchors.push_back(a);
    if (s->side == BodySide::Right) {
      PatientLandmarkAnchor left = a;
      left.id = leftPartnerOf(a.id);
      for (int k = 0; k < 3; ++k) left.vertices[k] = data.hm08Index[data.mirror[t[k]]];
      left.method = "mirror of " + a.id + " through the hm08 mirror table";
      anchors.push_back(left);
    }
  }
  return anchors;
}

std::string patientLandmarkAnchorsToJson(const std::vector<PatientLandmarkAnchor>& anchors,
                                         const std::string& description) {
  nlohmann::ordered_json j{{"format", "mesomap-patient-landmarks"},
                           {"version", kAnchorFormatVersion},
                           {"topology", "hm08"},
                           {"description", description}};
  j["landmarks"] = nlohmann::ordered_json::array();
  for (const StandardLandmark& s : standardLandmarks())
    for (const PatientLandmarkAnchor& a : anchors) {
      if (a.id != s.id) continue;
      // Nine decimals: 1e-9 of a triangle, far below a micrometre; the sum stays 1 to 1e-9.
      auto fixed = [](double v) { return std::round(v * 1e9) / 1e9 + 0.0; };
      const double w1 = fixed(a.weights.y), w2 = fixed(a.weights.z);
      nlohmann::ordered_json e{
          {"id", a.id}, {"hm08_vertices", a.vertices}, {"weights", {fixed(1.0 - w1 - w2), w1, w2}}};
      if (!a.method.empty()) e["method"] = a.method;
      j["landmarks"].push_back(e);
    }
  return j.dump(2) + "\n";
}

}  // namespace mesomap
