#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "core/base/error.h"
#include "core/geometry/bvh.h"
#include "core/patient/patient.h"
#include "core/patient/patient_body.h"
#include "core/patient/patient_landmarks.h"
#include "core/protocol/scenario_geometry.h"
#include "core/protocol/scenario_landmarks.h"
#include "core/protocol/scenario_transfer.h"
#include "core/scoring/scenario_validation.h"
#include "core/scoring/scoring.h"

namespace mesomap {
namespace {

PatientParameters patient(double sex, double age, double bmi, double heightCm = 170.0, double muscle = 0.5) {
  PatientParameters p;
  p.sex = sex;
  p.ageYears = age;
  p.bmi = bmi;
  p.heightCm = heightCm;
  p.muscle = muscle;
  return p;
}

double volumeLitres(const Mesh& m) {
  double six = 0.0;
  for (const glm::uvec3& t : m.triangles)
    six +=
        glm::dot(glm::dvec3(m.positions[t.x]), glm::cross(glm::dvec3(m.positions[t.y]), glm::dvec3(m.positions[t.z])));
  return six / 6.0 * 1000.0;
}

// Girth at height y: the perimeter of the convex hull of the edges' crossings of the plane
// (the torso at waist level: the arms hang clear of it in MakeHuman's A pose).
double girthMm(const Mesh& m, double y, double maxHalfWidth) {
  std::vector<glm::dvec2> pts;
  for (const glm::uvec3& t : m.triangles)
    for (int k = 0; k < 3; ++k) {
      const glm::dvec3 a(m.positions[t[k]]), b(m.positions[t[(k + 1) % 3]]);
      if ((a.y - y) * (b.y - y) >= 0.0) continue;
      const glm::dvec3 p = a + (b - a) * ((y - a.y) / (b.y - a.y));
      if (std::abs(p.x) < maxHalfWidth) pts.push_back({p.x, p.z});
    }
  std::sort(pts.begin(), pts.end(), [](auto a, auto b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  std::vector<glm::dvec2> hull;  // Andrew's monotone chain
  auto cross = [](glm::dvec2 o, glm::dvec2 a, glm::dvec2 b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  };
  for (int pass = 0; pass < 2; ++pass) {
    const size_t start = hull.size();
    for (const glm::dvec2& p : pts) {
      while (hull.size() >= start + 2 && cross(hull[hull.size() - 2], hull.back(), p) <= 0) hull.pop_back();
      hull.push_back(p);
    }
    hull.pop_back();
    std::reverse(pts.begin(), pts.end());
  }
  double perimeter = 0.0;
  for (size_t i = 0; i < hull.size(); ++i) perimeter += glm::length(hull[i] - hull[(i + 1) % hull.size()]);
  return perimeter * 1000.0;
}

const Landmark& at(const LandmarkSet& set, const std::string& id) {
  const Landmark* l = set.find(id);
  if (!l) throw std::runtime_error("no landmark " + id);
  return *l;
}

struct Built {
  PatientMesh mesh;
  LandmarkSet landmarks;
  explicit Built(const PatientParameters& p)
      : mesh(buildPatientMesh(p)),
        landmarks(patientLandmarks(mesh.mesh, patientBodyData(), patientLandmarkAnchors())) {}
  double waistGirthMm() const { return girthMm(mesh.mesh, at(landmarks, "umbilicus").positionMm.y / 1000.0, 0.2); }
  double hipGirthMm() const {
    return girthMm(mesh.mesh, at(landmarks, "iliac_crest_left").positionMm.y / 1000.0 - 0.1, 0.3);
  }
};

std::string usageError(const std::string& spec) {
  try {
    parsePatient(spec);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Usage);
    return e.what();
  }
  return "(accepted)";
}

TEST(Patient, ParametersAreValidatedByKeyAndRange) {
  EXPECT_TRUE(validatePatient(PatientParameters{}).empty());
  PatientParameters p = patient(1.5, 120, 12, 300, -0.1);
  const std::vector<std::string> problems = validatePatient(p);
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0], "sex: 1.5 is outside 0..1 (0 female, 1 male)");
  EXPECT_EQ(problems[1], "age: 120 is outside 1..90 years");
  EXPECT_EQ(problems[2], "bmi: 12 is outside 16..40 kg/m2");
  EXPECT_EQ(problems[3], "muscle: -0.1 is outside 0..1 (0.5 average)");
  EXPECT_EQ(problems[4], "height: 300 is outside 50..230 cm");
  try {
    buildPatientMesh(p);
    ADD_FAILURE() << "an invalid patient was built";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("patient: sex: 1.5 is outside 0..1", 0), 0u) << e.what();
  }

