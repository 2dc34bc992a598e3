#pragma once
// The anatomical tangent frame at a point of skin, and needle angles relative to it.
//
// Body coordinates (see mesh.h): Y up, the body faces +Z, so the patient's left is +X and the
// mid-sagittal plane is x = 0.
//
// Frame axes, all unit length and mutually perpendicular:
//   normal  - out of the skin (the interpolated vertex normal at the point).
//   cranial - toward the head: +Y projected onto the tangent plane. Where the skin faces almost
//             straight up or down (|normal.y| > kVerticalNormalY: crown, top of the foot, sole,
//             underside of chin), +Y has no usable projection and -Z (posterior) projected is
//             used instead: toward the back of the head on the crown, toward the heel on the sole
//             and the top of the foot. One rule, so the frame never depends on how the point was
//             reached.
//   medial  - in the tangent plane, perpendicular to cranial, pointing toward the mid-sagittal
//             plane (it has a component toward x = 0 wherever the tangent plane allows one).
//             Conventions where it does not:
//               * at the midline (|x| < kMidlineHalfWidth) the point counts as the patient's
//                 left side (x > 0), so medial points toward -X, the patient's right;
//               * on skin facing straight sideways (normal along +-X: the outer arm, outer thigh)
//                 no tangent points toward x = 0 and medial is anterior (+Z side), mirrored
//                 identically on both sides.
//   lateral = -medial, caudal = -cranial.
//
// Needle angles:
//   angle   - between the needle and the skin: 0 deg = parallel to the skin, 90 deg =
//             perpendicular, straight into it. Negative angles point out of the skin.
//   azimuth - the direction the needle tip leans toward, seen on the skin: 0 deg = cranial,
//             90 deg = medial, 180 deg = caudal, 270 deg = lateral. Because medial mirrors with
//             the side of the body, the same (angle, azimuth) gives mirror-image needles on the
//             left and right. At 90 deg of angle the azimuth is meaningless and reads as 0.
#include <glm/glm.hpp>

namespace mesomap {

inline constexpr float kVerticalNormalY = 0.95f;     // |normal.y| above this: cranial falls back to -Z
inline constexpr float kMidlineHalfWidth = 1e-4f;    // metres

struct SurfaceFrame {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 0.0f, 1.0f};
  glm::vec3 cranial{0.0f, 1.0f, 0.0f};
  glm::vec3 medial{-1.0f, 0.0f, 0.0f};

  glm::vec3 caudal() const { return -cranial; }
  glm::vec3 lateral() const { return -medial; }
};

// The frame at a skin point with the given outward normal (need not be unit length).
SurfaceFrame surfaceFrame(const glm::vec3& position, const glm::vec3& normal);

struct NeedleAngles {
  float angleDegrees = 90.0f;
  float azimuthDegrees = 0.0f;  // [0, 360)
  bool operator==(const NeedleAngles&) const = default;
};

// A needle on flat skin: the tip's depth below the surface for a length under the skin, and the
// length that reaches a depth. Every figure written in "flat-skin depth" (scenario windows,
// attempt files, the skin section) goes through these two. Near-parallel needles are taken at
// 3 degrees (sin 0.05) so a length stays finite.
double flatDepthMm(double insertedMm, double angleDeg);
double insertedLengthMm(double depthMm, double angleDeg);

// Unit direction from the entry point toward the tip.
glm::vec3 needleDirection(const SurfaceFrame& frame, const NeedleAngles& angles);

// Inverse of needleDirection; `direction` need not be unit length.
NeedleAngles needleAngles(const SurfaceFrame& frame, const glm::vec3& direction);

}  // namespace mesomap
