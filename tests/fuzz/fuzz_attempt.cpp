// libFuzzer: the attempt reader, and its writer on whatever the reader accepts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/protocol/attempt.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const mesomap::AttemptReadResult read = mesomap::parseAttempt(text);
  if (read.ok()) {
    const mesomap::AttemptReadResult again = mesomap::parseAttempt(mesomap::attemptToJson(*read.attempt));
    if (!again.ok()) __builtin_trap();
  }
  return 0;
}
