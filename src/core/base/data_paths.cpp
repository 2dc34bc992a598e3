#include "core/base/data_paths.h"

#include <cstdlib>
#include <fstream>
#include <system_error>

#include "core/base/child_process.h"  // currentExecutable
#include "core/base/error.h"
#include "core/base/strings.h"

#ifndef MESOMAP_DATA_FROM_BINARY
#define MESOMAP_DATA_FROM_BINARY "../share/mesomap"
#endif

namespace mesomap {

namespace {

bool isDirectory(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p, ec);
}

std::string trimmed(std::string s) {
  const auto space = " \t\r\n";
  s.erase(0, s.find_first_not_of(space));
  s.erase(s.find_last_not_of(space) + 1);
  return s;
}

const std::string kHowToFix = std::string("set ") + kDataDirVariable +
                              " to the folder that holds mesomap's scenarios/, landmarks/, makehuman/ and schemas/";

}  // namespace

DataDirectory locateDataDirectory(const std::optional<std::string>& override,
                                  const std::filesystem::path& executableDirectory) {
  if (override && !override->empty()) {
    if (!isDirectory(*override))
      throw Error(ErrorKind::Io, std::string(kDataDirVariable) + "=" + quoted(std::filesystem::path(*override)) +
                                     " is not a folder; " + kHowToFix + ", or unset it");
    return {*override, kDataDirVariable};
  }
  if (executableDirectory.empty())
    throw Error(ErrorKind::Io, "cannot tell where the mesomap program is, to find its data; " + kHowToFix);
  const std::filesystem::path marker = executableDirectory / kDataDirMarker;
  if (std::ifstream in{marker}) {
    std::string line;
    std::getline(in, line);
    const std::filesystem::path named = trimmed(line);
    if (named.empty() || !isDirectory(named))
      throw Error(ErrorKind::Io, quoted(marker) + " names the data folder " + quoted(named) +
                                     ", which does not exist (a moved source tree? run cmake again); or " + kHowToFix);
    return {named, quoted(marker)};
  }
  const std::filesystem::path installed = (executableDirectory / MESOMAP_DATA_FROM_BINARY).lexically_normal();
  if (!isDirectory(installed))
    throw Error(ErrorKind::Io, "mesomap's data folder is not where it is installed (" + quoted(installed) +
                                   ") and there is no " + kDataDirMarker + " next to the program; " + kHowToFix);
  return {installed, "the installed layout"};
}

std::filesystem::path executableDirectory() {
  const std::filesystem::path self = currentExecutable();  // Linux, macOS and Windows
  return self.empty() ? self : self.parent_path();
}

DataDirectory dataDirectory() {
  const char* value = std::getenv(kDataDirVariable);
  return locateDataDirectory(value ? std::optional<std::string>(value) : std::nullopt, executableDirectory());
}

std::filesystem::path requiredDataPath(const std::filesystem::path& relative, const std::string& why) {
  const DataDirectory data = dataDirectory();
  const std::filesystem::path file = data.path / relative;  // a file, or a folder (the library)
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    throw Error(ErrorKind::Io, quoted(file) + " is missing, and " + why + " (data folder " + quoted(data.path) +
                                   ", from " + data.foundBy + "); reinstall mesomap, or " + kHowToFix);
  return file;
}

}  // namespace mesomap
