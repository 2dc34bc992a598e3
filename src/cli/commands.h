#pragma once
// The subcommands: each declares its options (CommandSpec, command_line.h) next to the code
// that runs it. main.cpp lists them in one table; adding a command is one more entry there.
#include "cli/command_line.h"

namespace mesomap::cli {

CommandSpec renderCommand();
CommandSpec infoCommand();
CommandSpec compareCommand();
CommandSpec validateCommand();
CommandSpec exportMarkupsCommand();
CommandSpec attemptCommand();
CommandSpec scoreCommand();
CommandSpec landmarksCommand();
CommandSpec classCommand();  // class_command.cpp
// The app itself (no subcommand): the window, on a model, scenario or attempt file if given.
CommandSpec guiCommand();

// Each returns the process exit code; errors are thrown as mesomap::Error.
int runRender(const Arguments& a);
int runInfo(const Arguments& a);
int runCompare(const Arguments& a);
int runValidate(const Arguments& a);
int runExportMarkups(const Arguments& a);
int runAttempt(const Arguments& a);
int runScore(const Arguments& a);
int runLandmarks(const Arguments& a);
int runClass(const Arguments& a);
int runGui(const Arguments& a);

}  // namespace mesomap::cli
