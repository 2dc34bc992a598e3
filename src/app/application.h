#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/protocol/attempt.h"
#include "core/geometry/camera.h"
#include "core/import/model_loader.h"
#include "core/patient/patient.h"

namespace mesomap::app {

struct AppOptions {
  std::string modelPath;
  LoadOptions load;
  std::optional<std::pair<int, int>> windowSize;  // overrides the remembered size
  std::optional<ViewPreset> view;
  std::string screenshotPath;  // save the window (UI included) after the first frames, then exit
  int exitAfterFrames = 0;     // 0: run until closed
  bool printStartup = false;   // print the time to the first frame
  // Once the body is on screen, orbit this many frames timing each against a bare draw of the
  // same mesh (app/orbit_timing.h), then exit.
  int orbitFrames = 0;
  // Practice: start on this scenario in this mode (otherwise the picker opens, or the
  // autosaved attempt comes back).
  std::string scenarioPath;
  std::optional<AttemptMode> mode;
  // Scripted runs (tests, screenshots): place this attempt's points through the same commands
  // as the mouse, and with `submit`, submit after the first frames and print the report.
  std::string attemptPath;
  bool submit = false;
  bool choosePicker = false;   // open the scenario picker even in a scripted run (screenshots)
  bool openProgress = false;   // open the Progress window (screenshots)
  bool openClass = false;      // open the Class window, its class read (screenshots)
  std::optional<uint32_t> selectPoint;  // select this placed point ("Point N") after the attempt is placed
  std::string dataDirectory;  // where progress and autosave live (default: the user's data dir)
  // Start in the scenario builder: on a new scenario, or on this file.
  bool builder = false;
  std::string editPath;
  // Open on a parametric patient instead of a model (--patient sex=female,age=65,...).
  std::optional<PatientParameters> patient;
};

int runApplication(const AppOptions& options);

}  // namespace mesomap::app
