#pragma once
// The bash completion script, written from the parser itself (every subcommand, its options,
// and what each option's value is: a choice, a file or a folder).
#include <string>

namespace CLI {
class App;
}

namespace mesomap::cli {

std::string bashCompletionScript(const CLI::App& app);

}  // namespace mesomap::cli
