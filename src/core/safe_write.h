#pragma once
// Saving never loses work: write a sibling temporary file, flush it, then rename over the
// target (atomic on POSIX), so the old file survives any failure midway.
#include <filesystem>
#include <string_view>

namespace mesomap {

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace mesomap
