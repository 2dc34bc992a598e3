#pragma once
// Standard body landmarks: a fixed list of ids (C7_spinous, L4_spinous, acromion_right, ...) that
// a scenario may name without declaring them, and a body's positions for them — a landmark set.
// The default body's set is hand-placed and committed (assets/landmarks/default_body.json,
// docs/landmarks.md); any other body gets its own file if one lies beside the model
// (MODEL.landmarks.json), and estimates (landmark_estimator.h) for whatever is still missing.
// Files: "format": "mesomap-landmarks", "version": 1 (docs/formats.md), millimetres, body frame.
#include <filesystem>
#include <string>
#include <vector>

#include "core/geometry/bvh.h"
#include "core/geometry/mesh.h"
#include "core/base/problem.h"
#include "core/body/landmark.h"

namespace mesomap {

inline constexpr int kLandmarkFormatVersion = 1;

enum class BodySide { Midline, Right, Left };

struct StandardLandmark {
  const char* id;    // "acromion_right"
  const char* name;  // "Right acromion (lateral edge)"
  BodySide side;
};

// Every standard landmark, head to feet, right before left.
const std::vector<StandardLandmark>& standardLandmarks();
const StandardLandmark* findStandardLandmark(const std::string& id);
// The standard id a misspelt one most likely meant (within two edits, one best), or "".
std::string suggestStandardLandmark(const std::string& id);

// A landmark in a set, with how its position was found (shown in docs and by `mesomap landmarks`).
struct PlacedLandmark {
  Landmark landmark;
  std::string method;
};

struct LandmarkSet {
  std::vector<PlacedLandmark> landmarks;
  std::string source;               // the file it came from, or "estimated from the body's proportions"
  std::vector<std::string> notes;   // what a user should know: estimates filled in, a file not used

  const Landmark* find(const std::string& id) const;
  size_t estimatedCount() const;    // landmarks whose method says they were estimated
};

struct LandmarkSetReadResult {
  std::optional<LandmarkSet> set;
  std::vector<Problem> problems;  // every problem, each with its JSON path
  bool ok() const { return set && problems.empty(); }
};

// Reads a landmark file: format, version, unique standard ids, positions in millimetres.
LandmarkSetReadResult parseLandmarkSet(const std::string& json);
LandmarkSetReadResult readLandmarkSet(const std::filesystem::path& path);

// Writes a landmark file (atomic), landmarks in the standard order.
std::string landmarkSetToJson(const LandmarkSet& set, const std::string& body, const std::string& description);
void writeLandmarkSet(const LandmarkSet& set, const std::filesystem::path& path, const std::string& body,
                      const std::string& description);

// The committed, hand-placed set for the default body, in mesomap's data folder
// (core/base/data_paths.h); Error(Io) naming it and MESOMAP_DATA_DIR when it is missing.
inline constexpr const char* kDefaultBodyLandmarksFile = "landmarks/default_body.json";
std::filesystem::path defaultBodyLandmarksPath();
// Its landmarks, read once (empty when the file has problems: validate says so; a missing file
// throws as above).
const std::vector<Landmark>& defaultBodyLandmarkList();

// Whether a model is the default body (MESOMAP_DEFAULT_MODEL, the same file by any path).
bool isDefaultBodyModel(const std::filesystem::path& modelPath);

// The landmark file that belongs to a model: the committed one for the default body, otherwise
// MODEL.landmarks.json beside it ("patient.glb" -> "patient.landmarks.json").
std::filesystem::path landmarkFileFor(const std::filesystem::path& modelPath);

// The standard landmarks of a loaded body. The model's landmark file is used when it reads
// cleanly and every landmark in it lies within kMaxOffSkinMm of this body's skin (a file made
// for another body, or for other --units/--up, is refused with a note); whatever it lacks is
// estimated from the body. Without a file, every landmark is estimated.
LandmarkSet bodyLandmarks(const std::filesystem::path& modelPath, const Mesh& mesh, const Bvh& skin);



}  // namespace mesomap
