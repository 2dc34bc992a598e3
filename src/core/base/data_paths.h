#pragma once
// Where mesomap's own data lives (scenario library, landmark sets, schemas, the patient body),
// found at run time so that a moved or installed program finds it too. Nothing here is a path
// compiled into the binary: the data folder is, in this order,
//   1. $MESOMAP_DATA_DIR, when set (and then only it: a wrong override is reported, not skipped);
//   2. the folder named in "mesomap-data-dir.txt" next to the executable (the build tree writes
//      one pointing at the source tree's assets/; it is never installed);
//   3. <executable>/<kDataDirFromBinary> ("../share/mesomap" in an installed tree).
// A file that grading needs and that is missing is an Error naming the path and the variable:
// never a quiet fallback to estimates.
#include <filesystem>
#include <optional>
#include <string>

namespace mesomap {

inline constexpr const char* kDataDirVariable = "MESOMAP_DATA_DIR";
inline constexpr const char* kDataDirMarker = "mesomap-data-dir.txt";

struct DataDirectory {
  std::filesystem::path path;
  std::string foundBy;  // "MESOMAP_DATA_DIR", "mesomap-data-dir.txt next to ...", "the installed layout"
};

// The search above from explicit inputs (tests give their own); Error(Io) saying where it looked.
DataDirectory locateDataDirectory(const std::optional<std::string>& override,
                                  const std::filesystem::path& executableDirectory);

// The search for this process: the environment and the running executable.
DataDirectory dataDirectory();

// DATA/relative (a file or a folder), which must exist: otherwise Error(Io) naming the file, the folder, how it was
// found and MESOMAP_DATA_DIR. `why` says what needs it ("grading needs it").
std::filesystem::path requiredDataPath(const std::filesystem::path& relative, const std::string& why);

// The running program's folder (empty where the platform cannot tell).
std::filesystem::path executableDirectory();

}  // namespace mesomap
