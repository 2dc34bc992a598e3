// Scenario pictures: what `mesomap render --scenario ... --overlay legend,labels,scale-bar`
// spends on one picture at presentation sizes, split into its parts. Model loading and the
// geodesic solver (once per body; see the geodesic group) are outside the timed parts.
#include <algorithm>
#include <filesystem>
#include <functional>

#include <glad/gl.h>

#include "bench/bench.h"
#include "core/base/data_paths.h"
#include "core/geometry/bvh.h"
#include "core/geometry/geodesic.h"
#include "core/import/model_loader.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_overlay.h"
#include "core/view/scenario_zones.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::bench {

int runRenderBench(const BenchArgs& args) {
  const std::filesystem::path scenarioPath =
      requiredDataPath("scenarios/knee_osteoarthritis_right.json", "the benchmarks read it");
  const Scenario scenario = readValidScenario(scenarioPath);
  LoadedModel model = loadModel(args.model);
  const Bvh skin = Bvh::build(model.mesh);
  const auto solver = geodesicSolverFor(model.mesh);
  auto context = render::createHeadlessContext();
  render::SceneRenderer renderer;
  renderer.setMesh(model.mesh);
  render::SceneStyle style = renderer.style();
  style.legend = style.scaleBar = true;
  renderer.setStyle(style);

  const int runs = args.quick ? 1 : 7;
  const std::string name = std::filesystem::path(args.model).filename().string();
  auto row = [&](const std::string& metric, const std::vector<double>& times, int samples) {
    emit({{"bench", "render"}, {"model", name}, {"scenario", scenario.id}, {"metric", metric},
          {"ours", times[times.size() / 2]}, {"max", times.back()}, {"peer", nullptr}, {"unit", "ms"}, {"runs", runs},
          {"statistic", "median"}, {"msaa", samples}, {"renderer", context->description()}});
  };

  // Per scenario, independent of the picture size: regions, needles, labels.
  std::vector<ZoneRegion> zones;
  row("zone_regions", sortedMilliseconds(runs, [&] { zones = scenarioZoneRegions(scenario, model.mesh, skin, *solver); }), 0);
  Overlay overlay;
  row("overlay", sortedMilliseconds(runs, [&] { overlay = scenarioOverlay(scenario, skin); }), 0);
  renderer.setZones(zones);

  const std::filesystem::path out = std::filesystem::temp_directory_path() / "mesomap-bench-render.png";
  struct Case { int width, height, samples; };
  for (Case c : {Case{1920, 1080, 8}, Case{3840, 2160, 8}}) {
    const float aspect = static_cast<float>(c.width) / static_cast<float>(c.height);
    const OrbitCamera camera = regionCamera(scenario, skin, aspect).value_or(OrbitCamera{});
    Overlay shown = overlay;
    hideOccludedLabels(shown, camera.eye(), skin);
    renderer.setOverlay(shown);
    renderer.renderImage(camera, c.width, c.height, c.samples);  // warm-up: shader JIT, allocation
    const std::string size = std::to_string(c.width) + "x" + std::to_string(c.height);
    Image image;
    row("scenario_" + size + "_draw_and_read", sortedMilliseconds(runs, [&] { image = renderer.renderImage(camera, c.width, c.height, c.samples); }),
        c.samples);
    row("scenario_" + size + "_png", sortedMilliseconds(runs, [&] { writePng(image, out); }), c.samples);
    row("scenario_" + size + "_picture", sortedMilliseconds(runs, [&] {
          writePng(renderer.renderImage(camera, c.width, c.height, c.samples), out);
        }), c.samples);
  }
  std::filesystem::remove(out);
  return 0;
}

}  // namespace mesomap::bench
