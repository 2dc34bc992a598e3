#pragma once
// Small text helpers shared by the loaders and messages.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

namespace mesomap {

inline std::string toLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// 'path' in single quotes, as every message names files.
inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }
inline std::string quotedText(const std::string& s) { return "'" + s + "'"; }

}  // namespace mesomap
