#include "core/base/user_folders.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace mesomap {

namespace {

const char* variableName(UserFolder which) {
  return which == UserFolder::Documents ? "XDG_DOCUMENTS_DIR" : "XDG_PICTURES_DIR";
}

const char* homeSubfolder(UserFolder which) { return which == UserFolder::Documents ? "Documents" : "Pictures"; }

bool isFolder(const std::filesystem::path& path) {
  std::error_code ec;
  return !path.empty() && std::filesystem::is_directory(path, ec);
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::string userDirsEntry(const std::string& text, const std::string& key, const std::filesystem::path& home) {
  std::istringstream lines(text);
  std::string line, found;
  // Lines are KEY="VALUE" (the file's own format: shell-quoted, only $HOME substituted).
  while (std::getline(lines, line)) {
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#' || line.compare(start, key.size() + 1, key + "=") != 0)
      continue;
    std::string value = line.substr(start + key.size() + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (value.starts_with("$HOME")) value = home.string() + value.substr(5);
    found = value;  // the last one wins, as in the shell
  }
  return found;
}

std::filesystem::path locateUserFolder(UserFolder which, const UserFolderSources& sources) {
  if (sources.variable && isFolder(*sources.variable)) return *sources.variable;
  const std::string entry = userDirsEntry(sources.userDirsText, variableName(which), sources.home);
  const std::filesystem::path fromFile = entry;
  // "$HOME/" and "$HOME" alike: compared with a trailing separator on both.
  const bool isHome =
      !sources.home.empty() && (fromFile / "").lexically_normal() == (sources.home / "").lexically_normal();
  if (!entry.empty() && !isHome && isFolder(fromFile)) return fromFile;
  if (!sources.home.empty() && isFolder(sources.home / homeSubfolder(which))) return sources.home / homeSubfolder(which);
  std::error_code ec;
  std::filesystem::create_directories(sources.fallback, ec);  // a save then reports what is wrong
  return sources.fallback;
}

std::filesystem::path userFolder(UserFolder which, const std::filesystem::path& fallback) {
  UserFolderSources sources;
  if (const char* value = std::getenv(variableName(which))) sources.variable = value;
  sources.home = environment("HOME");
  const std::string config = environment("XDG_CONFIG_HOME");
  const std::filesystem::path configHome =
      !config.empty() ? std::filesystem::path(config) : sources.home.empty() ? "" : sources.home / ".config";
  if (!configHome.empty()) {
    std::ifstream in(configHome / "user-dirs.dirs");
    std::ostringstream text;
    text << in.rdbuf();
    sources.userDirsText = text.str();
  }
  sources.fallback = fallback;
  return locateUserFolder(which, sources);
}

}  // namespace mesomap
