#pragma once
// What a scored attempt looks like over the body (the results view and `render --attempt`):
// the trainee's needles coloured by how well each matches, pale reference needles, a link
// from each trainee point to its reference, missed references and extra points marked.
#include "core/view/overlay.h"
#include "core/scoring/scoring.h"

namespace mesomap {

// Okabe-Ito colours: told apart with every common colour-vision deficiency.
inline constexpr glm::vec3 kResultGoodSrgb{0.0f, 0.62f, 0.45f};      // bluish green
inline constexpr glm::vec3 kResultFairSrgb{0.90f, 0.62f, 0.0f};      // orange
inline constexpr glm::vec3 kResultPoorSrgb{0.84f, 0.37f, 0.0f};      // vermillion
inline constexpr glm::vec3 kResultExtraSrgb{0.80f, 0.47f, 0.65f};    // reddish purple
inline constexpr glm::vec3 kResultReferenceSrgb{0.55f, 0.66f, 0.80f};  // pale blue "ghost"

enum class PointQuality { Good, Fair, Poor };

// The mean of a matched point's own scores (position, depth, angle, volume, technique):
// good from 0.9, fair from 0.6.
PointQuality pointQuality(const PointResult& result);
glm::vec3 qualityColorSrgb(PointQuality quality);

Overlay attemptOverlay(const PreparedScenario& prepared, const Attempt& attempt, const ScoreReport& report,
                       const Bvh& skin);

}  // namespace mesomap
