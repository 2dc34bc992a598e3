// `mesomap export-markups SCENARIO --out MAP.mrk.json [--ras]`: the scenario's landmarks and
// reference points (placed on the body, with needle directions) as a 3D Slicer markup.
#include <cstdio>

#include "cli/arguments.h"
#include "cli/body_arguments.h"
#include "cli/commands.h"
#include "core/geometry/bvh.h"
#include "core/base/error.h"
#include "core/body/landmarks.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/import/model_loader.h"
#include "core/protocol/scenario.h"
#include "core/protocol/slicer_markups.h"

namespace mesomap::cli {

CommandSpec exportMarkupsCommand() {
  CommandSpec c{"export-markups", "a scenario's landmarks and points as a 3D Slicer markups file", "SCENARIO.json",
                "the scenario to export",
                {{"-o,--out", "MAP.mrk.json", "the markups file to write (required)", ""},
                 {"--ras", "", "RAS coordinates (default LPS, as Slicer writes)", ""}},
                runExportMarkups, ""};
  append(c.options, modelOptions());
  return c;
}

int runExportMarkups(const Arguments& a) {
  if (a.positional().size() != 1) throw Error(ErrorKind::Usage, "export-markups: give one scenario file");
  auto out = a.value("--out");
  if (!out) throw Error(ErrorKind::Usage, "export-markups: --out MAP.mrk.json is required");
  const std::string file = a.positional()[0];
  Scenario scenario = readValidScenario(file);
  LoadedModel body = loadModel(a.value("--model").value_or(MESOMAP_DEFAULT_MODEL), a.loadOptions());
  const Bvh skin = Bvh::build(body.mesh);
  const LandmarkSet landmarks = bodyLandmarks(body.path, body.mesh, skin);
  for (const std::string& note : landmarks.notes) std::fprintf(stderr, "mesomap: note: %s\n", note.c_str());
  putScenarioOnCommandBody(scenario, landmarks, skin, body.path);
  const auto points = scenarioMarkups(scenario, skin);
  writeSlicerMarkups(points, *out, a.flag("--ras") ? SlicerCoordinates::RAS : SlicerCoordinates::LPS);
  std::printf("%s: wrote %zu control points (%s)\n", out->c_str(), points.size(), a.flag("--ras") ? "RAS" : "LPS");
  return 0;
}

}  // namespace mesomap::cli
