// libFuzzer: the user's camera bookmarks file, and the needle texts files carry.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/protocol/camera_bookmarks.h"
#include "core/protocol/needle_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  mesomap::parseUserCameraBookmarks(text);
  const mesomap::NeedleSpec needle = mesomap::parseNeedleSpec(text);
  if (needle.lengthMm < 0.0 || needle.outerDiameterMm <= 0.0) __builtin_trap();
  return 0;
}
