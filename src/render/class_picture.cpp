#include "render/class_picture.h"

#include <algorithm>
#include <map>

#include "core/base/error.h"
#include "core/body/patient_parameters.h"
#include "core/import/model_loader.h"
#include "core/patient/patient_body.h"
#include "core/protocol/scenario_transfer.h"
#include "core/scoring/scoring.h"
#include "core/view/class_heat_overlay.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_overlay.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::render {

namespace {

// The patient text most attempts were made with ("" : the scenario's own body).
std::string commonestPatient(const std::vector<StoredAttempt>& attempts) {
  std::map<std::string, size_t> count;
  for (const StoredAttempt& a : attempts) ++count[a.patient];
  std::string best;
  size_t most = 0;
  for (const auto& [patient, n] : count)
    if (n > most) best = patient, most = n;
  return best;
}

std::shared_ptr<const Body> bodyFor(const std::string& patient) {
  if (!patient.empty()) return makePatientBody(parsePatient(patient));
  LoadedModel model = loadModel(MESOMAP_DEFAULT_MODEL);
  return std::make_shared<const Body>(std::move(model.mesh), model.path);
}

// The scenario's first camera bookmark, else the side its points face, else the whole body.
OrbitCamera pictureCamera(const Scenario& scenario, const Body& body, float aspect) {
  OrbitCamera camera;
  if (!scenario.cameras.empty()) return cameraFromBookmark(scenario.cameras.front());
  if (auto region = regionCamera(scenario, body.skin(), aspect)) return *region;
  camera.frame(body.mesh().bounds(), aspect);
  return camera;
}

}  // namespace

ClassPicture renderClassPicture(const Scenario& original, const ScenarioSummary& summary,
                                const std::vector<StoredAttempt>& attempts, int width, int height) {
  ClassPicture out;
  const std::string patient = commonestPatient(attempts);
  const std::shared_ptr<const Body> body = bodyFor(patient);
  out.body = patient.empty() ? "the default body" : "patient: " + patient;
  Scenario scenario = original;
  putScenarioOnBody(scenario, *body);
  const PreparedScenario prepared = prepareScenario(scenario, scoringBody(*body));
  if (prepared.points.empty())
    throw Error(ErrorKind::InvalidInput, "scenario '" + scenario.id + "': no reference point resolves on " + out.body);

  std::vector<ReferenceHeat> heat;
  for (const ReferencePointSummary& p : summary.points)
    heat.push_back(
        {p.referenceId, p.matched ? std::optional<double>(p.meanDistanceMm) : std::nullopt, p.matched, p.attempts});
  std::vector<glm::dvec3> landed;
  for (const StoredAttempt& a : attempts) {
    const AttemptReadResult read = parseAttempt(a.attemptJson);
    if (a.patient != patient || !read.attempt) {
      ++out.otherBodyAttempts;
      continue;
    }
    ++out.drawnAttempts;
    for (const AttemptPoint& p : read.attempt->points) landed.push_back(p.positionMm);
  }

  SceneRenderer renderer;
  renderer.setMesh(body->mesh());
  SceneStyle style = renderer.style();
  style.legend = true;
  style.zones = false;  // the heat is the picture; zone tints would compete with its colours
  renderer.setStyle(style);
  // Framed for a square, then moved into the picture's left square: the legend (top right)
  // never hides a reference point.
  out.camera = pictureCamera(scenario, *body, 1.0f);
  if (width > height) out.camera.pan(-0.5f * (float(width) / float(height) - 1.0f), 0.0f);
  Overlay overlay = classHeatOverlay(prepared, heat, landed, body->skin());
  hideOccludedLabels(overlay, out.camera.eye(), body->skin());
  renderer.setOverlay(overlay);
  out.image = renderer.renderImage(out.camera, width, height, 8);
  return out;
}

std::map<std::string, ScenarioPicture> classReportPictures(const ClassReport& report,
                                                           const std::vector<Scenario>& scenarios) {
  std::map<std::string, ScenarioPicture> pictures;
  if (report.scenarios.empty()) return pictures;
  std::unique_ptr<GlContext> context;
  std::string noContext;
  try {
    context = createHeadlessContext();
  } catch (const Error& e) {
    noContext = std::string("no OpenGL context could be made to draw it (") + e.what() + ")";
  }
  for (const ScenarioSummary& s : report.scenarios) {
    ScenarioPicture& picture = pictures[s.scenarioId];
    const auto scenario = std::find_if(scenarios.begin(), scenarios.end(),
                                       [&](const Scenario& candidate) { return candidate.id == s.scenarioId; });
    if (scenario == scenarios.end()) {
      picture.missing = "the scenario '" + s.scenarioId +
                        "' is in none of the scenario folders (the built-in library, yours, MESOMAP_SCENARIO_PATH)";
      continue;
    }
    if (!context) {
      picture.missing = noContext;
      continue;
    }
    std::vector<StoredAttempt> attempts;
    for (const StoredAttempt& a : report.attempts)
      if (a.scenarioId == s.scenarioId) attempts.push_back(a);
    try {
      const ClassPicture drawn = renderClassPicture(*scenario, s, attempts);
      picture.png = encodePng(drawn.image);
      picture.caption = "On " + drawn.body + ": the needles of " + std::to_string(drawn.drawnAttempts) + " attempt(s)";
      if (drawn.otherBodyAttempts)
        picture.caption += "; " + std::to_string(drawn.otherBodyAttempts) +
                           " made on another body count in the colours but are not drawn";
      picture.caption += ".";
    } catch (const Error& e) {
      picture.missing = e.what();
    }
  }
  return pictures;
}

}  // namespace mesomap::render
