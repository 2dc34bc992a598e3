#pragma once
// Reading JSON documents (scenarios, attempts, landmark sets) field by field, with every problem
// recorded under its JSON path ("points[3].angle_deg.max") instead of stopping at the first.
// Internal to core's file readers.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include "core/base/problem.h"

namespace mesomap {

inline size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

inline std::string formatNumber(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

// A file's own text quoted in a message: whole when short, else its start and its length, so a
// 5,000-character field name cannot push the problem itself out of every message box (it did:
// "points[1].xxxx..." and the rest cut). Cuts at a UTF-8 character boundary.
inline std::string excerpt(const std::string& text, size_t keep = 40) {
  if (text.size() <= keep + 20) return text;
  size_t end = keep;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  const size_t characters = std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
  return text.substr(0, end) + "... (" + std::to_string(characters) + " characters)";
}

// Limits on what a file may hold, far above real use (a protocol has 5-20 points; a painted
// zone a few hundred brush stamps), so that work grows with real content and a hostile or broken
// file is refused with a message instead of taking minutes or gigabytes (docs/formats.md).
inline constexpr size_t kMaxTextLength = 100000;
inline size_t listLimit(const std::string& key) {
  static const std::pair<const char*, size_t> limits[] = {
      {"points", 500}, {"zones", 200}, {"landmarks", 500}, {"brush", 5000}, {"cameras", 200}, {"sources", 200}};
  for (const auto& [name, limit] : limits)
    if (key == name) return limit;
  return 1000;
}

// Reads the fields of one JSON object, recording problems under its path. Every field read is
// remembered, so whatever is left over is reported as unknown (a typo never passes silently).
class ObjectReader {
  using json = nlohmann::json;

 public:
  ObjectReader(const json& object, std::string path, std::vector<Problem>& problems,
               std::optional<ProblemSubject> subject = std::nullopt)
      : object_(object), path_(std::move(path)), problems_(problems), subject_(subject) {}

  ~ObjectReader() {
    if (!object_.is_object()) return;
    for (const auto& [key, value] : object_.items()) {
      if (read_.count(key)) continue;
      std::string hint;
      for (const auto& known : read_)  // lengths 3 apart are 3 edits apart: skip the quadratic check
        if (key.size() <= known.size() + 2 && known.size() <= key.size() + 2 && editDistance(key, known) <= 2)
          hint = " (did you mean '" + known + "'?)";
      record(at(excerpt(key)), "unknown field" + hint);
    }
  }

  bool valid() const { return object_.is_object(); }
  // The "$schema" key editors use to attach a JSON Schema to a file: any text, not checked
  // against anything (top level of every mesomap file).
  std::string schemaReference() { return text("$schema", false); }
  std::string at(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  void problem(const std::string& key, const std::string& message) { record(at(key), message); }
  // A problem at a full path, about this reader's subject (the landmark, point or zone it reads).
  void record(const std::string& path, const std::string& message) { problems_.push_back({path, message, subject_}); }

  const json* field(const std::string& key, bool required) {
    read_.insert(key);
    if (!object_.is_object()) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (required) problem(key, "missing");
      return nullptr;
    }
    return &*it;
  }

  std::string text(const std::string& key, bool required = true) {
    const json* v = field(key, required);
    if (!v) return "";
    if (!v->is_string()) {
      problem(key, "expected text");
      return "";
    }
    std::string s = v->get<std::string>();
    if (required && s.empty()) problem(key, "is empty");
    if (s.size() > kMaxTextLength) {
      problem(key, std::to_string(s.size()) + " characters (at most " + std::to_string(kMaxTextLength) + ")");
      s.resize(kMaxTextLength);
    }
    return s;
  }

  std::optional<double> number(const std::string& key, bool required, double lo, double hi, const char* unit = "") {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      problem(key, "expected a number" + std::string(*unit ? " in " : "") + unit);
      return std::nullopt;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d)) {
      problem(key, "is not a finite number");
      return std::nullopt;
    }
    if (d < lo || d > hi) {
      problem(key, formatNumber(d) + " is outside " + formatNumber(lo) + ".." + formatNumber(hi));
      return std::nullopt;
    }
    return d;
  }

