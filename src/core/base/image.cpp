#include "core/base/image.h"

#include <algorithm>
#include <cstdlib>

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/base/error.h"
#include "core/base/safe_write.h"
#include "core/base/strings.h"
#include "core/base/utf8_path.h"

namespace mesomap {

std::string encodePng(const Image& image) {
  std::string bytes;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &bytes, image.width, image.height, 4, image.rgba.data(), image.width * 4))
    throw Error(ErrorKind::Io, "cannot encode a " + std::to_string(image.width) + "x" + std::to_string(image.height) + " PNG");
  return bytes;
}

void writePng(const Image& image, const std::filesystem::path& path) {
  writeFileAtomically(path, encodePng(image));
}

Image readPng(const std::filesystem::path& path) {
  int w = 0, h = 0, channels = 0;
  unsigned char* data = stbi_load(utf8(path).c_str(), &w, &h, &channels, 4);
  if (!data) {
    const char* why = stbi_failure_reason();
    throw Error(ErrorKind::Io, "image " + quoted(path) + ": cannot read PNG (" + (why ? why : "unknown") + ")");
  }
  Image image;
  image.width = w;
  image.height = h;
  image.rgba.assign(data, data + static_cast<size_t>(w) * h * 4);
  stbi_image_free(data);
  return image;
}

ImageDifference compareImages(const Image& actual, const Image& reference, int tolerance) {
  ImageDifference result;
  result.sameSize = actual.width == reference.width && actual.height == reference.height;
  if (!result.sameSize) {
    result.fractionDiffering = 1.0;
    result.meanAbsoluteError = 255.0;
    result.maxChannelError = 255;
    return result;
  }
  result.diff.width = actual.width;
  result.diff.height = actual.height;
  result.diff.rgba.resize(actual.rgba.size());
  uint64_t sum = 0, differing = 0;
  for (int y = 0; y < actual.height; ++y) {
    for (int x = 0; x < actual.width; ++x) {
      const uint8_t* a = actual.pixel(x, y);
      const uint8_t* r = reference.pixel(x, y);
      int worst = 0;
      for (int c = 0; c < 4; ++c) {
        int d = std::abs(int(a[c]) - int(r[c]));
        sum += d;
        worst = std::max(worst, d);
      }
      result.maxChannelError = std::max(result.maxChannelError, worst);
      uint8_t* out = result.diff.pixel(x, y);
      uint8_t grey = static_cast<uint8_t>((r[0] + r[1] + r[2]) / 6 + 64);  // faded reference
      if (worst > tolerance) {
        ++differing;
        out[0] = 255; out[1] = 0; out[2] = 0;
      } else {
        out[0] = out[1] = out[2] = grey;
      }
      out[3] = 255;
    }
  }
  double pixels = static_cast<double>(actual.width) * actual.height;
  result.meanAbsoluteError = pixels > 0 ? sum / (pixels * 4.0) : 0.0;
  result.fractionDiffering = pixels > 0 ? differing / pixels : 0.0;
  return result;
}

}  // namespace mesomap
