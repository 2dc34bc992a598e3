#pragma once
// What every file reader reports: a problem at a JSON path, and the plain ranges files carry.
#include <string>

namespace mesomap {

struct ValueRange {
  double min = 0.0;
  double max = 0.0;
  bool contains(double v) const { return v >= min && v <= max; }
  double middle() const { return 0.5 * (min + max); }
};

// One problem found in a file: where (JSON path like "points[3].angle_deg.max") and what.
struct Problem {
  std::string path;
  std::string message;
};

// "file.json: points[3].angle_deg.max: 120 is outside 0..90"
std::string formatProblem(const std::string& source, const Problem& problem);

}  // namespace mesomap
