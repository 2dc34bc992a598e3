#pragma once
// Picking what is drawn on the body by where it shows on screen: the marker nearest the cursor
// within a radius, passing over those the body hides from the eye. The placement tool and the
// scenario builder pick their points and landmarks this one way.
#include <cstddef>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/bvh.h"
#include "core/geometry/camera.h"

namespace mesomap {

// Where `point` shows in a width x height view (pixels, x right, y down, as rayThroughPixel
// takes them); nullopt when it is behind the eye.
std::optional<glm::vec2> pixelOf(const OrbitCamera& camera, const glm::vec3& point, float width, float height);

// The index of the point of `points` that shows nearest `cursor`, nearer than `radiusPixels`,
// and that `skin` does not hide from the camera's eye; nullopt when there is none.
std::optional<size_t> nearestOnScreen(const OrbitCamera& camera, const std::vector<glm::vec3>& points,
                                      const glm::vec2& cursor, float width, float height, float radiusPixels,
                                      const Bvh& skin);

}  // namespace mesomap
