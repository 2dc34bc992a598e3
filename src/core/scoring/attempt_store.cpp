#include "core/scoring/attempt_store.h"

#include <algorithm>
#include <charconv>

#include "core/base/sha256.h"

namespace mesomap {

std::string submissionUid(const std::string& attemptJson, const std::string& classId, const std::string& scenarioId) {
  Sha256 hash;
  // Newline-separated: "a" + "bc" and "ab" + "c" must differ (ids hold no newline).
  hash.update(classId.data(), classId.size());
  hash.update("\n", 1);
  hash.update(scenarioId.data(), scenarioId.size());
  hash.update("\n", 1);
  hash.update(attemptJson.data(), attemptJson.size());
  return Sha256::hex(hash.finish());
}

Submission Submission::of(const Attempt& attempt, const ScoreReport& report, const std::string& classId) {
  Submission s;
  s.classId = classId;
  s.attempt = attempt;
  s.attemptJson = attemptToJson(attempt);
  s.scenarioId = report.scenarioId;
  s.uid = submissionUid(s.attemptJson, classId, s.scenarioId);
  s.scenarioTitle = report.scenarioTitle;
  s.score = report.score;
  s.passed = report.passed;
  s.noGoViolated = report.noGoViolated;
  s.components = report.components;
  s.reportJson = reportToJson(report);
  return s;
}

Error attemptsUsedUp(const std::string& classId, const std::string& scenarioId, const std::string& trainee,
                     int64_t allowed) {
  return Error(ErrorKind::InvalidInput, "class '" + classId + "': " + trainee + " has used the " +
                                            std::to_string(allowed) + " attempt(s) allowed at " + scenarioId);
}

namespace {

// Days from 1970-01-01 to a civil date (proleptic Gregorian; Howard Hinnant's published method).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int64_t(doe) - 719468;
}

// The number of `width` digits at `text[at]`, or -1.
int digitsAt(const std::string& text, size_t at, size_t width) {
  if (at + width > text.size()) return -1;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + width, value);
  return error == std::errc() && end == text.data() + at + width ? value : -1;
}

}  // namespace

std::optional<int64_t> parseUtcTime(const std::string& t) {
  // YYYY-MM-DDTHH:MM:SS, then optional .fraction, then Z or +00:00.
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' || t[16] != ':')
    return std::nullopt;
  const int y = digitsAt(t, 0, 4), mo = digitsAt(t, 5, 2), d = digitsAt(t, 8, 2);
  const int h = digitsAt(t, 11, 2), mi = digitsAt(t, 14, 2), s = digitsAt(t, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
    return std::nullopt;
  size_t at = 19;
  if (at < t.size() && t[at] == '.')
    for (++at; at < t.size() && t[at] >= '0' && t[at] <= '9';) ++at;
  const std::string zone = t.substr(at);
  if (zone != "Z" && zone != "+00:00" && zone != "+00") return std::nullopt;
  return daysFromCivil(y, unsigned(mo), unsigned(d)) * 86400 + h * 3600 + mi * 60 + s;
}

void checkDeadline(const Assignment& a) {
  if (!a.deadline.empty() && !parseUtcTime(a.deadline))
    throw Error(ErrorKind::InvalidInput, "class '" + a.classId + "': assignment of " + a.scenarioId + ": deadline '" +
                                             a.deadline + "' is not a UTC time like 2026-12-20T18:00:00Z");
}

bool submittedLate(const std::string& submittedAt, const std::string& deadline, int64_t now) {
  const auto due = parseUtcTime(deadline);
  if (!due) return false;
  const int64_t at = std::min(parseUtcTime(submittedAt).value_or(now), now);
  return at > *due || now > *due + kLateSyncGraceSeconds;
}

const char* toString(ClassRole role) { return role == ClassRole::Instructor ? "instructor" : "trainee"; }

std::optional<ClassRole> parseClassRole(const std::string& name) {
  if (name == "instructor") return ClassRole::Instructor;
  if (name == "trainee") return ClassRole::Trainee;
  return std::nullopt;
}

}  // namespace mesomap
