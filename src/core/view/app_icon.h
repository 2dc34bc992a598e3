#pragma once
// mesomap's icon as pixels, for the window (glfwSetWindowIcon) where no image file is read. It
// draws the same picture as packaging/io.github.mesomap.mesomap.svg: a teal tile, a patch of
// skin, three injection points and a needle.
#include "core/base/image.h"

namespace mesomap {

// A size x size RGBA icon (straight alpha; transparent outside the rounded tile).
Image drawAppIcon(int size);

}  // namespace mesomap
