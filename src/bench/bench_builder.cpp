// The scenario builder's costs: the live validation it runs after edits (the same checks as
// `mesomap validate`) per library scenario, cutting the zone paint patch the renderer draws
// (after every brush dab), and one edit + undo of the snapshot commands. No
// peer: no open tool authors mesotherapy protocols.
#include <filesystem>

#include "bench/bench.h"
#include "core/base/data_paths.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/import/model_loader.h"
#include "core/editing/scenario_document.h"
#include "core/scoring/scenario_validation.h"
#include "core/view/scenario_zones.h"
#include "core/view/zone_paint.h"

namespace mesomap::bench {

int runBuilderBench(const BenchArgs& args) {
  const std::string name = std::filesystem::path(args.model).filename().string();
  LoadedModel loaded = loadModel(args.model);
  const Body body(std::move(loaded.mesh), loaded.path);
  const LandmarkSet& landmarks = body.landmarks();
  auto row = [&](const std::string& scenario, const char* metric, double value, const char* unit, int runs) {
    emit({{"bench", "builder"}, {"model", name}, {"scenario", scenario}, {"metric", metric}, {"ours", value},
          {"peer", nullptr}, {"unit", unit}, {"runs", runs}, {"statistic", "median"}});
  };
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(requiredDataPath("scenarios", "the benchmarks read it")))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (args.quick) files.resize(std::min<size_t>(files.size(), 1));
  const int runs = args.quick ? 1 : 5;
  for (const auto& file : files) {
    Scenario scenario = readValidScenario(file);
    useBodyLandmarks(scenario, landmarks);
    row(scenario.id, "validate", medianMilliseconds(runs, [&] { validateScenario(scenario, scoringBody(body)); }), "ms", runs);
    // What the renderer cuts after each brush dab: the skin under every zone, in 3 mm cells.
    const std::vector<ZoneRegion> regions = scenarioZoneRegions(scenario, body.mesh(), body.skin(), *body.geodesics());
    size_t patchTriangles = 0;
    row(scenario.id, "zone_paint_patch", medianMilliseconds(runs, [&] {
          patchTriangles = zonePaintPatch(body.mesh(), regions).mesh.triangles.size();
        }), "ms", runs);
    row(scenario.id, "zone_paint_triangles", double(patchTriangles), "count", 1);
    // One slider step on a point and its undo: what every edit in the builder costs.
    ScenarioDocument document(scenario);
    ScenarioHistory history;
    const int edits = args.quick ? 10 : 1000;
    row(scenario.id, "edit_and_undo", medianMilliseconds(edits, [&] {
          ReferencePoint p = document.scenario().points[0];
          p.angleDeg.min += 1.0;
          history.execute(document, setPointCommand(0, p));
          history.undo(document);
        }) * 1000.0,
        "us", edits);
  }
  return 0;
}

}  // namespace mesomap::bench
