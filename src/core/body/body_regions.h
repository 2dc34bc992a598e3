#pragma once
// Which body region a skin point belongs to, from the body's own proportions: its height,
// the crotch (where the legs part), and the torso's width below the armpits (what lies
// beyond it is arm). Works on any normalised standing body in A- or T-pose; with the arms
// hanging against the torso they are taken for torso (a known limit until landmarks place
// the shoulders).
#include "core/geometry/mesh.h"
#include "core/body/tissue_layers.h"

namespace mesomap {

class BodyRegionMap {
 public:
  explicit BodyRegionMap(const Mesh& mesh);

  BodyRegion regionAt(const glm::vec3& position, const glm::vec3& normal) const;
  // A point over a bony prominence the regional default would miss (spinous processes on the
  // back's midline, the tibial crest on the front of the shin).
  bool overBone(const glm::vec3& position, const glm::vec3& normal) const;
  // The layers under a skin point: its region's column, with bone below over a prominence.
  TissueColumn columnAt(const glm::vec3& position, const glm::vec3& normal, const PatientProfile& patient = {}) const {
    return tissueColumn(regionAt(position, normal), patient, overBone(position, normal));
  }

  float height() const { return height_; }
  float crotchHeight() const { return crotch_; }
  float torsoHalfWidth() const { return torsoHalfWidth_; }

 private:
  // The torso's cross-section (the interval around x = 0) in bands of height, from the crotch
  // up to the armpits; what lies outside it there is arm.
  static constexpr int kBands = 64;
  float torsoLo_[kBands] = {}, torsoHi_[kBands] = {};
  bool outsideTorso(float x, float y, bool& known) const;

  float height_ = 1.0f;
  float crotch_ = 0.47f;
  float torsoHalfWidth_ = 0.15f;
  float torsoCentreZ_ = 0.0f;
};

}  // namespace mesomap
