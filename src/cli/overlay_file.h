#pragma once
// `mesomap render --markers FILE`: markers and needles to draw, from a small JSON file
// (lengths in millimetres, normalised body frame). Used to check landmark placement and to
// illustrate points before scenario files exist for them.
#include <filesystem>

#include "core/view/overlay.h"

namespace mesomap::cli {

Overlay readOverlayFile(const std::filesystem::path& path);

}  // namespace mesomap::cli
