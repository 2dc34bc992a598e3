#pragma once
// SHA-256 (FIPS 180-4), for content keys where an accidental collision must never happen (a
// cached geodesic graph served for the wrong mesh would give wrong distances silently).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace mesomap {

class Sha256 {
 public:
  using Digest = std::array<uint8_t, 32>;

  Sha256();
  void update(const void* data, size_t bytes);
  template <class T>
  void updateValue(const T& value) {
    update(&value, sizeof(T));
  }
  // The digest of everything updated so far; the object is spent afterwards.
  Digest finish();

  static std::string hex(const Digest& digest);

 private:
  void compress(const uint8_t block[64]);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t totalBytes_ = 0;
};

}  // namespace mesomap
