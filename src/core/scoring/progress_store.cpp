#include "core/scoring/progress_store.h"

#include <cstdlib>
#include <functional>

#include <sqlite3.h>

#include "core/base/error.h"
#include "core/base/fault_point.h"
#include "core/base/strings.h"

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
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "mesomap";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local" / "share" / "mesomap";
  return std::filesystem::current_path() / "mesomap-data";
}

ProgressStore::ProgressStore(const std::filesystem::path& file) : db_(std::make_unique<Db>()), file_(file) {
  const auto fail = [&](ErrorKind kind, const std::string& why) {
    throw Error(kind, "progress database " + quoted(file) + ": " + why);
  };
  if (sqlite3_open_v2(file.c_str(), &db_->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
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
  for (int v = version; v < kSchemaVersion; ++v) {
    // Each migration and its version bump commit together, so a crash leaves a consistent file.
    exec("BEGIN IMMEDIATE;");
    exec(kMigrations[v]);
    exec(("PRAGMA user_version = " + std::to_string(v + 1) + ";").c_str());
    exec("COMMIT;");
  }
}

ProgressStore::~ProgressStore() = default;

int ProgressStore::schemaVersion() const {
  Statement s(db_->handle, "PRAGMA user_version;", file_);
  return s.step() ? int(s.columnInteger(0)) : 0;
}

// An attempt is the same submission when its scenario, trainee, time stamp and whole content
// are: a submission interrupted after its COMMIT is recorded again from the autosave on the next
// start, and must not count twice.
int64_t ProgressStore::recordedId(const Attempt& attempt, const ScoreReport& report) const {
  Statement s(db_->handle,
              "SELECT id FROM attempt WHERE scenario_id = ? AND trainee = ? AND submitted_at = ? AND attempt_json = ?"
              " ORDER BY id LIMIT 1;",
              file_);
  s.text(1, report.scenarioId).text(2, attempt.trainee).text(3, attempt.submittedAt).text(4, attemptToJson(attempt));
  return s.step() ? s.columnInteger(0) : 0;
}

int64_t ProgressStore::record(const Attempt& attempt, const ScoreReport& report) {
  // Every step is checked: a COMMIT that fails (disk full, the file locked by another program)
  // must reach the caller, who then keeps the attempt elsewhere instead of losing it.
  const auto exec = [&](const char* sql) {
    if (sqlite3_exec(db_->handle, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
      throw Error(ErrorKind::Io, "progress database " + quoted(file_) + ": " + sqlite3_errmsg(db_->handle));
  };
  exec("BEGIN IMMEDIATE;");
  try {
    if (const int64_t id = recordedId(attempt, report); id != 0) {
      exec("COMMIT;");
      return id;
    }
    Statement insert(db_->handle,
                     "INSERT INTO attempt (scenario_id, scenario_title, trainee, mode, submitted_at, score, passed, no_go,"
                     " attempt_json, report_json, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);",
                     file_);
    insert.text(1, report.scenarioId).text(2, report.scenarioTitle).text(3, attempt.trainee).text(4, toString(attempt.mode))
        .text(5, attempt.submittedAt).number(6, report.score).integer(7, report.passed).integer(8, report.noGoViolated)
        .text(9, attemptToJson(attempt)).text(10, reportToJson(report)).text(11, attempt.body);
    if (sqlite3_step(insert.handle) != SQLITE_DONE)
      throw Error(ErrorKind::Io, "progress database " + quoted(file_) + ": " + sqlite3_errmsg(db_->handle));
    const int64_t id = sqlite3_last_insert_rowid(db_->handle);
    for (const ComponentScore& c : report.components) {
      Statement row(db_->handle, "INSERT INTO component (attempt_id, name, weight, applies, score) VALUES (?, ?, ?, ?, ?);",
                    file_);
      row.integer(1, id).text(2, c.name).number(3, c.weight).integer(4, c.applies).number(5, c.score);
      if (sqlite3_step(row.handle) != SQLITE_DONE)
        throw Error(ErrorKind::Io, "progress database " + quoted(file_) + ": " + sqlite3_errmsg(db_->handle));
    }
    faultPoint("progress-before-commit");
    exec("COMMIT;");
    return id;
  } catch (...) {
    sqlite3_exec(db_->handle, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<StoredAttempt> ProgressStore::attempts(const std::string& scenarioId) const {
  std::vector<StoredAttempt> out;
  Statement s(db_->handle,
              "SELECT id, scenario_id, scenario_title, trainee, mode, submitted_at, score, passed, no_go, attempt_json,"
              " body FROM attempt WHERE scenario_id = ? ORDER BY id;",
              file_);
  s.text(1, scenarioId);
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
    out.push_back(std::move(a));
  }
  for (StoredAttempt& a : out) {
    Statement c(db_->handle, "SELECT name, weight, applies, score FROM component WHERE attempt_id = ? ORDER BY rowid;", file_);
    c.integer(1, a.id);
    while (c.step()) a.components.push_back({c.columnText(0), c.columnNumber(1), c.columnInteger(2) != 0, c.columnNumber(3)});
  }
  return out;
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

}  // namespace mesomap
