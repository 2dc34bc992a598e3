#pragma once
// Paths to and from UTF-8 text, for C APIs, pipes and files: on Windows a path's native form is
// UTF-16 and path::string() would go through the ANSI code page, losing characters.
#include <cstdio>
#include <cstring>
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

// fopen for a path: _wfopen on Windows, where fopen would read the name in the ANSI code page.
inline std::FILE* openFile(const std::filesystem::path& path, const char* mode) {
#if defined(_WIN32)
  const std::wstring wideMode(mode, mode + std::strlen(mode));
  return _wfopen(path.c_str(), wideMode.c_str());
#else
  return std::fopen(path.c_str(), mode);
#endif
}

}  // namespace mesomap
