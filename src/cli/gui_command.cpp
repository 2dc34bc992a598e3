// `mesomap [OPTIONS] [FILE]`: the app's window, on a model, a scenario (practice) or an attempt.
#include "app/application.h"
#include "app/model/open_file.h"
#include "cli/arguments.h"
#include "cli/body_arguments.h"
#include "cli/commands.h"
#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/base/strings.h"
#include "core/protocol/attempt.h"
#include "core/scoring/progress_store.h"

namespace mesomap::cli {

CommandSpec guiCommand() {
  CommandSpec c{"",
                "",
                "FILE",
                "a model (any file Assimp reads), a scenario (practise on it) or an attempt (open it on its "
                "scenario)",
                {},
                runGui,
                ""};
  c.summary = std::string("mesomap ") + MESOMAP_VERSION +
              ": mesotherapy training on a 3D body (training protocols, not clinical advice).\n"
              "With no command, the app opens; a command runs for scripts and CI (mesomap COMMAND --help).";
  c.options = {
      {"--size", "WxH", "the window's size (default: the size it last had)", "Window"},
      {"--view", "front|back|left|right|top", "the view to start from", "Window"},
      {"--scenario", "SCENARIO.json", "practise on this scenario", "Practice"},
      {"--mode", "guided|practice|exam", "the practice mode (default practice)", "Practice"},
      {"--choose-scenario", "", "open the scenario picker", "Practice"},
      {"--progress", "", "open the Progress window", "Practice"},
      {"--class-window", "", "open the Class window (the class in the settings or MESOMAP_CLASS_DB)", "Practice"},
      {"--data-dir", "DIR", "where progress and autosaves live (default: the user's data folder)", "Practice"},
      {"--builder", "", "start in the scenario builder, on a new scenario", "Builder"},
      {"--edit", "SCENARIO.json", "start in the scenario builder on this file", "Builder"},
      {"--attempt", "ATTEMPT.json", "place this attempt's points on --scenario, as clicks would", "Scripted runs"},
      {"--submit", "", "submit after the first frames and print the report", "Scripted runs"},
      {"--select", "N", "select placed point N of --attempt", "Scripted runs"},
      {"--frames", "N", "exit after N frames", "Scripted runs"},
      {"--screenshot", "FILE.png", "save the window after the first frames, then exit", "Scripted runs"},
      {"--print-startup", "", "print the time to the first frame, step by step", "Scripted runs"},
      {"--orbit", "N",
       "once the body is on screen, orbit N frames, timing each against a bare draw of the same mesh; then exit",
       "Scripted runs"},
  };
  append(c.options, bodyOptions());
  c.footer =
      "Commands take their own options: mesomap COMMAND --help. An option's value may start with '-' "
      "(--up -z); -- ends the options.\n\n"
      "Exit codes: 0 ok, 1 images differ, 2 bad arguments, 3 invalid input file, 4 file access, 5 rendering.\n\n"
      "Environment:\n"
      "  MESOMAP_DATA_DIR       the folder of mesomap's data (scenarios/, landmarks/, makehuman/, schemas/);\n"
      "                         default: ../share/mesomap beside the program, or the build tree's assets/\n"
      "  MESOMAP_SCENARIO_PATH  more scenario folders for the picker (colon-separated)\n"
      "  MESOMAP_CLASS_DB       the class server's connection string (docs/classroom.md); unset: local progress";
  return c;
}

namespace {

std::filesystem::path dataDirectory(const app::AppOptions& options) {
  return options.dataDirectory.empty() ? userDataDirectory() : std::filesystem::path(options.dataDirectory);
}

// FILE, given without an option: the model, the scenario to practise, or the attempt to open.
void openFileArgument(const Arguments& a, app::AppOptions& options) {
  if (a.positional().empty()) return;
  const std::filesystem::path file = a.positional().front();
  const auto conflict = [&](const char* option) {
    if (a.value(option))
      throw Error(ErrorKind::Usage, quoted(file) + " and " + option + " both say what to open: give one of them");
  };
  switch (app::kindOfFile(file)) {
    case app::FileKind::Model:
      conflict("--model");
      conflict("--patient");
      options.modelPath = file.string();
      break;
    case app::FileKind::Scenario:
      conflict("--scenario");
      conflict("--edit");
      options.scenarioPath = file.string();
      break;
    case app::FileKind::Attempt: {
      conflict("--attempt");
      const Attempt attempt = readValidAttempt(file);
      options.attemptPath = file.string();
      if (options.scenarioPath.empty())
        options.scenarioPath = app::scenarioOfAttempt(file, attempt.scenarioId, dataDirectory(options)).string();
      if (!options.mode) options.mode = attempt.mode;
      break;
    }
  }
}

}  // namespace

int runGui(const Arguments& a) {
  app::AppOptions options;
  options.modelPath = a.value("--model").value_or(MESOMAP_DEFAULT_MODEL);
  options.load = a.loadOptions();
  options.screenshotPath = a.value("--screenshot").value_or("");
  options.exitAfterFrames = static_cast<int>(a.number("--frames", 1, 1e9).value_or(0));
  options.printStartup = a.flag("--print-startup");
  options.orbitFrames = static_cast<int>(a.number("--orbit", 1, 1e6).value_or(0));
  if (options.orbitFrames > 0 && options.exitAfterFrames > 0)
    throw Error(ErrorKind::Usage, "--orbit N ends the run itself: leave out --frames");
  if (auto size = a.size("--size")) options.windowSize = *size;
  if (auto view = a.value("--view")) {
    options.view = parseViewPreset(*view);
    if (!options.view)
      throw Error(ErrorKind::Usage, "option --view: '" + *view + "' is not front, back, left, right or top");
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
  options.openClass = a.flag("--class-window");
  if (auto point = a.number("--select", 1, 1e6)) options.selectPoint = static_cast<uint32_t>(*point);
  options.dataDirectory = a.value("--data-dir").value_or("");
  options.builder = a.flag("--builder");
  options.editPath = a.value("--edit").value_or("");
  openFileArgument(a, options);
  // "--patient listed[:N]" / "random[:SEED]" pick from the scenario the app starts on.
  std::optional<Scenario> scenario;
  if (!options.scenarioPath.empty() && a.value(kPatientOption)) scenario = readValidScenario(options.scenarioPath);
  options.patient = patientArgument(a, scenario ? &*scenario : nullptr);
  if ((!options.attemptPath.empty() || options.submit) && options.scenarioPath.empty())
    throw Error(ErrorKind::Usage, "--attempt and --submit need --scenario SCENARIO.json");
  if (options.selectPoint && options.attemptPath.empty())
    throw Error(ErrorKind::Usage, "--select needs --attempt ATTEMPT.json (the points to choose from)");
  return app::runApplication(options);
}

}  // namespace mesomap::cli
