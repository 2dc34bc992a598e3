#include "cli/arguments.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/base/error.h"

namespace mesomap::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
                     const std::set<std::string>& flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) {
      positional_.push_back(a);
      continue;
    }
    std::string name = a, inlineValue;
    bool hasInline = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      inlineValue = a.substr(eq + 1);
      hasInline = true;
    }
    if (valued.count(name)) {
      if (hasInline) values_[name] = inlineValue;
      else if (i + 1 < args.size()) values_[name] = args[++i];
      else throw Error(ErrorKind::Usage, "option " + name + " needs a value");
    } else if (flags.count(name) && !hasInline) {
      flags_.insert(name);
    } else {
      throw Error(ErrorKind::Usage, "unknown option " + name);
    }
  }
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::optional<double> Arguments::number(const std::string& name, double min, double max) const {
  auto text = value(name);
  if (!text) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(text->c_str(), &end);
  if (text->empty() || *end != '\0' || !std::isfinite(v)) {
    throw Error(ErrorKind::Usage, "option " + name + ": '" + *text + "' is not a number");
  }
  if (v < min || v > max) {
    char range[64];
    std::snprintf(range, sizeof range, "%g..%g", min, max);
    throw Error(ErrorKind::Usage, "option " + name + ": '" + *text + "' is outside " + range);
  }
  return v;
}

std::optional<std::pair<int, int>> Arguments::size(const std::string& name) const {
  auto text = value(name);
  if (!text) return std::nullopt;
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text->c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x') {
    throw Error(ErrorKind::Usage, "option " + name + ": '" + *text + "' is not WIDTHxHEIGHT (e.g. 1920x1080)");
  }
  if (w < 16 || h < 16 || w > 8192 || h > 8192) {
    throw Error(ErrorKind::Usage, "option " + name + ": '" + *text + "' is outside 16x16..8192x8192");
  }
  return std::make_pair(w, h);
}

LoadOptions Arguments::loadOptions() const {
  LoadOptions options;
  if (auto units = value("--units")) {
    options.units = parseLengthUnit(*units);
    if (!options.units) throw Error(ErrorKind::Usage, "option --units: '" + *units + "' is not mm, cm or m");
  }
  if (auto height = value("--height")) {
    // A human between 0.4 m (a newborn) and 2.5 m; anything else is a typo (1.80, not 180).
    char* end = nullptr;
    const double metres = std::strtod(height->c_str(), &end);
    if (end == height->c_str() || *end != '\0' || !std::isfinite(metres))
      throw Error(ErrorKind::Usage, "option --height: '" + *height + "' is not a number of metres (e.g. 1.80)");
    if (metres < 0.4 || metres > 2.5)
      throw Error(ErrorKind::Usage, "option --height: " + *height + " m is outside 0.4-2.5 m (give metres, e.g. 1.80)");
    options.heightMetres = float(metres);
  }
  if (auto up = value("--up")) {
    options.up = parseAxis(*up);
    if (!options.up) throw Error(ErrorKind::Usage, "option --up: '" + *up + "' is not x, y or z (optionally -x...)");
  }
  return options;
}

}  // namespace mesomap::cli
