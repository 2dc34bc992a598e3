// The attempt reader's timestamps: ISO 8601 as the app and common tools write them, checked by a
// linear scan (a long fraction of a second overflowed std::regex's stack).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/base/error.h"

#include "core/protocol/attempt.h"

namespace mesomap {
namespace {

std::string attemptWithStart(const std::string& startedAt) {
  return R"({"format": "mesomap-attempt", "version": 1, "scenario": {"id": "knee_osteoarthritis_right"},
             "trainee": "t", "mode": "practice", "started_at": ")" + startedAt + R"(", "points": []})";
}

std::string problemsOf(const AttemptReadResult& r) {
  std::string all;
  for (const Problem& p : r.problems) all += p.path + ": " + p.message + "\n";
  return all;
}

TEST(AttemptIo, TimestampsTheAppAndCommonToolsWrite) {
  for (const char* ok : {"2026-11-21", "2026-11-21T14:03", "2026-11-21T14:03:00Z", "2026-11-21T14:03:00.25Z",
                         "2026-11-21T14:03:00+01:00", "2026-11-21T14:03:00-0530", "2026-11-21T14:03:00.123456789"}) {
    const AttemptReadResult r = parseAttempt(attemptWithStart(ok));
    EXPECT_TRUE(r.ok()) << ok << "\n" << problemsOf(r);
  }
  for (const char* bad : {"21/11/2026", "2026-11-21T14", "2026-11-21T14:03:00.", "2026-11-21T14:03:00ZZ",
                          "2026-11-21T14:03:00+1", "2026-11-21 14:03", "2026-11-21T14:03:00+01:00x"}) {
    const AttemptReadResult r = parseAttempt(attemptWithStart(bad));
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_NE(problemsOf(r).find("started_at"), std::string::npos) << bad << "\n" << problemsOf(r);
  }
}

// The body an attempt was made on travels with it (a parametric patient by its --patient text).
TEST(AttemptIo, TheBodyAndPatientRoundTrip) {
  Attempt a;
  a.scenarioId = "low_back_pain_chronic";
  a.body = "patient: female, 70 y, BMI 34, muscle 0.5, 160 cm";
  a.patient = "sex=0,age=70,bmi=34,muscle=0.5,height=160";
  const AttemptReadResult r = parseAttempt(attemptToJson(a));
  ASSERT_TRUE(r.ok()) << problemsOf(r);
  EXPECT_EQ(r.attempt->body, a.body);
  EXPECT_EQ(r.attempt->patient, a.patient);
  // Older files have neither: nothing is made up.
  const AttemptReadResult old = parseAttempt(attemptWithStart("2026-11-21"));
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(old.attempt->body.empty());
  EXPECT_TRUE(old.attempt->patient.empty());
}

TEST(AttemptIo, AHugeFractionOfASecondIsReadNotACrash) {
  const AttemptReadResult r = parseAttempt(attemptWithStart("2026-11-21T14:03:00." + std::string(90000, '9') + "Z"));
  EXPECT_TRUE(r.ok()) << problemsOf(r).substr(0, 300);
}

// Limits far above real use, with a message: the matching of 10^4 points took minutes and
// gigabytes before (issue 18).
TEST(AttemptIo, TooManyPointsOrTooLongTextsAreRefusedByPath) {
  std::string points;
  for (int i = 0; i < 501; ++i)
    points += std::string(i ? "," : "") + R"({"position_mm": [0, 1000, 100], "angle_deg": 45, "depth_mm": 1,
                                             "volume_ml": 0.1, "technique": "IDS"})";
  const std::string many = R"({"format": "mesomap-attempt", "version": 1, "scenario": {"id": "knee"},
                               "mode": "practice", "points": [)" + points + "]}";
  EXPECT_EQ(problemsOf(parseAttempt(many)), "points: 501 entries (at most 500)\n");
  const std::string longName = R"({"format": "mesomap-attempt", "version": 1, "scenario": {"id": "knee"},
                                   "mode": "practice", "trainee": ")" + std::string(100001, 'a') + R"(", "points": []})";
  EXPECT_EQ(problemsOf(parseAttempt(longName)), "trainee: 100001 characters (at most 100000)\n");
}

// A huge field name or value is quoted by its start and length: the message keeps its end (the
// problem), where a 5,000-character key left "points[1].xxxx..." and no problem in the app.
TEST(AttemptIo, AHugeFieldNameOrValueLeavesTheProblemInTheMessage) {
  const std::string key = std::string(4990, 'x') + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9";
  const std::string text = R"({"format": "mesomap-attempt", "version": 1, "scenario": {"id": "knee"}, "mode": "practice",
      "points": [{"position_mm": [0, 1000, 100], "angle_deg": 45, "depth_mm": 1, "volume_ml": 0.1,
                  "technique": "IDS"},
                 {"position_mm": [0, 1000, 100], "angle_deg": 45, "depth_mm": 1, "volume_ml": 0.1,
                  "technique": "I)" + std::string(3000, 'D') + R"(S", ")" + key + R"(": 1}]})";
  EXPECT_EQ(problemsOf(parseAttempt(text)),
            "points[1].technique: 'I" + std::string(39, 'D') +
                "... (3002 characters)' is not one of IED, IDS, IDP, NAP\n"
                "points[1]." + std::string(40, 'x') + "... (5000 characters): unknown field\n");
}

TEST(AttemptIo, AFileFarTooLargeIsRefusedBeforeReading) {
  const auto file = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "huge_attempt.json";
  std::filesystem::remove(file);
  { std::ofstream(file) << "{"; }
  std::filesystem::resize_file(file, uintmax_t(65) << 20);  // sparse: costs no disk
  try {
    readAttempt(file);
    ADD_FAILURE() << "a 65 MiB attempt file was read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("65 MiB (mesomap reads such files up to 64 MiB)"), std::string::npos)
        << e.what();
  }
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace mesomap
