// mesomap: the GUI by default, or a subcommand for scripts and CI.
#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "core/base/error.h"
#include "core/import/import_worker.h"

int main(int argc, char** argv) {
  using namespace mesomap::cli;
  // The isolated model import relaunches this program as its worker (a hidden flag).
  if (auto worker = mesomap::serveImportWorkerIfAsked(argc, argv)) return *worker;
  try {
    // Every subcommand, in the order `mesomap --help` lists them: one entry per command.
    const std::vector<CommandSpec> commands = {
        renderCommand(),        infoCommand(),    compareCommand(), validateCommand(),
        exportMarkupsCommand(), attemptCommand(), scoreCommand(),   landmarksCommand(),
        classCommand(),
    };
    return runCommandLine(guiCommand(), commands, argc, argv);
  } catch (const mesomap::Error& e) {
    std::fprintf(stderr, "mesomap: %s\n", e.what());
    return mesomap::exitCodeFor(e.kind());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mesomap: unexpected failure: %s\n", e.what());
    return 70;
  }
}
