// libFuzzer: 3D Slicer markups import. A bad file is an Error with a message; anything else
// escaping (another exception type, a signal) is a defect.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/error.h"
#include "core/protocol/slicer_markups.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    mesomap::parseSlicerMarkups(std::string(reinterpret_cast<const char*>(data), size), "fuzz.mrk.json");
  } catch (const mesomap::Error&) {
  }
  return 0;
}
