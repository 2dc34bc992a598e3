// The class report's picture, drawn headless: a class whose needles miss one reference point by
// far and hit another exactly shows the first in the heat scale's hot colour and the second in
// its cold colour, where the camera projects them; the page carries the picture.
#include <gtest/gtest.h>

#include <filesystem>

#include <glm/gtc/matrix_transform.hpp>

#include "core/base/image.h"
#include "core/base/strings.h"
#include "core/body/body.h"
#include "core/classroom/class_report.h"
#include "core/import/model_loader.h"
#include "core/protocol/scenario_transfer.h"
#include "core/scoring/progress_store.h"
#include "core/view/class_heat_overlay.h"
#include "render/class_picture.h"
#include "render/gl_context.h"

namespace mesomap::render {
namespace {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

// Where `at` (metres) lands in the picture, in pixels (x right, y down).
glm::ivec2 pixelOf(const ClassPicture& picture, const glm::vec3& at) {
  const Image& image = picture.image;
  const glm::vec4 clip =
      picture.camera.projection(float(image.width) / float(image.height)) * picture.camera.view() * glm::vec4(at, 1.0f);
  return {int((clip.x / clip.w * 0.5f + 0.5f) * float(image.width)),
          int((0.5f - clip.y / clip.w * 0.5f) * float(image.height))};
}

// The mean colour of the 3x3 pixels around where `at` (metres) lands in the picture.
Rgb colourAt(const ClassPicture& picture, const glm::vec3& at) {
  const Image& image = picture.image;
  const auto [x, y] = pixelOf(picture, at);
  Rgb sum;
  if (x < 1 || y < 1 || x + 1 >= image.width || y + 1 >= image.height) {
    ADD_FAILURE() << "the point lands outside the picture, at pixel " << x << ", " << y;
    return sum;
  }
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) {
      const uint8_t* p = image.pixel(x + dx, y + dy);
      sum.r += p[0] / 9.0;
      sum.g += p[1] / 9.0;
      sum.b += p[2] / 9.0;
    }
  return sum;
}

class ClassPictureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A folder per test: ctest runs them as parallel processes.
    folder_ = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "class_picture" /
              ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    LoadedModel model = loadModel(MESOMAP_DEFAULT_MODEL);
    body_ = std::make_unique<Body>(std::move(model.mesh), model.path);
    scenario_ =
        readValidScenario(std::filesystem::path(MESOMAP_ASSET_DIR) / "scenarios/knee_osteoarthritis_right.json");
    Scenario onBody = scenario_;
    putScenarioOnBody(onBody, *body_);
    prepared_ = std::make_unique<PreparedScenario>(prepareScenario(onBody, scoringBody(*body_)));
    ASSERT_GE(prepared_->points.size(), 2u);
  }

  // A perfect attempt with the needle for each reference point of `moves` put so many mm along
  // the skin's cranial direction, back on the skin.
  Submission attemptMissing(const std::vector<std::pair<size_t, float>>& moves, const std::string& trainee) {
    Attempt attempt = perfectAttempt(*prepared_);
    attempt.trainee = trainee;
    attempt.submittedAt = "2026-12-01T10:00:00Z";
    for (const auto& [moved, mm] : moves) {
      const SurfaceFrame& frame = prepared_->points[moved].placement.frame;
      const auto hit = body_->skin().closestPoint(frame.position + frame.cranial * (mm * 1e-3f), PartFilter::Skin);
      if (!hit) {
        ADD_FAILURE() << "no skin near reference point " << moved;
        continue;
      }
      attempt.points[moved].positionMm = glm::dvec3(hit->position) * 1000.0;
    }
    const ScoreResult scored = scoreAttempt(*prepared_, attempt, scoringBody(*body_));
    EXPECT_TRUE(scored.report);
    return Submission::of(attempt, *scored.report, "derm-1");
  }

  std::filesystem::path folder_;
  std::unique_ptr<Body> body_;
  Scenario scenario_;
  std::unique_ptr<PreparedScenario> prepared_;
};

