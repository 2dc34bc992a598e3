// A model that is not a standing human is named as such, with what does not fit; the default
// body and parametric patients pass.
#include <gtest/gtest.h>

#include "core/body/human_check.h"
#include "core/import/model_loader.h"
#include "core/patient/patient_body.h"

namespace mesomap {
namespace {

// An axis-aligned box from `min` to `max` as one skin part.
Mesh box(glm::vec3 min, glm::vec3 max) {
  Mesh m;
  for (int i = 0; i < 8; ++i)
    m.positions.push_back({i & 1 ? max.x : min.x, i & 2 ? max.y : min.y, i & 4 ? max.z : min.z});
  const uint32_t faces[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
  for (const auto& f : faces) {
    m.triangles.push_back({f[0], f[1], f[2]});
    m.triangles.push_back({f[0], f[2], f[3]});
  }
  m.parts.push_back({"box", 0, uint32_t(m.triangles.size()), true});
  m.recomputeNormals();
  return m;
}

HumanShape check(const Mesh& mesh) { return checkHumanShape(mesh, Bvh::build(mesh)); }

TEST(HumanCheck, TheDefaultBodyAndPatientsAreHuman) {
  const LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
  const HumanShape body = check(loaded.mesh);
  EXPECT_TRUE(body.warnings.empty()) << body.warnings.front();
  EXPECT_NEAR(body.heightM, 1.66, 0.02);
  EXPECT_LT(body.asymmetryMm, 5.0);
  EXPECT_GT(body.largestSkinShare, 0.95);
  PatientParameters heavy;
  heavy.bmi = 40.0;
  heavy.ageYears = 80.0;
  const auto patient = makePatientBody(heavy);
  const HumanShape shape = checkHumanShape(patient->mesh(), patient->skin());
  EXPECT_TRUE(shape.warnings.empty()) << shape.warnings.front();
}

TEST(HumanCheck, AHouseIsNotAPerson) {
  // A house-sized block: 8 m wide, 5 m tall, 6 m deep, off-centre.
  const HumanShape house = check(box({-2.0f, 0.0f, -3.0f}, {6.0f, 5.0f, 3.0f}));
  ASSERT_GE(house.warnings.size(), 3u);
  EXPECT_NE(house.warnings[0].find("it is 5.00 m tall"), std::string::npos) << house.warnings[0];
  EXPECT_NE(house.warnings[1].find("its width is 1.60 of its height"), std::string::npos) << house.warnings[1];
  EXPECT_NE(house.warnings[2].find("its depth front to back is 1.20"), std::string::npos) << house.warnings[2];
}

TEST(HumanCheck, HalfABodyIsLopsidedAndTwoPiecesAreNotOne) {
  const LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
  // Keep only the triangles left of x = 4 cm: one arm and a half trunk.
  Mesh half = loaded.mesh;
  half.triangles.clear();
  for (const glm::uvec3& t : loaded.mesh.triangles)
    if (loaded.mesh.positions[t[0]].x > 0.04f &&
        loaded.mesh.isSkinTriangle(uint32_t(&t - loaded.mesh.triangles.data())))
      half.triangles.push_back(t);
  half.parts = {{"half", 0, uint32_t(half.triangles.size()), true}};
  const HumanShape lopsided = check(half);
  bool namesSides = false;
  for (const std::string& w : lopsided.warnings)
    namesSides |= w.find("left and right sides differ") != std::string::npos;
  EXPECT_TRUE(namesSides);
  EXPECT_GT(lopsided.asymmetryMm, 25.0);

  // Two boxes the size of legs, apart: symmetric, human-sized, but two pieces of equal area.
  Mesh legs = box({-0.2f, 0.0f, -0.1f}, {-0.1f, 1.7f, 0.1f});
  const Mesh other = box({0.1f, 0.0f, -0.1f}, {0.2f, 1.7f, 0.1f});
  const uint32_t offset = uint32_t(legs.positions.size());
  legs.positions.insert(legs.positions.end(), other.positions.begin(), other.positions.end());
  for (const glm::uvec3& t : other.triangles) legs.triangles.push_back(t + glm::uvec3(offset));
  legs.parts = {{"legs", 0, uint32_t(legs.triangles.size()), true}};
  legs.recomputeNormals();
  const HumanShape apart = check(legs);
  ASSERT_EQ(apart.warnings.size(), 1u);
  EXPECT_NE(apart.warnings[0].find("largest connected piece of skin is only 50 %"), std::string::npos)
      << apart.warnings[0];
}

}  // namespace
}  // namespace mesomap
