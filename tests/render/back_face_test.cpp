// Moving frames cull the back faces of closed parts wound outward (scene_renderer.cpp): from
// outside such a part only its front faces show. Parts that are open, or wound inward, keep
// their back faces, and still frames (pictures, baselines) never cull.
#include <gtest/gtest.h>

#include <array>

#include "core/geometry/camera.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/scene_renderer.h"

namespace mesomap::render {
namespace {

constexpr int kSize = 64;

// A cube of half-size 0.5 around (0, 1, 0), faces wound outward; `dropFace` (0-5) leaves one
// face out, `inward` reverses every triangle.
Mesh cube(int dropFace = -1, bool inward = false) {
  Mesh mesh;
  for (int i = 0; i < 8; ++i)
    mesh.positions.push_back(glm::vec3(i & 1 ? 0.5f : -0.5f, (i & 2 ? 0.5f : -0.5f) + 1.0f, i & 4 ? 0.5f : -0.5f));
  // Each face: its four corners going around it, and its outward axis.
  const std::array<std::array<uint32_t, 4>, 6> faces{
      {{0, 2, 6, 4}, {1, 5, 7, 3}, {0, 4, 5, 1}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 6, 7, 5}}};
  for (int f = 0; f < 6; ++f) {
    if (f == dropFace) continue;
    const auto& q = faces[f];
    for (const glm::uvec3 tri : {glm::uvec3(q[0], q[1], q[2]), glm::uvec3(q[0], q[2], q[3])}) {
      const glm::vec3 a = mesh.positions[tri.x], b = mesh.positions[tri.y], c = mesh.positions[tri.z];
      const glm::vec3 outward = (a + b + c) / 3.0f - glm::vec3(0.0f, 1.0f, 0.0f);
      const bool isOutward = glm::dot(glm::cross(b - a, c - a), outward) > 0.0f;
      mesh.triangles.push_back(isOutward != inward ? tri : glm::uvec3(tri.x, tri.z, tri.y));
    }
  }
  mesh.parts.push_back({"cube", 0, static_cast<uint32_t>(mesh.triangles.size()), true, glm::vec3(0.8f)});
  mesh.recomputeNormals();
  return mesh;
}

// The fraction of pixels the cube covers (opaque over a transparent backdrop), the eye at the
// cube's centre looking at its back face.
double coverageFromInside(const Mesh& mesh, FrameQuality quality) {
  SceneRenderer renderer;
  renderer.setMesh(mesh);
  SceneStyle style;
  style.background = Background::Transparent;
  style.contactShadow = 0.0f;
  renderer.setStyle(style);
  OrbitCamera camera;
  camera.target = glm::vec3(0.0f, 1.0f, -0.2f);
  camera.distance = 0.2f;  // the eye at the centre, the near plane far inside the cube
  const Image image = renderer.renderOffscreen(camera, kSize, kSize, 4, quality).readPixels();
  int covered = 0;
  for (size_t i = 3; i < image.rgba.size(); i += 4) covered += image.rgba[i] == 255;
  return static_cast<double>(covered) / (kSize * kSize);
}

class BackFaceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { context_ = createHeadlessContext().release(); }
  static void TearDownTestSuite() { delete context_; }
  static GlContext* context_;
};
GlContext* BackFaceTest::context_ = nullptr;

TEST_F(BackFaceTest, StillFramesDrawTheInsideOfAClosedPart) {
  EXPECT_EQ(coverageFromInside(cube(), FrameQuality::Still), 1.0);
}

TEST_F(BackFaceTest, MovingFramesCullTheBackFacesOfAClosedOutwardPart) {
  // From inside, every face is a back face: the moving frame shows the backdrop only.
  EXPECT_EQ(coverageFromInside(cube(), FrameQuality::Moving), 0.0);
}

TEST_F(BackFaceTest, MovingFramesKeepTheBackFacesOfOpenOrInwardParts) {
  EXPECT_EQ(coverageFromInside(cube(/*dropFace=*/0), FrameQuality::Moving), 1.0) << "the dropped face is -x, not seen";
  EXPECT_EQ(coverageFromInside(cube(-1, /*inward=*/true), FrameQuality::Moving), 1.0);
}

}  // namespace
}  // namespace mesomap::render
