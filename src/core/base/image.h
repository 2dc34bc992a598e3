#pragma once
// RGBA8 images: PNG files for screenshots and baselines, and the tolerant comparison that
// rendering tests use (llvmpipe versions differ by a few levels on edges).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mesomap {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;  // top row first

  uint8_t* pixel(int x, int y) { return &rgba[(static_cast<size_t>(y) * width + x) * 4]; }
  const uint8_t* pixel(int x, int y) const { return &rgba[(static_cast<size_t>(y) * width + x) * 4]; }
};

// Writes through a temporary file and a rename, so a crash never leaves half a PNG.
void writePng(const Image& image, const std::filesystem::path& path);
std::string encodePng(const Image& image);  // the PNG file's bytes (for embedding in reports)
Image readPng(const std::filesystem::path& path);

struct ImageDifference {
  bool sameSize = false;
  double meanAbsoluteError = 0.0;   // mean over channels, in 0..255 levels
  double fractionDiffering = 0.0;   // pixels with any channel off by more than the tolerance
  int maxChannelError = 0;
  Image diff;                       // visual diff: grey original, red where pixels differ
};

ImageDifference compareImages(const Image& actual, const Image& reference, int perChannelTolerance = 8);

}  // namespace mesomap
