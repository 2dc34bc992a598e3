#include "core/scoring/progress_store.h"

#include <cstdlib>
#include <ctime>
#include <functional>

#include <sqlite3.h>

#include "core/base/error.h"
#include "core/base/fault_point.h"
#include "core/base/platform_dirs.h"
#include "core/base/strings.h"
#include "core/base/utf8_path.h"

namespace mesomap {

namespace {

// Migration N brings the schema from version N-1 to N. Append; never edit a released one.
const char* const kMigrations[] = {
    // 1: attempts with their scores, and one row per component for trends.
    "CREATE TABLE attempt ("
    "  id INTEGER PRIMARY KEY,"
    "  scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL, trainee TEXT NOT NULL, mode TEXT NOT NULL,"
    "  submitted_at TEXT NOT NULL, score REAL NOT NULL, passed INTEGER NOT NULL, no_go INTEGER NOT NULL,"
    "  attempt_json TEXT NOT NULL, report_json TEXT NOT NULL);"
    "CREATE INDEX attempt_by_scenario ON attempt(scenario_id, id);"
    "CREATE TABLE component ("
    "  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL, weight REAL NOT NULL, applies INTEGER NOT NULL, score REAL NOT NULL,"
    "  PRIMARY KEY (attempt_id, name));",
    // 2: the body each attempt was made on (a model file name, or "patient: female, 70 y, ...");
    // older attempts read as made on an unnamed body.
    "ALTER TABLE attempt ADD COLUMN body TEXT NOT NULL DEFAULT '';",
    // 3: the patient text, the idempotent submission id (NULL before: such attempts are matched
    // by content), the class an attempt was submitted to, and the class model.
    "ALTER TABLE attempt ADD COLUMN patient TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE attempt ADD COLUMN uid TEXT;"
    "ALTER TABLE attempt ADD COLUMN class_id TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX attempt_by_uid ON attempt(uid);"
    "CREATE INDEX attempt_by_class ON attempt(class_id, id);"
    "CREATE TABLE classroom (id TEXT PRIMARY KEY, title TEXT NOT NULL);"
    "CREATE TABLE class_member ("
    "  class_id TEXT NOT NULL REFERENCES classroom(id) ON DELETE CASCADE, person TEXT NOT NULL,"
    "  role TEXT NOT NULL CHECK (role IN ('instructor', 'trainee')), PRIMARY KEY (class_id, person));"
    "CREATE TABLE assignment ("
    "  id INTEGER PRIMARY KEY, class_id TEXT NOT NULL REFERENCES classroom(id) ON DELETE CASCADE,"
    "  scenario_id TEXT NOT NULL, mode TEXT NOT NULL, patient TEXT NOT NULL, deadline TEXT NOT NULL,"
    "  attempts_allowed INTEGER NOT NULL CHECK (attempts_allowed >= 0));",
    // 4: whether an attempt came after its assignment's deadline (set by the store, not the sender).
    "ALTER TABLE attempt ADD COLUMN late INTEGER NOT NULL DEFAULT 0;",
};
static_assert(std::size(kMigrations) == ProgressStore::kSchemaVersion);

struct Statement {
  sqlite3_stmt* handle = nullptr;
  Statement(sqlite3* db, const char* sql, const std::filesystem::path& file) {
    if (sqlite3_prepare_v2(db, sql, -1, &handle, nullptr) != SQLITE_OK)
      throw Error(ErrorKind::Io, "progress database " + quoted(file) + ": " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(handle); }
  Statement& text(int i, const std::string& v) {
    sqlite3_bind_text(handle, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& number(int i, double v) {
    sqlite3_bind_double(handle, i, v);
    return *this;
  }
  Statement& integer(int i, int64_t v) {
    sqlite3_bind_int64(handle, i, v);
    return *this;
  }
  bool step() { return sqlite3_step(handle) == SQLITE_ROW; }
  std::string columnText(int i) const {
    const auto* p = sqlite3_column_text(handle, i);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  double columnNumber(int i) const { return sqlite3_column_double(handle, i); }
  int64_t columnInteger(int i) const { return sqlite3_column_int64(handle, i); }
};

}  // namespace

struct ProgressStore::Db {
  sqlite3* handle = nullptr;
  ~Db() { sqlite3_close(handle); }
};

std::filesystem::path userDataDirectory() {
  const std::filesystem::path folder = appFolder(AppFolder::Data);  // XDG, %APPDATA%, Application Support
  return folder.empty() ? std::filesystem::current_path() / "mesomap-data" : folder;
}

ProgressStore::ProgressStore(const std::filesystem::path& file) : db_(std::make_unique<Db>()), file_(file) {
  const auto fail = [&](ErrorKind kind, const std::string& why) {
    throw Error(kind, "progress database " + quoted(file) + ": " + why);
  };
  if (sqlite3_open_v2(utf8(file).c_str(), &db_->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    fail(ErrorKind::Io, std::string("cannot open (") + sqlite3_errmsg(db_->handle) + ")");
  sqlite3_busy_timeout(db_->handle, 2000);
  const auto exec = [&](const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_->handle, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string why = message ? message : "unknown error";
      sqlite3_free(message);
      // SQLITE_NOTADB shows up on the first statement: a file that is not a database.
      fail(why.find("not a database") != std::string::npos ? ErrorKind::InvalidInput : ErrorKind::Io, why);
    }
  };
  exec("PRAGMA foreign_keys = ON;");
  const int version = schemaVersion();
  if (version > kSchemaVersion)
    fail(ErrorKind::InvalidInput, "written by a newer mesomap (schema " + std::to_string(version) + ", this one reads up to " +
                                      std::to_string(kSchemaVersion) + "); upgrade mesomap");
  for (int v = version; v < kSchemaVersion;) {
    // Each migration and its version bump commit together, so a crash leaves a consistent file.
    // The version is read again under the write lock: another process may have migrated first.
    exec("BEGIN IMMEDIATE;");
    v = schemaVersion();
    if (v < kSchemaVersion) {
      exec(kMigrations[v]);
      exec(("PRAGMA user_version = " + std::to_string(v + 1) + ";").c_str());
    }
    exec("COMMIT;");
  }
}

ProgressStore::~ProgressStore() = default;

int ProgressStore::schemaVersion() const {
  Statement s(db_->handle, "PRAGMA user_version;", file_);
  return s.step() ? int(s.columnInteger(0)) : 0;
}

std::string ProgressStore::description() const { return "progress database " + quoted(file_); }

void ProgressStore::execute(const char* sql) const {
  if (sqlite3_exec(db_->handle, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
    throw Error(ErrorKind::Io, description() + ": " + sqlite3_errmsg(db_->handle));
}

// The same submission: its uid, or for attempts stored before schema 3 (no uid) its scenario,
// trainee, time stamp and whole content. A submission interrupted after its COMMIT is recorded
// again from the autosave on the next start, and must not count twice.
int64_t ProgressStore::recordedId(const Submission& submission) const {
  Statement byUid(db_->handle, "SELECT id FROM attempt WHERE uid = ?;", file_);
  byUid.text(1, submission.uid);
  if (byUid.step()) return byUid.columnInteger(0);
  Statement s(db_->handle,
              "SELECT id FROM attempt WHERE uid IS NULL AND scenario_id = ? AND trainee = ? AND submitted_at = ?"
              " AND attempt_json = ? ORDER BY id LIMIT 1;",
              file_);
  s.text(1, submission.scenarioId).text(2, submission.attempt.trainee).text(3, submission.attempt.submittedAt)
      .text(4, submission.attemptJson);
  return s.step() ? s.columnInteger(0) : 0;
}

// Late when the submission is past the deadline of every assignment of its scenario in its
// class (one without a deadline keeps it on time); the same policy as the class server's trigger.
bool ProgressStore::isLate(const Submission& submission) const {
  if (submission.classId.empty()) return false;
  Statement s(db_->handle, "SELECT deadline FROM assignment WHERE class_id = ? AND scenario_id = ?;", file_);
  s.text(1, submission.classId).text(2, submission.scenarioId);
  const int64_t now = int64_t(std::time(nullptr));
  bool any = false;
  while (s.step()) {
    any = true;
    if (!submittedLate(submission.attempt.submittedAt, s.columnText(0), now)) return false;
  }
  return any;
}

int64_t ProgressStore::record(const Submission& submission) {
  // Every step is checked: a COMMIT that fails (disk full, the file locked by another program)
  // must reach the caller, who then keeps the attempt elsewhere instead of losing it.
  const auto failed = [&] { return Error(ErrorKind::Io, description() + ": " + sqlite3_errmsg(db_->handle)); };
  execute("BEGIN IMMEDIATE;");
  try {
    if (const int64_t id = recordedId(submission); id != 0) {
      execute("COMMIT;");
      return id;
    }
    const Attempt& attempt = submission.attempt;
    if (!submission.classId.empty()) {
      Statement limit(db_->handle,
                      "SELECT a.attempts_allowed, (SELECT COUNT(*) FROM attempt t WHERE t.class_id = ?1"
                      " AND t.scenario_id = ?2 AND t.trainee = ?3) FROM assignment a WHERE a.class_id = ?1"
                      " AND a.scenario_id = ?2 AND a.attempts_allowed > 0 ORDER BY a.attempts_allowed DESC LIMIT 1;",
                      file_);
      limit.text(1, submission.classId).text(2, submission.scenarioId).text(3, attempt.trainee);
      if (limit.step() && limit.columnInteger(1) >= limit.columnInteger(0))
        throw attemptsUsedUp(submission.classId, submission.scenarioId, attempt.trainee, limit.columnInteger(0));
    }
    const bool late = isLate(submission);
    Statement insert(db_->handle,
                     "INSERT INTO attempt (scenario_id, scenario_title, trainee, mode, submitted_at, score, passed,"
                     " no_go, attempt_json, report_json, body, patient, uid, class_id, late)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);",
                     file_);
    insert.text(1, submission.scenarioId).text(2, submission.scenarioTitle).text(3, attempt.trainee)
        .text(4, toString(attempt.mode)).text(5, attempt.submittedAt).number(6, submission.score)
        .integer(7, submission.passed).integer(8, submission.noGoViolated).text(9, submission.attemptJson)
        .text(10, submission.reportJson).text(11, attempt.body).text(12, attempt.patient).text(13, submission.uid)
        .text(14, submission.classId).integer(15, late);
    if (sqlite3_step(insert.handle) != SQLITE_DONE) throw failed();
    const int64_t id = sqlite3_last_insert_rowid(db_->handle);
    for (const ComponentScore& c : submission.components) {
      Statement row(db_->handle, "INSERT INTO component (attempt_id, name, weight, applies, score) VALUES (?, ?, ?, ?, ?);",
                    file_);
      row.integer(1, id).text(2, c.name).number(3, c.weight).integer(4, c.applies).number(5, c.score);
      if (sqlite3_step(row.handle) != SQLITE_DONE) throw failed();
    }
    faultPoint("progress-before-commit");
    execute("COMMIT;");
    return id;
  } catch (...) {
    sqlite3_exec(db_->handle, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<StoredAttempt> ProgressStore::selectAttempts(const char* where, const std::string& key) const {
  std::vector<StoredAttempt> out;
  const std::string sql =
      std::string("SELECT id, scenario_id, scenario_title, trainee, mode, submitted_at, score, passed, no_go, attempt_json,"
                  " body, patient, COALESCE(uid, ''), class_id, report_json, late FROM attempt WHERE ") +
      where + " = ? ORDER BY id;";
  Statement s(db_->handle, sql.c_str(), file_);
  s.text(1, key);
  while (s.step()) {
    StoredAttempt a;
    a.id = s.columnInteger(0);
    a.scenarioId = s.columnText(1);
    a.scenarioTitle = s.columnText(2);
    a.trainee = s.columnText(3);
    a.mode = s.columnText(4);
    a.submittedAt = s.columnText(5);
    a.score = s.columnNumber(6);
    a.passed = s.columnInteger(7) != 0;
    a.noGoViolated = s.columnInteger(8) != 0;
    a.attemptJson = s.columnText(9);
    a.body = s.columnText(10);
    a.patient = s.columnText(11);
    a.uid = s.columnText(12);
    a.classId = s.columnText(13);
    a.reportJson = s.columnText(14);
    a.late = s.columnInteger(15) != 0;
    out.push_back(std::move(a));
  }
  Statement c(db_->handle, "SELECT name, weight, applies, score FROM component WHERE attempt_id = ? ORDER BY rowid;", file_);
  for (StoredAttempt& a : out) {
    sqlite3_reset(c.handle);
    c.integer(1, a.id);
    while (c.step()) a.components.push_back({c.columnText(0), c.columnNumber(1), c.columnInteger(2) != 0, c.columnNumber(3)});
  }
  return out;
}

std::vector<StoredAttempt> ProgressStore::attempts(const std::string& scenarioId) const {
  return selectAttempts("scenario_id", scenarioId);
}

std::vector<StoredAttempt> ProgressStore::classAttempts(const std::string& classId) const {
  return selectAttempts("class_id", classId);
}

size_t ProgressStore::attemptCount() const {
  Statement s(db_->handle, "SELECT COUNT(*) FROM attempt;", file_);
  return s.step() ? size_t(s.columnInteger(0)) : 0;
}

std::vector<ScenarioProgress> ProgressStore::scenarios() const {
  std::vector<ScenarioProgress> out;
  Statement s(db_->handle,
              "SELECT scenario_id, MAX(scenario_title), COUNT(*), SUM(passed), MAX(score),"
              " (SELECT score FROM attempt last WHERE last.scenario_id = a.scenario_id ORDER BY id DESC LIMIT 1)"
              " FROM attempt a GROUP BY scenario_id ORDER BY scenario_id;",
              file_);
  while (s.step())
    out.push_back({s.columnText(0), s.columnText(1), size_t(s.columnInteger(2)), size_t(s.columnInteger(3)),
                   s.columnNumber(4), s.columnNumber(5)});
  return out;
}

void ProgressStore::createClass(const ClassInfo& info) {
  Statement s(db_->handle, "INSERT INTO classroom (id, title) VALUES (?, ?);", file_);
  s.text(1, info.id).text(2, info.title);
  if (sqlite3_step(s.handle) != SQLITE_DONE)
    throw Error(sqlite3_errcode(db_->handle) == SQLITE_CONSTRAINT ? ErrorKind::InvalidInput : ErrorKind::Io,
                description() + ": class " + quotedText(info.id) + ": " +
                    (sqlite3_errcode(db_->handle) == SQLITE_CONSTRAINT ? "already exists" : sqlite3_errmsg(db_->handle)));
}

void ProgressStore::addMember(const std::string& classId, const ClassMember& member) {
  Statement s(db_->handle, "INSERT INTO class_member (class_id, person, role) VALUES (?, ?, ?);", file_);
  s.text(1, classId).text(2, member.person).text(3, toString(member.role));
  if (sqlite3_step(s.handle) != SQLITE_DONE)
    throw Error(ErrorKind::InvalidInput, description() + ": class " + quotedText(classId) + ": cannot add " +
                                             quotedText(member.person) + " (" + sqlite3_errmsg(db_->handle) +
                                             "; the class must exist and the person be new to it)");
}

int64_t ProgressStore::assign(const Assignment& a) {
  checkDeadline(a);
  Statement s(db_->handle,
              "INSERT INTO assignment (class_id, scenario_id, mode, patient, deadline, attempts_allowed)"
              " VALUES (?, ?, ?, ?, ?, ?);",
              file_);
  s.text(1, a.classId).text(2, a.scenarioId).text(3, toString(a.mode)).text(4, a.patient).text(5, a.deadline)
      .integer(6, a.attemptsAllowed);
  if (sqlite3_step(s.handle) != SQLITE_DONE)
    throw Error(ErrorKind::InvalidInput, description() + ": class " + quotedText(a.classId) + ": cannot assign " +
                                             quotedText(a.scenarioId) + " (" + sqlite3_errmsg(db_->handle) + ")");
  return sqlite3_last_insert_rowid(db_->handle);
}

std::vector<ClassInfo> ProgressStore::classes() const {
  std::vector<ClassInfo> out;
  Statement s(db_->handle, "SELECT id, title FROM classroom ORDER BY id;", file_);
  while (s.step()) out.push_back({s.columnText(0), s.columnText(1)});
  return out;
}

std::vector<ClassMember> ProgressStore::members(const std::string& classId) const {
  std::vector<ClassMember> out;
  Statement s(db_->handle, "SELECT person, role FROM class_member WHERE class_id = ? ORDER BY role, person;", file_);
  s.text(1, classId);
  while (s.step()) out.push_back({s.columnText(0), parseClassRole(s.columnText(1)).value_or(ClassRole::Trainee)});
  return out;
}

std::vector<Assignment> ProgressStore::assignments(const std::string& classId) const {
  std::vector<Assignment> out;
  Statement s(db_->handle,
              "SELECT id, class_id, scenario_id, mode, patient, deadline, attempts_allowed FROM assignment"
              " WHERE class_id = ? ORDER BY id;",
              file_);
  s.text(1, classId);
  while (s.step()) {
    Assignment a;
    a.id = s.columnInteger(0);
    a.classId = s.columnText(1);
    a.scenarioId = s.columnText(2);
    a.mode = parseAttemptMode(s.columnText(3)).value_or(AttemptMode::Practice);
    a.patient = s.columnText(4);
    a.deadline = s.columnText(5);
    a.attemptsAllowed = int(s.columnInteger(6));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace mesomap
