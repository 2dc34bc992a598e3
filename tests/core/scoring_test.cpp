// Scoring on the default body: the perfect attempt scores 100 on every built-in scenario, and
// each class of error moves its own component by the amount docs/scoring.md gives.
#include "core/scoring/scoring.h"

#include <algorithm>
#include <filesystem>
#include <numbers>
#include <numeric>
#include <random>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "default_body.h"

#include "core/import/model_loader.h"

namespace mesomap {
namespace {

using test::defaultBody;

Scenario builtin(const std::string& id) {
  return readValidScenario(std::filesystem::path(MESOMAP_SOURCE_DIR) / "assets/scenarios" / (id + ".json"));
}

// The knee scenario with every point judged on its technique's band on the skin (no depth_mm
// override), so these tests do not hang on the library file's depth figures.
Scenario knee() {
  Scenario s = builtin("knee_osteoarthritis_right");
  for (ReferencePoint& p : s.points) {
    p.depthMm.reset();
    p.depthNote.clear();
    if (p.targetLayer != TissueLayer::Epidermis) p.targetLayer = TissueLayer::Dermis;
  }
  return s;
}

ScoreReport score(const PreparedScenario& prepared, const Attempt& attempt) {
  ScoreResult result = scoreAttempt(prepared, attempt, defaultBody().scoring());
  EXPECT_TRUE(result.problems.empty());
  return result.report.value_or(ScoreReport{});
}

const ComponentScore& component(const ScoreReport& r, const std::string& name) {
  return *std::find_if(r.components.begin(), r.components.end(), [&](const ComponentScore& c) { return c.name == name; });
}

double totalApplyingWeight(const ScoreReport& r) {
  double w = 0.0;
  for (const ComponentScore& c : r.components)
    if (c.applies) w += c.weight;
  return w;
}

// Every component but `changed` has the same score in both reports.
void expectOnlyChanged(const ScoreReport& before, const ScoreReport& after, const std::set<std::string>& changed) {
  for (const ComponentScore& c : before.components) {
    const ComponentScore& a = component(after, c.name);
    if (changed.count(c.name)) {
      EXPECT_LT(a.score, c.score - 1e-6) << c.name << " should have dropped";
    } else {
      EXPECT_NEAR(a.score, c.score, 1e-9) << c.name << " should not have moved";
    }
  }
}

// A skin point `lateralMm` / `cranialMm` along the skin from `fromMm` (in its anatomical frame).
glm::dvec3 walk(const glm::dvec3& fromMm, double lateralMm, double cranialMm) {
  Scenario s;
  s.landmarks.push_back({"here", "", fromMm});
  auto resolved = resolvePlacement(s, {std::nullopt, "here", lateralMm, cranialMm}, defaultBody().skin);
  EXPECT_TRUE(resolved.has_value());
  return glm::dvec3(resolved->frame.position) * 1000.0;
}

TEST(Scoring, PerfectAttemptScoresFullMarksOnEveryBuiltinScenario) {
  size_t scenarios = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(MESOMAP_SOURCE_DIR) / "assets/scenarios")) {
    const PreparedScenario prepared = prepareScenario(readValidScenario(entry.path()), defaultBody().scoring());
    EXPECT_TRUE(prepared.problems.empty()) << entry.path();
    const ScoreReport r = score(prepared, perfectAttempt(prepared));
    EXPECT_EQ(r.score, 100.0) << entry.path() << "\n" << reportToText(r);
    EXPECT_TRUE(r.passed) << entry.path();
    EXPECT_TRUE(r.feedback.empty()) << entry.path() << "\n" << reportToText(r);
    EXPECT_TRUE(r.extras.empty());
    for (const PointResult& p : r.points) EXPECT_TRUE(p.traineeIndex.has_value()) << p.referenceId;
    ++scenarios;
  }
  EXPECT_GE(scenarios, 4u);
}

TEST(Scoring, PerfectAttemptSurvivesTheFileRoundTrip) {
  const PreparedScenario prepared = prepareScenario(knee(), defaultBody().scoring());
  const AttemptReadResult read = parseAttempt(attemptToJson(perfectAttempt(prepared)));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(score(prepared, *read.attempt).score, 100.0);
}

TEST(Scoring, AngleErrorMovesOnlyTheAngleComponent) {
  const Scenario scenario = knee();
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  const ScoreReport before = score(prepared, attempt);
  // Half an angle scale below the window: that point's angle score is 0.5.
  attempt.points[0].angleDeg = scenario.points[0].angleDeg.min - 0.5 * scoring::kAngleScaleDeg;
  const ScoreReport after = score(prepared, attempt);
  expectOnlyChanged(before, after, {"angle"});
  const double n = double(scenario.points.size());
  EXPECT_NEAR(component(after, "angle").score, 1.0 - 0.5 / n, 1e-9);
  EXPECT_NEAR(after.score, 100.0 - 100.0 * component(after, "angle").weight * (0.5 / n) / totalApplyingWeight(after), 0.051);
  ASSERT_EQ(after.feedback.size(), 1u);
  EXPECT_NE(after.feedback[0].text.find("Point 1 (" + scenario.points[0].id + "): angle"), std::string::npos) << after.feedback[0].text;
}

