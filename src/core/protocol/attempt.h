#pragma once
// A trainee's attempt at a scenario, as a file ("format": "mesomap-attempt", "version": 1;
// docs/formats.md): what the app exports and saves, what `mesomap score` grades. Millimetres,
// degrees and millilitres, normalised body frame, like scenario files.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/protocol/placed_point.h"
#include "core/protocol/scenario.h"
#include "core/protocol/technique.h"

namespace mesomap {

inline constexpr int kAttemptFormatVersion = 1;

enum class AttemptMode { Guided, Practice, Exam };

struct AttemptPoint {
  glm::dvec3 positionMm{0.0};          // on the skin (the scorer snaps it, within 5 mm)
  double angleDeg = 90.0;              // 0 = along the skin, 90 = perpendicular
  double azimuthDeg = 0.0;             // 0 cranial, 90 medial, 180 caudal, 270 lateral
  // Exactly one of the two: perpendicular depth of the tip, or length along the needle.
  std::optional<double> depthMm;
  std::optional<double> insertedMm;
  double volumeMl = 0.1;
  Technique technique = Technique::IDS;
  std::string needle;                  // "27G 4 mm"
  std::string placedAt;                // ISO 8601, optional
  std::string label;                   // what reports call it ("Point <label>"); default: its position in the list

  // Perpendicular depth of the tip below the skin's tangent plane: depth_mm, or
  // inserted_mm * sin(angle).
  double perpendicularDepthMm() const;
};

struct Attempt {
  int version = kAttemptFormatVersion;
  std::string scenarioId;
  int scenarioRevision = 1;            // the scenario's own revision ("scenario": {"version": n})
  std::string trainee;
  std::string startedAt, submittedAt;  // ISO 8601
  // The body the needles were placed on: its model file name, or "patient: female, 70 y, ...";
  // and for a parametric patient its --patient text, so the attempt can be scored on it again.
  std::string body;
  std::string patient;
  AttemptMode mode = AttemptMode::Practice;
  std::vector<AttemptPoint> points;
};

struct AttemptReadResult {
  std::optional<Attempt> attempt;
  std::vector<Problem> problems;
  bool ok() const { return attempt && problems.empty(); }
};

AttemptReadResult parseAttempt(const std::string& json);
AttemptReadResult readAttempt(const std::filesystem::path& path);
// The attempt, or Error(InvalidInput) listing every problem with the file name and JSON path.
Attempt readValidAttempt(const std::filesystem::path& path);

std::string attemptToJson(const Attempt& attempt);
void writeAttempt(const Attempt& attempt, const std::filesystem::path& path);  // atomic

const char* toString(AttemptMode mode);
std::optional<AttemptMode> parseAttemptMode(const std::string& name);

// The app's document (metres, inserted length) as a file point (mm, inserted_mm).
AttemptPoint attemptPointFrom(const PlacedPoint& point);
// And back: a file point's needle for the document (inserted length from depth and angle).
NeedleSettings needleSettingsFrom(const AttemptPoint& point);

}  // namespace mesomap
