#include "app/orbit_timing.h"

#include <algorithm>
#include <cstdio>

#include <glad/gl.h>

#include "render/bare_draw.h"

namespace mesomap::app {

namespace {
double millisecondsSince(OrbitTiming::Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(OrbitTiming::Clock::now() - start).count();
}

double percentile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(fraction * static_cast<double>(values.size())))];
}
}  // namespace

OrbitTiming::OrbitTiming(int frames) : frames_(frames) {}
OrbitTiming::~OrbitTiming() = default;

void OrbitTiming::finishFrame(Clock::time_point frameStart, const Mesh& mesh, const OrbitCamera& camera, int width,
                              int height) {
  glFinish();
  const double windowMs = millisecondsSince(frameStart);
  if (!bareDraw_ || bareMesh_ != &mesh) {
    bareDraw_ = std::make_unique<render::BareDraw>(mesh);
    bareMesh_ = &mesh;
    bareDraw_->draw(camera, width, height, 0);  // its shader's compile is not part of a frame
  }
  const auto bareStart = Clock::now();
  bareDraw_->draw(camera, width, height, 0);  // reads its picture back: finished when it returns
  const double bareMs = millisecondsSince(bareStart);
  window_.push_back(windowMs);
  scene_.push_back(sceneMs_);
  bare_.push_back(bareMs);
  std::printf("orbit frame %zu: window %.1f ms (scene %.1f ms), bare draw %.1f ms\n", window_.size(), windowMs,
              sceneMs_, bareMs);
  std::fflush(stdout);
  sceneMs_ = 0.0;
}

void OrbitTiming::printSummary(int width, int height) const {
  if (window_.empty()) return;
  const double window = percentile(window_, 0.5), bare = percentile(bare_, 0.5);
  std::printf(
      "orbit: %zu frames at %dx%d, one sample: window median %.1f ms (p90 %.1f, scene median %.1f), bare draw median "
      "%.1f ms (p90 %.1f), ratio %.2f\n",
      window_.size(), width, height, window, percentile(window_, 0.9), percentile(scene_, 0.5), bare,
      percentile(bare_, 0.9), window / bare);
  std::fflush(stdout);
}

}  // namespace mesomap::app