TEST(Scoring, DepthErrorMovesOnlyTheDepthComponentAndNamesTheLayer) {
  // An explicit window (explained by its note) replaces the band: 2-4 mm, and 4.2 mm is 0.2 mm
  // too deep, in the fat, yet within the window's own 0.3 mm grace.
  Scenario scenario = knee();
  ASSERT_EQ(scenario.points[0].technique, Technique::IDP);
  scenario.points[0].depthMm = ValueRange{2.0, 4.0};
  scenario.points[0].depthNote = "the source's millimetres, kept for this test";
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  EXPECT_EQ(*attempt.points[0].depthMm, 3.0);
  const ScoreReport before = score(prepared, attempt);
  attempt.points[0].depthMm = 4.2;
  const ScoreReport after = score(prepared, attempt);
  expectOnlyChanged(before, after, {"depth"});
  const double n = double(scenario.points.size());
  EXPECT_NEAR(component(after, "depth").score, 1.0 - (0.2 / kDepthScaleMm) / n, 1e-9);
  EXPECT_EQ(after.points[0].depthVerdict, DepthVerdict::TooDeep);
  EXPECT_EQ(after.points[0].layer, TissueLayer::SubcutaneousFat);
  EXPECT_EQ(after.verdict, Verdict::Pass);
  ASSERT_EQ(after.feedback.size(), 1u);
  EXPECT_EQ(after.feedback[0].kind, FeedbackKind::Depth);
  EXPECT_EQ(after.feedback[0].reference, 0u);
  EXPECT_EQ(after.feedback[0].trainee, 0u);
  EXPECT_NE(after.feedback[0].text.find("the tip reached subcutaneous fat at 4.2 mm — IDP targets 2.0–4.0 mm (too deep). "
                                        "Note: the source's millimetres"),
            std::string::npos)
      << after.feedback[0].text;
}

TEST(Scoring, WithoutADepthWindowTheTechniquesBandOnTheSkinGivesTheDepths) {
  const Scenario scenario = knee();
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  const TissueColumn& column = prepared.points[0].column;
  // IDP: the deep dermis, from mid-dermis to the dermis-fat junction.
  Attempt attempt = perfectAttempt(prepared);
  EXPECT_NEAR(*attempt.points[0].depthMm, 0.5 * (column.epidermisMm + 0.5 * column.dermisMm + column.skinMm()), 1e-9);
  attempt.points[0].depthMm = column.skinMm() + 0.2;  // past the junction, within the grace
  const ScoreReport r = score(prepared, attempt);
  EXPECT_EQ(r.points[0].depthVerdict, DepthVerdict::TooDeep);
  EXPECT_EQ(r.verdict, Verdict::Pass);
  EXPECT_NE(r.feedback.at(0).text.find("IDP targets the deep dermis ("), std::string::npos) << r.feedback.at(0).text;
  EXPECT_NE(r.feedback.at(0).text.find(" mm here) (too deep)."), std::string::npos) << r.feedback.at(0).text;
}

TEST(Scoring, ATipInTheFatIsACriticalErrorWhateverTheScore) {
  const Scenario scenario = knee();
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  const TissueColumn& column = prepared.points[0].column;
  Attempt attempt = perfectAttempt(prepared);
  attempt.points[0].depthMm = column.skinMm() + kDermisGraceMm + 0.5;
  const ScoreReport r = score(prepared, attempt);
  EXPECT_EQ(r.verdict, Verdict::Critical);
  EXPECT_FALSE(r.passed);
  EXPECT_GE(r.weightedScore, r.passMark);  // the weighted score alone would pass
  EXPECT_EQ(r.score, scoring::rounded(scoring::kCriticalScoreFactor * r.weightedScore, 1));
  ASSERT_FALSE(r.feedback.empty());
  EXPECT_EQ(r.feedback[0].kind, FeedbackKind::TipLayer);
  EXPECT_EQ(r.feedback[0].severity, Severity::Critical);
  EXPECT_EQ(r.feedback[0].trainee, 0u);
  EXPECT_NE(r.feedback[0].text.find("the tip is in the subcutaneous fat"), std::string::npos) << r.feedback[0].text;
  EXPECT_NE(reportToText(r).find("CRITICAL: Point 1 (JL1): the tip is in the subcutaneous fat"), std::string::npos)
      << reportToText(r);
  EXPECT_NE(reportToJson(r).find("\"verdict\": \"critical\""), std::string::npos);
}

