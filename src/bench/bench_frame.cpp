// Frame time: the scene renderer drawing the body offscreen (EGL, no display), as the app's
// window does every frame, at common sizes. glFinish makes each frame's cost real.
#include <algorithm>
#include <filesystem>

#include <glad/gl.h>

#include "bench/bench.h"
#include "core/base/data_paths.h"
#include "core/view/attempt_overlay.h"
#include "core/geometry/camera.h"
#include "core/import/model_loader.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_overlay.h"
#include "core/scoring/scoring.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::bench {

namespace {

// The window in practice mode after a submission, the busiest it gets: the knee scenario's
// painted zones and labels, the trainee's needles (each with its shaft under the skin drawn
// through the skin), the reference needles and the links between them, orbiting around the
// region camera. Each frame also decides which labels the body hides from the new eye, as the
// app does while the camera moves.
void runPracticeFrames(const LoadedModel& model, render::SceneRenderer& renderer, const render::GlContext& context,
                       int frames) {
  const Body body(model.mesh, model.path);
  const Scenario scenario =
      readValidScenario(requiredDataPath("scenarios/knee_osteoarthritis_right.json", "the benchmarks read it"));
  const PreparedScenario prepared = prepareScenario(scenario, scoringBody(body));
  const Attempt attempt = perfectAttempt(prepared);
  const ScoreResult scored = scoreAttempt(prepared, attempt, scoringBody(body));
  Overlay overlay = attemptOverlay(prepared, attempt, *scored.report, body.skin());
  ScenarioOverlayOptions zonesOnly;
  zonesOnly.points = zonesOnly.landmarks = false;
  overlay.append(scenarioOverlay(scenario, body.skin(), zonesOnly));
  std::vector<ZoneRegion> zones;
  for (const PreparedZone& z : prepared.zones) zones.push_back(z.region);
  renderer.setZones(zones);
  struct Case { int width, height; };
  for (Case c : {Case{1400, 900}, Case{1920, 1080}}) {
    OrbitCamera camera = *regionCamera(scenario, body.skin(), static_cast<float>(c.width) / c.height);
    renderer.setOverlay(overlay);
    renderer.renderOffscreen(camera, c.width, c.height);  // warm-up
    glFinish();
    const std::vector<double> times = sortedMilliseconds(frames, [&] {
      camera.orbit(3.0f, 0.0f);
      Overlay shown = overlay;
      hideOccludedLabels(shown, camera.eye(), body.skin());
      renderer.setOverlay(shown);
      renderer.renderOffscreen(camera, c.width, c.height);  // the app's 4x MSAA
      glFinish();
    });
    emit({{"bench", "frame"}, {"model", std::filesystem::path(model.path).filename().string()},
          {"triangles", model.mesh.triangleCount()},
          {"metric", "frame_practice_knee_" + std::to_string(c.width) + "x" + std::to_string(c.height) + "_msaa4"},
          {"ours", times[times.size() / 2]}, {"p90", times[times.size() * 9 / 10]}, {"peer", nullptr}, {"unit", "ms"},
          {"renderer", context.description()}});
  }
  renderer.setZones({});
  renderer.setOverlay({});
}

}  // namespace

int runFrameBench(const BenchArgs& args) {
  LoadedModel model = loadModel(args.model);
  auto context = render::createHeadlessContext();
  render::SceneRenderer renderer;
  renderer.setMesh(model.mesh);
  const std::string name = std::filesystem::path(args.model).filename().string();
  const int frames = args.quick ? 3 : 40;
  struct Case { int width, height, samples; };
  for (Case c : {Case{1280, 720, 4}, Case{1920, 1080, 4}, Case{1920, 1080, 8}}) {
    OrbitCamera camera;
    camera.frame(model.mesh.bounds(), static_cast<float>(c.width) / c.height);
    renderer.renderOffscreen(camera, c.width, c.height, c.samples);  // warm-up: shader JIT, allocation
    glFinish();
    std::vector<double> times;
    for (int i = 0; i < frames; ++i) {
      camera.orbit(3.0f, 0.0f);  // a moving camera, as while orbiting
      auto start = std::chrono::steady_clock::now();
      renderer.renderOffscreen(camera, c.width, c.height, c.samples);
      glFinish();
      times.push_back(secondsSince(start) * 1000.0);
    }
    std::sort(times.begin(), times.end());
    emit({{"bench", "frame"}, {"model", name}, {"triangles", model.mesh.triangleCount()},
          {"metric", "frame_" + std::to_string(c.width) + "x" + std::to_string(c.height) + "_msaa" + std::to_string(c.samples)},
          {"ours", times[times.size() / 2]}, {"p90", times[times.size() * 9 / 10]}, {"peer", nullptr}, {"unit", "ms"},
          {"renderer", context->description()}});
  }
  runPracticeFrames(model, renderer, *context, frames);
  return 0;
}

}  // namespace mesomap::bench
