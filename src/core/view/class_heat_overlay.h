#pragma once
// Where a class goes wrong, over the body: each reference point a disc coloured by the class's
// mean error there (a heat map: cold on the point, hot 10 mm or more away or never needled) and
// every needle the class placed as a small dark dot, with a legend that is the colour scale.
// Drawn by the class report's picture (`mesomap class report`).
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/bvh.h"
#include "core/scoring/scoring.h"
#include "core/view/overlay.h"

namespace mesomap {

// The error at which the heat scale saturates: the report's table uses the same 10 mm.
inline constexpr double kHeatScaleMaxMm = 10.0;
// Scale ends, also what tests look for: a point the class hits sits in the cold colour, one it
// misses by the scale's end or more in the hot colour.
inline constexpr glm::vec3 kHeatColdSrgb{0.10f, 0.35f, 0.85f};  // blue
inline constexpr glm::vec3 kHeatNearSrgb{0.00f, 0.62f, 0.45f};  // bluish green (a third of the scale)
inline constexpr glm::vec3 kHeatMidSrgb{0.95f, 0.80f, 0.15f};   // yellow (two thirds)
inline constexpr glm::vec3 kHeatHotSrgb{0.85f, 0.10f, 0.10f};   // red
inline constexpr float kHeatMarkerRadius = 0.0055f;
inline constexpr float kLandedMarkerRadius = 0.0016f;

// The colour of a mean error (millimetres); at or beyond kHeatScaleMaxMm the hot end.
glm::vec3 heatColorSrgb(double errorMm);

// The class's error at one reference point (by id, as in the score reports).
struct ReferenceHeat {
  std::string referenceId;
  std::optional<double> meanErrorMm;  // nullopt: scored but never needled (drawn hot)
  size_t matched = 0, attempts = 0;
};

// What a reference point's colour shows: the mean over the attempts scored against it of the
// distance from it (at most the scale's end), an attempt that left it unneedled counting as the
// scale's end, so a point half the class misses is not drawn cold because the other half hit it.
double heatErrorMm(const ReferenceHeat& heat);

// `landedMm`: every point the class placed, in millimetres on this body (snapped to the skin).
// Reference points without a heat entry (nobody scored against them) are drawn pale, unlabelled
// by any error.
Overlay classHeatOverlay(const PreparedScenario& prepared, const std::vector<ReferenceHeat>& heat,
                         const std::vector<glm::dvec3>& landedMm, const Bvh& skin);

}  // namespace mesomap