TEST(Scoring, VolumeErrorMovesOnlyTheVolumeComponent) {
  const Scenario scenario = knee();
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  const ScoreReport before = score(prepared, attempt);
  attempt.points[2].volumeMl = scenario.points[2].volumeMl.max + scoring::kVolumeScaleMl;  // a whole scale over
  const ScoreReport after = score(prepared, attempt);
  expectOnlyChanged(before, after, {"volume"});
  EXPECT_NEAR(component(after, "volume").score, 1.0 - 1.0 / double(scenario.points.size()), 1e-9);
}

TEST(Scoring, TechniqueMismatchMovesOnlyTheTechniqueComponent) {
  const Scenario scenario = knee();
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  const ScoreReport before = score(prepared, attempt);
  attempt.points[0].technique = Technique::NAP;
  const ScoreReport after = score(prepared, attempt);
  expectOnlyChanged(before, after, {"technique"});
  EXPECT_NE(after.feedback.at(0).text.find("NAP used where IDP is asked"), std::string::npos);
}

TEST(Scoring, ATechniqueTheSourcesAcceptGetsFullCreditOnItsOwnWindows) {
  Scenario scenario = knee();
  scenario.points[0].acceptedTechniques = {Technique::NAP};
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  attempt.points[0].technique = Technique::NAP;
  attempt.points[0].angleDeg = 35.0;  // NAP's window (30-60), below IDP's 45-90
  const ScoreReport r = score(prepared, attempt);
  EXPECT_EQ(r.score, 100.0) << reportToText(r);
  EXPECT_TRUE(r.points[0].acceptedTechnique);
  EXPECT_TRUE(r.feedback.empty()) << reportToText(r);
}

TEST(Scoring, OverdoseTooFewPointsAndLongNeedlesAreCritical) {
  const PreparedScenario prepared = prepareScenario(knee(), defaultBody().scoring());
  const auto kinds = [](const ScoreReport& r) {
    std::set<FeedbackKind> k;
    for (const FeedbackItem& f : r.feedback)
      if (f.severity == Severity::Critical) k.insert(f.kind);
    return k;
  };
  Attempt heavy = perfectAttempt(prepared);
  heavy.points[1].volumeMl = prepared.limits.maxPointVolumeMl + 0.05;
  EXPECT_EQ(kinds(score(prepared, heavy)), std::set<FeedbackKind>{FeedbackKind::PointOverdose});
  Attempt longNeedle = perfectAttempt(prepared);
  longNeedle.points[2].needle = "30G 13 mm";
  EXPECT_EQ(kinds(score(prepared, longNeedle)), std::set<FeedbackKind>{FeedbackKind::NeedleTooLong});
  Attempt few = perfectAttempt(prepared);
  few.points.resize(few.points.size() / 2);
  const ScoreReport r = score(prepared, few);
  EXPECT_TRUE(kinds(r).count(FeedbackKind::TooFewPoints));
  EXPECT_EQ(r.verdict, Verdict::Critical);
}

TEST(Scoring, NeedlesInAZoneOfFreePointsAreNotExtras) {
  // A rule-based region on the front of the left thigh: 2-4 IDS points, 15-25 mm apart.
  Scenario scenario = knee();
  scenario.pattern = {};
  Zone zone;
  zone.id = "free";
  zone.name = "Free thigh";
  zone.kind = ZoneKind::Target;
  zone.centre.positionMm = walk(glm::dvec3(120.0, 700.0, 70.0), 0.0, 0.0);
  zone.radiusMm = 40.0;
  zone.coverageRadiusMm = 15.0;
  zone.freePoints = FreePoints{{Technique::IDS}, {2, 4}, ValueRange{15, 25}};
  scenario.zones = {zone};
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  const ScoreReport before = score(prepared, attempt);
  for (double cranial : {-10.0, 10.0}) {
    AttemptPoint p;
    p.positionMm = walk(*zone.centre.positionMm, 0.0, cranial);
    p.technique = Technique::IDS;
    p.angleDeg = 35.0;
    p.depthMm = 0.6;  // the upper dermis of the thigh
    p.volumeMl = 0.1;
    p.needle = "30G 4 mm";
    attempt.points.push_back(p);
  }
  const ScoreReport r = score(prepared, attempt);
  ASSERT_EQ(r.extras.size(), 2u);
  for (const ExtraPoint& e : r.extras) EXPECT_EQ(e.freeZone, 0u);
  EXPECT_EQ(r.zones.at(0).freePoints, 2u);
  EXPECT_EQ(component(r, "count").score, component(before, "count").score);
  EXPECT_EQ(component(r, "volume").score, component(before, "volume").score);
  EXPECT_FALSE(std::any_of(r.feedback.begin(), r.feedback.end(),
                           [](const FeedbackItem& f) { return f.kind == FeedbackKind::Extra; }))
      << reportToText(r);
  // A needle of a technique the zone does not list is an extra.
  attempt.points.back().technique = Technique::IDP;
  attempt.points.back().angleDeg = 60.0;
  const ScoreReport other = score(prepared, attempt);
  EXPECT_EQ(other.zones.at(0).freePoints, 1u);
  EXPECT_LT(component(other, "count").score, component(before, "count").score);
}

