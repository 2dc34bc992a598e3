#include <fstream>

#include <gtest/gtest.h>

#include "core/base/error.h"
#include "core/base/image.h"
#include "core/base/safe_write.h"

namespace mesomap {
namespace {

const std::filesystem::path kOutput = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "image";

Image gradient(int w, int h) {
  Image image{w, h, std::vector<uint8_t>(static_cast<size_t>(w) * h * 4)};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint8_t* p = image.pixel(x, y);
      p[0] = static_cast<uint8_t>(x * 255 / (w - 1));
      p[1] = static_cast<uint8_t>(y * 255 / (h - 1));
      p[2] = 128;
      p[3] = 255;
    }
  return image;
}

TEST(Image, PngRoundTripIsLossless) {
  std::filesystem::create_directories(kOutput);
  Image original = gradient(37, 21);
  writePng(original, kOutput / "gradient.png");
  Image read = readPng(kOutput / "gradient.png");
  EXPECT_EQ(read.width, 37);
  EXPECT_EQ(read.height, 21);
  EXPECT_EQ(read.rgba, original.rgba);
}

TEST(Image, ComparisonCountsOnlyDifferencesAboveTolerance) {
  Image a = gradient(10, 10), b = a;
  b.pixel(3, 3)[0] = static_cast<uint8_t>(b.pixel(3, 3)[0] + 5);  // within tolerance 8
  b.pixel(4, 4)[1] = static_cast<uint8_t>(b.pixel(4, 4)[1] ^ 0x80);  // far off
  ImageDifference d = compareImages(b, a, 8);
  EXPECT_TRUE(d.sameSize);
  EXPECT_DOUBLE_EQ(d.fractionDiffering, 0.01);
  EXPECT_EQ(d.maxChannelError, 128);
  EXPECT_EQ(d.diff.pixel(4, 4)[0], 255);  // marked red
  EXPECT_EQ(d.diff.pixel(4, 4)[1], 0);
  EXPECT_NE(d.diff.pixel(3, 3)[1], 0);    // not marked
}

TEST(Image, DifferentSizesNeverMatch) {
  ImageDifference d = compareImages(gradient(10, 10), gradient(10, 11));
  EXPECT_FALSE(d.sameSize);
  EXPECT_DOUBLE_EQ(d.fractionDiffering, 1.0);
}

TEST(Image, ReadingAMissingFileNamesIt) {
  try {
    readPng(kOutput / "missing.png");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.png"), std::string::npos);
  }
}

TEST(SafeWrite, ReplacesTheFileAndLeavesNoTemporary) {
  std::filesystem::create_directories(kOutput);
  auto path = kOutput / "document.txt";
  writeFileAtomically(path, "first");
  writeFileAtomically(path, "second version");
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "second version");
  // Only this file's temporaries: under ctest -j, other tests write into the same folder.
  for (const auto& entry : std::filesystem::directory_iterator(kOutput))
    EXPECT_FALSE(entry.path().filename().string().starts_with("document.txt.tmp-")) << entry.path();
}

TEST(SafeWrite, FailureKeepsTheOldFile) {
  std::filesystem::create_directories(kOutput);
  auto path = kOutput / "kept.txt";
  writeFileAtomically(path, "precious");
  // A directory where the file should go makes the rename fail.
  auto blocked = kOutput / "blocked";
  std::filesystem::create_directories(blocked / "inner");
  EXPECT_THROW(writeFileAtomically(blocked, "lost?"), Error);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "precious");
}

}  // namespace
}  // namespace mesomap
