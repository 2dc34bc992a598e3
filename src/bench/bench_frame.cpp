// Frame time: the scene renderer drawing the body offscreen (EGL, no display) as the app's window
// does, against a bare draw of the same mesh in the same run, at the same size and samples. Both
// read their picture back, so each frame's cost is real and the two do the same work around the
// draw. Rows alternate ours and the peer frame by frame, so a busy machine slows both alike.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string_view>

#include "bench/bench.h"
#include "core/base/data_paths.h"
#include "core/geometry/camera.h"
#include "core/geometry/subdivide.h"
#include "core/import/model_loader.h"
#include "core/scoring/scoring.h"
#include "core/view/attempt_overlay.h"
#include "core/view/scenario_camera.h"
#include "core/view/scenario_overlay.h"
#include "render/bare_draw.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::bench {

namespace {

using render::BareDraw;

struct Timing {
  double median = 0, p90 = 0;
};
Timing summary(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times[times.size() * 9 / 10]};
}

// Median and p90 of `ours` and `peer`, run alternately, `frames` times each.
std::pair<Timing, Timing> timePair(int frames, const std::function<void()>& ours, const std::function<void()>& peer) {
  ours();  // warm-up: shader compilation, allocation
  peer();
  std::vector<double> oursMs, peerMs;
  for (int i = 0; i < frames; ++i) {
    oursMs.push_back(sortedMilliseconds(1, ours)[0]);
    peerMs.push_back(sortedMilliseconds(1, peer)[0]);
  }
  return {summary(oursMs), summary(peerMs)};
}

nlohmann::json pairRow(const LoadedModel& model, const std::string& metric, int samples, const Timing& ours,
                       const Timing& peer, const std::string& peerName) {
  return {{"bench", "frame"},
          {"model", std::filesystem::path(model.path).filename().string()},
          {"triangles", model.mesh.triangleCount()},
          {"metric", metric},
          {"samples", samples},
          {"ours", ours.median},
          {"p90", ours.p90},
          {"peer", peerName},
          {"peer_value", peer.median},
          {"peer_p90", peer.p90},
          {"ratio", ours.median / peer.median},
          {"unit", "ms"}};
}

// The body orbiting, as while the user drags: the still frame (4x MSAA, what the app draws when
// the camera stops and what pictures get) and the moving frame (what it draws during the drag),
// each against the bare draw at its own samples. The moving row also gives its ratio to the
// bare draw at the still frame's MSAA: what a renderer without adaptive quality would be measured against.
void runBodyFrames(const LoadedModel& model, render::SceneRenderer& renderer, BareDraw& bare,
                   const std::string& rendererName, int frames) {
  struct Case {
    int width, height;
  };
  for (Case c : {Case{1400, 900}, Case{1920, 1080}}) {
    const std::string size = std::to_string(c.width) + "x" + std::to_string(c.height);
    OrbitCamera camera;
    camera.frame(model.mesh.bounds(), static_cast<float>(c.width) / c.height);
    OrbitCamera peerCamera = camera;
    auto ours = [&](render::FrameQuality quality) {
      return [&, quality] {
        camera.orbit(3.0f, 0.0f);
        renderer.renderOffscreen(camera, c.width, c.height, 4, quality).readPixels();
      };
    };
    auto peer = [&](int samples, bool skin) {
      return [&, samples, skin] {
        peerCamera.orbit(3.0f, 0.0f);
        bare.draw(peerCamera, c.width, c.height, samples, skin);
      };
    };
    const auto [still, stillPeer] = timePair(frames, ours(render::FrameQuality::Still), peer(4, false));
    nlohmann::json row = pairRow(model, "still_" + size, 4, still, stillPeer, "bare-draw");
    row["renderer"] = rendererName;
    emit(row);
    const auto [moving, movingPeer] = timePair(frames, ours(render::FrameQuality::Moving), peer(0, false));
    row = pairRow(model, "moving_" + size, 1, moving, movingPeer, "bare-draw");
    row["ratio_to_msaa4_peer"] = moving.median / stillPeer.median;
    row["renderer"] = rendererName;
    emit(row);
    // The skin shader's own cost: the bare draw with it against the bare draw with the plain one.
    const auto [skin, plain] = timePair(frames, peer(4, true), peer(4, false));
    row = pairRow(model, "skin_shader_" + size, 4, skin, plain, "bare-draw");
    row["renderer"] = rendererName;
    emit(row);
  }
}