  EXPECT_EQ(usageError("sex=female,age=95"), "--patient: age: 95 is outside 1..90 years");
  EXPECT_EQ(usageError("sex=woman"), "--patient: sex: 'woman' is not a number (female, male or 0..1)");
  EXPECT_EQ(usageError("colour=3"), "--patient: unknown key 'colour' (keys: sex, age, bmi or weight, muscle, height)");
  EXPECT_EQ(usageError("age"), "--patient: 'age' is not KEY=VALUE (keys: sex, age, bmi or weight, muscle, height)");
  EXPECT_EQ(usageError("bmi=33kg"), "--patient: bmi: '33kg' is not a number");
  EXPECT_EQ(usageError("height=160,weight=200"),
            "--patient: weight: 200 kg at 160 cm is BMI 78.1, outside 16..40 kg/m2");

  const PatientParameters parsed = parsePatient("sex=female,age=65,bmi=33,muscle=0.25,height=162");
  EXPECT_EQ(parsed, patient(0.0, 65, 33, 162, 0.25));
  EXPECT_NEAR(parsePatient("height=180,weight=81").bmi, 25.0, 1e-9);
  EXPECT_EQ(describePatient(parsed), "female, 65 y, BMI 33, muscle 0.25, 162 cm");
}

TEST(Patient, SlidersFollowMakeHumansKnots) {
  EXPECT_DOUBLE_EQ(ageSliderForYears(1), 0.0);
  EXPECT_DOUBLE_EQ(ageSliderForYears(11), 0.1875);
  EXPECT_DOUBLE_EQ(ageSliderForYears(25), 0.5);
  EXPECT_DOUBLE_EQ(ageSliderForYears(57.5), 0.75);
  EXPECT_DOUBLE_EQ(ageSliderForYears(90), 1.0);
  EXPECT_DOUBLE_EQ(weightSliderForBmi(16), 0.0);
  EXPECT_DOUBLE_EQ(weightSliderForBmi(22), 0.5);
  EXPECT_DOUBLE_EQ(weightSliderForBmi(31), 0.75);
  EXPECT_DOUBLE_EQ(weightSliderForBmi(40), 1.0);

  // 57.5 y, sex 0.25, muscle 0.75, weight 0.5: young/old 1/2 each, female 3/4, average and max
  // muscle 1/2 each, average weight only.
  const auto weights = macroTargetWeights(patientBodyData(), {0.25, 0.75, 0.75, 0.5});
  double sum = 0.0;
  for (const WeightedTarget& w : weights) {
    if (w.target->name == "universal-female-old-maxmuscle-averageweight") {
      EXPECT_DOUBLE_EQ(w.weight, 0.75 * 0.5 * 0.5);
    }
    if (w.target->name == "race-male-young") {
      EXPECT_DOUBLE_EQ(w.weight, 0.25 * 0.5);
    }
    if (w.target->name.rfind("universal-", 0) == 0) sum += w.weight;
  }
  EXPECT_EQ(weights.size(), 2u * 2u * (1u + 2u));  // sex x age x (race + 2 universal)
  EXPECT_NEAR(sum, 1.0, 1e-12);
}

TEST(Patient, MeshIsTheBodySkinAtTheRequestedHeight) {
  for (double heightCm : {152.5, 170.0, 193.3}) {
    const PatientMesh m = buildPatientMesh(patient(0.3, 45, 27, heightCm));
    EXPECT_EQ(m.mesh.vertexCount(), 13380u);
    EXPECT_EQ(m.mesh.triangleCount(), 2u * 13378u);
    ASSERT_EQ(m.mesh.parts.size(), 1u);
    EXPECT_TRUE(m.mesh.parts[0].isSkin);
    const Bounds b = m.mesh.bounds();
    EXPECT_NEAR(b.size().y * 1000.0, heightCm * 10.0, 1.0);
    EXPECT_NEAR(b.min.y, 0.0, 1e-6);
    EXPECT_NEAR(b.center().x, 0.0, 1e-6);
    EXPECT_NEAR(b.center().z, 0.0, 1e-6);
    EXPECT_GT(volumeLitres(m.mesh), 30.0);  // outward winding: a positive volume
  }
  // Facing +Z: the toes reach further forward than the heels back (normalize.h's convention).
  const Built b(PatientParameters{});
  EXPECT_GT(at(b.landmarks, "patella_base_right").positionMm.z,
            at(b.landmarks, "achilles_insertion_right").positionMm.z);
  EXPECT_LT(at(b.landmarks, "acromion_right").positionMm.x, 0.0);  // the patient's left is +X
  EXPECT_LT(at(b.landmarks, "L4_spinous").positionMm.z, at(b.landmarks, "umbilicus").positionMm.z);
}