// The Achilles tendon zone accepts up to 4 further IDS points without demanding any
// (free_points count 0-4, docs/scenarios.md): the reference map scores 100 without them, and two
// good IDS needles on the medial side of the tendon are free points, not extras.
TEST(Scoring, AchillesAcceptsFreeIdsPointsAlongTheTendon) {
  const Scenario scenario = builtin("achilles_tendinopathy_right");
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  const ScoreReport before = score(prepared, attempt);
  EXPECT_EQ(before.score, 100.0) << reportToText(before);
  const AttemptPoint& t1 = attempt.points.front();
  for (const auto& [lateral, cranial] : {std::pair{-18.0, 12.0}, std::pair{-12.0, 74.0}}) {
    const auto at =
        resolvePlacement(scenario, {std::nullopt, "achilles_insertion_right", lateral, cranial}, defaultBody().skin);
    ASSERT_TRUE(at);
    AttemptPoint p = t1;
    p.positionMm = glm::dvec3(at->frame.position) * 1000.0;
    p.depthMm =
        depthTargetFor(nullptr, Technique::IDS, defaultBody().regions.columnAt(at->frame.position, at->frame.normal))
            .windowMm.middle();
    attempt.points.push_back(p);
  }
  const ScoreReport r = score(prepared, attempt);
  ASSERT_EQ(r.extras.size(), 2u) << reportToText(r);
  for (const ExtraPoint& e : r.extras) EXPECT_EQ(e.freeZone, 0u) << reportToText(r);
  EXPECT_EQ(r.zones.at(0).freePoints, 2u);
  EXPECT_EQ(r.verdict, Verdict::Pass) << reportToText(r);
  for (const char* name : {"count", "volume", "coverage", "total_volume"})
    EXPECT_EQ(component(r, name).score, component(before, name).score) << name << "\n" << reportToText(r);
  EXPECT_FALSE(std::any_of(r.feedback.begin(), r.feedback.end(), [](const FeedbackItem& f) {
    return f.kind == FeedbackKind::Extra;
  })) << reportToText(r);
  // The same two needles done as IDP, a technique the zone does not list, are extras and cost.
  for (size_t i = attempt.points.size() - 2; i < attempt.points.size(); ++i) {
    attempt.points[i].technique = Technique::IDP;
    attempt.points[i].angleDeg = 60.0;
  }
  const ScoreReport extras = score(prepared, attempt);
  EXPECT_EQ(extras.zones.at(0).freePoints, 0u);
  EXPECT_LT(component(extras, "count").score, component(before, "count").score);
  EXPECT_LT(extras.score, r.score);
}

TEST(Scoring, TheMapOnTheOtherSideIsTheWrongSide) {
  const PreparedScenario prepared = prepareScenario(knee(), defaultBody().scoring());
  Attempt mirrored = perfectAttempt(prepared);
  for (AttemptPoint& p : mirrored.points) {
    const auto hit = defaultBody().skin.closestPoint(glm::vec3(-p.positionMm.x, p.positionMm.y, p.positionMm.z) * 0.001f,
                                                     PartFilter::Skin);
    p.positionMm = glm::dvec3(hit->position) * 1000.0;
  }
  const ScoreReport r = score(prepared, mirrored);
  EXPECT_EQ(r.verdict, Verdict::Critical);
  const auto wrongSide = std::find_if(r.feedback.begin(), r.feedback.end(),
                                      [](const FeedbackItem& f) { return f.kind == FeedbackKind::WrongSide; });
  ASSERT_NE(wrongSide, r.feedback.end()) << reportToText(r);
  EXPECT_EQ(wrongSide->severity, Severity::Critical);
  EXPECT_NE(wrongSide->text.find("the protocol treats the right side"), std::string::npos) << wrongSide->text;
}

