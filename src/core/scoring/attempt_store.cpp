#include "core/scoring/attempt_store.h"

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

const char* toString(ClassRole role) { return role == ClassRole::Instructor ? "instructor" : "trainee"; }

std::optional<ClassRole> parseClassRole(const std::string& name) {
  if (name == "instructor") return ClassRole::Instructor;
  if (name == "trainee") return ClassRole::Trainee;
  return std::nullopt;
}

}  // namespace mesomap
