#pragma once
// A small argument reader: `--name value` pairs and flags, with errors that name the option.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/import/model_loader.h"

namespace mesomap::cli {

class Arguments {
 public:
  // `valued` options take a value; `flags` take none. Anything else is a usage error.
  Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
            const std::set<std::string>& flags);
  // What a parser found (command_line.h): values and flags by long name, then the rest.
  Arguments(std::map<std::string, std::string> values, std::set<std::string> flags, std::vector<std::string> positional)
      : values_(std::move(values)), flags_(std::move(flags)), positional_(std::move(positional)) {}

  std::optional<std::string> value(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  const std::vector<std::string>& positional() const { return positional_; }

  std::optional<double> number(const std::string& name, double min, double max) const;
  // "1920x1080"
  std::optional<std::pair<int, int>> size(const std::string& name) const;
  // --units and --up
  LoadOptions loadOptions() const;

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
  std::vector<std::string> positional_;
};

}  // namespace mesomap::cli