TEST_F(ClassPictureTest, AMissedPointIsHotAndAHitOneColdWhereTheCameraSeesThem) {
  ProgressStore store(folder_ / "progress.sqlite");
  store.createClass({"derm-1", "Dermatology 1"});
  store.addMember("derm-1", {"ana", ClassRole::Trainee});
  store.addMember("derm-1", {"ben", ClassRole::Trainee});
  store.addMember("derm-1", {"cy", ClassRole::Trainee});
  // The first reference point (JL1) missed by 25 mm by all three; F1, at the top of the
  // picture, 5 mm off by two of them (a mean of about 3.3 mm: the green a third up the scale);
  // the rest hit.
  const size_t hot = 0;
  size_t mid = 0;
  for (size_t i = 0; i < prepared_->points.size(); ++i)
    if (scenario_.points[prepared_->points[i].index].id == "F1") mid = i;
  ASSERT_NE(mid, hot);
  store.record(attemptMissing({{hot, 25.0f}}, "ana"));
  store.record(attemptMissing({{hot, 25.0f}, {mid, 5.0f}}, "ben"));
  store.record(attemptMissing({{hot, 25.0f}, {mid, 5.0f}}, "cy"));
  const ClassReport report = buildClassReport(store, "derm-1");
  ASSERT_EQ(report.scenarios.size(), 1u);

  auto context = createHeadlessContext();
  const ClassPicture picture = renderClassPicture(scenario_, report.scenarios[0], report.attempts);
  writePng(picture.image, folder_ / "heat.png");
  EXPECT_EQ(picture.drawnAttempts, 3u);
  EXPECT_EQ(picture.body, "the default body");
  // The cold one to look at: the hit point that faces the camera most (its normal to the eye).
  size_t cold = prepared_->points.size();
  float facing = 0.3f;  // the knee's joint-line points are seen at a slant
  for (size_t i = 1; i < prepared_->points.size(); ++i) {
    const SurfaceFrame& f = prepared_->points[i].placement.frame;
    const float toEye = glm::dot(f.normal, glm::normalize(picture.camera.eye() - f.position));
    if (i != mid && toEye > facing) cold = i, facing = toEye;
  }
  ASSERT_LT(cold, prepared_->points.size()) << "no hit point faces the camera";
  const std::string hotId = scenario_.points[prepared_->points[hot].index].id;
  const std::string coldId = scenario_.points[prepared_->points[cold].index].id;
  const std::string midId = scenario_.points[prepared_->points[mid].index].id;
  for (const ReferencePointSummary& p : report.scenarios[0].points) {
    if (p.referenceId == hotId) {
      EXPECT_TRUE(p.matched == 0 || p.meanDistanceMm >= kHeatScaleMaxMm) << p.meanDistanceMm;
    }
    if (p.referenceId == coldId) {
      EXPECT_LT(p.meanDistanceMm, 0.5);
    }
    if (p.referenceId == midId) {
      EXPECT_EQ(p.matched, 3u);
      EXPECT_NEAR(p.meanDistanceMm, 10.0 / 3.0, 1.0);
    }
  }
  const Rgb h = colourAt(picture, prepared_->points[hot].placement.frame.position);
  const Rgb c = colourAt(picture, prepared_->points[cold].placement.frame.position);
  const Rgb m = colourAt(picture, prepared_->points[mid].placement.frame.position);
  // Hot: red, well above green and blue (the skin is much greener); cold: blue above red.
  EXPECT_GT(h.r, 100.0) << h.r << " " << h.g << " " << h.b;
  EXPECT_GT(h.r, 2.0 * h.g) << h.r << " " << h.g << " " << h.b;
  EXPECT_GT(h.r, 2.0 * h.b) << h.r << " " << h.g << " " << h.b;
  EXPECT_GT(c.b, 1.5 * c.r) << c.r << " " << c.g << " " << c.b;
  EXPECT_GT(c.b, c.g) << c.r << " " << c.g << " " << c.b;
  // A third up the scale: green, neither the blue nor the red (nor the skin, redder than green).
  EXPECT_GT(m.g, m.r + 50.0) << m.r << " " << m.g << " " << m.b;
  EXPECT_GT(m.g, 0.9 * m.b) << m.r << " " << m.g << " " << m.b;
}

TEST_F(ClassPictureTest, ThePageCarriesThePictureOrSaysWhyItIsMissing) {
  ProgressStore store(folder_ / "progress.sqlite");
  store.createClass({"derm-1", "Dermatology 1"});
  store.addMember("derm-1", {"ana", ClassRole::Trainee});
  store.record(attemptMissing({{0, 25.0f}}, "ana"));
  const ClassReport report = buildClassReport(store, "derm-1");

  const auto pictures = classReportPictures(report, {scenario_});
  ASSERT_EQ(pictures.count(scenario_.id), 1u);
  const ScenarioPicture& picture = pictures.at(scenario_.id);
  EXPECT_EQ(picture.missing, "");
  EXPECT_EQ(picture.png.substr(1, 3), "PNG");
  EXPECT_EQ(picture.caption, "On the default body: the needles of 1 attempt(s).");
  const std::string page = classReportHtml(report, pictures);
  EXPECT_NE(page.find("<img class=\"heat\""), std::string::npos);
  EXPECT_NE(page.find("src=\"data:image/png;base64," + base64(picture.png) + "\""), std::string::npos);

  // The scenario in no folder: the page still builds, and says so where the picture would be.
  const auto none = classReportPictures(report, {});
  EXPECT_EQ(none.at(scenario_.id).png, "");
  const std::string without = classReportHtml(report, none);
  EXPECT_NE(without.find("No picture of where the class's needles landed: the scenario "
                         "'knee_osteoarthritis_right' is in none of the scenario folders"),
            std::string::npos);
  EXPECT_EQ(without.find("data:image/png"), std::string::npos);
}

}  // namespace
}  // namespace mesomap::render
