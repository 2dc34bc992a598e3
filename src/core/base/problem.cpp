#include "core/base/problem.h"

namespace mesomap {

std::string formatProblem(const std::string& source, const Problem& problem) {
  return source + ": " + (problem.path.empty() ? "" : problem.path + ": ") + problem.message;
}

}  // namespace mesomap
