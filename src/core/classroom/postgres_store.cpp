#include "core/classroom/postgres_store.h"

#include <charconv>
#include <map>

#include <libpq-fe.h>

#include "core/base/strings.h"

namespace mesomap {

namespace {

// Migration N brings the schema from version N-1 to N, as in the SQLite store (whose numbering
// it shares). Append; never edit a released one.
const char* const kMigrations[] = {
    // 1: attempts with their scores, and one row per component for trends.
    "CREATE TABLE attempt ("
    "  id BIGSERIAL PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL, trainee TEXT NOT NULL,"
    "  mode TEXT NOT NULL, submitted_at TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, passed BOOLEAN NOT NULL,"
    "  no_go BOOLEAN NOT NULL, attempt_json TEXT NOT NULL, report_json TEXT NOT NULL);"
    "CREATE INDEX attempt_by_scenario ON attempt(scenario_id, id);"
    "CREATE TABLE component ("
    "  attempt_id BIGINT NOT NULL REFERENCES attempt(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,"
    "  name TEXT NOT NULL, weight DOUBLE PRECISION NOT NULL, applies BOOLEAN NOT NULL,"
    "  score DOUBLE PRECISION NOT NULL, PRIMARY KEY (attempt_id, ordinal));",
    // 2: the body each attempt was made on.
    "ALTER TABLE attempt ADD COLUMN body TEXT NOT NULL DEFAULT '';",
    // 3: patient, submission uid and class; the class model; roles and row-level security. The
    // membership checks run as the schema's owner (SECURITY DEFINER) so that the policies on
    // class_member do not recurse into themselves; they are given the caller's name.
    "ALTER TABLE attempt ADD COLUMN patient TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE attempt ADD COLUMN uid TEXT UNIQUE;"
    "ALTER TABLE attempt ADD COLUMN class_id TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX attempt_by_class ON attempt(class_id, id);"
    "CREATE TABLE classroom (id TEXT PRIMARY KEY, title TEXT NOT NULL);"
    "CREATE TABLE class_member ("
    "  class_id TEXT NOT NULL REFERENCES classroom(id) ON DELETE CASCADE, person TEXT NOT NULL,"
    "  role TEXT NOT NULL CHECK (role IN ('instructor', 'trainee')), PRIMARY KEY (class_id, person));"
    "CREATE TABLE assignment ("
    "  id BIGSERIAL PRIMARY KEY, class_id TEXT NOT NULL REFERENCES classroom(id) ON DELETE CASCADE,"
    "  scenario_id TEXT NOT NULL, mode TEXT NOT NULL, patient TEXT NOT NULL, deadline TEXT NOT NULL,"
    "  attempts_allowed INTEGER NOT NULL CHECK (attempts_allowed >= 0));"
    "CREATE FUNCTION mesomap_instructs(class TEXT, who TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER"
    "  SET search_path FROM CURRENT AS"
    "  $$ SELECT EXISTS (SELECT 1 FROM class_member"
    "                    WHERE class_id = class AND person = who AND role = 'instructor') $$;"
    "CREATE FUNCTION mesomap_member_of(class TEXT, who TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER"
    "  SET search_path FROM CURRENT AS"
    "  $$ SELECT EXISTS (SELECT 1 FROM class_member WHERE class_id = class AND person = who) $$;"
    "DO $$ BEGIN"
    "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mesomap_trainee') THEN"
    "    CREATE ROLE mesomap_trainee NOLOGIN; END IF;"
    "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mesomap_instructor') THEN"
    "    CREATE ROLE mesomap_instructor NOLOGIN; END IF;"
    "END $$;"
    "GRANT SELECT, INSERT ON attempt, component TO mesomap_trainee, mesomap_instructor;"
    "GRANT USAGE ON SEQUENCE attempt_id_seq TO mesomap_trainee, mesomap_instructor;"
    "GRANT SELECT ON classroom, class_member, assignment TO mesomap_trainee, mesomap_instructor;"
    "GRANT INSERT ON class_member, assignment TO mesomap_instructor;"
    "GRANT USAGE ON SEQUENCE assignment_id_seq TO mesomap_instructor;"
    "ALTER TABLE attempt ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY attempt_read ON attempt FOR SELECT"
    "  USING (trainee = current_user OR mesomap_instructs(class_id, current_user));"
    "CREATE POLICY attempt_submit ON attempt FOR INSERT"
    "  WITH CHECK (trainee = current_user AND (class_id = '' OR mesomap_member_of(class_id, current_user)));"
    "ALTER TABLE component ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY component_read ON component FOR SELECT"
    "  USING (EXISTS (SELECT 1 FROM attempt a WHERE a.id = attempt_id));"
    "CREATE POLICY component_submit ON component FOR INSERT"
    "  WITH CHECK (EXISTS (SELECT 1 FROM attempt a WHERE a.id = attempt_id AND a.trainee = current_user));"
    "ALTER TABLE classroom ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY classroom_read ON classroom FOR SELECT USING (mesomap_member_of(id, current_user));"
    "ALTER TABLE class_member ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY member_read ON class_member FOR SELECT"
    "  USING (person = current_user OR mesomap_instructs(class_id, current_user));"
    "CREATE POLICY member_add ON class_member FOR INSERT"
    "  WITH CHECK (role = 'trainee' AND mesomap_instructs(class_id, current_user));"
    "ALTER TABLE assignment ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY assignment_read ON assignment FOR SELECT USING (mesomap_member_of(class_id, current_user));"
    "CREATE POLICY assignment_add ON assignment FOR INSERT WITH CHECK (mesomap_instructs(class_id, current_user));",
    // 4: the assignment's policies, kept by the server whatever client inserts the row: the
    // attempts allowed (a refusal, SQLSTATE MM001, its message for the trainee) and the deadline
    // (the row is marked late). One submission at a time per trainee, class and scenario (the
    // advisory lock, and a count that sees what the lock's previous holder committed: refused
    // under REPEATABLE READ, whose snapshot predates the lock), so two racing cannot both take the
    // last attempt; a resend of a stored submission inserts nothing instead of counting as one
    // more. Times are read in UTC whatever the session's TimeZone; a submitted_at that is not a
    // finite time counts as now, and an attempt that reaches the server more than two days after
    // the deadline is late whatever time it claims (a backdated clock gains at most that grace,
    // which is there for offline queues).
    "ALTER TABLE attempt ADD COLUMN late BOOLEAN NOT NULL DEFAULT false;"
    "CREATE FUNCTION mesomap_attempt_policy() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
    "  SET search_path FROM CURRENT SET TimeZone TO 'UTC' AS $$"
    "DECLARE allowed INTEGER; used BIGINT; submitted TIMESTAMPTZ;"
    "BEGIN"
    "  NEW.late := false;"
    "  IF NEW.class_id = '' THEN RETURN NEW; END IF;"
    "  IF current_setting('transaction_isolation') = 'repeatable read' THEN"
    "    RAISE EXCEPTION USING ERRCODE = '0A000', MESSAGE ="
    "      'class submissions need READ COMMITTED or SERIALIZABLE isolation, not REPEATABLE READ';"
    "  END IF;"
    "  PERFORM pg_advisory_xact_lock(hashtext(NEW.class_id || chr(10) || NEW.scenario_id || chr(10) || NEW.trainee));"
    "  IF NEW.uid IS NOT NULL AND EXISTS (SELECT 1 FROM attempt WHERE uid = NEW.uid) THEN RETURN NULL; END IF;"
    "  SELECT a.attempts_allowed INTO allowed FROM assignment a WHERE a.class_id = NEW.class_id"
    "    AND a.scenario_id = NEW.scenario_id AND a.attempts_allowed > 0 ORDER BY a.attempts_allowed DESC LIMIT 1;"
    "  IF allowed IS NOT NULL THEN"
    "    SELECT COUNT(*) INTO used FROM attempt t WHERE t.class_id = NEW.class_id AND t.scenario_id = NEW.scenario_id"
    "      AND t.trainee = NEW.trainee;"
    "    IF used >= allowed THEN"
    "      RAISE EXCEPTION USING ERRCODE = 'MM001', MESSAGE = format("
    "        'class ''%s'': %s has used the %s attempt(s) allowed at %s',"
    "        NEW.class_id, NEW.trainee, allowed, NEW.scenario_id);"
    "    END IF;"
    "  END IF;"
    "  BEGIN submitted := LEAST(NEW.submitted_at::timestamptz, now());"
    "  EXCEPTION WHEN others THEN submitted := now(); END;"
    "  IF NOT isfinite(submitted) THEN submitted := now(); END IF;"
    "  BEGIN"
    "    NEW.late := EXISTS (SELECT 1 FROM assignment a WHERE a.class_id = NEW.class_id"
    "        AND a.scenario_id = NEW.scenario_id)"
    "      AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.class_id = NEW.class_id"
    "        AND a.scenario_id = NEW.scenario_id AND (a.deadline = '' OR (a.deadline::timestamptz >= submitted"
    "        AND a.deadline::timestamptz + interval '2 days' >= now())));"
    "  EXCEPTION WHEN others THEN NEW.late := false;"  // a deadline stored unreadable before schema 4
    "  END;"
    "  RETURN NEW;"
    "END $$;"
    "CREATE TRIGGER attempt_policy BEFORE INSERT ON attempt FOR EACH ROW EXECUTE FUNCTION mesomap_attempt_policy();"
    "ALTER TABLE assignment ADD CONSTRAINT assignment_deadline_is_a_time"
    "  CHECK (deadline = '' OR deadline ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}') NOT VALID;",
};
static_assert(std::size(kMigrations) == PostgresStore::kSchemaVersion);

// The SQLSTATE of migration 4's refusals.
constexpr const char* kPolicyRefusal = "MM001";

// Any key; the same for every mesomap, so concurrent first connections migrate one at a time.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7236418835);";

// libpq's messages end in a newline (and may span lines): one line for ours.
std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  for (char& c : s)
    if (c == '\n') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// Shortest text that reads back as the same double.
std::string exactNumber(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

struct Result {
  PGresult* handle = nullptr;
  explicit Result(PGresult* r) : handle(r) {}
  Result(Result&& other) noexcept : handle(other.handle) { other.handle = nullptr; }
  ~Result() { PQclear(handle); }
  int rows() const { return PQntuples(handle); }
  std::string text(int row, int column) const { return PQgetvalue(handle, row, column); }
  int64_t integer(int row, int column) const { return std::stoll(text(row, column)); }
  double number(int row, int column) const { return std::stod(text(row, column)); }
  bool flag(int row, int column) const { return text(row, column) == "t"; }
};

}  // namespace

struct PostgresStore::Connection {
  PGconn* handle = nullptr;
  std::string description;
  ~Connection() { PQfinish(handle); }

