#include "cli/completion.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>

namespace mesomap::cli {

namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
  return text;
}

std::vector<std::string> namesOf(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& s : option.get_snames()) names.push_back("-" + s);
  for (const std::string& l : option.get_lnames()) names.push_back("--" + l);
  return names;
}

// What completes an option's value, from the placeholder the help shows: "front|back" lists
// choices, DIR a folder, a file name or PATH a file; anything else (N, WxH) nothing.
std::string valueCompletion(const std::string& placeholder) {
  if (placeholder.find('|') != std::string::npos && placeholder.find('#') == std::string::npos) {
    std::string words = placeholder;
    for (char& c : words)
      if (c == '|') c = ' ';
    return words;
  }
  if (placeholder == "DIR") return "@dir";
  const size_t dot = placeholder.rfind('.');
  const bool fileName = dot != std::string::npos && dot + 1 < placeholder.size() &&
                        std::all_of(placeholder.begin() + long(dot) + 1, placeholder.end(), ::isalpha);
  if (placeholder == "PATH" || fileName) return "@file";
  return "";
}

// One `case` arm: the level's options, and for each valued option what completes its value.
std::string levelCase(const CLI::App& level, const std::string& label) {
  std::vector<std::string> options;
  std::string values;
  for (const CLI::Option* o : level.get_options()) {
    if (o->get_positional()) continue;
    const std::vector<std::string> names = namesOf(*o);
    options.insert(options.end(), names.begin(), names.end());
    if (o->get_items_expected_max() == 0) continue;
    const std::string completion = valueCompletion(o->get_type_name());
    if (completion.empty()) continue;
    std::string pattern;
    for (const std::string& n : names) pattern += (pattern.empty() ? "" : "|") + n;
    values += "        " + pattern + ") values=\"" + completion + "\" ;;\n";
  }
  return "    " + label + ")\n      options=\"" + joined(options) + "\"\n      case \"$prev\" in\n" + values +
         "      esac ;;\n";
}

}  // namespace

std::string bashCompletionScript(const CLI::App& app) {
  std::vector<std::string> commands;
  std::string cases;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
    cases += levelCase(*sub, sub->get_name());
  }
  cases += levelCase(app, "\"\"");
  return "# bash completion for mesomap, written by `mesomap --bash-completion` from its own parser.\n"
         "_mesomap() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
         "  local commands=\"" +
         joined(commands) +
         "\"\n"
         "  local command=\"\" options=\"\" values=\"\" i\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    [[ \" $commands \" == *\" ${COMP_WORDS[i]} \"* ]] && { command=\"${COMP_WORDS[i]}\"; break; }\n"
         "  done\n"
         "  case \"$command\" in\n" +
         cases +
         "  esac\n"
         "  COMPREPLY=()\n"
         "  if [[ $values == @file ]]; then\n"
         "    compopt -o filenames 2>/dev/null\n"
         "    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
         "  elif [[ $values == @dir ]]; then\n"
         "    compopt -o filenames 2>/dev/null\n"
         "    mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n"
         "  elif [[ -n $values ]]; then\n"
         "    mapfile -t COMPREPLY < <(compgen -W \"$values\" -- \"$cur\")\n"
         "  elif [[ $cur == -* ]]; then\n"
         "    mapfile -t COMPREPLY < <(compgen -W \"$options\" -- \"$cur\")\n"
         "  else\n"
         "    # Files everywhere (models, scenarios, attempts, pictures); commands first on the app.\n"
         "    compopt -o filenames 2>/dev/null\n"
         "    [[ -z $command ]] && mapfile -t COMPREPLY < <(compgen -W \"$commands\" -- \"$cur\")\n"
         "    mapfile -t -O \"${#COMPREPLY[@]}\" COMPREPLY < <(compgen -f -- \"$cur\")\n"
         "  fi\n"
         "}\n"
         "complete -F _mesomap mesomap\n";
}

}  // namespace mesomap::cli
