#pragma once
// What is drawn over the body besides the skin: markers (landmarks, points) and needles.
// Plain data, built by core code (scenarios, attempts) and drawn by render; positions in
// metres in the normalised body frame.
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

// A straight thin rod between two points: what joins a trainee's point to its reference.
struct LinkGlyph {
  glm::vec3 from{0.0f};
  glm::vec3 to{0.0f};
  float radius = 0.0006f;
  glm::vec3 colorSrgb{0.3f, 0.3f, 0.3f};
};

struct Overlay {
  std::vector<MarkerGlyph> markers;
  std::vector<NeedleGlyph> needles;
  std::vector<LinkGlyph> links;
  bool empty() const { return markers.empty() && needles.empty() && links.empty(); }
  void append(const Overlay& other) {
    markers.insert(markers.end(), other.markers.begin(), other.markers.end());
    needles.insert(needles.end(), other.needles.begin(), other.needles.end());
    links.insert(links.end(), other.links.begin(), other.links.end());
  }
};

}  // namespace mesomap
