// Frames cull the back faces of closed parts wound outward when the eye is outside them
// (scene_renderer.cpp): from there only front faces show. From inside, or where the near plane
// could cut the part open, and for parts that are open or wound inward, back faces are drawn.
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

struct Frame {
  double coverage = 0.0;  // the fraction of pixels the cube covers (opaque over a transparent backdrop)
  size_t partsCulled = 0;
};

// The cube drawn looking at its back face (-z) from `distance` in front of it, at `quality`.
Frame drawCube(const Mesh& mesh, FrameQuality quality, float distance) {
  SceneRenderer renderer;
  renderer.setMesh(mesh);
  SceneStyle style;
  style.background = Background::Transparent;
  style.contactShadow = 0.0f;
  renderer.setStyle(style);
  OrbitCamera camera;
  camera.target = glm::vec3(0.0f, 1.0f, -0.2f);
  camera.distance = distance;
  const Image image = renderer.renderOffscreen(camera, kSize, kSize, 4, quality).readPixels();
  int covered = 0;
  for (size_t i = 3; i < image.rgba.size(); i += 4) covered += image.rgba[i] == 255;
  return {static_cast<double>(covered) / (kSize * kSize), renderer.partsCulledLastFrame()};
}

// The eye at the cube's centre, the near plane far inside the cube.
Frame fromInside(const Mesh& mesh, FrameQuality quality) { return drawCube(mesh, quality, 0.2f); }

class BackFaceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { context_ = createHeadlessContext().release(); }
  static void TearDownTestSuite() { delete context_; }
  static GlContext* context_;
};
GlContext* BackFaceTest::context_ = nullptr;

TEST_F(BackFaceTest, FromOutsideAClosedOutwardPartBothQualitiesCullItsBackFaces) {
  for (FrameQuality quality : {FrameQuality::Still, FrameQuality::Moving}) {
    const Frame frame = drawCube(cube(), quality, 3.0f);
    EXPECT_EQ(frame.partsCulled, 1u);
    EXPECT_GT(frame.coverage, 0.02) << "the cube is drawn";
  }
}

TEST_F(BackFaceTest, FromInsideAClosedPartEveryFrameDrawsItsInside) {
  // Every face is a back face from inside: culled, the frame would show the backdrop only.
  for (FrameQuality quality : {FrameQuality::Still, FrameQuality::Moving}) {
    const Frame frame = fromInside(cube(), quality);
    EXPECT_EQ(frame.partsCulled, 0u);
    EXPECT_EQ(frame.coverage, 1.0);
  }
}

TEST_F(BackFaceTest, AnEyeJustOutsideWhereTheNearPlaneCutsThePartDoesNotCull) {
  // The eye 4 mm in front of the cube's +z face, the near plane's corners reaching past it.
  const Frame frame = drawCube(cube(), FrameQuality::Moving, 0.704f);
  EXPECT_EQ(frame.partsCulled, 0u);
}

TEST_F(BackFaceTest, APartWithAnInwardShellBesideAnOutwardOneKeepsItsBackFaces) {
  // Both shells closed, their total volume positive, yet the inward one shows only back faces.
  Mesh mesh = cube();
  const Mesh inward = cube(-1, /*inward=*/true);
  const auto offset = static_cast<uint32_t>(mesh.positions.size());
  for (const glm::vec3& p : inward.positions) mesh.positions.push_back(p * 0.5f + glm::vec3(1.0f, 0.5f, 0.0f));
  for (const glm::uvec3& t : inward.triangles) mesh.triangles.push_back(t + glm::uvec3(offset));
  mesh.parts.front().triangleCount = static_cast<uint32_t>(mesh.triangles.size());
  mesh.recomputeNormals();
  EXPECT_EQ(drawCube(mesh, FrameQuality::Still, 3.0f).partsCulled, 0u);
  EXPECT_EQ(drawCube(cube(), FrameQuality::Still, 3.0f).partsCulled, 1u) << "the outward cube alone is culled";
}

TEST_F(BackFaceTest, OpenOrInwardPartsKeepTheirBackFaces) {
  EXPECT_EQ(drawCube(cube(/*dropFace=*/0), FrameQuality::Moving, 3.0f).partsCulled, 0u);
  EXPECT_EQ(fromInside(cube(/*dropFace=*/0), FrameQuality::Moving).coverage, 1.0) << "the dropped face is -x, not seen";
  EXPECT_EQ(fromInside(cube(-1, /*inward=*/true), FrameQuality::Moving).coverage, 1.0);
}

}  // namespace
}  // namespace mesomap::render
