// The 1.84M-triangle body (the default body midpoint-subdivided three times, what
// `mesomap-bench frame` measures with MESOMAP_BENCH_FRAME_LARGE) drawn by the scene renderer:
// subdivision moves no surface, so it must cover the same pixels as the default body and shade
// them alike (its normals are recomputed from the finer triangles, so not byte for byte).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "core/geometry/camera.h"
#include "core/geometry/subdivide.h"
#include "core/import/model_loader.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::render {
namespace {

constexpr int kWidth = 240, kHeight = 320;

Image drawStill(const Mesh& mesh, const OrbitCamera& camera) {
  SceneRenderer renderer;
  renderer.setMesh(mesh);
  SceneStyle style;
  style.background = Background::Transparent;  // coverage shows in alpha
  style.contactShadow = 0.0f;
  renderer.setStyle(style);
  return renderer.renderOffscreen(camera, kWidth, kHeight, 4, FrameQuality::Still).readPixels();
}

TEST(LargeBodyFrame, CoversTheDefaultBodysPixelsAndShadesThemAlike) {
  auto context = createHeadlessContext();
  const LoadedModel model = loadModel(MESOMAP_DEFAULT_MODEL);
  Mesh large = model.mesh;
  for (int i = 0; i < 3; ++i) large = subdivideMidpoint(large);
  ASSERT_GT(large.triangleCount(), 1800000u);
  OrbitCamera camera;
  camera.setPreset(ViewPreset::Front);
  camera.frame(model.mesh.bounds(), static_cast<float>(kWidth) / kHeight);
  const Image coarse = drawStill(model.mesh, camera);
  const Image fine = drawStill(large, camera);
  ASSERT_EQ(fine.rgba.size(), coarse.rgba.size());
  int body = 0, coveredByOneOnly = 0, shadedApart = 0;
  long shadeDifference = 0;
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      const uint8_t* a = coarse.pixel(x, y);
      const uint8_t* b = fine.pixel(x, y);
      // Whole pixels one picture covers and the other leaves empty (edges blend, so skip them).
      if ((a[3] == 255 && b[3] == 0) || (a[3] == 0 && b[3] == 255)) ++coveredByOneOnly;
      if (a[3] != 255 || b[3] != 255) continue;
      ++body;
      int largest = 0;
      for (int c = 0; c < 3; ++c) {
        const int d = std::abs(int(a[c]) - int(b[c]));
        shadeDifference += d;
        largest = std::max(largest, d);
      }
      shadedApart += largest > 24;
    }
  }
  EXPECT_GT(body, kWidth * kHeight / 10) << "the large body is not drawn";
  EXPECT_EQ(coveredByOneOnly, 0);
  EXPECT_LT(static_cast<double>(shadeDifference) / (3.0 * body), 4.0) << "mean level difference";
  EXPECT_LT(shadedApart, body / 100) << "pixels shaded more than 24 levels apart";
}

}  // namespace
}  // namespace mesomap::render
