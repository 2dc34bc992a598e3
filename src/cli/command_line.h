#pragma once
// The command line as data: each subcommand declares its options in a CommandSpec; the parser
// (CLI11), --help, the man page and the bash completion are all made from these tables, so they
// cannot drift apart. Parsed values reach the commands as an Arguments, keyed by long name.
#include <functional>
#include <string>
#include <vector>

#include "cli/arguments.h"

namespace mesomap::cli {

struct OptionSpec {
  std::string names;  // "-o,--out" or "--model": the long name is the key in Arguments
  std::string value;  // what it takes ("FILE.png", "mm|cm|m"); empty for a flag
  std::string help;
  std::string group;  // a heading in --help; empty: "Options"
};

struct CommandSpec {
  std::string name;        // empty for the app itself (the GUI)
  std::string summary;     // one line, in `mesomap --help`'s command list and the man page
  std::string positional;  // "SCENARIO.json..." (several), "FILE" (one), or empty (none)
  std::string positionalHelp;
  std::vector<OptionSpec> options;
  std::function<int(const Arguments&)> run;
  std::string footer;  // after the options in --help (notes, examples)
};

// The options shared by the commands that work on a body.
std::vector<OptionSpec> modelOptions();  // --model, --units, --up, --height
std::vector<OptionSpec> bodyOptions();   // the same and --patient
void append(std::vector<OptionSpec>& to, const std::vector<OptionSpec>& more);

// Parses argv for the app and its subcommands and runs the chosen one; returns the exit code.
// --help, -V and --bash-completion print and return 0; usage errors throw Error(Usage).
int runCommandLine(const CommandSpec& app, const std::vector<CommandSpec>& commands, int argc, const char* const* argv);

// The valid choice closest to a mistyped one (a unique prefix, or within a small edit
// distance), or empty when none is close enough to suggest.
std::string closestChoice(const std::string& typed, const std::vector<std::string>& choices);

}  // namespace mesomap::cli
