#include "core/protocol/scenario_anchors.h"

#include <cstdio>
#include <functional>
#include <memory>

#include "core/body/landmarks.h"
#include "core/import/model_loader.h"
#include "core/patient/patient_body.h"
#include "core/patient/patient_data.h"
#include "core/protocol/scenario_transfer.h"

namespace mesomap {

namespace {

// The average patient and the warp from the default body onto it, built once (~30 ms).
struct ReferencePatient {
  std::shared_ptr<const Body> body;
  std::unique_ptr<LandmarkWarp> warp;

  // Where a default-body position lands on the average patient's skin, as an anchor.
  Hm08Anchor anchorOf(const glm::dvec3& positionMm) const {
    const glm::dvec3 warped = (*warp)(positionMm);
    const auto hit = body->skin().closestPoint(glm::vec3(warped * 0.001), PartFilter::Skin);
    return body->hm08()->anchorAt(body->mesh(), hit->triangle, hit->u, hit->v);
  }
  glm::dvec3 positionOf(const Hm08Anchor& anchor) const {
    return body->hm08()->positionMm(body->mesh(), anchor).value_or(glm::dvec3(1e9));
  }
};

const ReferencePatient& referencePatient() {
  static const ReferencePatient reference = [] {
    ReferencePatient r;
    r.body = makePatientBody(PatientParameters{});
    std::vector<Landmark> patient;
    for (const PlacedLandmark& l : r.body->landmarks().landmarks) patient.push_back(l.landmark);
    r.warp = std::make_unique<LandmarkWarp>(defaultBodyLandmarkList(), patient);
    return r;
  }();
  return reference;
}

// Calls `visit(path, position, anchor)` for every absolute position, with its JSON path.
// The visitor also gets what a problem there is about (for the builder to select it).
using PositionVisitor =
    std::function<void(const std::string&, ProblemSubject, glm::dvec3&, std::optional<Hm08Anchor>&)>;

void forEachPosition(Scenario& s, const PositionVisitor& visit) {
  for (size_t i = 0; i < s.landmarks.size(); ++i)
    visit("landmarks[" + std::to_string(i) + "]", {SubjectKind::Landmark, i}, s.landmarks[i].positionMm,
          s.landmarks[i].hm08);
  for (size_t i = 0; i < s.points.size(); ++i)
    if (SurfacePlacement& p = s.points[i].placement; p.positionMm)
      visit("points[" + std::to_string(i) + "]", {SubjectKind::Point, i}, *p.positionMm, p.hm08);
  for (size_t i = 0; i < s.zones.size(); ++i) {
    Zone& z = s.zones[i];
    const std::string zone = "zones[" + std::to_string(i) + "]";
    if (z.centre.positionMm) visit(zone, {SubjectKind::Zone, i}, *z.centre.positionMm, z.centre.hm08);
    for (size_t b = 0; b < z.brush.size(); ++b)
      visit(zone + ".brush[" + std::to_string(b) + "]", {SubjectKind::Zone, i}, z.brush[b].positionMm, z.brush[b].hm08);
  }
}

bool forDefaultBody(const Scenario& s) { return s.body.model == "default"; }

// The anchor of the mirror image through hm08's mirror table (same weights, partner vertices).
// Anchors made here always name body vertices, so every vertex is found.
Hm08Anchor mirrored(const Hm08Anchor& anchor) {
  const Hm08Topology& topology = *patientTopology();
  const std::vector<uint32_t>& mirror = patientBodyData().mirror;
  Hm08Anchor m = anchor;
  for (uint32_t& v : m.vertices) v = topology.hm08Of(mirror[*topology.vertexOf(v)]);
  return m;
}

// A bilateral protocol written as exact mirror images (x negated to 0.05 mm on the default
// body) stays one on every patient: each left anchor is its right partner's mirror, not a
// second warp (patients are exactly symmetric through the mirror table).
void mirrorBilateralPairs(Scenario& scenario) {
  struct Spot {
    glm::dvec3 positionMm;
    std::optional<Hm08Anchor>* anchor;
  };
  std::vector<Spot> spots;
  forEachPosition(scenario, [&](const std::string&, ProblemSubject, const glm::dvec3& positionMm,
                                std::optional<Hm08Anchor>& anchor) { spots.push_back({positionMm, &anchor}); });
  for (const Spot& right : spots) {
    if (right.positionMm.x > -1.0 || !*right.anchor) continue;  // the patient's right is -X
    const glm::dvec3 image(-right.positionMm.x, right.positionMm.y, right.positionMm.z);
    for (const Spot& left : spots)
      if (glm::distance(left.positionMm, image) < 0.05) *left.anchor = mirrored(**right.anchor);
  }
}

// The default body's skin, for snapping positions brought back from a patient (loaded once,
// only when a position was edited on one).
const Bvh& defaultBodySkin() {
  static const Bvh skin = Bvh::build(loadModel(MESOMAP_DEFAULT_MODEL).mesh);
  return skin;
}

std::vector<Landmark> landmarkList(const LandmarkSet& set) {
  std::vector<Landmark> list;
  for (const PlacedLandmark& l : set.landmarks) list.push_back(l.landmark);
  return list;
}

// Every absolute position of a scenario with its anchor, in forEachPosition's order.
std::vector<std::pair<glm::dvec3, std::optional<Hm08Anchor>>> positionsOf(const Scenario& scenario) {
  std::vector<std::pair<glm::dvec3, std::optional<Hm08Anchor>>> list;
  Scenario copy = scenario;
  forEachPosition(copy, [&](const std::string&, ProblemSubject, const glm::dvec3& positionMm,
                            std::optional<Hm08Anchor>& anchor) { list.emplace_back(positionMm, anchor); });
  return list;
}

}  // namespace

Scenario scenarioForTheDefaultBody(const Scenario& edited, const Scenario& carried, const Scenario& written,
                                   const Body& patient) {
  const auto carriedPositions = positionsOf(carried), writtenPositions = positionsOf(written);
  const ReferencePatient& reference = referencePatient();
  // Patient -> average patient is exact through the anchor; average patient -> default body
  // is the inverse of the warp that made the anchors.
  static const LandmarkWarp backFromAverage(landmarkList(reference.body->landmarks()), defaultBodyLandmarkList());
  Scenario result = edited;
  forEachPosition(result, [&](const std::string&, ProblemSubject, glm::dvec3& position,
                              std::optional<Hm08Anchor>& anchor) {
    const glm::dvec3 positionMm = position;
    for (size_t i = 0; i < carriedPositions.size() && i < writtenPositions.size(); ++i)
      if (glm::distance(carriedPositions[i].first, positionMm) < 1e-6) {
        position = writtenPositions[i].first;
        anchor = writtenPositions[i].second;
        return;
      }
    const auto onPatient = patient.skin().closestPoint(glm::vec3(positionMm * 0.001), PartFilter::Skin);
    if (!onPatient || !patient.hm08()) return;
    anchor = patient.hm08()->anchorAt(patient.mesh(), onPatient->triangle, onPatient->u, onPatient->v);
    const glm::dvec3 back = backFromAverage(reference.positionOf(*anchor));
    const auto onDefault = defaultBodySkin().closestPoint(glm::vec3(back * 0.001), PartFilter::Skin);
    position = onDefault ? glm::round(glm::dvec3(onDefault->position) * 10000.0) / 10.0 : back;
  });
  const LandmarkWarp backFromPatient(landmarkList(patient.landmarks()), defaultBodyLandmarkList());
  for (size_t i = 0; i < result.cameras.size(); ++i) {
    CameraBookmark& c = result.cameras[i];
    const CameraBookmark* same = nullptr;
    for (size_t k = 0; k < carried.cameras.size() && k < written.cameras.size(); ++k)
      if (carried.cameras[k].name == c.name && glm::distance(carried.cameras[k].targetMm, c.targetMm) < 1e-6)
        same = &written.cameras[k];
    if (same) {
      c = *same;
      continue;
    }
    c.targetMm = backFromPatient(c.targetMm);
    if (c.eyeMm) c.eyeMm = backFromPatient(*c.eyeMm);
    c.distanceMm *= backFromPatient.overallScale();
  }
  result.bodyScale = 1.0;
  result.bodyUp = nullptr;
  return result;
}

ScenarioAnchoring anchorScenario(Scenario& scenario) {
  ScenarioAnchoring done;
  if (!forDefaultBody(scenario)) return done;
  const ReferencePatient& reference = referencePatient();
  std::vector<std::optional<Hm08Anchor>> before;
  forEachPosition(scenario, [&](const std::string&, ProblemSubject, const glm::dvec3& positionMm,
                                std::optional<Hm08Anchor>& anchor) {
    before.push_back(anchor);
    anchor = reference.anchorOf(positionMm);
  });
  mirrorBilateralPairs(scenario);
  size_t i = 0;
  forEachPosition(scenario, [&](const std::string&, ProblemSubject, const glm::dvec3&, std::optional<Hm08Anchor>& anchor) {
    const std::optional<Hm08Anchor>& old = before[i++];
    ++done.positions;
    if (!old) ++done.added;
    else if (old->vertices != anchor->vertices || glm::distance(old->weights, anchor->weights) > 1e-8) ++done.changed;
  });
  if (done.added + done.changed == 0) return done;
  char text[320];
  std::snprintf(text, sizeof text,
                "%s: %d absolute position%s anchored on MakeHuman's hm08 topology (%d new, %d moved), so %s "
                "every parametric patient exactly",
                scenario.id.empty() ? "the scenario" : scenario.id.c_str(), done.positions,
                done.positions == 1 ? "" : "s", done.added, done.changed, done.positions == 1 ? "it reaches" : "they reach");
  done.message = text;
  return done;
}

int unanchoredPositions(const Scenario& scenario) {
  if (!forDefaultBody(scenario)) return 0;
  int count = 0;
  Scenario copy = scenario;  // forEachPosition hands out the anchors to change; none is changed here
  forEachPosition(copy, [&](const std::string&, ProblemSubject, const glm::dvec3&, std::optional<Hm08Anchor>& anchor) {
    if (!anchor) ++count;
  });
  return count;
}

std::vector<Problem> staleAnchorProblems(const Scenario& scenario) {
  std::vector<Problem> problems;
  if (!forDefaultBody(scenario)) return problems;
  Scenario copy = scenario;  // forEachPosition hands out the anchors to change; nothing is here
  bool anyAnchor = false;
  forEachPosition(copy, [&](const std::string&, ProblemSubject, const glm::dvec3&, std::optional<Hm08Anchor>& anchor) {
    anyAnchor |= anchor.has_value();
  });
  if (!anyAnchor) return problems;  // no anchors: nothing can be stale (and no patient is built)
  const ReferencePatient& reference = referencePatient();
  forEachPosition(copy, [&](const std::string& path, ProblemSubject subject, const glm::dvec3& positionMm,
                            std::optional<Hm08Anchor>& anchor) {
    if (!anchor) return;
    const double apart = glm::distance(reference.positionOf(*anchor), reference.positionOf(reference.anchorOf(positionMm)));
    if (apart <= kStaleAnchorMm) return;
    char text[300];
    std::snprintf(text, sizeof text,
                  "%.1f mm from where the position lands on the average patient: one of the two was edited "
                  "(saving in the builder, or `mesomap validate --write-anchors`, makes the anchor again)",
                  apart);
    problems.push_back({path + ".hm08_anchor", text, subject});
  });
  return problems;
}

}  // namespace mesomap
