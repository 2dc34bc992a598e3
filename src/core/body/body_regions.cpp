#include "core/body/body_regions.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mesomap {

namespace {

// Proportions of stature used below are common anthropometric defaults [I] (not in the domain
// notes): chin 0.87, shoulder joint 0.81, armpit 0.72, navel 0.60, knee 0.285, ankle 0.04.
constexpr float kChin = 0.87f, kShoulder = 0.81f, kArmpit = 0.72f, kKneeTop = 0.32f, kKneeBottom = 0.25f;
constexpr float kAnkleTop = 0.075f, kFootTop = 0.035f;
// Arm segments as fractions of stature from the shoulder joint [I]: upper arm 0.186,
// forearm 0.146, hand 0.108.
constexpr float kShoulderCap = 0.06f, kElbowStart = 0.16f, kElbowEnd = 0.215f, kWristAt = 0.33f;

// Skin triangles reduced to their height and x ranges, sorted by lowest point, so each cross
// section reads a compact array and stops at the first triangle above it.
struct TriangleSpan {
  float yMin, yMax, xMin, xMax;
};

std::vector<TriangleSpan> skinSpans(const Mesh& mesh) {
  std::vector<TriangleSpan> spans;
  spans.reserve(mesh.triangleCount());
  for (uint32_t t = 0; t < mesh.triangleCount(); ++t) {
    if (!mesh.isSkinTriangle(t)) continue;
    const auto& tri = mesh.triangles[t];
    const glm::vec3 &a = mesh.positions[tri.x], &b = mesh.positions[tri.y], &c = mesh.positions[tri.z];
    spans.push_back({std::min({a.y, b.y, c.y}), std::max({a.y, b.y, c.y}), std::min({a.x, b.x, c.x}),
                     std::max({a.x, b.x, c.x})});
  }
  std::sort(spans.begin(), spans.end(), [](const TriangleSpan& a, const TriangleSpan& b) { return a.yMin < b.yMin; });
  return spans;
}

// The x-extents of skin triangles crossing height y, merged into intervals.
std::vector<std::pair<float, float>> crossSection(const std::vector<TriangleSpan>& spans, float y) {
  std::vector<std::pair<float, float>> hits;
  for (const TriangleSpan& s : spans) {
    if (s.yMin > y) break;
    if (s.yMax >= y) hits.emplace_back(s.xMin, s.xMax);
  }
  std::sort(hits.begin(), hits.end());
  std::vector<std::pair<float, float>> merged;
  for (const auto& h : hits) {
    if (!merged.empty() && h.first <= merged.back().second + 0.002f) merged.back().second = std::max(merged.back().second, h.second);
    else merged.push_back(h);
  }
  return merged;
}

}  // namespace

BodyRegionMap::BodyRegionMap(const Mesh& mesh) {
  const Bounds b = mesh.bounds();
  height_ = std::max(b.size().y, 1e-3f);
  const std::vector<TriangleSpan> spans = skinSpans(mesh);
  // The torso's half-width just below the armpits: the cross-section interval around x = 0.
  float halfWidth = 0.0f;
  for (float h = 0.64f; h <= 0.70f; h += 0.02f) {
    for (const auto& [lo, hi] : crossSection(spans, b.min.y + h * height_))
      if (lo <= 0.0f && hi >= 0.0f) halfWidth = std::max(halfWidth, std::max(-lo, hi));
  }
  torsoHalfWidth_ = halfWidth > 0.0f ? halfWidth : 0.09f * height_;
  // The crotch: the highest height where the section is split at x = 0 (the legs part).
  crotch_ = 0.47f * height_;
  for (float h = 0.60f; h >= 0.30f; h -= 0.005f) {
    bool split = true;
    for (const auto& [lo, hi] : crossSection(spans, b.min.y + h * height_))
      if (lo <= 0.0f && hi >= 0.0f) split = false;
    if (split) {
      crotch_ = h * height_;
      break;
    }
  }
  torsoCentreZ_ = b.center().z;
  for (int band = 0; band < kBands; ++band) {
    const float y = crotch_ + (kArmpit * height_ - crotch_) * (band + 0.5f) / kBands;
    torsoLo_[band] = -torsoHalfWidth_;
    torsoHi_[band] = torsoHalfWidth_;
    for (const auto& [lo, hi] : crossSection(spans, b.min.y + y))
      if (lo <= 0.0f && hi >= 0.0f) {
        torsoLo_[band] = lo;
        torsoHi_[band] = hi;
      }
  }
}