// The window in practice mode after a submission, the busiest it gets: the knee scenario's
// painted zones and labels, the trainee's needles (each with its shaft under the skin drawn
// through the skin), the reference needles and the links between them, orbiting around the
// region camera. Each frame also decides which labels the body hides from the new eye, as the
// app does while the camera moves.
void runPracticeFrames(const LoadedModel& model, render::SceneRenderer& renderer, BareDraw& bare,
                       const std::string& rendererName, int frames) {
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
  struct Case {
    int width, height;
  };
  for (Case c : {Case{1400, 900}, Case{1920, 1080}}) {
    const std::string size = std::to_string(c.width) + "x" + std::to_string(c.height);
    OrbitCamera camera = *regionCamera(scenario, body.skin(), static_cast<float>(c.width) / c.height);
    OrbitCamera peerCamera = camera;
    for (render::FrameQuality quality : {render::FrameQuality::Still, render::FrameQuality::Moving}) {
      const bool moving = quality == render::FrameQuality::Moving;
      const auto [ours, peer] = timePair(
          frames,
          [&] {
            camera.orbit(3.0f, 0.0f);
            Overlay shown = overlay;
            hideOccludedLabels(shown, camera.eye(), body.skin());
            renderer.setOverlay(shown);
            renderer.renderOffscreen(camera, c.width, c.height, 4, quality).readPixels();
          },
          [&] {
            peerCamera.orbit(3.0f, 0.0f);
            bare.draw(peerCamera, c.width, c.height, moving ? 0 : 4, false);
          });
      nlohmann::json row = pairRow(model, std::string("practice_knee_") + (moving ? "moving_" : "still_") + size,
                                   moving ? 1 : 4, ours, peer, "bare-draw");
      row["renderer"] = rendererName;
      emit(row);
    }
  }
  renderer.setZones({});
  renderer.setOverlay({});
}

// MESOMAP_BENCH_FRAME_LARGE=1 adds the rows for the 1.84M-triangle body (the default body
// midpoint-subdivided three times, as `large` and `pick` build it); "only" runs just those. Off by
// default: building it takes seconds and each of its frames about as many.
enum class LargeRows { None, Also, Only };
LargeRows largeRowsWanted() {
  const char* env = std::getenv("MESOMAP_BENCH_FRAME_LARGE");
  if (!env || std::string_view(env).empty() || std::string_view(env) == "0") return LargeRows::None;
  return std::string_view(env) == "only" ? LargeRows::Only : LargeRows::Also;
}

void runLargeBodyFrames(LoadedModel model, const std::string& rendererName, bool quick) {
  constexpr int kSubdivisions = 3;
  for (int i = 0; i < kSubdivisions; ++i) model.mesh = subdivideMidpoint(model.mesh);
  render::SceneRenderer renderer;
  renderer.setMesh(model.mesh);
  BareDraw bare(model.mesh);
  runBodyFrames(model, renderer, bare, rendererName, quick ? 2 : 7);
}

}  // namespace

int runFrameBench(const BenchArgs& args) {
  LoadedModel model = loadModel(args.model);
  auto context = render::createHeadlessContext();
  const LargeRows large = largeRowsWanted();
  if (large != LargeRows::Only) {
    render::SceneRenderer renderer;
    renderer.setMesh(model.mesh);
    BareDraw bare(model.mesh);
    const int frames = args.quick ? 3 : 30;
    runBodyFrames(model, renderer, bare, context->description(), frames);
    runPracticeFrames(model, renderer, bare, context->description(), frames);
  }
  if (large != LargeRows::None) runLargeBodyFrames(std::move(model), context->description(), args.quick);
  return 0;
}

}  // namespace mesomap::bench
