// The window icon is the packaged SVG's picture: transparent corners, the teal tile, skin, the
// three injection points and the white needle, at any size.
#include <gtest/gtest.h>

#include "core/view/app_icon.h"

namespace mesomap {
namespace {

// The pixel under the SVG's point (x, y) on its 128-unit canvas.
const uint8_t* at(const Image& icon, float x, float y) {
  return icon.pixel(static_cast<int>(x / 128.0f * icon.width), static_cast<int>(y / 128.0f * icon.height));
}

void expectColour(const uint8_t* px, int r, int g, int b) {
  EXPECT_NEAR(px[0], r, 3);
  EXPECT_NEAR(px[1], g, 3);
  EXPECT_NEAR(px[2], b, 3);
  EXPECT_EQ(px[3], 255);
}

TEST(AppIcon, DrawsTheSvgsShapes) {
  for (int size : {32, 64, 128}) {
    const Image icon = drawAppIcon(size);
    ASSERT_EQ(icon.width, size);
    ASSERT_EQ(icon.rgba.size(), static_cast<size_t>(size * size * 4));
    EXPECT_EQ(at(icon, 1, 1)[3], 0) << "the rounded corner is transparent";
    expectColour(at(icon, 12, 64), 41, 133, 120);   // tile
    expectColour(at(icon, 64, 70), 245, 217, 196);  // skin
    expectColour(at(icon, 64, 90), 232, 112, 82);   // the middle injection point
    expectColour(at(icon, 85, 42), 255, 255, 255);  // the needle's shaft
  }
}

}  // namespace
}  // namespace mesomap
