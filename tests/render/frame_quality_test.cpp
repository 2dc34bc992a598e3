// The window's two frame qualities, drawn headless on llvmpipe: the moving frame (one sample per
// pixel, while the camera moves) differs from the still frame (4x MSAA) only along edges, and a
// still frame drawn after moving ones is the same bytes as one that never moved.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "core/geometry/camera.h"
#include "core/import/model_loader.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::render {
namespace {

constexpr int kWidth = 360, kHeight = 480;

class FrameQualityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    context_ = createHeadlessContext().release();
    model_ = new LoadedModel(loadModel(MESOMAP_DEFAULT_MODEL));
  }
  static void TearDownTestSuite() {
    delete model_;
    delete context_;
  }
  OrbitCamera frontCamera() const {
    OrbitCamera camera;
    camera.setPreset(ViewPreset::Front);
    camera.frame(model_->mesh.bounds(), static_cast<float>(kWidth) / kHeight);
    return camera;
  }
  static Image draw(SceneRenderer& renderer, const OrbitCamera& camera, FrameQuality quality) {
    return renderer.renderOffscreen(camera, kWidth, kHeight, 4, quality).readPixels();
  }
  static GlContext* context_;
  static LoadedModel* model_;
};
GlContext* FrameQualityTest::context_ = nullptr;
LoadedModel* FrameQualityTest::model_ = nullptr;

int largestChannelDifference(const uint8_t* a, const uint8_t* b) {
  int largest = 0;
  for (int c = 0; c < 4; ++c) largest = std::max(largest, std::abs(int(a[c]) - int(b[c])));
  return largest;
}

// Within one pixel of an edge of the still frame: its 3x3 neighbourhood spans more than a few
// levels. Edges are the silhouette and where the body passes in front of itself (an arm before
// the torso), both places where MSAA blends.
bool nearEdge(const Image& still, int x, int y) {
  const uint8_t* centre = still.pixel(x, y);
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      const int nx = std::clamp(x + dx, 0, still.width - 1), ny = std::clamp(y + dy, 0, still.height - 1);
      if (largestChannelDifference(still.pixel(nx, ny), centre) > 8) return true;
    }
  }
  return false;
}

TEST_F(FrameQualityTest, MovingFrameDiffersFromStillOnlyAlongEdges) {
  SceneRenderer renderer;
  renderer.setMesh(model_->mesh);
  SceneStyle style;
  style.background = Background::Transparent;  // coverage shows in alpha
  style.contactShadow = 0.0f;                  // its alpha would look like coverage
  renderer.setStyle(style);
  const OrbitCamera camera = frontCamera();
  const Image still = draw(renderer, camera, FrameQuality::Still);
  const Image moving = draw(renderer, camera, FrameQuality::Moving);
  ASSERT_EQ(moving.width, still.width);
  ASSERT_EQ(moving.height, still.height);
  int differing = 0, awayFromEdges = 0, silhouette = 0;
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      silhouette += still.pixel(x, y)[3] != 0 && still.pixel(x, y)[3] != 255;
      // A few levels inside the body: triangle seams, which MSAA shades from two triangles.
      if (largestChannelDifference(still.pixel(x, y), moving.pixel(x, y)) <= 8) continue;
      ++differing;
      if (!nearEdge(still, x, y)) ++awayFromEdges;
    }
  }
  EXPECT_GT(silhouette, 500) << "the still frame is not anti-aliased";
  EXPECT_GT(differing, 200) << "the moving frame is not single-sampled";
  EXPECT_LT(differing, 2 * silhouette) << "the moving frame differs far from the edges";
  // A feature thinner than a pixel (a fingertip) can show whole in a lone moving pixel where
  // the still frame blended it into its surroundings: one in a hundred at most.
  EXPECT_LE(awayFromEdges, differing / 100) << differing << " pixels differ";
  // The moving frame has hard edges: no partial coverage anywhere.
  for (size_t i = 3; i < moving.rgba.size(); i += 4) ASSERT_TRUE(moving.rgba[i] == 0 || moving.rgba[i] == 255) << i / 4;
}

TEST_F(FrameQualityTest, StillFrameAfterMovingOnesIsTheSameBytes) {
  // The baseline path: a renderer that only ever drew still frames (mesomap render, tests).
  SceneRenderer fresh;
  fresh.setMesh(model_->mesh);
  const OrbitCamera camera = frontCamera();
  const Image baseline = fresh.renderImage(camera, kWidth, kHeight, 4);

  // The window: an orbit drawn at moving quality, then back where it started, and it stops.
  SceneRenderer window;
  window.setMesh(model_->mesh);
  OrbitCamera orbiting = camera;
  for (int i = 0; i < 4; ++i) {
    orbiting.orbit(10.0f, 0.0f);
    draw(window, orbiting, FrameQuality::Moving);
  }
  const Image lastMoving = window.offscreenTarget().readPixels();
  const Image stopped = draw(window, camera, FrameQuality::Still);
  EXPECT_TRUE(stopped.rgba == baseline.rgba) << "the still frame after moving differs from the baseline path";
  EXPECT_EQ(window.offscreenTarget().samples(), 4) << "the window shows the moving target, not the still one";
  EXPECT_FALSE(lastMoving.rgba == stopped.rgba);
  // Drawn again unchanged (the backdrop now comes from its cache): still the same bytes.
  EXPECT_TRUE(draw(window, camera, FrameQuality::Still).rgba == baseline.rgba);
}

TEST_F(FrameQualityTest, BackdropCacheFollowsTheStyle) {
  SceneRenderer renderer;
  renderer.setMesh(model_->mesh);
  const OrbitCamera camera = frontCamera();
  draw(renderer, camera, FrameQuality::Moving);  // fills the moving frame's backdrop cache
  SceneStyle dark;
  dark.backgroundTopSrgb = dark.backgroundBottomSrgb = glm::vec3(0.1f, 0.2f, 0.3f);
  renderer.setStyle(dark);
  const Image moving = draw(renderer, camera, FrameQuality::Moving);
  // The top-left corner is backdrop: the new solid colour (vignette a little darker), not the old grey.
  const uint8_t* corner = moving.pixel(0, 0);
  EXPECT_LT(corner[0], corner[2]);
  EXPECT_LT(corner[2], 160);
}

}  // namespace
}  // namespace mesomap::render
