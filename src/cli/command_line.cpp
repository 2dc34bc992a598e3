#include "cli/command_line.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "cli/completion.h"
#include "core/base/error.h"
#include "core/base/json_reader.h"

namespace mesomap::cli {

std::vector<OptionSpec> modelOptions() {
  return {
      {"--model", "PATH", "the body model: any file Assimp reads (default: the built-in body)", "Body"},
      {"--units", "mm|cm|m", "the model's length unit, where its file does not say", "Body"},
      {"--up", "x|y|z|-x|-y|-z", "the model's up axis, where its file does not say", "Body"},
      {"--height", "METRES", "scale the model to this height in metres, whatever its units (0.4-2.5, e.g. 1.80)",
       "Body"},
  };
}

std::vector<OptionSpec> bodyOptions() {
  std::vector<OptionSpec> options = modelOptions();
  options.push_back({"--patient", "SPEC",
                     "a parametric patient instead of --model: sex=female,age=65,bmi=33[,muscle=0.5,height=162] "
                     "(or weight=KG; sex female|male|0..1, age 1..90 y, bmi 16..40, muscle 0..1, height 50..230 cm); "
                     "with a scenario, listed[:N] takes one of the patients it names and random[:SEED] draws one "
                     "from its patient_range",
                     "Body"});
  return options;
}

void append(std::vector<OptionSpec>& to, const std::vector<OptionSpec>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

std::string closestChoice(const std::string& typed, const std::vector<std::string>& choices) {
  if (typed.empty()) return "";
  std::vector<std::string> prefixed;
  for (const std::string& choice : choices)
    if (choice.size() > typed.size() && choice.compare(0, typed.size(), typed) == 0) prefixed.push_back(choice);
  if (prefixed.size() == 1) return prefixed.front();
  // Within a third of the word (and at most 3 edits): "rendr" -> render, not "paint" -> info.
  const size_t allowed = std::min<size_t>(3, std::max<size_t>(1, typed.size() / 3));
  std::string best;
  size_t bestDistance = allowed + 1;
  for (const std::string& choice : choices) {
    const size_t d = editDistance(typed, choice);
    if (d < bestDistance) {
      bestDistance = d;
      best = choice;
    }
  }
  return best;
}

namespace {

std::string longName(const std::string& names) {
  const size_t at = names.find("--");
  return at == std::string::npos ? names : names.substr(at, names.find(',', at) - at);
}

std::vector<std::string> splitNames(const std::string& names) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= names.size()) {
    const size_t end = std::min(names.find(',', start), names.size());
    if (end > start) out.push_back(names.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// One parser level (the app or a subcommand) and the options it declared.
struct Level {
  const CommandSpec* spec = nullptr;
  CLI::App* app = nullptr;
  std::vector<std::pair<const OptionSpec*, CLI::Option*>> options;
  CLI::Option* positional = nullptr;
};

void declare(Level& level) {
  CLI::App& app = *level.app;
  const CommandSpec& spec = *level.spec;
  app.allow_extras();  // unknown options are reported by us, with a suggestion
  app.get_formatter()->column_width(32);
  if (!spec.footer.empty()) app.footer(spec.footer);
  for (const OptionSpec& o : spec.options) {
    CLI::Option* option = o.value.empty() ? app.add_flag(o.names, o.help)
                                          : app.add_option(o.names, CLI::callback_t{}, o.help)
                                                ->type_name(o.value)
                                                ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    option->group(o.group.empty() ? "Options" : o.group);
    level.options.emplace_back(&o, option);
  }
  if (!spec.positional.empty()) {
    const bool many = spec.positional.size() > 3 && spec.positional.compare(spec.positional.size() - 3, 3, "...") == 0;
    const std::string name = many ? spec.positional.substr(0, spec.positional.size() - 3) : spec.positional;
    level.positional = app.add_option(name, CLI::callback_t{}, spec.positionalHelp)->type_name("");
    // Not required (the command says what is missing); "many" takes every further word too.
    level.positional->expected(1, many ? -1 : 1)->allow_extra_args(many);
    level.positional->group("Arguments");
  }
}

const OptionSpec* findValued(const CommandSpec& spec, const std::string& token) {
  for (const OptionSpec& o : spec.options)
    if (!o.value.empty())
      for (const std::string& name : splitNames(o.names))
        if (name == token) return &o;
  return nullptr;
}

// "--up -z" is --up's value, as it always was: a valued option takes the next word whatever it
// looks like (CLI11 alone would read "-z" as an option). Written as --up=-z for the parser.
std::vector<std::string> joinOptionValues(const std::vector<std::string>& args, const CommandSpec& app,
                                          const std::vector<CommandSpec>& commands) {
  std::vector<std::string> out;
  const CommandSpec* spec = &app;
  bool positionalOnly = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (positionalOnly || a == "--") {
      // CLI11 would hand what follows a "--" back to the app when the command takes no file.
      if (!positionalOnly && spec != &app && spec->positional.empty() && i + 1 < args.size())
        throw Error(ErrorKind::Usage, spec->name + ": unexpected argument '" + args[i + 1] + "'");
      positionalOnly = true;
      out.push_back(a);
      continue;
    }
    if (spec == &app)
      for (const CommandSpec& c : commands)
        if (c.name == a) spec = &c;
    const OptionSpec* valued = findValued(*spec, a);
    if (!valued) {
      out.push_back(a);
      continue;
    }
    if (i + 1 >= args.size()) throw Error(ErrorKind::Usage, "option " + longName(valued->names) + " needs a value");
    out.push_back(longName(valued->names) + "=" + args[++i]);
  }
  return out;
}

// The first word nobody took: an unknown option (with the closest one) or a stray argument.
void rejectLeftovers(const Level& level, const std::vector<std::string>& leftovers) {
  // CLI11 keeps the "--" it read among them; after it nothing is an option.
  const auto first = std::find_if(leftovers.begin(), leftovers.end(), [](const std::string& w) { return w != "--"; });
  if (first == leftovers.end()) return;
  const bool afterMark = std::find(leftovers.begin(), first, "--") != first;
  const std::string& word = *first;
  const std::string who = level.spec->name.empty() ? "" : level.spec->name + ": ";
  if (!afterMark && word.size() > 1 && word[0] == '-') {
    const std::string name = word.substr(0, word.find('='));
    std::vector<std::string> known;
    for (const CLI::Option* o : level.app->get_options())
      for (const std::string& l : o->get_lnames()) known.push_back("--" + l);
    const std::string hint = closestChoice(name, known);
    const std::string help = "mesomap " + (level.spec->name.empty() ? "" : level.spec->name + " ") + "--help";
    throw Error(ErrorKind::Usage,
                "unknown option " + name + (hint.empty() ? " (see " + help + ")" : " (did you mean " + hint + "?)"));
  }
  throw Error(ErrorKind::Usage, who + "unexpected argument '" + word + "'");
}

Arguments collect(const Level& level) {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  for (const auto& [spec, option] : level.options) {
    if (option->count() == 0) continue;
    if (spec->value.empty())
      flags.insert(longName(spec->names));
    else
      values[longName(spec->names)] = option->as<std::string>();
  }
  std::vector<std::string> positional;
  if (level.positional) positional = level.positional->results();
  return Arguments(std::move(values), std::move(flags), std::move(positional));
}

// A word where the app takes a file, that is no file and looks like a command: a mistyped one.
void rejectMistypedCommand(const Arguments& a, const std::vector<CommandSpec>& commands) {
  if (a.positional().empty()) return;
  const std::string& word = a.positional().front();
  std::error_code ec;
  if (word.find_first_of("./\\") != std::string::npos || std::filesystem::exists(word, ec)) return;
  std::vector<std::string> names;
  for (const CommandSpec& c : commands) names.push_back(c.name);
  const std::string hint = closestChoice(word, names);
  throw Error(ErrorKind::Usage, "unknown command '" + word + "'" +
                                    (hint.empty() ? " (see mesomap --help)" : " (did you mean '" + hint + "'?)"));
}

}  // namespace

int runCommandLine(const CommandSpec& appSpec, const std::vector<CommandSpec>& commands, int argc,
                   const char* const* argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // "mesomap help [COMMAND]" is "mesomap [COMMAND] --help".
  if (!args.empty() && args.front() == "help") {
    args.erase(args.begin());
    args.resize(std::min<size_t>(args.size(), 1));
    args.push_back("--help");
  }
  CLI::App app(appSpec.summary, "mesomap");
  app.set_help_flag("-h,--help", "print this help and exit");  // the subcommands inherit it
  Level top{&appSpec, &app, {}, nullptr};
  declare(top);
  app.set_version_flag("-V,--version", std::string("mesomap ") + MESOMAP_VERSION, "print the version and exit");
  const std::string completionHelp =
      "print the bash completion script (installed as share/bash-completion/completions/mesomap)";
  app.add_flag("--bash-completion", completionHelp)->group("Developer");
  app.require_subcommand(0, 1);
  std::vector<Level> levels;
  levels.reserve(commands.size());
  for (const CommandSpec& command : commands) {
    levels.push_back({&command, app.add_subcommand(command.name, command.summary), {}, nullptr});
    declare(levels.back());
  }

  std::vector<std::string> reversed = joinOptionValues(args, appSpec, commands);
  std::reverse(reversed.begin(), reversed.end());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    throw Error(ErrorKind::Usage, e.what());
  }
  if (app.get_option("--bash-completion")->count()) {
    std::fputs(bashCompletionScript(app).c_str(), stdout);
    return 0;
  }
  for (const Level& level : levels) {
    if (!level.app->parsed()) continue;
    for (const auto& [spec, option] : top.options)
      if (option->count())
        throw Error(ErrorKind::Usage, "option " + longName(spec->names) + " is the app's, not " + level.spec->name +
                                          "'s; a command's options follow its name (mesomap " + level.spec->name +
                                          " --help)");
    rejectLeftovers(top, app.remaining());
    rejectLeftovers(level, level.app->remaining());
    return level.spec->run(collect(level));
  }
  const Arguments arguments = collect(top);
  rejectMistypedCommand(arguments, commands);  // first: "mesomap rendr --out x" is about rendr
  rejectLeftovers(top, app.remaining());
  return appSpec.run(arguments);
}

}  // namespace mesomap::cli