TEST(Scoring, JsonNumbersAreRoundedExactly) {
  EXPECT_EQ(scoring::rounded(99.30000000000001, 1), 99.3);
  EXPECT_EQ(nlohmann::json(scoring::rounded(99.25 + 0.05, 1)).dump(), "99.3");
  EXPECT_EQ(nlohmann::json(scoring::rounded(0.1 + 0.2, 2)).dump(), "0.3");
  EXPECT_EQ(scoring::rounded(-0.01, 1), 0.0);
  EXPECT_FALSE(std::signbit(scoring::rounded(-0.01, 1)));
}

TEST(Scoring, PositionErrorIsMeasuredAlongTheSkinAndNamedByDirection) {
  Scenario scenario = knee();
  scenario.zones.clear();  // moving a point also moves what it covers; keep coverage out of it
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  const ScoreReport before = score(prepared, attempt);
  const double tolerance = scenario.points[0].toleranceMm;
  attempt.points[0].positionMm = walk(attempt.points[0].positionMm, 0.0, -6.0);  // 6 mm caudal
  const ScoreReport after = score(prepared, attempt);
  expectOnlyChanged(before, after, {"position"});
  const PointResult& p = after.points[0];
  EXPECT_NEAR(p.distanceMm, 6.0, 0.3);
  EXPECT_NEAR(p.cranialMm, -6.0, 0.5);
  EXPECT_NEAR(p.positionScore,
              0.5 * (1.0 + std::cos(std::numbers::pi * (p.distanceMm - scoring::kPositionFreeMm) /
                                    (2.0 * tolerance - scoring::kPositionFreeMm))),
              1e-9);
  EXPECT_NE(after.feedback.at(0).text.find("6 mm caudal of the reference"), std::string::npos) << after.feedback.at(0).text;
}

TEST(Scoring, PointBeyondTwiceTheToleranceIsMissingAndExtra) {
  Scenario scenario = knee();
  scenario.zones.clear();
  scenario.pattern = {};
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  attempt.points[0].positionMm =
      walk(attempt.points[0].positionMm, 0.0, -(scoring::kMatchReachTolerances * scenario.points[0].toleranceMm + 4.0));
  const ScoreReport r = score(prepared, attempt);
  EXPECT_FALSE(r.points[0].traineeIndex.has_value());
  ASSERT_EQ(r.extras.size(), 1u);
  EXPECT_EQ(r.extras[0].traineeIndex, 0u);
  const double n = double(scenario.points.size());
  EXPECT_NEAR(component(r, "position").score, 1.0 - 1.0 / n, 1e-12);
  // A missing point has no needle credit either; the extra also enters the volume average.
  EXPECT_NEAR(component(r, "depth").score, 1.0 - 1.0 / n, 1e-12);
  EXPECT_NEAR(component(r, "angle").score, 1.0 - 1.0 / n, 1e-12);
  EXPECT_NEAR(component(r, "technique").score, 1.0 - 1.0 / n, 1e-12);
  EXPECT_NEAR(component(r, "volume").score, (n - 1.0) / (n + 1.0), 1e-12);
  EXPECT_NEAR(component(r, "count").score, 1.0 - scoring::kCountPenaltyPerExtra, 1e-12);
  EXPECT_EQ(r.feedback.at(0).kind, FeedbackKind::Missing);
  EXPECT_EQ(r.feedback.at(0).reference, 0u);
}

TEST(Scoring, PositionCreditFallsSmoothlyToZeroAtTwiceTheTolerance) {
  EXPECT_EQ(scoring::positionCredit(0.0, 10.0), 1.0);
  EXPECT_EQ(scoring::positionCredit(2.0, 10.0), 1.0);
  EXPECT_NEAR(scoring::positionCredit(11.0, 10.0), 0.5, 1e-12);  // halfway from 2 to 20 mm
  EXPECT_EQ(scoring::positionCredit(20.0, 10.0), 0.0);
  EXPECT_EQ(scoring::positionCredit(25.0, 10.0), 0.0);
  double previous = 1.0;
  for (double d = 0.0; d <= 21.0; d += 0.25) {
    const double credit = scoring::positionCredit(d, 10.0);
    EXPECT_LE(credit, previous);
    EXPECT_GE(credit, previous - 0.025);  // no step of a quarter millimetre takes more
    previous = credit;
  }
}

