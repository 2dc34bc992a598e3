#pragma once
// Where submitted attempts live, behind one interface: the embedded SQLite file for one person
// (progress_store.h) or a class server (core/classroom/postgres_store.h). Both keep the same
// schema version and the same class model, so the app, the CLI and the tests treat them alike.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/protocol/attempt.h"
#include "core/scoring/scoring.h"

namespace mesomap {

// What a store records for one submission: the attempt file, its score summary and an id that
// is the same wherever and however often the submission is sent (see submissionUid).
struct Submission {
  std::string uid;
  std::string classId;  // "" outside a class
  Attempt attempt;
  std::string attemptJson;  // attemptToJson(attempt), kept verbatim so the uid stays reproducible
  std::string scenarioId, scenarioTitle;
  double score = 0.0;
  bool passed = false, noGoViolated = false;
  std::vector<ComponentScore> components;
  std::string reportJson;

  static Submission of(const Attempt& attempt, const ScoreReport& report, const std::string& classId = "");
};

// The idempotency key: SHA-256 of the class, the scenario scored against and the attempt file
// (trainee, submission time and every point). A resent or replayed submission has the same key;
// a new one never does.
std::string submissionUid(const std::string& attemptJson, const std::string& classId, const std::string& scenarioId);

struct StoredAttempt {
  int64_t id = 0;
  std::string uid;  // "" for attempts from before schema 3
  std::string classId;
  std::string scenarioId, scenarioTitle, trainee, mode, submittedAt;
  double score = 0.0;
  bool passed = false;
  bool noGoViolated = false;
  std::vector<ComponentScore> components;
  std::string attemptJson;  // the attempt file, as `mesomap score` reads it
  std::string reportJson;   // its score report (reportToJson), "{}" for some before schema 2
  std::string body;         // the body it was made on ("" for attempts from before schema 2)
  std::string patient;      // its --patient text ("" before schema 3 or on a model file)
  bool late = false;        // submitted after its assignment's deadline (schema 4; set by the store)
};

struct ScenarioProgress {
  std::string scenarioId, scenarioTitle;
  size_t attempts = 0, passes = 0;
  double bestScore = 0.0, lastScore = 0.0;
};

enum class ClassRole { Instructor, Trainee };
const char* toString(ClassRole role);  // "instructor", "trainee"
std::optional<ClassRole> parseClassRole(const std::string& name);

struct ClassMember {
  std::string person;  // on a class server: the PostgreSQL login of that person
  ClassRole role = ClassRole::Trainee;
};

struct Assignment {
  int64_t id = 0;
  std::string classId, scenarioId;
  AttemptMode mode = AttemptMode::Practice;
  std::string patient;      // --patient text, "" for the scenario's own body
  std::string deadline;     // ISO 8601 UTC, "" for none
  int attemptsAllowed = 0;  // 0: as many as wanted
};

struct ClassInfo {
  std::string id, title;
};

// The server cannot be reached (down, network gone, connection lost midway). Callers queue the
// submission (core/classroom/offline_queue.h); every other Error is a real refusal.
class StoreUnreachable : public Error {
 public:
  explicit StoreUnreachable(const std::string& message) : Error(ErrorKind::Io, message) {}
};

// Seconds since 1970 of an ISO 8601 UTC time ("2026-12-20T18:00:00Z", fractions of a second and
// a "+00:00" zone accepted); nullopt for anything else.
std::optional<int64_t> parseUtcTime(const std::string& text);
// Error(InvalidInput) naming the deadline unless it is "" or parseUtcTime reads it.
void checkDeadline(const Assignment& assignment);
// The deadline policy: a submission is late when the earlier of its own time and the store's
// clock (`now`, seconds since 1970) is past the deadline. An attempt queued offline before the
// deadline keeps its time and is on time; a clock set ahead cannot make one later than it is.
// An unreadable submission time counts as `now`. A submission that reaches the store more than
// kLateSyncGraceSeconds after the deadline is late whatever time it claims: the grace is there
// for offline queues, and it is all a backdated clock can gain.
inline constexpr int64_t kLateSyncGraceSeconds = 2 * 24 * 3600;
bool submittedLate(const std::string& submittedAt, const std::string& deadline, int64_t now);

// The refusal when a trainee has used every attempt an assignment allows at a scenario.
Error attemptsUsedUp(const std::string& classId, const std::string& scenarioId, const std::string& trainee,
                     int64_t allowed);

class AttemptStore {
 public:
  virtual ~AttemptStore() = default;

  virtual int schemaVersion() const = 0;
  virtual std::string description() const = 0;  // "progress database 'FILE'", "class server host=..."

  // Stores a submission in one transaction and returns its id. Idempotent: a submission whose
  // uid is already stored is not stored again; its id is returned. A new submission to a class
  // whose assignment of that scenario allows N attempts, when the trainee has N there already:
  // Error(InvalidInput) from attemptsUsedUp (on a class server the server itself refuses it).
  // A submission past every deadline of its scenario's assignments is stored, marked late
  // (submittedLate): the instructor decides what a late attempt is worth.
  virtual int64_t record(const Submission& submission) = 0;
  int64_t record(const Attempt& attempt, const ScoreReport& report) { return record(Submission::of(attempt, report)); }

  // Oldest first; what the connected person may see.
  virtual std::vector<StoredAttempt> attempts(const std::string& scenarioId) const = 0;
  virtual std::vector<StoredAttempt> classAttempts(const std::string& classId) const = 0;
  virtual std::vector<ScenarioProgress> scenarios() const = 0;
  virtual size_t attemptCount() const = 0;

  // The class model. Creating a class or adding a member twice is an Error(InvalidInput) naming it.
  virtual void createClass(const ClassInfo& info) = 0;
  virtual void addMember(const std::string& classId, const ClassMember& member) = 0;
  virtual int64_t assign(const Assignment& assignment) = 0;
  virtual std::vector<ClassInfo> classes() const = 0;
  virtual std::vector<ClassMember> members(const std::string& classId) const = 0;
  virtual std::vector<Assignment> assignments(const std::string& classId) const = 0;
};

}  // namespace mesomap
