// libFuzzer: the scenario reader, and its writer on whatever the reader accepts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/protocol/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const mesomap::ScenarioReadResult read = mesomap::parseScenario(text);
  if (read.ok()) {
    // What the reader accepts, the writer writes and the reader reads back without a problem.
    const mesomap::ScenarioReadResult again = mesomap::parseScenario(mesomap::scenarioToJson(*read.scenario));
    if (!again.ok()) __builtin_trap();
  }
  return 0;
}
