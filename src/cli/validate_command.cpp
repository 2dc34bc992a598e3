// `mesomap validate FILE...`: every problem of every scenario file, one per line with its JSON
// path; exit 0 only when all files are clean. Besides the file itself: geometry on the body,
// and the reference map scored against its own rules.
#include <cstdio>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "core/bvh.h"
#include "core/error.h"
#include "core/model_loader.h"
#include "core/scenario.h"
#include "core/scenario_geometry.h"
#include "core/scoring.h"

namespace mesomap::cli {

int runValidate(const std::vector<std::string>& args) {
  Arguments a(args, {"--model", "--units", "--up"}, {"--quiet"});
  if (a.positional().empty()) throw Error(ErrorKind::Usage, "validate: give one or more scenario files");
  // Geometry is checked on the body the scenarios are for (the default body unless --model).
  std::optional<ScoringModel> body;
  size_t problemCount = 0;
  for (const std::string& file : a.positional()) {
    ScenarioReadResult result;
    try {
      result = readScenario(file);
    } catch (const Error& e) {
      std::printf("%s\n", e.what());
      ++problemCount;
      continue;
    }
    std::vector<Problem> problems = result.problems;
    if (result.scenario && result.problems.empty()) {
      if (!body) body.emplace(loadModel(a.value("--model").value_or(MESOMAP_DEFAULT_MODEL), a.loadOptions()).mesh);
      std::vector<Problem> geometry = checkScenarioGeometry(*result.scenario, body->skin);
      problems.insert(problems.end(), geometry.begin(), geometry.end());
      // The reference map must pass its own rules: its perfect attempt scores 100 with nothing
      // to correct (no point in a no-go zone, spacing and counts within the pattern).
      if (geometry.empty()) {
        const PreparedScenario prepared = prepareScenario(*result.scenario, body->body());
        const ScoreResult perfect = scoreAttempt(prepared, perfectAttempt(prepared), body->body());
        if (perfect.report)
          for (const std::string& line : perfect.report->feedback)
            problems.push_back({"reference map", "its own attempt does not pass cleanly: " + line});
      }
    }
    for (const Problem& p : problems) std::printf("%s\n", formatProblem(file, p).c_str());
    if (problems.empty() && !a.flag("--quiet")) {
      std::printf("%s: ok (%zu landmarks, %zu points, %zu zones)\n", file.c_str(), result.scenario->landmarks.size(),
                  result.scenario->points.size(), result.scenario->zones.size());
    }
    problemCount += problems.size();
  }
  return problemCount == 0 ? 0 : 3;
}

}  // namespace mesomap::cli
