// Scoring: preparing a scenario on the body (once), scoring one 10-point attempt, and grading a
// class of 1000 varied attempts. No peer: no open trainer scores mesotherapy placements.
#include <filesystem>
#include <random>

#include "bench/bench.h"
#include "core/model_loader.h"
#include "core/scoring.h"

namespace mesomap::bench {

int runScoreBench(const BenchArgs& args) {
  const std::string name = std::filesystem::path(args.model).filename().string();
  const ScoringModel model(loadModel(args.model).mesh);
  const Scenario scenario =
      readValidScenario(std::filesystem::path(MESOMAP_SOURCE_DIR) / "assets/scenarios/knee_osteoarthritis_right.json");
  auto row = [&](const char* metric, double value, const char* unit, int runs) {
    emit({{"bench", "score"}, {"model", name}, {"scenario", scenario.id}, {"metric", metric}, {"ours", value},
          {"peer", nullptr}, {"unit", unit}, {"runs", runs}, {"statistic", "median"}});
  };
  const int prepareRuns = args.quick ? 2 : 10;
  std::optional<PreparedScenario> prepared;
  row("prepare_scenario", medianMilliseconds(prepareRuns, [&] { prepared = prepareScenario(scenario, model.body()); }),
      "ms", prepareRuns);

  // A 10-point attempt with the usual mistakes: points a few mm off, angles and depths varied.
  const Attempt perfect = perfectAttempt(*prepared);
  std::mt19937 random(42);
  std::normal_distribution<double> offMm(0.0, 4.0), offDeg(0.0, 10.0), offDepth(0.0, 0.8);
  auto varied = [&] {
    Attempt a = perfect;
    for (AttemptPoint& p : a.points) {
      p.positionMm += glm::dvec3(offMm(random), offMm(random), offMm(random) * 0.3);
      p.angleDeg = std::clamp(p.angleDeg + offDeg(random), 0.0, 90.0);
      p.depthMm = std::max(0.0, *p.depthMm + offDepth(random));
    }
    return a;
  };
  const Attempt one = varied();
  const int runs = args.quick ? 20 : 2000;
  row("score_10_points", medianMilliseconds(runs, [&] { scoreAttempt(*prepared, one, model.body()); }), "ms", runs);

  std::vector<Attempt> classOfAttempts;
  const int classSize = args.quick ? 20 : 1000;
  for (int i = 0; i < classSize; ++i) classOfAttempts.push_back(varied());
  row(args.quick ? "grade_20_attempts" : "grade_1000_attempts", medianMilliseconds(args.quick ? 1 : 3, [&] {
        for (const Attempt& a : classOfAttempts) scoreAttempt(*prepared, a, model.body());
      }) / 1000.0,
      "s", args.quick ? 1 : 3);
  return 0;
}

}  // namespace mesomap::bench
