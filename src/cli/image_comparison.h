#pragma once
// Baseline comparison shared by `mesomap render --reference` and `mesomap compare`.
#include <filesystem>

#include "core/base/image.h"

namespace mesomap::cli {

// Prints the verdict; on a difference writes ACTUAL.diff.png beside the actual image.
// Returns 0 when within `threshold` (fraction of differing pixels), 1 otherwise.
int compareWithReference(const Image& actual, const std::filesystem::path& actualPath,
                         const std::filesystem::path& reference, double threshold);

}  // namespace mesomap::cli
