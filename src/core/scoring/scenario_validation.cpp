#include "core/scoring/scenario_validation.h"

#include "core/protocol/scenario_geometry.h"

namespace mesomap {

std::vector<Problem> checkScenarioOnBody(const Scenario& scenario, const ScoringBody& body) {
  std::vector<Problem> problems = checkScenarioGeometry(scenario, body.skin);
  // The reference map must pass its own rules: its perfect attempt scores 100 with nothing to
  // correct (no point in a no-go zone, spacing and counts within the pattern).
  if (problems.empty()) {
    const PreparedScenario prepared = prepareScenario(scenario, body);
    const ScoreResult perfect = scoreAttempt(prepared, perfectAttempt(prepared), body);
    if (perfect.report)
      for (const std::string& line : perfect.report->feedback)
        problems.push_back({"reference map", "its own attempt does not pass cleanly: " + line});
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
