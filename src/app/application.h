#pragma once
#include <optional>
#include <string>
#include <utility>

#include "core/camera.h"
#include "core/model_loader.h"

namespace mesomap::app {

struct AppOptions {
  std::string modelPath;
  std::string scenarioPath;  // shown over the body from the start when given
  LoadOptions load;
  std::optional<std::pair<int, int>> windowSize;  // overrides the remembered size
  std::optional<ViewPreset> view;
  std::string screenshotPath;  // save the window (UI included) after the first frames, then exit
  int exitAfterFrames = 0;     // 0: run until closed
  bool printStartup = false;   // print the time to the first frame
};

int runApplication(const AppOptions& options);

}  // namespace mesomap::app
