// The calibration set (issue 13, docs/scoring.md "Calibration"): for every library scenario, a
// table of crafted attempts built from its perfect attempt, each with the verdict an expert
// expects and an expert's ranking of their scores. Expectations come from the scenario itself
// (its points, layers and limits), never from per-scenario numbers, so they hold for any sound
// scenario; one that fails names the scenario and what in it breaks the rule.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <numbers>
#include <numeric>
#include <optional>
#include <random>

#include <gtest/gtest.h>

#include "default_body.h"

#include "core/scoring.h"

namespace mesomap {
namespace {

using test::defaultBody;

std::filesystem::path libraryDir() { return std::filesystem::path(MESOMAP_SOURCE_DIR) / "assets/scenarios"; }

std::vector<std::string> libraryIds() {
  std::vector<std::string> ids;
  for (const auto& entry : std::filesystem::directory_iterator(libraryDir()))
    if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The skin point `cranialMm` along the skin from `fromMm` (cranial in its anatomical frame).
std::optional<glm::dvec3> walked(const glm::dvec3& fromMm, double lateralMm, double cranialMm) {
  Scenario s;
  s.landmarks.push_back({"here", "", fromMm});
  auto resolved = resolvePlacement(s, {std::nullopt, "here", lateralMm, cranialMm}, defaultBody().skin);
  if (!resolved) return std::nullopt;
  return glm::dvec3(resolved->frame.position) * 1000.0;
}

glm::dvec3 snappedToSkin(const glm::dvec3& pointMm) {
  const auto hit = defaultBody().skin.closestPoint(glm::vec3(pointMm * 0.001), PartFilter::Skin);
  return hit ? glm::dvec3(hit->position) * 1000.0 : pointMm;
}

// The attempts of the table, built from the perfect one.
struct Calibration {
  PreparedScenario prepared;
  Attempt perfect;
  std::map<std::string, ScoreReport> reports;  // by attempt name
  bool unilateral = false;                     // the map's mirror image lies off the map
  size_t pointsWithDepthNotes = 0;

  const ScoreReport& operator[](const std::string& name) const { return reports.at(name); }

  ScoreReport score(const Attempt& attempt) const {
    ScoreResult result = scoreAttempt(prepared, attempt, defaultBody().scoring());
    EXPECT_TRUE(result.problems.empty()) << prepared.scenario.id << ": " << result.problems.at(0).message;
    return result.report.value_or(ScoreReport{});
  }

  // Every point moved `mm` along the skin (cranially; caudally where the skin ends above).
  Attempt movedBy(double mm) const {
    Attempt a = perfect;
    for (AttemptPoint& p : a.points)
      if (auto moved = walked(p.positionMm, 0.0, mm); moved && glm::length(*moved - p.positionMm) > 0.5 * mm)
        p.positionMm = *moved;
      else if (auto back = walked(p.positionMm, 0.0, -mm))
        p.positionMm = *back;
    return a;
  }

  TissueColumn columnAt(const glm::dvec3& pointMm) const {
    const auto hit = defaultBody().skin.closestPoint(glm::vec3(pointMm * 0.001), PartFilter::Skin);
    return defaultBody().regions.columnAt(hit->position, hit->normal);
  }

  // Whether a skin point lies in one of the scenario's no-go zones.
  bool inNoGoZone(const glm::dvec3& pointMm) const {
    const auto hit = defaultBody().skin.closestPoint(glm::vec3(pointMm * 0.001), PartFilter::Skin);
    for (const PreparedZone& z : prepared.zones)
      if (prepared.scenario.zones[z.index].kind == ZoneKind::NoGo &&
          z.region.contains(defaultBody().model.mesh, hit->triangle, {hit->u, hit->v}))
        return true;
    return false;
  }

  // The layers under a reference point.
  const TissueColumn& columnOf(size_t attemptIndex) const { return prepared.points[attemptIndex].column; }
  const ReferencePoint& referenceOf(size_t attemptIndex) const {
    return prepared.scenario.points[prepared.points[attemptIndex].index];
  }
};

bool hasCritical(const ScoreReport& r, FeedbackKind kind) {
  return std::any_of(r.feedback.begin(), r.feedback.end(),
                     [&](const FeedbackItem& f) { return f.severity == Severity::Critical && f.kind == kind; });
}

std::string criticalKinds(const ScoreReport& r) {
  std::string kinds;
  for (const FeedbackItem& f : r.feedback)
    if (f.severity == Severity::Critical) kinds += std::string(kinds.empty() ? "" : ", ") + toString(f.kind);
  return kinds.empty() ? "none" : kinds;
}

Calibration buildCalibration(const std::string& id) {
  Calibration c;
  c.prepared = prepareScenario(readValidScenario(libraryDir() / (id + ".json")), defaultBody().scoring());
  c.perfect = perfectAttempt(c.prepared);
  const size_t n = c.perfect.points.size();
  auto& reports = c.reports;
  reports["perfect"] = c.score(c.perfect);
  reports["3 mm off"] = c.score(c.movedBy(3.0));
  reports["8 mm off"] = c.score(c.movedBy(8.0));

  Attempt steeper = c.perfect, flatter = c.perfect, deeper = c.perfect, inFat = c.perfect, heavy = c.perfect;
  for (size_t i = 0; i < n; ++i) {
    steeper.points[i].angleDeg = std::min(90.0, steeper.points[i].angleDeg + 10.0);
    flatter.points[i].angleDeg = std::max(0.0, flatter.points[i].angleDeg - 10.0);
    deeper.points[i].depthMm = *deeper.points[i].depthMm + 1.0;
    // A tip well into the fat (a millimetre and a half below the dermis, or half the fat), except
    // where the scenario explains a window that reaches there.
    if (c.referenceOf(i).depthNote.empty()) {
      const TissueColumn& column = c.columnOf(i);
      inFat.points[i].depthMm = column.skinMm() + std::min(1.5, 0.5 * column.fatMm);
    } else {
      ++c.pointsWithDepthNotes;
    }
    heavy.points[i].volumeMl = 1.0;
  }
  reports["angle +10"] = c.score(steeper);
  reports["angle -10"] = c.score(flatter);
  reports["depth +1 mm"] = c.score(deeper);
  reports["tip in fat"] = c.score(inFat);
  reports["1 mL everywhere"] = c.score(heavy);

  // The map mirrored onto the other side of the body, each point snapped to the skin there.
  Attempt mirrored = c.perfect;
  for (AttemptPoint& p : mirrored.points) p.positionMm = snappedToSkin({-p.positionMm.x, p.positionMm.y, p.positionMm.z});
  reports["wrong side"] = c.score(mirrored);
  size_t offMap = 0;
  for (const AttemptPoint& p : mirrored.points) {
    bool near = false;
    for (size_t i = 0; i < n; ++i)
      near = near || glm::length(p.positionMm - c.perfect.points[i].positionMm) <= c.referenceOf(i).toleranceMm;
    offMap += near ? 0 : 1;
  }
  c.unilateral = 2 * offMap >= n && offMap >= 2;

  Attempt missing = c.perfect;
  missing.points.erase(missing.points.begin());
  reports["one missing"] = c.score(missing);

  // Two extra needles, well placed (halfway between neighbouring reference points, on the skin)
  // at the right depth.
  Attempt extra = c.perfect;
  for (size_t k = 0; k < 2 && n >= 2; ++k) {
    const size_t i = (k * n) / 2, j = (i + 1) % n;
    AttemptPoint p = c.perfect.points[i];
    p.positionMm = snappedToSkin(0.5 * (c.perfect.points[i].positionMm + c.perfect.points[j].positionMm));
    p.depthMm = depthTargetFor(nullptr, p.technique, c.columnAt(p.positionMm)).windowMm.middle();
    extra.points.push_back(p);
  }
  reports["two extra"] = c.score(extra);

  // A valid alternative: where the sources accept another technique, that technique done by
  // its own book; and every point placed within its tolerance, at a third of it.
  Attempt alternative = c.perfect;
  for (size_t i = 0; i < n; ++i) {
    AttemptPoint& p = alternative.points[i];
    const ReferencePoint& ref = c.referenceOf(i);
    if (!ref.acceptedTechniques.empty()) {
      const Technique t = ref.acceptedTechniques.front();
      p.technique = t;
      p.angleDeg = 0.5 * (presetFor(t).angleMinDeg + presetFor(t).angleMaxDeg);
      p.depthMm = depthTargetFor(nullptr, t, c.columnOf(i)).windowMm.middle();
    }
    // A third of the tolerance away, in the first direction that stays out of no-go zones.
    const double step = ref.toleranceMm / 3.0;
    for (const auto& [lateral, cranial] : {std::pair{step, 0.0}, {-step, 0.0}, {0.0, step}, {0.0, -step}})
      if (auto moved = walked(p.positionMm, lateral, cranial); moved && !c.inNoGoZone(*moved)) {
        p.positionMm = *moved;
        break;
      }
  }
  reports["valid alternative"] = c.score(alternative);

  Attempt third = c.perfect;
  third.points.resize((n + 2) / 3);
  reports["a third"] = c.score(third);

  // As many points as the map, anywhere on the skin of the body (fixed seed).
  Attempt random = c.perfect;
  std::mt19937 generator(13);
  const Bounds bounds = defaultBody().model.mesh.bounds();
  const glm::vec3 lo = bounds.min, hi = bounds.max;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (AttemptPoint& p : random.points)
    p.positionMm = snappedToSkin(glm::dvec3(lo.x + unit(generator) * (hi.x - lo.x), lo.y + unit(generator) * (hi.y - lo.y),
                                            lo.z + unit(generator) * (hi.z - lo.z)) *
                                 1000.0);
  reports["random"] = c.score(random);

  // The perfect map listed in another order, relabelled, each position off by 0.01 mm.
  Attempt shuffled = c.perfect;
  std::shuffle(shuffled.points.begin(), shuffled.points.end(), std::mt19937(5));
  for (size_t i = 0; i < n; ++i) {
    shuffled.points[i].label = "S" + std::to_string(n - i);
    shuffled.points[i].positionMm += glm::dvec3(0.01, -0.01, 0.01);
  }
  reports["shuffled"] = c.score(shuffled);
  return c;
}

const Calibration& calibration(const std::string& id) {
  static std::map<std::string, Calibration> cache;
  auto it = cache.find(id);
  if (it == cache.end()) it = cache.emplace(id, buildCalibration(id)).first;
  return it->second;
}

class LibraryCalibration : public testing::TestWithParam<std::string> {};

// Perfect and near-perfect work passes with at least 90, with no critical error.
TEST_P(LibraryCalibration, NearPerfectAttemptsPassWithNinety) {
  const Calibration& c = calibration(GetParam());
  for (const char* name : {"perfect", "3 mm off", "angle +10", "angle -10", "shuffled"}) {
    const ScoreReport& r = c[name];
    EXPECT_EQ(r.verdict, Verdict::Pass) << GetParam() << ", " << name << ": critical " << criticalKinds(r) << "\n"
                                        << reportToText(r);
    EXPECT_GE(r.score, 90.0) << GetParam() << ", " << name << "\n" << reportToText(r);
  }
  EXPECT_EQ(c["perfect"].score, 100.0) << reportToText(c["perfect"]);
  EXPECT_TRUE(c["perfect"].feedback.empty()) << reportToText(c["perfect"]);
}

// Unsafe or incomplete work fails, with the critical error that names the reason.
TEST_P(LibraryCalibration, UnsafeAttemptsFailWithTheirCriticalError) {
  const Calibration& c = calibration(GetParam());
  const auto expectCritical = [&](const char* name, std::initializer_list<FeedbackKind> kinds) {
    const ScoreReport& r = c[name];
    EXPECT_EQ(r.verdict, Verdict::Critical) << GetParam() << ", " << name << "\n" << reportToText(r);
    bool named = false;
    for (FeedbackKind k : kinds) named = named || hasCritical(r, k);
    EXPECT_TRUE(named) << GetParam() << ", " << name << ": critical errors " << criticalKinds(r) << "\n" << reportToText(r);
    EXPECT_LT(r.score, r.passMark) << GetParam() << ", " << name;
  };
  if (c.pointsWithDepthNotes < c.perfect.points.size()) expectCritical("tip in fat", {FeedbackKind::TipLayer});
  expectCritical("1 mL everywhere", {FeedbackKind::PointOverdose, FeedbackKind::TotalOverdose});
  if (c.perfect.points.size() >= 3) expectCritical("a third", {FeedbackKind::TooFewPoints});
  expectCritical("random", {FeedbackKind::TooFewPoints, FeedbackKind::WrongSide, FeedbackKind::NoGo, FeedbackKind::TipLayer});
  if (c.unilateral) expectCritical("wrong side", {FeedbackKind::WrongSide});
  else EXPECT_FALSE(hasCritical(c["wrong side"], FeedbackKind::WrongSide)) << GetParam() << ": a bilateral map mirrored is itself";
}

// An expert's ranking: exact work first, then small errors, then large ones; anything with a
// critical error below a valid alternative.
TEST_P(LibraryCalibration, ScoresFollowAnExpertsRanking) {
  const Calibration& c = calibration(GetParam());
  const auto score = [&](const char* name) { return c[name].score; };
  EXPECT_GE(score("perfect"), score("shuffled")) << GetParam();
  EXPECT_GE(score("shuffled"), score("3 mm off")) << GetParam();
  EXPECT_GE(score("3 mm off"), score("8 mm off")) << GetParam();
  for (const char* worse : {"one missing", "two extra", "depth +1 mm", "8 mm off"})
    EXPECT_LT(score(worse), score("perfect")) << GetParam() << ", " << worse;
  EXPECT_NE(c["valid alternative"].verdict, Verdict::Critical)
      << GetParam() << ": critical " << criticalKinds(c["valid alternative"]) << "\n" << reportToText(c["valid alternative"]);
  EXPECT_GE(score("valid alternative"), c["valid alternative"].passMark) << GetParam() << "\n"
                                                                         << reportToText(c["valid alternative"]);
  for (const auto& [name, r] : c.reports)
    if (r.verdict == Verdict::Critical)
      EXPECT_LT(r.score, score("valid alternative")) << GetParam() << ", " << name << " (critical: " << criticalKinds(r) << ")";
}

// No cliffs: the position score never rises as a point moves farther from its reference,
// 0..25 mm in 1 mm steps, and no step takes more than the credit curve's steepest millimetre.
// Each point is moved alone (moving the whole map can carry a point onto a neighbour's spot).
TEST_P(LibraryCalibration, PositionScoreFallsSteadilyWithDistance) {
  const Calibration& c = calibration(GetParam());
  for (size_t i = 0; i < c.perfect.points.size(); ++i) {
    const double tolerance = c.referenceOf(i).toleranceMm;
    const double free = std::min(scoring::kPositionFreeMm, tolerance);
    const double steepest = std::numbers::pi / 2.0 / (scoring::kMatchReachTolerances * tolerance - free);
    std::optional<double> previous;
    for (int mm = 0; mm <= 25; ++mm) {
      Attempt a = c.perfect;
      const auto moved = walked(a.points[i].positionMm, 0.0, double(mm));
      if (!moved) break;
      a.points[i].positionMm = *moved;
      const ScoreReport r = c.score(a);
      // The moved needle's own credit: once it is out of reach, the assignment may hand its
      // reference a neighbour's needle instead, which says nothing about this one.
      const PointResult& p = r.points[i];
      const double credit = p.traineeIndex == i ? p.positionScore : 0.0;
      if (previous) {
        EXPECT_LE(credit, *previous + 1e-9) << GetParam() << ", " << p.referenceId << ": credit rises at " << mm << " mm";
        EXPECT_GE(credit, *previous - 1.5 * steepest) << GetParam() << ", " << p.referenceId << ": a cliff at " << mm << " mm";
      }
      previous = credit;
    }
  }
}

// The table docs/scoring.md shows, printed for each scenario (ctest --output-on-failure, or run
// the test binary with --gtest_filter=*PrintsTheTable*).
TEST_P(LibraryCalibration, PrintsTheTable) {
  const Calibration& c = calibration(GetParam());
  std::printf("%s\n", GetParam().c_str());
  for (const auto& [name, r] : c.reports)
    std::printf("  %-18s %5.1f  %-8s %s\n", name.c_str(), r.score, toString(r.verdict),
                r.verdict == Verdict::Critical ? criticalKinds(r).c_str() : "");
  EXPECT_EQ(c.reports.size(), 15u);
}

INSTANTIATE_TEST_SUITE_P(Library, LibraryCalibration, testing::ValuesIn(libraryIds()),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace mesomap
