// Frame time: the scene renderer drawing the body offscreen (EGL, no display), as the app's
// window does every frame, at common sizes. glFinish makes each frame's cost real.
#include <algorithm>
#include <filesystem>

#include <glad/gl.h>

#include "bench/bench.h"
#include "core/camera.h"
#include "core/model_loader.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::bench {

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
  return 0;
}

}  // namespace mesomap::bench