TEST(Scoring, TooManyPointsMovesOnlyTheCount) {
  Scenario scenario = knee();
  scenario.pattern.spacingMm.reset();  // an extra point far away changes spacing too
  scenario.pattern.pointCount = ValueRange{1.0, double(scenario.points.size())};
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  const ScoreReport before = score(prepared, attempt);
  AttemptPoint extra = attempt.points[0];
  extra.positionMm = glm::dvec3(120.0, 700.0, 70.0);  // front of the left thigh
  extra.positionMm = walk(extra.positionMm, 0.0, 0.0);
  attempt.points.push_back(extra);
  const ScoreReport after = score(prepared, attempt);
  // The extra costs count credit (outside the window, and as an extra) and enters the volume
  // average with none.
  expectOnlyChanged(before, after, {"count", "volume"});
  EXPECT_NEAR(component(after, "count").score, 1.0 - scoring::kCountPenaltyPerPoint - scoring::kCountPenaltyPerExtra, 1e-12);
  const double n = double(scenario.points.size());
  EXPECT_NEAR(component(after, "volume").score, n / (n + 1.0), 1e-12);
  EXPECT_EQ(after.extras.size(), 1u);
}

TEST(Scoring, CrowdedPointsMoveOnlyTheSpacing) {
  const Scenario scenario = knee();
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  const ScoreReport before = score(prepared, attempt);
  ASSERT_TRUE(component(before, "spacing").applies);
  AttemptPoint crowding = attempt.points[0];
  crowding.positionMm = walk(crowding.positionMm, 0.0, -5.0);
  attempt.points.push_back(crowding);
  const ScoreReport after = score(prepared, attempt);
  expectOnlyChanged(before, after, {"spacing", "count", "volume"});  // the crowding needle is an extra
  EXPECT_NEAR(*after.minSpacingMm, 5.0, 0.4);
}

TEST(Scoring, CoverageIsTheShareOfTheZoneNearAPoint) {
  // A zone the reference map does not reach: its goal is full cover, so the component is the
  // covered fraction itself. One point at the centre covers (r / R)^2 of it.
  Scenario scenario = knee();
  Zone zone;
  zone.id = "thigh";
  zone.kind = ZoneKind::Target;
  zone.centre.positionMm = walk(glm::dvec3(120.0, 700.0, 70.0), 0.0, 0.0);
  zone.radiusMm = 30.0;
  zone.coverageRadiusMm = 15.0;
  scenario.zones = {zone};
  scenario.scoring.weights = {{"coverage", 1.0}};
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  ASSERT_EQ(prepared.zones.size(), 1u);
  EXPECT_EQ(prepared.zones[0].referenceCoverage, 0.0);
  Attempt attempt;
  AttemptPoint p;
  p.positionMm = *zone.centre.positionMm;
  p.depthMm = 1.0;
  attempt.points = {p};
  const ScoreReport r = score(prepared, attempt);
  EXPECT_NEAR(component(r, "coverage").score, 0.25, 0.03);
  EXPECT_NEAR(r.weightedScore, 100.0 * component(r, "coverage").score, 0.051);
}

TEST(Scoring, NoGoZoneFailsWhateverTheScore) {
  Scenario scenario = knee();
  const auto noGo = std::find_if(scenario.zones.begin(), scenario.zones.end(),
                                 [](const Zone& z) { return z.kind == ZoneKind::NoGo; });
  ASSERT_NE(noGo, scenario.zones.end());
  // Any needle is dangerous here (the library's patella zone lets an intradermal tip pass).
  noGo->dangerFromLayer = TissueLayer::Epidermis;
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  auto centre = resolvePlacement(scenario, noGo->centre, defaultBody().skin);
  ASSERT_TRUE(centre.has_value());
  Attempt attempt = perfectAttempt(prepared);
  AttemptPoint bad = attempt.points[0];
  bad.positionMm = glm::dvec3(centre->frame.position) * 1000.0;
  attempt.points.push_back(bad);
  const ScoreReport r = score(prepared, attempt);
  EXPECT_TRUE(r.noGoViolated);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.verdict, Verdict::Critical);
  EXPECT_GE(r.weightedScore, r.passMark);  // the score alone would pass
  EXPECT_EQ(r.feedback.at(0).kind, FeedbackKind::NoGo);
  EXPECT_EQ(r.feedback.at(0).zone, size_t(noGo - scenario.zones.begin()));
  EXPECT_NE(r.feedback.at(0).text.find("no-go zone '" + noGo->name + "' (" + noGo->reason + ")"), std::string::npos);
}