TEST(Patient, SexWeightAndAgeShapeTheBody) {
  const Built female(patient(0, 30, 22)), male(patient(1, 30, 22));
  EXPECT_GT(female.hipGirthMm(), male.hipGirthMm() + 30.0);  // 921 vs 869 mm measured

  const Built thin(patient(0, 30, 18)), heavy(patient(0, 30, 40));
  EXPECT_GT(volumeLitres(heavy.mesh.mesh), 1.2 * volumeLitres(thin.mesh.mesh));  // 66.8 vs 53.0 L
  EXPECT_GT(heavy.waistGirthMm(), thin.waistGirthMm() + 80.0);                   // 834 vs 707 mm

  const Built young(patient(1, 20, 22)), old(patient(1, 80, 22));
  EXPECT_GT(old.waistGirthMm(), young.waistGirthMm() + 30.0);  // 791 vs 742 mm
}

// Every landmark is the same point of the same triangle on every patient: on the skin, at its
// anchor's barycentric combination, and mirrored exactly left to right.
TEST(Patient, LandmarksAreExactOnEveryPatient) {
  const auto& anchors = patientLandmarkAnchors();
  ASSERT_EQ(anchors.size(), standardLandmarks().size());
  for (const PatientParameters& p :
       {patient(0, 20, 18, 155), patient(1, 80, 40, 190), patient(0.5, 50, 30, 170, 1.0)}) {
    const Built b(p);
    ASSERT_EQ(b.landmarks.landmarks.size(), standardLandmarks().size()) << describePatient(p);
    const Bvh skin = Bvh::build(b.mesh.mesh);
    for (const PatientLandmarkAnchor& a : anchors) {
      const glm::dvec3 mm = at(b.landmarks, a.id).positionMm;
      glm::dvec3 expected(0.0);
      for (int k = 0; k < 3; ++k) expected += a.weights[k] * glm::dvec3(b.mesh.mesh.positions[a.vertices[k]]) * 1000.0;
      EXPECT_LT(glm::length(mm - expected), 0.01) << a.id << " on " << describePatient(p);
      const auto hit = skin.closestPoint(glm::vec3(mm / 1000.0), PartFilter::Skin);
      ASSERT_TRUE(hit);
      EXPECT_LT(hit->distance * 1000.0, 0.01) << a.id << " off the skin on " << describePatient(p);
    }
    for (const StandardLandmark& s : standardLandmarks()) {
      if (s.side != BodySide::Right) continue;
      const std::string id = s.id, left = id.substr(0, id.size() - 6) + "_left";
      const glm::dvec3 r = at(b.landmarks, id).positionMm, l = at(b.landmarks, left).positionMm;
      EXPECT_LT(glm::length(l - glm::dvec3(-r.x, r.y, r.z)), 0.01) << id << " on " << describePatient(p);
    }
  }
}

TEST(Patient, MirrorTablePairsMirrorImages) {
  const PatientBodyData& data = patientBodyData();
  size_t midline = 0;
  for (uint32_t i = 0; i < data.vertexCount(); ++i) {
    const glm::vec3 a = data.positions[i], b = data.positions[data.mirror[i]];
    ASSERT_LT(glm::length(a - glm::vec3(-b.x, b.y, b.z)), 1e-6f) << "hm08 vertex " << data.hm08Index[i];
    if (data.mirror[i] == i) ++midline;
  }
  EXPECT_EQ(midline, 188u);  // hm08.mirror's "m" rows on the body (the rest are helpers')
  // The blended, scaled patient keeps the symmetry (deltas are stored mirrored).
  const PatientMesh m = buildPatientMesh(patient(0.2, 70, 35, 160, 0.8));
  float worst = 0.0f;
  for (uint32_t i = 0; i < m.mesh.vertexCount(); ++i) {
    const glm::vec3 a = m.mesh.positions[i], b = m.mesh.positions[data.mirror[i]];
    worst = std::max(worst, glm::length(a - glm::vec3(-b.x, b.y, b.z)));
  }
  EXPECT_LT(worst * 1000.0f, 0.001f);
}

TEST(Patient, BodyDataFileProblemsAreNamed) {
  const std::filesystem::path missing = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "no_such_body.mhbin";
  try {
    readPatientBodyData(missing);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_body.mhbin': cannot open"), std::string::npos) << e.what();
  }
}

