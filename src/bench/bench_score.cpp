// Scoring: preparing a scenario on the body (once), scoring one 10-point attempt, grading a
// class of 1000 varied attempts, and building a brush-painted zone. No peer: no open trainer scores mesotherapy placements.
#include <filesystem>
#include <random>

#include "bench/bench.h"
#include "core/base/data_paths.h"
#include "core/import/model_loader.h"
#include "core/scoring/scoring.h"

namespace mesomap::bench {

int runScoreBench(const BenchArgs& args) {
  const std::string name = std::filesystem::path(args.model).filename().string();
  LoadedModel loaded = loadModel(args.model);
  const Body body(std::move(loaded.mesh), loaded.path);
  const Scenario scenario =
      readValidScenario(requiredDataPath("scenarios/knee_osteoarthritis_right.json", "the benchmarks read it"));
  auto row = [&](const char* metric, double value, const char* unit, int runs) {
    emit({{"bench", "score"}, {"model", name}, {"scenario", scenario.id}, {"metric", metric}, {"ours", value},
          {"peer", nullptr}, {"unit", unit}, {"runs", runs}, {"statistic", "median"}});
  };
  const int prepareRuns = args.quick ? 2 : 10;
  std::optional<PreparedScenario> prepared;
  row("prepare_scenario", medianMilliseconds(prepareRuns, [&] { prepared = prepareScenario(scenario, scoringBody(body)); }),
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
  row("score_10_points", medianMilliseconds(runs, [&] { scoreAttempt(*prepared, one, scoringBody(body)); }), "ms", runs);

  std::vector<Attempt> classOfAttempts;
  const int classSize = args.quick ? 20 : 1000;
  for (int i = 0; i < classSize; ++i) classOfAttempts.push_back(varied());
  row(args.quick ? "grade_20_attempts" : "grade_1000_attempts", medianMilliseconds(args.quick ? 1 : 3, [&] {
        for (const Attempt& a : classOfAttempts) scoreAttempt(*prepared, a, scoringBody(body));
      }) / 1000.0,
      "s", args.quick ? 1 : 3);

  // The scenario builder's brush rebuilds the zone after every stamp while the author drags:
  // a 20 mm zone on the front of the thigh painted with 8 mm stamps 4 mm apart in five strokes
  // side by side (the last dabs of a long drag), every fifth stamp an erase.
  Scenario canvas;
  canvas.landmarks.push_back({"thigh", "", glm::dvec3(-120.0, 700.0, 70.0)});
  Zone zone;
  zone.id = "painted";
  zone.radiusMm = 20.0;
  zone.centre.landmark = "thigh";
  std::vector<glm::vec3> stamps;
  for (int i = 0; i < 50; ++i) {
    const auto at = resolvePlacement(canvas, {std::nullopt, "thigh", 8.0 * (i / 10), 4.0 * (i % 10)}, body.skin());
    stamps.push_back(at->frame.position);
    zone.brush.push_back({glm::dvec3(at->frame.position) * 1000.0, 8.0, i % 5 == 4});
  }
  const glm::vec3 centre = resolvePlacement(canvas, zone.centre, body.skin())->frame.position;
  auto zoneRow = [&](const char* metric, double value, int runs) {
    emit({{"bench", "score"}, {"model", name}, {"scenario", "brushed thigh zone"}, {"metric", metric}, {"ours", value},
          {"peer", nullptr}, {"unit", "ms"}, {"runs", runs}, {"statistic", "median"}});
  };
  const int zoneRuns = args.quick ? 3 : 50;
  Zone disc = zone;
  disc.brush.clear();
  zoneRow("build_zone_disc", medianMilliseconds(zoneRuns, [&] {
            buildZoneRegion(disc, centre, {}, body.mesh(), body.skin(), *body.geodesics());
          }), zoneRuns);
  zoneRow("build_zone_50_stamps", medianMilliseconds(zoneRuns, [&] {
            buildZoneRegion(zone, centre, stamps, body.mesh(), body.skin(), *body.geodesics());
          }), zoneRuns);
  // While painting: the 50th stamp added to the region built with 49, whose discs are reused.
  Zone before = zone;
  before.brush.pop_back();
  const ZoneRegion previous = buildZoneRegion(before, centre, std::vector<glm::vec3>(stamps.begin(), stamps.end() - 1),
                                              body.mesh(), body.skin(), *body.geodesics());
  zoneRow("add_50th_stamp", medianMilliseconds(zoneRuns, [&] {
            buildZoneRegion(zone, centre, stamps, body.mesh(), body.skin(), *body.geodesics(), &previous);
          }), zoneRuns);
  return 0;
}

}  // namespace mesomap::bench
