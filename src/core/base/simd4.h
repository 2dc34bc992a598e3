#pragma once
// Four-lane float/mask helpers for the BVH's hot loops (four boxes or four triangles at once).
// SSE2 is part of every x86-64 CPU, so the fast path needs no extra compiler flags; other
// targets get a plain-array version with the same arithmetic, lane for lane.
#include <cstdint>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#include <xmmintrin.h>
#define MESOMAP_SIMD4_SSE 1
#endif

namespace mesomap::simd {

#if MESOMAP_SIMD4_SSE

struct Mask4 {
  __m128 v;
  friend Mask4 operator&(Mask4 a, Mask4 b) { return {_mm_and_ps(a.v, b.v)}; }
  friend Mask4 operator|(Mask4 a, Mask4 b) { return {_mm_or_ps(a.v, b.v)}; }
  // Bit i set when lane i is true.
  unsigned bits() const { return static_cast<unsigned>(_mm_movemask_ps(v)); }
};

struct Float4 {
  __m128 v;
  static Float4 load(const float* p) { return {_mm_load_ps(p)}; }  // p aligned to 16 bytes
  static Float4 broadcast(float x) { return {_mm_set1_ps(x)}; }
  void store(float* p) const { _mm_store_ps(p, v); }
  friend Float4 operator+(Float4 a, Float4 b) { return {_mm_add_ps(a.v, b.v)}; }
  friend Float4 operator-(Float4 a, Float4 b) { return {_mm_sub_ps(a.v, b.v)}; }
  friend Float4 operator*(Float4 a, Float4 b) { return {_mm_mul_ps(a.v, b.v)}; }
  friend Float4 operator/(Float4 a, Float4 b) { return {_mm_div_ps(a.v, b.v)}; }
  friend Float4 min(Float4 a, Float4 b) { return {_mm_min_ps(a.v, b.v)}; }
  friend Float4 max(Float4 a, Float4 b) { return {_mm_max_ps(a.v, b.v)}; }
  friend Mask4 operator<(Float4 a, Float4 b) { return {_mm_cmplt_ps(a.v, b.v)}; }
  friend Mask4 operator<=(Float4 a, Float4 b) { return {_mm_cmple_ps(a.v, b.v)}; }
  friend Mask4 operator>=(Float4 a, Float4 b) { return {_mm_cmpge_ps(a.v, b.v)}; }
  friend Mask4 operator!=(Float4 a, Float4 b) { return {_mm_cmpneq_ps(a.v, b.v)}; }
};

// Lanes where (a & b) != 0, for per-triangle part bits against a query's filter.
inline Mask4 anyBitsShared(const uint32_t* a, uint32_t b) {
  __m128i shared = _mm_and_si128(_mm_load_si128(reinterpret_cast<const __m128i*>(a)), _mm_set1_epi32(static_cast<int>(b)));
  __m128i none = _mm_cmpeq_epi32(shared, _mm_setzero_si128());
  return {_mm_castsi128_ps(_mm_xor_si128(none, _mm_set1_epi32(-1)))};
}

// Truncates each lane toward zero into out[0..3] (16-byte aligned).
inline void truncateToInt(Float4 a, int32_t* out) {
  _mm_store_si128(reinterpret_cast<__m128i*>(out), _mm_cvttps_epi32(a.v));
}

inline void prefetch(const void* p) { _mm_prefetch(static_cast<const char*>(p), _MM_HINT_T0); }

#else

inline void prefetch(const void* p) {
#if defined(__GNUC__)
  __builtin_prefetch(p);
#endif
}

struct Mask4 {
  bool lane[4];
  friend Mask4 operator&(Mask4 a, Mask4 b) {
    return {{a.lane[0] && b.lane[0], a.lane[1] && b.lane[1], a.lane[2] && b.lane[2], a.lane[3] && b.lane[3]}};
  }
  friend Mask4 operator|(Mask4 a, Mask4 b) {
    return {{a.lane[0] || b.lane[0], a.lane[1] || b.lane[1], a.lane[2] || b.lane[2], a.lane[3] || b.lane[3]}};
  }
  unsigned bits() const { return lane[0] | lane[1] << 1 | lane[2] << 2 | lane[3] << 3; }
};

struct Float4 {
  float v[4];
  static Float4 load(const float* p) { return {{p[0], p[1], p[2], p[3]}}; }
  static Float4 broadcast(float x) { return {{x, x, x, x}}; }
  void store(float* p) const { for (int i = 0; i < 4; ++i) p[i] = v[i]; }
  template <class Op>
  static Float4 map(Float4 a, Float4 b, Op op) {
    return {{op(a.v[0], b.v[0]), op(a.v[1], b.v[1]), op(a.v[2], b.v[2]), op(a.v[3], b.v[3])}};
  }
  template <class Op>
  static Mask4 test(Float4 a, Float4 b, Op op) {
    return {{op(a.v[0], b.v[0]), op(a.v[1], b.v[1]), op(a.v[2], b.v[2]), op(a.v[3], b.v[3])}};
  }
  friend Float4 operator+(Float4 a, Float4 b) { return map(a, b, [](float x, float y) { return x + y; }); }
  friend Float4 operator-(Float4 a, Float4 b) { return map(a, b, [](float x, float y) { return x - y; }); }
  friend Float4 operator*(Float4 a, Float4 b) { return map(a, b, [](float x, float y) { return x * y; }); }
  friend Float4 operator/(Float4 a, Float4 b) { return map(a, b, [](float x, float y) { return x / y; }); }
  // Same operand order as SSE minps/maxps: the second operand wins on NaN.
  friend Float4 min(Float4 a, Float4 b) { return map(a, b, [](float x, float y) { return x < y ? x : y; }); }
  friend Float4 max(Float4 a, Float4 b) { return map(a, b, [](float x, float y) { return x > y ? x : y; }); }
  friend Mask4 operator<(Float4 a, Float4 b) { return test(a, b, [](float x, float y) { return x < y; }); }
  friend Mask4 operator<=(Float4 a, Float4 b) { return test(a, b, [](float x, float y) { return x <= y; }); }
  friend Mask4 operator>=(Float4 a, Float4 b) { return test(a, b, [](float x, float y) { return x >= y; }); }
  friend Mask4 operator!=(Float4 a, Float4 b) { return test(a, b, [](float x, float y) { return x != y; }); }
};

inline void truncateToInt(Float4 a, int32_t* out) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<int32_t>(a.v[i]);
}

inline Mask4 anyBitsShared(const uint32_t* a, uint32_t b) {
  return {{(a[0] & b) != 0, (a[1] & b) != 0, (a[2] & b) != 0, (a[3] & b) != 0}};
}

#endif

}  // namespace mesomap::simd
