// The stb functions mesomap uses, compiled once, for platforms whose stb is headers only
// (vcpkg). Debian's libstb-dev ships them in a library, so this file is not built there.
#define STB_IMAGE_IMPLEMENTATION
#define STBI_WINDOWS_UTF8  // file names are UTF-8 (core/base/utf8_path.h), also on Windows
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image.h>
#include <stb_image_write.h>