TEST(Scoring, ANoGoZoneDangerousFromTheFatLetsAnIntradermalTipPassWithACaution) {
  Scenario scenario = knee();
  const auto noGo = std::find_if(scenario.zones.begin(), scenario.zones.end(),
                                 [](const Zone& z) { return z.kind == ZoneKind::NoGo; });
  ASSERT_NE(noGo, scenario.zones.end());
  noGo->dangerFromLayer = TissueLayer::SubcutaneousFat;
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  auto centre = resolvePlacement(scenario, noGo->centre, defaultBody().skin);
  ASSERT_TRUE(centre.has_value());
  Attempt attempt = perfectAttempt(prepared);
  AttemptPoint inside = attempt.points[0];
  inside.positionMm = glm::dvec3(centre->frame.position) * 1000.0;
  inside.technique = Technique::IDS;
  inside.depthMm = 0.5;  // upper dermis
  attempt.points.push_back(inside);
  const ScoreReport shallow = score(prepared, attempt);
  EXPECT_FALSE(shallow.noGoViolated);
  EXPECT_FALSE(std::any_of(shallow.feedback.begin(), shallow.feedback.end(),
                           [](const FeedbackItem& f) { return f.severity == Severity::Critical; }))
      << reportToText(shallow);
  EXPECT_TRUE(std::any_of(shallow.feedback.begin(), shallow.feedback.end(),
                          [](const FeedbackItem& f) { return f.kind == FeedbackKind::NoGoCaution; }));
  attempt.points.back().depthMm = 4.0;  // in the fat
  const ScoreReport deep = score(prepared, attempt);
  EXPECT_TRUE(deep.noGoViolated);
  EXPECT_EQ(deep.verdict, Verdict::Critical);
}

// A zone on the front of the left thigh, painted by the scenario builder's brush.
Zone thighZone(ZoneKind kind, double radiusMm, std::vector<BrushStamp> brush) {
  Zone zone;
  zone.id = "thigh";
  zone.name = "Thigh";
  zone.kind = kind;
  zone.reason = "test nerve";
  zone.centre.positionMm = walk(glm::dvec3(120.0, 700.0, 70.0), 0.0, 0.0);
  zone.radiusMm = radiusMm;
  zone.coverageRadiusMm = 15.0;
  zone.brush = std::move(brush);
  return zone;
}

PreparedScenario preparedWith(const Zone& zone) {
  Scenario scenario = knee();
  scenario.zones = {zone};
  PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  EXPECT_TRUE(prepared.problems.empty());
  EXPECT_EQ(prepared.zones.size(), 1u);
  return prepared;
}

TEST(Scoring, BrushStampsAddAndRemoveTheirAreaOnTheSkin) {
  const glm::dvec3 centre = walk(glm::dvec3(120.0, 700.0, 70.0), 0.0, 0.0);
  const double disc = std::numbers::pi * 30.0 * 30.0;
  const double plain = preparedWith(thighZone(ZoneKind::Target, 30.0, {})).zones.at(0).region.areaMm2;
  EXPECT_NEAR(plain, disc, 0.05 * disc);  // the front of the thigh is nearly flat at this size
  // A 15 mm stamp 60 mm up the thigh, clear of the disc, adds its own area.
  const BrushStamp paint{walk(centre, 0.0, 60.0), 15.0, false};
  const double grown = preparedWith(thighZone(ZoneKind::Target, 30.0, {paint})).zones.at(0).region.areaMm2;
  EXPECT_NEAR(grown - plain, std::numbers::pi * 15.0 * 15.0, 0.1 * std::numbers::pi * 15.0 * 15.0);
  // A 10 mm erase stamp inside the disc removes its own.
  const BrushStamp erase{walk(centre, 10.0, 0.0), 10.0, true};
  const double cut = preparedWith(thighZone(ZoneKind::Target, 30.0, {erase})).zones.at(0).region.areaMm2;
  EXPECT_NEAR(plain - cut, std::numbers::pi * 10.0 * 10.0, 0.1 * std::numbers::pi * 10.0 * 10.0);
}

TEST(Scoring, NoGoZoneGrownByABrushStampFailsAPointInTheStamp) {
  const glm::dvec3 centre = walk(glm::dvec3(120.0, 700.0, 70.0), 0.0, 0.0);
  const glm::dvec3 stampCentre = walk(centre, 0.0, 50.0);  // 50 mm up: outside the 15 mm disc
  Attempt attempt;
  AttemptPoint p;
  p.positionMm = stampCentre;
  p.depthMm = 3.0;
  attempt.points = {p};
  const ScoreReport plain = score(preparedWith(thighZone(ZoneKind::NoGo, 15.0, {})), attempt);
  EXPECT_FALSE(plain.noGoViolated);
  const BrushStamp stamp{stampCentre, 12.0, false};
  const ScoreReport painted = score(preparedWith(thighZone(ZoneKind::NoGo, 15.0, {stamp})), attempt);
  EXPECT_TRUE(painted.noGoViolated);
  EXPECT_FALSE(painted.passed);
  ASSERT_EQ(painted.zones.size(), 1u);
  EXPECT_EQ(painted.zones[0].violatingPoints, std::vector<size_t>{0});
  // Erasing the stamp's middle again lets the point through.
  const BrushStamp erase{stampCentre, 5.0, true};
  EXPECT_FALSE(score(preparedWith(thighZone(ZoneKind::NoGo, 15.0, {stamp, erase})), attempt).noGoViolated);
}

