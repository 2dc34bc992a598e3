#pragma once
// A scenario on a particular body: placements resolved to skin points, and the geometric
// checks `mesomap validate` runs (a point off the skin, an offset that leaves the body).
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/bvh.h"
#include "core/protocol/scenario.h"
#include "core/geometry/surface_frame.h"
#include "core/body/tissue_layers.h"

namespace mesomap {


struct ResolvedPlacement {
  SurfaceFrame frame;        // metres, on the skin
  double offSkinMm = 0.0;    // absolute placements: how far the file's point was from the skin
  double worstStepMm = 0.0;  // offset walks: the farthest any step had to snap back to the skin
  double turnDegrees = 0.0;  // offset walks: angle between the skin's normal at start and end
};

// An offset walk whose skin turns more than this wraps around a limb: not what an author means.
inline constexpr double kMaxWalkTurnDegrees = 100.0;

// Resolves a placement on `skin`: an absolute position snaps to the closest skin point; a
// landmark-relative one starts at the landmark's skin point and walks cranial_mm along the skin
// from there, then lateral_mm sideways from where that leg ended (anatomical frames, so lateral
// mirrors with the side), in 1 mm steps that follow the skin's curvature. nullopt + problem text
// when it cannot (unknown landmark, no skin).
std::optional<ResolvedPlacement> resolvePlacement(const Scenario& scenario, const SurfacePlacement& placement,
                                                  const Bvh& skin, std::string* problem = nullptr);

// A zone's brush stamps on `skin`: each position snapped to the closest skin point (metres), in
// brush order, for buildZoneRegion. Empty without skin.
std::vector<glm::vec3> resolveBrush(const Zone& zone, const Bvh& skin);

// The reference needle's angles: the middle of its angle window and of its azimuth window
// (cranial when the scenario leaves the azimuth free).
NeedleAngles referenceAngles(const ReferencePoint& point);

// The reference needle's perpendicular tip depth (mm) where no body column is at hand (drawings,
// the needle panel's starting needle): the middle of its depth window, else of its technique's
// band on a typical column (thigh skin, the reference figures). Judging a tip uses the column
// under it instead (depth_target.h).
double referenceDepthMm(const ReferencePoint& point);

// Problems with JSON paths: landmarks, points, zone centres and brush stamps more than
// kMaxOffSkinMm from the skin, landmark offsets whose target is far off the skin (walked off the
// body).
std::vector<Problem> checkScenarioGeometry(const Scenario& scenario, const Bvh& skin);

// Where a scenario meets a body (the app, render, attempt, score): one sentence when it does
// not fit it (how many of its items lie off this skin, the first with how far), else nothing.
std::optional<std::string> scenarioFitWarning(const Scenario& scenario, const Bvh& skin);

}  // namespace mesomap
