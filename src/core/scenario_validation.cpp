#include "core/scenario_validation.h"

#include <cstdio>

#include "core/depth_target.h"
#include "core/scenario_geometry.h"

namespace mesomap {

namespace {

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string millimetres(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f mm", v);
  return buffer;
}

// A depth_mm override that leaves the technique's layers on this body needs a depth_note
// saying why (a source's millimetres that end in the fat here, say).
void checkDepthOverrides(const PreparedScenario& prepared, std::vector<Problem>& problems) {
  for (const PreparedPoint& p : prepared.points) {
    const ReferencePoint& point = prepared.scenario.points[p.index];
    if (!point.depthMm || !point.depthNote.empty()) continue;
    const DepthTarget band = depthTargetFor(nullptr, point.technique, p.column);
    const bool tooDeep = point.depthMm->max > band.allowedMaxMm + 1e-9;
    const bool tooShallow = point.depthMm->min < band.windowMm.min - 1e-9 && point.technique != Technique::IED &&
                            point.depthMm->max < p.column.epidermisMm;
    if (!tooDeep && !tooShallow) continue;
    const auto layer = layerAt(p.column, tooDeep ? point.depthMm->max : point.depthMm->min);
    problems.push_back({"points[" + std::to_string(p.index) + "].depth_mm",
                        "ends in the " + std::string(layerName(layer ? layer->layer : TissueLayer::Epidermis)) +
                            " here (" + presetFor(point.technique).code + " stays in the " + band.layers + ", " +
                            number(band.windowMm.min) + "–" + millimetres(band.windowMm.max) + " on this " +
                            toString(p.column.region) + " skin); remove depth_mm or explain it in depth_note",
                        ProblemSubject{SubjectKind::Point, p.index}});
  }
}

}  // namespace

std::vector<Problem> checkScenarioOnBody(const Scenario& scenario, const ScoringBody& body) {
  std::vector<Problem> problems = checkScenarioGeometry(scenario, body.skin);
  // The reference map must pass its own rules: its perfect attempt scores 100 with nothing to
  // correct (no point in a no-go zone, spacing and counts within the pattern, no critical error).
  if (problems.empty()) {
    const PreparedScenario prepared = prepareScenario(scenario, body);
    checkDepthOverrides(prepared, problems);
    const ScoreResult perfect = scoreAttempt(prepared, perfectAttempt(prepared), body);
    if (perfect.report)
      for (const FeedbackItem& item : perfect.report->feedback) {
        Problem problem{"reference map", "its own attempt does not pass cleanly: " + feedbackLine(item)};
        // Attempt point i of the perfect attempt is the i-th resolved reference point.
        if (item.reference) problem.subject = ProblemSubject{SubjectKind::Point, *item.reference};
        else if (item.zone) problem.subject = ProblemSubject{SubjectKind::Zone, *item.zone};
        else if (item.trainee && *item.trainee < prepared.points.size())
          problem.subject = ProblemSubject{SubjectKind::Point, prepared.points[*item.trainee].index};
        problems.push_back(problem);
      }
  }
  return problems;
}

std::vector<Problem> validateScenario(const Scenario& scenario, const ScoringBody& body) {
  ScenarioReadResult read = parseScenario(scenarioToJson(scenario));
  if (!read.ok()) return read.problems;
  read.scenario->bodyLandmarks = scenario.bodyLandmarks;
  return checkScenarioOnBody(*read.scenario, body);
}

}  // namespace mesomap
