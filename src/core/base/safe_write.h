#pragma once
// File I/O shared by every format. Saving never loses work: write a sibling temporary file,
// flush it, then rename over the target (atomic on POSIX), so the old file survives any
// failure midway.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace mesomap {

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// The whole file, or Error(Io) "<what> 'path': cannot open file for reading".
// The whole of a text file (scenario, attempt, landmarks, settings...), refused past
// kMaxReadFileBytes.
inline constexpr uintmax_t kMaxReadFileBytes = uintmax_t(64) << 20;
std::string readWholeFile(const std::filesystem::path& path, const std::string& what);

}  // namespace mesomap
