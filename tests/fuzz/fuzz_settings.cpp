// libFuzzer: the app's settings file reader (window placement, last model folder).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/settings_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<mesomap::Problem> problems;
  mesomap::parseSettingsFile(std::string(reinterpret_cast<const char*>(data), size), problems);
  return 0;
}
