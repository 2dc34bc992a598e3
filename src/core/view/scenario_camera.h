#pragma once
// Cameras for a scenario: the bookmarks stored in its file, and views fitted to its points
// ("region": from the side the points' skin faces, so a spine scenario is seen from the back).
// Shared by `mesomap render --camera` and the app's bookmarks menu.
#include <optional>
#include <string>

#include "core/geometry/bvh.h"
#include "core/geometry/camera.h"
#include "core/protocol/scenario.h"

namespace mesomap {

// Bookmarks are in millimetres, cameras in metres.
OrbitCamera cameraFromBookmark(const CameraBookmark& bookmark);
CameraBookmark bookmarkFromCamera(const std::string& name, const OrbitCamera& camera);

// Keeps the camera's orientation and fits the scenario's resolved points and zone centres, with
// `marginMm` of skin around them. False (camera unchanged) when nothing resolves.
bool frameScenario(OrbitCamera& camera, const Scenario& scenario, const Bvh& skin, float aspect,
                   float marginMm = 50.0f);

// The view that shows the most reference points unhidden: candidate directions around the
// body and the points' mean skin normal, each framed on the points (zone centres when there are
// none) with 4 cm around them, scored by how many points face the eye without the body in
// between. nullopt when nothing resolves.
std::optional<OrbitCamera> regionCamera(const Scenario& scenario, const Bvh& skin, float aspect);

}  // namespace mesomap