  // Runs one statement; "$1".. take `params`. Throws StoreUnreachable when the connection is
  // gone, Error(InvalidInput) for a duplicate key, Error(Io) for every other refusal.
  Result run(const std::string& sql, const std::vector<std::string>& params = {}) const {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    Result r(PQexecParams(handle, sql.c_str(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
    const ExecStatusType status = PQresultStatus(r.handle);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
    const std::string message = trimmed(PQerrorMessage(handle));
    if (PQstatus(handle) == CONNECTION_BAD) throw StoreUnreachable(description + ": connection lost: " + message);
    const char* state = PQresultErrorField(r.handle, PG_DIAG_SQLSTATE);
    // A policy's refusal is said to the trainee as it is, without the server's decoration.
    if (state && std::string(state) == kPolicyRefusal)
      throw Error(ErrorKind::InvalidInput, trimmed(PQresultErrorField(r.handle, PG_DIAG_MESSAGE_PRIMARY)));
    const bool duplicate = state && std::string(state) == "23505";
    throw Error(duplicate ? ErrorKind::InvalidInput : ErrorKind::Io, description + ": " + message);
  }
  void runScript(const char* sql) const {
    Result r(PQexec(handle, sql));
    if (PQresultStatus(r.handle) == PGRES_COMMAND_OK || PQresultStatus(r.handle) == PGRES_TUPLES_OK) return;
    const std::string message = trimmed(PQerrorMessage(handle));
    if (PQstatus(handle) == CONNECTION_BAD) throw StoreUnreachable(description + ": connection lost: " + message);
    throw Error(ErrorKind::Io, description + ": " + message);
  }
  void rollback() const { PQclear(PQexec(handle, "ROLLBACK;")); }
};

bool isPostgresConnection(const std::string& connection) {
  if (connection.starts_with("postgresql://") || connection.starts_with("postgres://")) return true;
  // A keyword/value string ("host=/tmp dbname=class"); a SQLite path has no '='.
  return connection.find('=') != std::string::npos;
}

PostgresStore::PostgresStore(const std::string& connection) : db_(std::make_unique<Connection>()) {
  // connect_timeout first: the connection string's own value, if any, overrides it.
  const char* keywords[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"5", connection.c_str(), nullptr};
  db_->handle = PQconnectdbParams(keywords, values, 1);
  if (PQstatus(db_->handle) != CONNECTION_OK)
    throw StoreUnreachable("class server: cannot connect (" + trimmed(PQerrorMessage(db_->handle)) + ")");
  db_->description = "class server '" + std::string(PQdb(db_->handle)) + " on " + PQhost(db_->handle) + ":" +
                     PQport(db_->handle) + " as " + PQuser(db_->handle) + "'";
  PQsetNoticeProcessor(
      db_->handle, [](void*, const char*) {}, nullptr);
  migrate();
}

PostgresStore::~PostgresStore() = default;

std::string PostgresStore::description() const { return db_->description; }

int PostgresStore::schemaVersion() const {
  const Result r = db_->run("SELECT CASE WHEN to_regclass('mesomap_schema') IS NULL THEN 0 ELSE 1 END;");
  if (r.integer(0, 0) == 0) return 0;
  const Result v = db_->run("SELECT version FROM mesomap_schema;");
  return v.rows() == 0 ? 0 : int(v.integer(0, 0));
}

void PostgresStore::migrate() {
  const int found = schemaVersion();
  if (found > kSchemaVersion)
    throw Error(ErrorKind::InvalidInput, description() + ": written by a newer mesomap (schema " +
                                             std::to_string(found) + ", this one reads up to " +
                                             std::to_string(kSchemaVersion) + "); upgrade mesomap");
  if (found == kSchemaVersion) return;  // trainees and instructors never need the right to migrate
  try {
    // All migrations in one transaction (PostgreSQL's DDL is transactional): the schema is
    // either as it was or fully current. The version is read again under the lock.
    db_->runScript("BEGIN;");
    db_->runScript(kMigrationLock);
    db_->runScript(
        "CREATE TABLE IF NOT EXISTS mesomap_schema (version INTEGER NOT NULL);"
        "INSERT INTO mesomap_schema SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM mesomap_schema);"
        "GRANT SELECT ON mesomap_schema TO PUBLIC;");
    for (int v = schemaVersion(); v < kSchemaVersion; ++v) {
      db_->runScript(kMigrations[v]);
      db_->run("UPDATE mesomap_schema SET version = $1;", {std::to_string(v + 1)});
    }
    db_->runScript("COMMIT;");
  } catch (const StoreUnreachable&) {
    throw;
  } catch (const Error& e) {
    db_->rollback();
    throw Error(ErrorKind::Io, std::string(e.what()) + " (bringing the schema from version " + std::to_string(found) +
                                   " to " + std::to_string(kSchemaVersion) +
                                   " needs the class server's owner to connect once)");
  }
}

std::string PostgresStore::person() const { return db_->run("SELECT current_user;").text(0, 0); }

int64_t PostgresStore::record(const Submission& s) {
  try {
    db_->runScript("BEGIN;");
    const Attempt& a = s.attempt;
    // The same submission sent again is found before the attempts allowed are counted: it is
    // one of them already.
    if (const Result existing = db_->run("SELECT id FROM attempt WHERE uid = $1;", {s.uid}); existing.rows() > 0) {
      db_->runScript("COMMIT;");
      return existing.integer(0, 0);
    }
    // The attempts allowed and the deadline are the server's to enforce (migration 4's trigger).
    const Result inserted = db_->run(
        "INSERT INTO attempt (scenario_id, scenario_title, trainee, mode, submitted_at, score, passed, no_go,"
        " attempt_json, report_json, body, patient, uid, class_id)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        " ON CONFLICT (uid) DO NOTHING RETURNING id;",
        {s.scenarioId, s.scenarioTitle, a.trainee, toString(a.mode), a.submittedAt, exactNumber(s.score),
         s.passed ? "t" : "f", s.noGoViolated ? "t" : "f", s.attemptJson, s.reportJson, a.body, a.patient, s.uid,
         s.classId});
    if (inserted.rows() == 0) {  // already stored: the same submission sent again
      const Result existing = db_->run("SELECT id FROM attempt WHERE uid = $1;", {s.uid});
      db_->runScript("COMMIT;");
      if (existing.rows() == 0)
        throw Error(ErrorKind::InvalidInput, description() + ": submission " + s.uid + " is stored under another name");
      return existing.integer(0, 0);
    }
    const std::string id = inserted.text(0, 0);
    for (size_t i = 0; i < s.components.size(); ++i) {
      const ComponentScore& c = s.components[i];
      db_->run(
          "INSERT INTO component (attempt_id, ordinal, name, weight, applies, score) VALUES ($1, $2, $3, $4, $5, $6);",
          {id, std::to_string(i), c.name, exactNumber(c.weight), c.applies ? "t" : "f", exactNumber(c.score)});
    }
    db_->runScript("COMMIT;");
    return std::stoll(id);
  } catch (const StoreUnreachable&) {
    throw;  // nothing to roll back on a dead connection; the server discards the transaction
  } catch (...) {
    db_->rollback();
    throw;
  }
}

std::vector<StoredAttempt> PostgresStore::selectAttempts(const char* where, const std::string& key) const {
  const Result r = db_->run(std::string("SELECT id, scenario_id, scenario_title, trainee, mode, submitted_at, score,"
                                        " passed, no_go, attempt_json, body, patient, COALESCE(uid, ''), class_id,"
                                        " report_json, late FROM attempt WHERE ") +
                                where + " = $1 ORDER BY id;",
                            {key});
  std::vector<StoredAttempt> out;
  std::map<int64_t, size_t> byId;
  for (int i = 0; i < r.rows(); ++i) {
    StoredAttempt a;
    a.id = r.integer(i, 0);
    a.scenarioId = r.text(i, 1);
    a.scenarioTitle = r.text(i, 2);
    a.trainee = r.text(i, 3);
    a.mode = r.text(i, 4);
    a.submittedAt = r.text(i, 5);
    a.score = r.number(i, 6);
    a.passed = r.flag(i, 7);
    a.noGoViolated = r.flag(i, 8);
    a.attemptJson = r.text(i, 9);
    a.body = r.text(i, 10);
    a.patient = r.text(i, 11);
    a.uid = r.text(i, 12);
    a.classId = r.text(i, 13);
    a.reportJson = r.text(i, 14);
    a.late = r.flag(i, 15);
    byId[a.id] = out.size();
    out.push_back(std::move(a));
  }
  // One query for every attempt's components (RLS filters it exactly as the attempts).
  const Result c = db_->run(std::string("SELECT c.attempt_id, c.name, c.weight, c.applies, c.score FROM component c"
                                        " JOIN attempt a ON a.id = c.attempt_id WHERE a.") +
                                where + " = $1 ORDER BY c.attempt_id, c.ordinal;",
                            {key});
  for (int i = 0; i < c.rows(); ++i)
    if (const auto it = byId.find(c.integer(i, 0)); it != byId.end())
      out[it->second].components.push_back({c.text(i, 1), c.number(i, 2), c.flag(i, 3), c.number(i, 4)});
  return out;
}

std::vector<StoredAttempt> PostgresStore::attempts(const std::string& scenarioId) const {
  return selectAttempts("scenario_id", scenarioId);
}

std::vector<StoredAttempt> PostgresStore::classAttempts(const std::string& classId) const {
  return selectAttempts("class_id", classId);
}

size_t PostgresStore::attemptCount() const { return size_t(db_->run("SELECT COUNT(*) FROM attempt;").integer(0, 0)); }

std::vector<ScenarioProgress> PostgresStore::scenarios() const {
  const Result r = db_->run(
      "SELECT scenario_id, MAX(scenario_title), COUNT(*), SUM(passed::int), MAX(score),"
      " (array_agg(score ORDER BY id DESC))[1] FROM attempt GROUP BY scenario_id ORDER BY scenario_id;");
  std::vector<ScenarioProgress> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(
        {r.text(i, 0), r.text(i, 1), size_t(r.integer(i, 2)), size_t(r.integer(i, 3)), r.number(i, 4), r.number(i, 5)});
  return out;
}

void PostgresStore::createClass(const ClassInfo& info) {
  try {
    db_->run("INSERT INTO classroom (id, title) VALUES ($1, $2);", {info.id, info.title});
  } catch (const StoreUnreachable&) {
    throw;
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::InvalidInput)
      throw Error(ErrorKind::InvalidInput, description() + ": class " + quotedText(info.id) + ": already exists");
    throw;
  }
}

void PostgresStore::addMember(const std::string& classId, const ClassMember& member) {
  db_->run("INSERT INTO class_member (class_id, person, role) VALUES ($1, $2, $3);",
           {classId, member.person, toString(member.role)});
}

int64_t PostgresStore::assign(const Assignment& a) {
  checkDeadline(a);
  return db_
      ->run(
          "INSERT INTO assignment (class_id, scenario_id, mode, patient, deadline, attempts_allowed)"
          " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id;",
          {a.classId, a.scenarioId, toString(a.mode), a.patient, a.deadline, std::to_string(a.attemptsAllowed)})
      .integer(0, 0);
}

std::vector<ClassInfo> PostgresStore::classes() const {
  const Result r = db_->run("SELECT id, title FROM classroom ORDER BY id;");
  std::vector<ClassInfo> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1)});
  return out;
}

std::vector<ClassMember> PostgresStore::members(const std::string& classId) const {
  const Result r =
      db_->run("SELECT person, role FROM class_member WHERE class_id = $1 ORDER BY role, person;", {classId});
  std::vector<ClassMember> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.text(i, 0), parseClassRole(r.text(i, 1)).value_or(ClassRole::Trainee)});
  return out;
}

std::vector<Assignment> PostgresStore::assignments(const std::string& classId) const {
  const Result r = db_->run(
      "SELECT id, class_id, scenario_id, mode, patient, deadline, attempts_allowed FROM assignment"
      " WHERE class_id = $1 ORDER BY id;",
      {classId});
  std::vector<Assignment> out;
  for (int i = 0; i < r.rows(); ++i) {
    Assignment a;
    a.id = r.integer(i, 0);
    a.classId = r.text(i, 1);
    a.scenarioId = r.text(i, 2);
    a.mode = parseAttemptMode(r.text(i, 3)).value_or(AttemptMode::Practice);
    a.patient = r.text(i, 4);
    a.deadline = r.text(i, 5);
    a.attemptsAllowed = int(r.integer(i, 6));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace mesomap
