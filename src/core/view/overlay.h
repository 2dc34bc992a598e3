#pragma once
// What is drawn over the body besides the skin: markers (landmarks, points) and needles.
// Plain data, built by core code (scenarios, attempts) and drawn by render; positions in
// metres in the normalised body frame.
#include <algorithm>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace mesomap {

struct MarkerGlyph {
  glm::vec3 position{0.0f};
  float radius = 0.004f;
  glm::vec3 colorSrgb{0.1f, 0.45f, 0.8f};
  std::string label;
};

struct NeedleGlyph {
  glm::vec3 entry{0.0f};      // where the shaft crosses the skin
  glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit, pointing into the body
  float insertedLength = 0.004f;  // metres below the entry point
  float exposedLength = 0.012f;   // shaft and hub outside the skin
  float radius = 0.0002f;
  glm::vec3 colorSrgb{0.75f, 0.78f, 0.82f};
};

// What a legend row shows beside its words. Zone swatches take their colours from the
// renderer's style (the same tints the skin is painted with); the others use the entry's colour.
enum class LegendSymbol { Needle, Marker, TargetZone, NoGoZone, Line };

struct LegendEntry {
  LegendSymbol symbol = LegendSymbol::Marker;
  glm::vec3 colorSrgb{0.5f};
  std::string label;
  bool operator==(const LegendEntry&) const = default;
};

// A straight thin rod between two points: what joins a trainee's point to its reference.
struct LinkGlyph {
  glm::vec3 from{0.0f};
  glm::vec3 to{0.0f};
  float radius = 0.0006f;
  glm::vec3 colorSrgb{0.3f, 0.3f, 0.3f};
};

struct Overlay {
  std::vector<MarkerGlyph> markers;  // a radius of 0 anchors a label without drawing a marker
  std::vector<NeedleGlyph> needles;
  std::vector<LinkGlyph> links;
  // Rows of the legend, top down, for whatever builds the overlay to describe what it drew.
  std::string legendTitle;
  std::vector<LegendEntry> legend;
  bool empty() const { return markers.empty() && needles.empty() && links.empty(); }

  // Adds another overlay's glyphs and its legend rows not already present.
  void append(const Overlay& other) {
    markers.insert(markers.end(), other.markers.begin(), other.markers.end());
    needles.insert(needles.end(), other.needles.begin(), other.needles.end());
    links.insert(links.end(), other.links.begin(), other.links.end());
    if (legendTitle.empty()) legendTitle = other.legendTitle;
    for (const LegendEntry& e : other.legend)
      if (std::find(legend.begin(), legend.end(), e) == legend.end()) legend.push_back(e);
  }
};

}  // namespace mesomap