// Every library scenario carries to patients across the range (20-80 years, BMI 18-40,
// both sexes): landmark-relative placements are walked on the patient, absolute ones (points,
// zone centres, brush stamps, own landmarks written for the default body) are carried by the
// standard landmarks (scenario_transfer.h). On each, the scenario validates clean and its
// perfect attempt scores 100.
TEST(Patient, EveryLibraryScenarioCarriesToPatients) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 8u);
  for (double sex : {0.0, 1.0})
    for (double age : {20.0, 80.0})
      for (double bmi : {18.0, 40.0}) {
        const PatientParameters p = patient(sex, age, bmi, sex > 0.5 ? 180 : 160);
        const std::shared_ptr<const Body> body = makePatientBody(p);
        EXPECT_EQ(body->landmarks().estimatedCount(), 0u);
        const ScoringBody scoring = scoringBody(*body);
        for (const std::filesystem::path& file : files) {
          const std::string name = file.filename().string() + " on " + describePatient(p);
          ScenarioReadResult read = readScenario(file);
          ASSERT_TRUE(read.ok()) << name;
          Scenario scenario = *read.scenario;
          putScenarioOnBody(scenario, *body);
          for (const Problem& problem : validateScenario(scenario, scoring))
            ADD_FAILURE() << name << ": " << formatProblem(file, problem);
          const PreparedScenario prepared = prepareScenario(scenario, scoring);
          EXPECT_TRUE(prepared.problems.empty()) << name;
          EXPECT_EQ(prepared.points.size(), scenario.points.size()) << name;
          const ScoreResult perfect = scoreAttempt(prepared, perfectAttempt(prepared), scoring);
          ASSERT_TRUE(perfect.report) << name;
          EXPECT_EQ(perfect.report->score, 100.0) << name;
        }
      }
}

// A file with absolute points travels: the knee's own copies of the patella landmarks, written
// on the default body, land on the patient's own patella landmarks, and its absolute joint-line
// points on the patient's knee, not where the default body's knee was — placed by the file's
// hm08 anchors (scenario_anchors.h).
TEST(Patient, AbsolutePointsLandOnThePatientsAnatomy) {
  const PatientParameters p = patient(0, 65, 33, 162);
  const std::shared_ptr<const Body> body = makePatientBody(p);
  ScenarioReadResult read =
      readScenario(std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios" / "knee_osteoarthritis_right.json");
  ASSERT_TRUE(read.ok());
  Scenario scenario = *read.scenario;
  const glm::dvec3 writtenBase = scenario.landmarks.at(0).positionMm;
  ASSERT_EQ(scenario.landmarks.at(0).id, "patella_base_right");
  const auto carried = putScenarioOnBody(scenario, *body);
  ASSERT_TRUE(carried);
  EXPECT_EQ(carried->anchored, 14);
  EXPECT_EQ(carried->carried, 0);
  EXPECT_NE(carried->message.find("14 absolute positions written for the default body were placed on this patient "
                                  "by their hm08 anchors"),
            std::string::npos)
      << carried->message;
  const glm::dvec3 patientBase = at(body->landmarks(), "patella_base_right").positionMm;
  // The file's copy sits within a few mm of the default body's standard landmark; carried, it
  // sits as close to the patient's.
  const double writtenGap = glm::distance(writtenBase, [] {
    for (const Landmark& l : defaultBodyLandmarkList())
      if (l.id == "patella_base_right") return l.positionMm;
    return glm::dvec3(0.0);
  }());
  EXPECT_LT(glm::distance(scenario.landmarks.at(0).positionMm, patientBase), writtenGap + 3.0);
  EXPECT_GT(glm::distance(writtenBase, patientBase), 20.0);  // the patient's knee is elsewhere
  for (const Problem& problem : checkScenarioGeometry(scenario, body->skin()))
    ADD_FAILURE() << formatProblem("knee", problem);
}

// The skin model reads the patient's sex, BMI and age: the same knee has less skin to aim at
// on an older, and more fat under it on a heavier patient.
TEST(Patient, TheSkinModelFollowsSexBmiAndAge) {
  PatientParameters young, old = young, heavy = young;
  young.sex = old.sex = heavy.sex = 0.0;
  young.ageYears = heavy.ageYears = 30.0;
  old.ageYears = 80.0;
  heavy.bmi = 38.0;
  const auto knee = [](const PatientParameters& p) { return tissueColumn(BodyRegion::Knee, tissueProfileOf(p)); };
  EXPECT_EQ(tissueProfileOf(young).sex, Sex::Female);
  EXPECT_LT(knee(old).dermisMm, knee(young).dermisMm * 0.8);
  EXPECT_GT(knee(heavy).fatMm, knee(young).fatMm);
  EXPECT_EQ(makePatientBody(old)->patient().ageYears, 80.0);
}

// An attempt names the patient it was made on by the same text --patient reads.
TEST(Patient, TheSpecReadsBackToTheSamePatient) {
  PatientParameters p;
  p.sex = 0.25;
  p.ageYears = 67.5;
  p.bmi = 31.2;
  p.muscle = 0.7;
  p.heightCm = 158.0;
  EXPECT_EQ(patientSpec(p), "sex=0.25,age=67.5,bmi=31.2,muscle=0.7,height=158");
  EXPECT_EQ(parsePatient(patientSpec(p)), p);
}

}  // namespace
}  // namespace mesomap
