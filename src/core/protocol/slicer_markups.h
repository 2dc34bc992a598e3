#pragma once
// 3D Slicer markups (.mrk.json, schema v1.0.3): landmarks and reference points as a Fiducial
// list, so a map drawn in mesomap opens in Slicer and a map placed in Slicer comes back.
//
// Frames: mesomap's body frame has +X = patient's left, +Y = up, +Z = anterior (mesh.h).
// Slicer speaks LPS (x left, y posterior, z superior) or RAS (x right, y anterior, z superior),
// both in millimetres. Both maps are proper rotations:
//   LPS = ( x, -z, y)      RAS = (-x, z, y)
// A control point's `orientation` is a row-major 3x3 matrix whose columns are the point's axes;
// the third column (indices 2, 5, 8) carries the needle direction, from the skin toward the tip.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/geometry/bvh.h"
#include "core/protocol/scenario.h"

namespace mesomap {

inline constexpr const char* kSlicerMarkupsSchema =
    "https://raw.githubusercontent.com/slicer/slicer/master/Modules/Loadable/Markups/Resources/Schema/"
    "markups-schema-v1.0.3.json#";

enum class SlicerCoordinates { LPS, RAS };

struct MarkupPoint {
  std::string label;        // landmark or point id ("C7", "JL1")
  std::string description;  // landmark name, or technique and windows of a point
  glm::dvec3 positionMm{0.0};             // mesomap body frame
  std::optional<glm::dvec3> direction;    // unit needle direction, body frame; none for landmarks
};

glm::dvec3 toSlicer(const glm::dvec3& bodyMm, SlicerCoordinates system);
glm::dvec3 fromSlicer(const glm::dvec3& slicerMm, SlicerCoordinates system);

std::string markupsToJson(const std::vector<MarkupPoint>& points, SlicerCoordinates system = SlicerCoordinates::LPS);
void writeSlicerMarkups(const std::vector<MarkupPoint>& points, const std::filesystem::path& path,
                        SlicerCoordinates system = SlicerCoordinates::LPS);

// Every Fiducial control point of every markup, converted to the body frame. Throws
// Error(InvalidInput) naming the file, the JSON path and the problem
// ("map.mrk.json: markups[0].controlPoints[2].position: expected 3 numbers"); Io when unreadable.
std::vector<MarkupPoint> parseSlicerMarkups(const std::string& json, const std::string& source);
std::vector<MarkupPoint> readSlicerMarkups(const std::filesystem::path& path);

// The scenario's landmarks (its own, then the standard ones it names), then its reference points resolved on `skin`, each with the needle
// direction at the middle of its angle and azimuth windows. Placements that do not resolve are
// skipped (`mesomap validate` reports them).
std::vector<MarkupPoint> scenarioMarkups(const Scenario& scenario, const Bvh& skin);

}  // namespace mesomap
