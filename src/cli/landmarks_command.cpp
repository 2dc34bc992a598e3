// `mesomap landmarks [--model PATH] [--estimate] [--compare] [--out FILE.json]`: the standard
// landmarks of a body (its landmark file, or estimates), the estimator measured against the
// file, or a landmark file written for a body that has none (to correct by hand).
#include <algorithm>
#include <cstdio>

#include "cli/arguments.h"
#include "cli/body_arguments.h"
#include "cli/commands.h"
#include "core/geometry/bvh.h"
#include "core/base/error.h"
#include "core/body/landmark_estimator.h"
#include "core/body/landmarks.h"
#include "core/import/model_loader.h"
#include "core/base/strings.h"
#include "core/base/safe_write.h"
#include "core/patient/patient.h"
#include "core/patient/patient_landmarks.h"

namespace mesomap::cli {

namespace {

// The generator of assets/makehuman/landmarks.json: the estimator's landmarks on the average
// patient, anchored to the hm08 topology (patient_landmarks.h).
int writePatientAnchors(const std::filesystem::path& out) {
  const PatientParameters average;
  const PatientBodyData& data = patientBodyData();
  const PatientMesh built = buildPatientMesh(average, data);
  const LandmarkSet estimate = estimateLandmarks(built.mesh, Bvh::build(built.mesh));
  for (const std::string& note : estimate.notes) std::printf("note: %s\n", note.c_str());
  const auto anchors = anchorLandmarks(built.mesh, data, estimate);
  writeFileAtomically(out, patientLandmarkAnchorsToJson(
                               anchors, "Standard landmarks on MakeHuman's hm08 body topology: each a triangle of "
                                        "hm08 vertices and barycentric weights. Made by `mesomap landmarks "
                                        "--write-patient-anchors` from the estimator's landmarks on the average "
                                        "patient (" + describePatient(average) + "), snapped to the skin; left "
                                        "landmarks are the right ones through the hm08 mirror table."));
  std::printf("%s: wrote %zu anchors\n", out.c_str(), anchors.size());
  return 0;
}

void printLandmarks(const std::string& body, const LandmarkSet& set) {
  std::printf("landmarks of %s: %s\n", body.c_str(), set.source.c_str());
  for (const std::string& note : set.notes) std::printf("note: %s\n", note.c_str());
  for (const PlacedLandmark& l : set.landmarks) {
    const glm::dvec3& p = l.landmark.positionMm;
    std::printf("%-26s %7.1f %7.1f %7.1f   %s\n", l.landmark.id.c_str(), p.x, p.y, p.z, l.method.c_str());
  }
}

// A patient's landmarks are exact (hm08 anchors): nothing to estimate or compare.
int printPatientLandmarks(const Arguments& a) {
  if (a.flag("--estimate") || a.flag("--compare"))
    throw Error(ErrorKind::Usage, "landmarks: a --patient's landmarks are exact; --estimate and --compare are for models");
  std::optional<LandmarkSet> set;
  const LoadedModel model = loadModelArgument(a, &set);
  if (auto out = a.value("--out")) {
    writeLandmarkSet(*set, *out, model.path.string(), "Standard landmarks of the " + model.path.string() + " (hm08 anchors).");
    std::printf("%s: wrote %zu landmarks\n", out->c_str(), set->landmarks.size());
    return 0;
  }
  printLandmarks(model.path.string(), *set);
  return 0;
}

}  // namespace

CommandSpec landmarksCommand() {
  CommandSpec c{"landmarks", "a body's standard landmarks: its landmark file, estimates, or both compared", "", "",
                {{"--estimate", "", "estimate them from the body's shape, ignoring its landmark file", ""},
                 {"--compare", "", "measure the estimates against the body's landmark file", ""},
                 {"-o,--out", "FILE.json", "write them as a landmark file (to correct by hand)", ""},
                 {"--write-patient-anchors", "FILE.json",
                  "write the hm08 landmark anchors of the patient body (makes assets/makehuman/landmarks.json)",
                  "Developer"}},
                runLandmarks, ""};
  append(c.options, bodyOptions());
  return c;
}

int runLandmarks(const Arguments& a) {
  if (auto out = a.value("--write-patient-anchors")) return writePatientAnchors(*out);
  if (a.flag("--estimate") && a.flag("--compare"))
    throw Error(ErrorKind::Usage, "landmarks: give --estimate or --compare, not both");
  if (a.value("--patient")) return printPatientLandmarks(a);
  const std::string modelPath = a.value("--model").value_or(MESOMAP_DEFAULT_MODEL);
  LoadedModel model = loadModel(modelPath, a.loadOptions());
  const Bvh skin = Bvh::build(model.mesh);
  const std::filesystem::path file = landmarkFileFor(modelPath);
  std::error_code ec;
  const bool hasFile = std::filesystem::exists(file, ec);
  // A landmark file with problems is set aside by bodyLandmarks; here every problem is shown.
  if (hasFile && !a.flag("--estimate")) {
    LandmarkSetReadResult read = readLandmarkSet(file);
    for (const Problem& p : read.problems) std::printf("%s\n", formatProblem(file.string(), p).c_str());
  }

  if (a.flag("--compare")) {
    if (!hasFile)
      throw Error(ErrorKind::InvalidInput, "landmarks: " + mesomap::quoted(modelPath) + " has no landmark file (" +
                                               mesomap::quoted(file) + ") to compare the estimates with");
    const LandmarkSet placed = bodyLandmarks(modelPath, model.mesh, skin);
    const LandmarkSet estimate = estimateLandmarks(model.mesh, skin);
    std::printf("%-26s %9s   estimate - %s (mm: x, y, z)\n", "landmark", "distance", placed.source.c_str());
    double sum = 0.0, worst = 0.0;
    std::string worstId;
    size_t count = 0;
    for (const PlacedLandmark& e : estimate.landmarks) {
      const Landmark* p = placed.find(e.landmark.id);
      if (!p) continue;
      const glm::dvec3 d = e.landmark.positionMm - p->positionMm;
      const double distance = glm::length(d);
      std::printf("%-26s %6.1f mm   (%+6.1f, %+6.1f, %+6.1f)\n", e.landmark.id.c_str(), distance, d.x, d.y, d.z);
      sum += distance;
      ++count;
      if (distance > worst) {
        worst = distance;
        worstId = e.landmark.id;
      }
    }
    for (const std::string& note : estimate.notes) std::printf("note: %s\n", note.c_str());
    if (count == 0) throw Error(ErrorKind::InvalidInput, "landmarks: nothing to compare");
    std::printf("%zu landmarks: mean %.1f mm, worst %.1f mm (%s)\n", count, sum / count, worst, worstId.c_str());
    return 0;
  }

  const LandmarkSet set = a.flag("--estimate") ? estimateLandmarks(model.mesh, skin) : bodyLandmarks(modelPath, model.mesh, skin);
  if (auto out = a.value("--out")) {
    const std::string body = isDefaultBodyModel(modelPath) ? "default" : modelPath;
    writeLandmarkSet(set, *out, body,
                     "Standard landmarks of " + mesomap::quoted(modelPath) + " (" + set.source +
                         "); check each on a render and correct by hand (docs/landmarks.md).");
    std::printf("%s: wrote %zu landmarks (%zu estimated)\n", out->c_str(), set.landmarks.size(), set.estimatedCount());
    return 0;
  }
  printLandmarks(model.path, set);
  return 0;
}

}  // namespace mesomap::cli