  std::optional<bool> flag(const std::string& key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      problem(key, "expected true or false");
      return std::nullopt;
    }
    return v->get<bool>();
  }

  // {"min": a, "max": b} with lo <= a <= b <= hi.
  std::optional<ValueRange> range(const std::string& key, bool required, double lo, double hi) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_object()) {
      problem(key, "expected {\"min\": ..., \"max\": ...}");
      return std::nullopt;
    }
    ObjectReader r(*v, at(key), problems_, subject_);
    auto min = r.number("min", true, lo, hi);
    auto max = r.number("max", true, lo, hi);
    if (!min || !max) return std::nullopt;
    if (*min > *max) {
      record(at(key), "min " + formatNumber(*min) + " is greater than max " + formatNumber(*max));
      return std::nullopt;
    }
    return ValueRange{*min, *max};
  }

  std::optional<glm::dvec3> vector(const std::string& key, bool required) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    if (!v->is_array() || v->size() != 3 || !(*v)[0].is_number() || !(*v)[1].is_number() || !(*v)[2].is_number()) {
      problem(key, "expected [x, y, z] in millimetres");
      return std::nullopt;
    }
    glm::dvec3 p((*v)[0].get<double>(), (*v)[1].get<double>(), (*v)[2].get<double>());
    if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
      problem(key, "is not finite");
      return std::nullopt;
    }
    // A body is under 3 m tall: anything beyond is a unit mistake (metres read as mm, or cm).
    if (glm::length(p) > 5000.0) problem(key, "is " + formatNumber(glm::length(p)) + " mm from the origin: not on a body (units?)");
    return p;
  }

  template <typename Enum, size_t N>
  std::optional<Enum> choice(const std::string& key, bool required, const std::pair<const char*, Enum> (&options)[N]) {
    const json* v = field(key, required);
    if (!v) return std::nullopt;
    std::string list;
    for (const auto& [name, value] : options) list += std::string(list.empty() ? "" : ", ") + name;
    if (v->is_string()) {
      for (const auto& [name, value] : options)
        if (v->get<std::string>() == name) return value;
    }
    problem(key, (v->is_string() ? "'" + excerpt(v->get<std::string>()) + "'" : std::string("value")) +
                     " is not one of " + list);
    return std::nullopt;
  }

  // Calls `each` with a reader for every element of an array of objects; with `kind`, each
  // element's problems are about that element (subject kind, its index).
  template <typename F>
  void array(const std::string& key, bool required, F&& each, std::optional<SubjectKind> kind = std::nullopt) {
    const json* v = field(key, required);
    if (!v) return;
    if (!v->is_array()) {
      problem(key, "expected a list");
      return;
    }
    if (const size_t limit = listLimit(key); v->size() > limit) {
      problem(key, std::to_string(v->size()) + " entries (at most " + std::to_string(limit) + ")");
      return;
    }
    for (size_t i = 0; i < v->size(); ++i) {
      const std::string path = at(key) + "[" + std::to_string(i) + "]";
      const std::optional<ProblemSubject> subject = kind ? std::optional(ProblemSubject{*kind, i}) : subject_;
      if (!(*v)[i].is_object()) {
        problems_.push_back({path, "expected an object", subject});
        continue;
      }
      ObjectReader element((*v)[i], path, problems_, subject);
      each(element, i);
    }
  }

  template <typename F>
  void object(const std::string& key, bool required, F&& read) {
    const json* v = field(key, required);
    if (!v) return;
    if (!v->is_object()) {
      problem(key, "expected an object");
      return;
    }
    ObjectReader child(*v, at(key), problems_, subject_);
    read(child);
  }

  std::vector<Problem>& problems() { return problems_; }

 private:
  const json& object_;
  std::string path_;
  std::vector<Problem>& problems_;
  std::optional<ProblemSubject> subject_;
  std::set<std::string> read_;
};


// Parses a document's text and checks its top level: a JSON object whose "version" this mesomap
// reads. Returns the root, or nothing with the problems recorded (a newer version is the only
// problem reported then: a newer format may mean anything).
inline std::optional<nlohmann::json> parseVersionedDocument(const std::string& text, int newestVersion,
                                                             const char* kind, std::vector<Problem>& problems) {
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
    problems.push_back({"", std::string("not valid JSON: ") + e.what()});
    return std::nullopt;
  }
  if (!root.is_object()) {
    problems.push_back({"", "expected a JSON object at the top level"});
    return std::nullopt;
  }
  if (auto version = root.find("version"); version != root.end() && version->is_number_integer()) {
    const int v = version->get<int>();
    if (v > newestVersion) {
      problems.push_back({"version", std::to_string(v) + " is newer than this mesomap reads (" +
                                         std::to_string(newestVersion) + "); upgrade mesomap to open this file"});
      return std::nullopt;
    }
    if (v < 1) problems.push_back({"version", std::to_string(v) + " is not " + kind + " format version (1 is the first)"});
  } else if (version != root.end()) {
    problems.push_back({"version", "expected a whole number"});
  }
  return root;
}

}  // namespace mesomap
