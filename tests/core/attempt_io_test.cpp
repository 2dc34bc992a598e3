// The attempt reader's timestamps: ISO 8601 as the app and common tools write them, checked by a
// linear scan (a long fraction of a second overflowed std::regex's stack).
#include <gtest/gtest.h>

#include <string>

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

TEST(AttemptIo, AHugeFractionOfASecondIsReadNotACrash) {
  const AttemptReadResult r = parseAttempt(attemptWithStart("2026-11-21T14:03:00." + std::string(300000, '9') + "Z"));
  EXPECT_TRUE(r.ok()) << problemsOf(r).substr(0, 300);
}

}  // namespace
}  // namespace mesomap
