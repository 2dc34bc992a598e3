#pragma once
// Aligned heap blocks on every platform: MSVC has no std::aligned_alloc (its blocks need
// _aligned_free), and older macOS lacks it; posix_memalign is everywhere else.
#include <cstddef>
#include <cstdlib>

#if defined(_WIN32)
#include <malloc.h>
#endif

namespace mesomap {

// `alignment`: a power of two, a multiple of sizeof(void*). Null when out of memory.
inline void* allocateAligned(std::size_t alignment, std::size_t bytes) {
#if defined(_WIN32)
  return _aligned_malloc(bytes, alignment);
#else
  void* p = nullptr;
  return ::posix_memalign(&p, alignment, bytes) == 0 ? p : nullptr;
#endif
}

// Frees a block from allocateAligned (only such blocks).
inline void freeAligned(void* p) {
#if defined(_WIN32)
  _aligned_free(p);
#else
  std::free(p);
#endif
}

}  // namespace mesomap
