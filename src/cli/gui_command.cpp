#include "app/application.h"
#include "cli/arguments.h"
#include "cli/body_arguments.h"
#include "cli/commands.h"
#include "core/protocol/attempt.h"
#include "core/base/error.h"

namespace mesomap::cli {

int runGui(const std::vector<std::string>& args) {
  Arguments a(args,
              {"--model", "--units", "--up", "--height", "--screenshot", "--frames", "--size", "--view", "--scenario", "--mode",
               "--attempt", "--data-dir", "--select", "--edit", "--patient"},
              {"--print-startup", "--submit", "--choose-scenario", "--progress", "--builder"});
  if (!a.positional().empty()) throw Error(ErrorKind::Usage, "unexpected argument '" + a.positional()[0] + "'");
  app::AppOptions options;
  options.modelPath = a.value("--model").value_or(MESOMAP_DEFAULT_MODEL);
  options.load = a.loadOptions();
  options.screenshotPath = a.value("--screenshot").value_or("");
  options.exitAfterFrames = static_cast<int>(a.number("--frames", 1, 1e9).value_or(0));
  options.printStartup = a.flag("--print-startup");
  if (auto size = a.size("--size")) options.windowSize = *size;
  if (auto view = a.value("--view")) {
    options.view = parseViewPreset(*view);
    if (!options.view) throw Error(ErrorKind::Usage, "option --view: '" + *view + "' is not front, back, left, right or top");
  }
  options.scenarioPath = a.value("--scenario").value_or("");
  if (auto mode = a.value("--mode")) {
    options.mode = parseAttemptMode(*mode);
    if (!options.mode) throw Error(ErrorKind::Usage, "option --mode: '" + *mode + "' is not guided, practice or exam");
  }
  options.attemptPath = a.value("--attempt").value_or("");
  options.submit = a.flag("--submit");
  options.choosePicker = a.flag("--choose-scenario");
  options.openProgress = a.flag("--progress");
  if (auto point = a.number("--select", 1, 1e6)) options.selectPoint = static_cast<uint32_t>(*point);
  options.dataDirectory = a.value("--data-dir").value_or("");
  options.builder = a.flag("--builder");
  options.editPath = a.value("--edit").value_or("");
  options.patient = patientArgument(a);
  if ((!options.attemptPath.empty() || options.submit) && options.scenarioPath.empty())
    throw Error(ErrorKind::Usage, "--attempt and --submit need --scenario SCENARIO.json");
  if (options.selectPoint && options.attemptPath.empty())
    throw Error(ErrorKind::Usage, "--select needs --attempt ATTEMPT.json (the points to choose from)");
  return app::runApplication(options);
}

}  // namespace mesomap::cli
