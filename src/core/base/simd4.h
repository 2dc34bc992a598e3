#pragma once
// Four-lane float/mask helpers for the BVH's hot loops (four boxes or four triangles at once).
// Written once against SSE2's operations: native on x86-64 (SSE2 is part of every such CPU, so
// no extra compiler flags); elsewhere, or when MESOMAP_FORCE_PORTABLE asks for it, through SIMDe
// (Debian libsimde-dev), which maps the same operations to NEON on ARM, to compiler vector
// extensions or to plain loops. SIMDe keeps SSE's exact results (NaN operand order, truncation
// of out-of-range values), so picking answers the same everywhere. MESOMAP_FORCE_PORTABLE also
// sets SIMDE_NO_NATIVE, so that on x86 the test suite runs SIMDe's own code, not SSE underneath.
// A source including this file must be listed in MESOMAP_SIMD4_USERS (CMakeLists.txt), which
// gives MESOMAP_FORCE_PORTABLE to those sources only.
#include <cstdint>

#if (defined(__SSE2__) || defined(_M_X64)) && !defined(MESOMAP_FORCE_PORTABLE)
#include <emmintrin.h>
#include <xmmintrin.h>
#define MESOMAP_SIMD4_SSE 1
#define MESOMAP_SIMD4(operation) _mm_##operation
#define MESOMAP_SIMD4_HINT_T0 _MM_HINT_T0
#else
#if defined(MESOMAP_FORCE_PORTABLE) && !defined(SIMDE_NO_NATIVE)
#define SIMDE_NO_NATIVE
#endif
#include <simde/x86/sse2.h>
#define MESOMAP_SIMD4_SSE 0
#define MESOMAP_SIMD4(operation) simde_mm_##operation
#define MESOMAP_SIMD4_HINT_T0 SIMDE_MM_HINT_T0
#endif

namespace mesomap::simd {

#if MESOMAP_SIMD4_SSE
using Vector = __m128;
using IntVector = __m128i;
#else
using Vector = simde__m128;
using IntVector = simde__m128i;
#endif

// Which implementation this build uses, for the benchmark rows and the docs.
inline constexpr const char* kImplementation = MESOMAP_SIMD4_SSE ? "sse2" : "simde";

struct Mask4 {
  Vector v;
  friend Mask4 operator&(Mask4 a, Mask4 b) { return {MESOMAP_SIMD4(and_ps)(a.v, b.v)}; }
  friend Mask4 operator|(Mask4 a, Mask4 b) { return {MESOMAP_SIMD4(or_ps)(a.v, b.v)}; }
  // Bit i set when lane i is true.
  unsigned bits() const { return static_cast<unsigned>(MESOMAP_SIMD4(movemask_ps)(v)); }
};

struct Float4 {
  Vector v;
  static Float4 load(const float* p) { return {MESOMAP_SIMD4(load_ps)(p)}; }  // p aligned to 16 bytes
  static Float4 broadcast(float x) { return {MESOMAP_SIMD4(set1_ps)(x)}; }
  void store(float* p) const { MESOMAP_SIMD4(store_ps)(p, v); }
  friend Float4 operator+(Float4 a, Float4 b) { return {MESOMAP_SIMD4(add_ps)(a.v, b.v)}; }
  friend Float4 operator-(Float4 a, Float4 b) { return {MESOMAP_SIMD4(sub_ps)(a.v, b.v)}; }
  friend Float4 operator*(Float4 a, Float4 b) { return {MESOMAP_SIMD4(mul_ps)(a.v, b.v)}; }
  friend Float4 operator/(Float4 a, Float4 b) { return {MESOMAP_SIMD4(div_ps)(a.v, b.v)}; }
  // SSE minps/maxps: the second operand wins on NaN (the BVH's slab test relies on it).
  friend Float4 min(Float4 a, Float4 b) { return {MESOMAP_SIMD4(min_ps)(a.v, b.v)}; }
  friend Float4 max(Float4 a, Float4 b) { return {MESOMAP_SIMD4(max_ps)(a.v, b.v)}; }
  friend Mask4 operator<(Float4 a, Float4 b) { return {MESOMAP_SIMD4(cmplt_ps)(a.v, b.v)}; }
  friend Mask4 operator<=(Float4 a, Float4 b) { return {MESOMAP_SIMD4(cmple_ps)(a.v, b.v)}; }
  friend Mask4 operator>=(Float4 a, Float4 b) { return {MESOMAP_SIMD4(cmpge_ps)(a.v, b.v)}; }
  friend Mask4 operator!=(Float4 a, Float4 b) { return {MESOMAP_SIMD4(cmpneq_ps)(a.v, b.v)}; }
};

// Lanes where (a & b) != 0, for per-triangle part bits against a query's filter (a: 16-byte aligned).
inline Mask4 anyBitsShared(const uint32_t* a, uint32_t b) {
  const IntVector lanes = MESOMAP_SIMD4(load_si128)(reinterpret_cast<const IntVector*>(a));
  const IntVector shared = MESOMAP_SIMD4(and_si128)(lanes, MESOMAP_SIMD4(set1_epi32)(static_cast<int>(b)));
  const IntVector none = MESOMAP_SIMD4(cmpeq_epi32)(shared, MESOMAP_SIMD4(setzero_si128)());
  return {MESOMAP_SIMD4(castsi128_ps)(MESOMAP_SIMD4(xor_si128)(none, MESOMAP_SIMD4(set1_epi32)(-1)))};
}

// Truncates each lane toward zero into out[0..3] (16-byte aligned).
inline void truncateToInt(Float4 a, int32_t* out) {
  MESOMAP_SIMD4(store_si128)(reinterpret_cast<IntVector*>(out), MESOMAP_SIMD4(cvttps_epi32)(a.v));
}

inline void prefetch(const void* p) { MESOMAP_SIMD4(prefetch)(static_cast<const char*>(p), MESOMAP_SIMD4_HINT_T0); }

}  // namespace mesomap::simd
