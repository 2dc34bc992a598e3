#pragma once
// What every file reader reports: a problem at a JSON path, and the plain ranges files carry.
#include <cstddef>
#include <optional>
#include <string>

namespace mesomap {

struct ValueRange {
  double min = 0.0;
  double max = 0.0;
  bool contains(double v) const { return v >= min && v <= max; }
  double middle() const { return 0.5 * (min + max); }
};

// What a problem is about, by index into the scenario's lists: the builder selects it (no
// parsing of the message's words).
enum class SubjectKind { Landmark, Point, Zone };
struct ProblemSubject {
  SubjectKind kind = SubjectKind::Point;
  size_t index = 0;
  bool operator==(const ProblemSubject&) const = default;
};

// One problem found in a file: where (JSON path like "points[3].angle_deg.max"), what, and for
// scenario files the landmark, point or zone it is about.
struct Problem {
  std::string path;
  std::string message;
  std::optional<ProblemSubject> subject;
};

// "file.json: points[3].angle_deg.max: 120 is outside 0..90"
std::string formatProblem(const std::string& source, const Problem& problem);

}  // namespace mesomap