bool BodyRegionMap::outsideTorso(float x, float y, bool& known) const {
  known = y > crotch_ && y < kArmpit * height_;
  if (!known) return false;
  const int band = std::clamp(static_cast<int>((y - crotch_) / (kArmpit * height_ - crotch_) * kBands), 0, kBands - 1);
  return x < torsoLo_[band] - 0.005f || x > torsoHi_[band] + 0.005f;
}

BodyRegion BodyRegionMap::regionAt(const glm::vec3& p, const glm::vec3& n) const {
  const float h = p.y / height_;
  const float ax = std::abs(p.x);
  const bool back = n.z < -0.2f;
  if (h >= kChin && ax < torsoHalfWidth_) {
    // The face looks forward and sits below the hairline.
    return (n.z > 0.25f && h < 0.955f) ? BodyRegion::Face : BodyRegion::Scalp;
  }
  // Arms: outside the torso's cross-section below the armpits, beyond its width above them.
  // Segment by distance from the shoulder joint.
  bool belowArmpits = false;
  const bool beyondTorso = outsideTorso(p.x, p.y, belowArmpits);
  if (p.y > crotch_ && (belowArmpits ? beyondTorso : ax > torsoHalfWidth_ * 1.08f)) {
    const glm::vec3 shoulder(std::copysign(torsoHalfWidth_ * 0.85f, p.x), kShoulder * height_, torsoCentreZ_);
    const float s = glm::length(p - shoulder) / height_;
    if (s < kShoulderCap || (h > kArmpit && ax < torsoHalfWidth_ * 1.35f)) return BodyRegion::Shoulder;
    if (s < kElbowStart) return BodyRegion::UpperArm;
    if (s < kElbowEnd) return BodyRegion::Elbow;
    if (s < kWristAt) return BodyRegion::Forearm;
    return BodyRegion::Hand;
  }
  if (h >= kChin - 0.01f || (h >= kShoulder && ax < torsoHalfWidth_ * 0.55f)) return BodyRegion::Neck;
  if (h >= kShoulder) return BodyRegion::Shoulder;  // top of the shoulders beside the neck
  if (p.y > crotch_) {
    if (back) {
      if (h >= 0.63f) return BodyRegion::UpperBack;
      if (h >= 0.545f) return BodyRegion::Lumbar;
      return BodyRegion::Buttock;
    }
    if (h >= 0.64f) return BodyRegion::Chest;
    if (h >= 0.53f) return BodyRegion::Abdomen;
    // Below the abdomen: the hips' sides and the groin count with the thigh.
    return std::abs(n.x) > 0.6f || !back ? BodyRegion::Thigh : BodyRegion::Buttock;
  }
  if (h >= kKneeTop) return (back && h > crotch_ / height_ - 0.04f) ? BodyRegion::Buttock : BodyRegion::Thigh;
  if (h >= kKneeBottom) return BodyRegion::Knee;
  if (h >= kAnkleTop) return BodyRegion::LowerLeg;
  if (h >= kFootTop && n.y < 0.5f) return BodyRegion::Ankle;
  return BodyRegion::Foot;
}

bool BodyRegionMap::overBone(const glm::vec3& p, const glm::vec3& n) const {
  const float h = p.y / height_;
  // Spinous processes: the back's midline from the neck to the sacrum [I].
  if (n.z < -0.6f && std::abs(p.x) < 0.012f && h > 0.5f && h < kChin) return true;
  // Tibial crest: the front of the shin, facing forward [I].
  const BodyRegion region = regionAt(p, n);
  if (region == BodyRegion::LowerLeg && n.z > 0.85f) return true;
  return false;
}

}  // namespace mesomap
