#pragma once
// The injection techniques trainees choose from, with the defaults a new point gets.
// Figures from shared/domain/mesotherapy.md (section 2); [I] marks an inferred default.
#include <array>
#include <optional>
#include <string>

namespace mesomap {

enum class Technique { IED, IDS, IDP, NAP };

struct TechniquePreset {
  Technique technique;
  const char* code;          // as in scenario files: "IDS"
  const char* name;          // as in the UI: "superficial intradermal"
  float depthMinMm, depthMaxMm;   // perpendicular depth below the skin surface
  float angleMinDeg, angleMaxDeg;
  float defaultAngleDeg;     // what a new point gets
  float defaultInsertedMm;   // needle length under the skin
  float defaultVolumeMl;
};

// IED: < 0.3 mm (epidermis 0.08-0.27 mm, Oltulu 2018) [I], 0-15 deg [I].
// IDS: 1-2 mm (NCT05190588), 30-45 deg (Mammucari 2016).
// IDP: 2-4 mm (NCT05190588), 45-90 deg; "point by point" 60 deg up to the hub (seed text).
// NAP: 2-4 mm, 30-60 deg, quick pricks 2-3 mm apart (intradermal nappage).
// Volume 0.1 mL per point (seed text on sports medicine; 0.1-0.2 mL phptrainingacademy.com).
// Default inserted lengths reach mid-window at the default angle: length = depth / sin(angle).
inline constexpr std::array<TechniquePreset, 4> kTechniquePresets = {{
    {Technique::IED, "IED", "intraepidermal", 0.0f, 0.3f, 0.0f, 15.0f, 10.0f, 1.0f, 0.05f},
    {Technique::IDS, "IDS", "superficial intradermal", 1.0f, 2.0f, 30.0f, 45.0f, 30.0f, 3.0f, 0.1f},
    {Technique::IDP, "IDP", "deep intradermal", 2.0f, 4.0f, 45.0f, 90.0f, 60.0f, 3.5f, 0.1f},
    {Technique::NAP, "NAP", "nappage", 2.0f, 4.0f, 30.0f, 60.0f, 45.0f, 4.0f, 0.05f},
}};

inline const TechniquePreset& presetFor(Technique t) { return kTechniquePresets[static_cast<size_t>(t)]; }

inline std::optional<Technique> parseTechnique(const std::string& code) {
  for (const auto& p : kTechniquePresets)
    if (code == p.code) return p.technique;
  return std::nullopt;
}

}  // namespace mesomap