TEST(Scoring, APointInAPaintedStampCoversPartOfTheZone) {
  // The point is 60 mm from the zone's centre: farther than radius + coverage radius, so only the
  // stamp makes it a candidate for covering.
  const glm::dvec3 centre = walk(glm::dvec3(120.0, 700.0, 70.0), 0.0, 0.0);
  const glm::dvec3 stampCentre = walk(centre, 0.0, 60.0);
  Attempt attempt;
  AttemptPoint p;
  p.positionMm = stampCentre;
  p.depthMm = 3.0;
  attempt.points = {p};
  const ScoreReport r = score(preparedWith(thighZone(ZoneKind::Target, 30.0, {{stampCentre, 15.0, false}})), attempt);
  ASSERT_EQ(r.zones.size(), 1u);
  // The stamp (all within 15 mm of the point) is 225 / (900 + 225) of the zone.
  EXPECT_NEAR(r.zones[0].coverage, 0.2, 0.03);
}

TEST(Scoring, ReorderingThePointsChangesNothing) {
  const Scenario scenario = knee();
  const PreparedScenario prepared = prepareScenario(scenario, defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  attempt.points[1].positionMm = walk(attempt.points[1].positionMm, 3.0, 4.0);
  attempt.points[2].angleDeg = 20.0;
  attempt.points[3].depthMm = 6.0;
  AttemptPoint extra = attempt.points[0];
  extra.positionMm = walk(extra.positionMm, 0.0, 25.0);
  attempt.points.push_back(extra);
  const ScoreReport original = score(prepared, attempt);

  std::vector<size_t> order(attempt.points.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 random(7);
  for (int trial = 0; trial < 5; ++trial) {
    std::shuffle(order.begin(), order.end(), random);
    Attempt shuffled = attempt;
    for (size_t i = 0; i < order.size(); ++i) shuffled.points[i] = attempt.points[order[i]];
    const ScoreReport r = score(prepared, shuffled);
    EXPECT_EQ(r.score, original.score);
    for (size_t c = 0; c < r.components.size(); ++c) EXPECT_EQ(r.components[c].score, original.components[c].score);
    ASSERT_EQ(r.points.size(), original.points.size());
    for (size_t i = 0; i < r.points.size(); ++i) {
      ASSERT_EQ(r.points[i].traineeIndex.has_value(), original.points[i].traineeIndex.has_value());
      if (r.points[i].traineeIndex) {
        EXPECT_EQ(order[*r.points[i].traineeIndex], *original.points[i].traineeIndex);
      }
      EXPECT_EQ(r.points[i].distanceMm, original.points[i].distanceMm);
    }
    EXPECT_EQ(r.minSpacingMm, original.minSpacingMm);
    EXPECT_EQ(r.meanSpacingMm, original.meanSpacingMm);
  }
}

TEST(Scoring, SameInputGivesTheSameBytes) {
  const PreparedScenario prepared = prepareScenario(builtin("achilles_tendinopathy_right"), defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  attempt.points[0].angleDeg = 10.0;
  EXPECT_EQ(reportToJson(score(prepared, attempt)), reportToJson(score(prepared, attempt)));
}

TEST(Scoring, PointOffTheSkinIsRejectedWithItsPath) {
  const PreparedScenario prepared = prepareScenario(knee(), defaultBody().scoring());
  Attempt attempt = perfectAttempt(prepared);
  attempt.points[2].positionMm += glm::dvec3(0.0, 0.0, 40.0);  // in front of the knee, in the air
  const ScoreResult result = scoreAttempt(prepared, attempt, defaultBody().scoring());
  EXPECT_FALSE(result.report.has_value());
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].path, "points[2].position_mm");
  EXPECT_NE(result.problems[0].message.find("mm from the skin (at most 5.0 mm)"), std::string::npos);
}

TEST(Scoring, EmptyAttemptScoresNothing) {
  const PreparedScenario prepared = prepareScenario(knee(), defaultBody().scoring());
  const ScoreReport r = score(prepared, Attempt{});
  EXPECT_EQ(r.score, 0.0);
  EXPECT_FALSE(r.passed);
}

TEST(ScoringWindows, ScoreFallsByOnePerScaleOutside) {
  const ValueRange w{2.0, 4.0};
  EXPECT_EQ(scoring::windowScore(3.0, w, 1.0), 1.0);
  EXPECT_EQ(scoring::windowScore(4.5, w, 1.0), 0.5);
  EXPECT_EQ(scoring::windowScore(1.75, w, 1.0), 0.75);
  EXPECT_EQ(scoring::windowScore(9.0, w, 1.0), 0.0);
}

}  // namespace
}  // namespace mesomap
