#pragma once
// Paths to and from UTF-8 text, for C APIs, pipes and files: on Windows a path's native form is
// UTF-16 and path::string() would go through the ANSI code page, losing characters.
#include <filesystem>
#include <string>

namespace mesomap {

inline std::string utf8(const std::filesystem::path& path) {
  const std::u8string text = path.u8string();
  return std::string(text.begin(), text.end());
}

inline std::filesystem::path pathFromUtf8(const std::string& text) {
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

}  // namespace mesomap
