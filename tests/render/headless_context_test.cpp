// Headless rendering took the route the build was configured for: EGL on Linux by default, a
// hidden GLFW window without EGL (MESOMAP_FORCE_PORTABLE; Windows, macOS). The pixels of either
// are checked by the rendering baselines; this checks which one drew them.
#include <gtest/gtest.h>

#include "render/gl_context.h"

namespace mesomap::render {
namespace {

TEST(HeadlessContext, IsTheConfiguredRoute) {
  auto context = createHeadlessContext();
  const std::string description = context->description();
  EXPECT_EQ(description.rfind(MESOMAP_EXPECTED_HEADLESS, 0), 0u) << description;
  EXPECT_NE(description.find("OpenGL"), std::string::npos) << description;
}

}  // namespace
}  // namespace mesomap::render
