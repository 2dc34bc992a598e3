#pragma once
// A test hook for the steps where a crash could lose work: tests/app/submission_faults.cmake
// names one step in MESOMAP_FAULT_POINT and the process kills itself there (SIGKILL: no
// destructor, no flush), as a power cut would. Unset, as everywhere but that test, it costs a
// getenv per submission. The names in use are listed in docs/reliability.md.
#include <csignal>
#include <cstdlib>
#include <cstring>

namespace mesomap {

inline void faultPoint(const char* name) {
  const char* chosen = std::getenv("MESOMAP_FAULT_POINT");
  if (chosen && std::strcmp(chosen, name) == 0) std::raise(SIGKILL);
}

}  // namespace mesomap
