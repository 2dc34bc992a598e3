// libFuzzer: the landmark set reader (also reads MODEL.landmarks.json beside any model).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/body/landmarks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mesomap::parseLandmarkSet(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
