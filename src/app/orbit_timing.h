#pragma once
// A scripted orbit for measuring the window (mesomap --orbit N): once the body is on screen, the
// camera turns one arrow-key step per frame, each whole window frame (input, UI, labels, scene,
// UI drawing, swap, glFinish) is timed, and after each one a bare draw of the same mesh from the
// same camera at the window's size and one sample (render/bare_draw.h: the frame bench's peer)
// is timed in the same process, so a busy machine slows both alike. Prints each pair and a summary.
#include <chrono>
#include <memory>
#include <vector>

#include "core/geometry/camera.h"
#include "core/geometry/mesh.h"

namespace mesomap::render {
class BareDraw;
}

namespace mesomap::app {

class OrbitTiming {
 public:
  using Clock = std::chrono::steady_clock;
  explicit OrbitTiming(int frames);
  ~OrbitTiming();

  // Whether the frame now starting is one of the timed ones: the body has been on screen for
  // `framesWithBody` frames (its shaders compiled and its still frame drawn first).
  bool timesFrame(int framesWithBody) const { return framesWithBody >= kFramesBeforeTiming && !done(); }
  // The arrow key's step (app/camera_controller.cpp), once per timed frame.
  static void turn(OrbitCamera& camera) { camera.orbit(5.0f, 0.0f); }
  // The frame's scene render, measured inside it (after glFinish).
  void noteSceneMilliseconds(double ms) { sceneMs_ = ms; }
  // After the timed frame is on screen: finishes it (glFinish), records it, then draws and times
  // the bare draw of `mesh` from the same camera at the same size.
  void finishFrame(Clock::time_point frameStart, const Mesh& mesh, const OrbitCamera& camera, int width, int height);
  bool done() const { return static_cast<int>(window_.size()) >= frames_; }
  // The medians and their ratio, one line; call once done.
  void printSummary(int width, int height) const;

 private:
  static constexpr int kFramesBeforeTiming = 3;
  int frames_;
  double sceneMs_ = 0.0;
  std::vector<double> window_, scene_, bare_;
  std::unique_ptr<render::BareDraw> bareDraw_;  // made on the first timed frame, for the body then shown
  const Mesh* bareMesh_ = nullptr;
};

}  // namespace mesomap::app
