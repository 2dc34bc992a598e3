#include "core/classroom/offline_queue.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/base/safe_write.h"
#include "core/base/strings.h"
#include "core/classroom/postgres_store.h"
#include "core/scoring/progress_store.h"

namespace mesomap {

namespace {

constexpr const char* kQueueFormat = "mesomap-queued-submission";
constexpr int kQueueVersion = 1;

// The uid is a hex digest; anything else would not be a safe file name.
bool isSafeUid(const std::string& uid) {
  return !uid.empty() && uid.size() <= 128 &&
         std::all_of(uid.begin(), uid.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

std::string queuedSubmissionText(const Submission& s) {
  nlohmann::ordered_json j;
  j["format"] = kQueueFormat;
  j["version"] = kQueueVersion;
  j["uid"] = s.uid;
  j["class"] = s.classId;
  j["attempt"] = s.attemptJson;  // verbatim text: the uid is its digest
  j["scenario_id"] = s.scenarioId;
  j["scenario_title"] = s.scenarioTitle;
  j["score"] = s.score;
  j["passed"] = s.passed;
  j["no_go_violated"] = s.noGoViolated;
  nlohmann::ordered_json components = nlohmann::ordered_json::array();
  for (const ComponentScore& c : s.components)
    components.push_back({{"name", c.name}, {"weight", c.weight}, {"applies", c.applies}, {"score", c.score}});
  j["components"] = components;
  j["report"] = s.reportJson;
  return j.dump(2) + "\n";
}

Submission parseQueuedSubmission(const std::string& text) {
  const auto bad = [](const std::string& why) { return Error(ErrorKind::InvalidInput, why); };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw bad(std::string("not JSON (") + e.what() + ")");
  }
  if (!j.is_object() || j.value("format", "") != kQueueFormat)
    throw bad("format: not \"" + std::string(kQueueFormat) + "\"");
  if (j.value("version", 0) != kQueueVersion)
    throw bad("version: " + j.value("version", nlohmann::json()).dump() + " is not " + std::to_string(kQueueVersion));
  Submission s;
  try {
    s.uid = j.at("uid").get<std::string>();
    s.classId = j.at("class").get<std::string>();
    s.attemptJson = j.at("attempt").get<std::string>();
    s.scenarioId = j.at("scenario_id").get<std::string>();
    s.scenarioTitle = j.at("scenario_title").get<std::string>();
    s.score = j.at("score").get<double>();
    s.passed = j.at("passed").get<bool>();
    s.noGoViolated = j.at("no_go_violated").get<bool>();
    for (const auto& c : j.at("components"))
      s.components.push_back({c.at("name").get<std::string>(), c.at("weight").get<double>(),
                              c.at("applies").get<bool>(), c.at("score").get<double>()});
    s.reportJson = j.at("report").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    throw bad(std::string("a field is missing or of the wrong type (") + e.what() + ")");
  }
  if (!isSafeUid(s.uid)) throw bad("uid: \"" + s.uid + "\" is not a submission id");
  if (submissionUid(s.attemptJson, s.classId, s.scenarioId) != s.uid)
    throw bad("uid: does not match the attempt (edited by hand?)");
  AttemptReadResult attempt = parseAttempt(s.attemptJson);
  if (!attempt.ok())
    throw bad("attempt: " + (attempt.problems.empty() ? std::string("unreadable")
                                                      : attempt.problems[0].path + ": " + attempt.problems[0].message));
  s.attempt = std::move(*attempt.attempt);
  return s;
}

OfflineQueue::OfflineQueue(std::filesystem::path folder) : folder_(std::move(folder)) {}

void OfflineQueue::add(const Submission& submission) {
  if (!isSafeUid(submission.uid)) throw Error(ErrorKind::InvalidInput, "class queue: submission without an id");
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  if (error) throw Error(ErrorKind::Io, "class queue " + quoted(folder_) + ": cannot create (" + error.message() + ")");
  writeFileAtomically(folder_ / (submission.uid + ".json"), queuedSubmissionText(submission));
}

void OfflineQueue::remove(const std::string& uid) {
  std::error_code error;
  if (isSafeUid(uid)) std::filesystem::remove(folder_ / (uid + ".json"), error);
  if (error)
    throw Error(ErrorKind::Io,
                "class queue " + quoted(folder_) + ": cannot remove " + uid + " (" + error.message() + ")");
}

void OfflineQueue::setAside(const std::string& uid, const std::string& reason) {
  if (!isSafeUid(uid)) return;
  const auto refused = folder_ / "refused";
  std::error_code error;
  std::filesystem::create_directories(refused, error);
  if (!error) writeFileAtomically(refused / (uid + ".txt"), reason + "\n");
  if (!error) std::filesystem::rename(folder_ / (uid + ".json"), refused / (uid + ".json"), error);
  if (error)
    throw Error(ErrorKind::Io,
                "class queue " + quoted(folder_) + ": cannot set " + uid + " aside (" + error.message() + ")");
}

std::vector<Submission> OfflineQueue::pending(std::vector<std::string>& problems) const {
  std::vector<Submission> out;
  std::error_code error;
  if (!std::filesystem::is_directory(folder_, error)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(folder_, error)) {
    if (entry.path().extension() != ".json") continue;  // temporary files of a write in progress
    try {
      out.push_back(parseQueuedSubmission(readWholeFile(entry.path(), "class queue")));
    } catch (const Error& e) {
      problems.push_back("class queue " + quoted(entry.path()) + ": " + e.what());
    }
  }
  std::sort(out.begin(), out.end(), [](const Submission& a, const Submission& b) {
    return std::tie(a.attempt.submittedAt, a.uid) < std::tie(b.attempt.submittedAt, b.uid);
  });
  return out;
}

std::vector<OfflineQueue::Refused> OfflineQueue::refused() const {
  std::vector<Refused> out;
  std::error_code error;
  const auto folder = folder_ / "refused";
  if (!std::filesystem::is_directory(folder, error)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() != ".json") continue;
    Refused r;
    r.uid = entry.path().stem().string();
    try {
      const Submission s = parseQueuedSubmission(readWholeFile(entry.path(), "class queue"));
      r.scenarioId = s.scenarioId;
      r.submittedAt = s.attempt.submittedAt;
    } catch (const Error& e) {
      r.reason = e.what();  // still listed: a person has to look at it
    }
    auto reasonFile = entry.path();
    reasonFile.replace_extension(".txt");
    if (r.reason.empty() && std::filesystem::exists(reasonFile, error)) {
      r.reason = readWholeFile(reasonFile, "class queue");
      while (!r.reason.empty() && r.reason.back() == '\n') r.reason.pop_back();
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const Refused& a, const Refused& b) {
    return std::tie(a.submittedAt, a.uid) < std::tie(b.submittedAt, b.uid);
  });
  return out;
}

size_t OfflineQueue::size() const {
  std::vector<std::string> ignored;
  return pending(ignored).size();
}

SyncResult syncQueue(AttemptStore& store, OfflineQueue& queue,
                     const std::function<void(const Submission&)>& afterRecord) {
  SyncResult result;
  const std::vector<Submission> pending = queue.pending(result.problems);
  for (size_t i = 0; i < pending.size(); ++i) {
    try {
      store.record(pending[i]);
    } catch (const StoreUnreachable& e) {
      result.unreachable = e.what();
      result.left = pending.size() - i;
      return result;
    } catch (const Error& e) {
      queue.setAside(pending[i].uid, e.what());
      result.refused.push_back(pending[i].uid + ": " + e.what());
      continue;
    }
    if (afterRecord) afterRecord(pending[i]);
    queue.remove(pending[i].uid);
    ++result.sent;
  }
  return result;
}

std::unique_ptr<AttemptStore> openAttemptStore(const std::string& connection,
                                               const std::filesystem::path& dataDirectory) {
  if (connection.empty()) return std::make_unique<ProgressStore>(dataDirectory / "progress.sqlite");
  if (isPostgresConnection(connection)) return std::make_unique<PostgresStore>(connection);
  return std::make_unique<ProgressStore>(connection);
}

std::string configuredClassDatabase(const std::string& fromSettings) {
  if (const char* env = std::getenv("MESOMAP_CLASS_DB"); env && *env) return env;
  return fromSettings;
}

namespace {

// Whether the store marked the submission late, so the trainee hears it as they submit. A trainee
// reads only their own attempts on a server; a failure to read costs only this remark.
bool recordedLate(AttemptStore& store, const Submission& submission) {
  try {
    for (const StoredAttempt& attempt : store.classAttempts(submission.classId))
      if (attempt.uid == submission.uid) return attempt.late;
  } catch (const Error&) {
  }
  return false;
}

}  // namespace

SubmitResult submitToClass(const std::string& connection, const std::filesystem::path& dataDirectory,
                           OfflineQueue& queue, const Submission& submission) {
  queue.add(submission);  // first: from here on a crash or a dead server loses nothing
  std::unique_ptr<AttemptStore> store;
  try {
    store = openAttemptStore(connection, dataDirectory);
  } catch (const StoreUnreachable& e) {
    return {SubmitOutcome::Queued, e.what()};
  }
  const SyncResult sync = syncQueue(*store, queue);
  for (const std::string& refusal : sync.refused)
    if (refusal.starts_with(submission.uid + ": "))
      return {SubmitOutcome::Refused, refusal.substr(submission.uid.size() + 2)};
  if (sync.left > 0) return {SubmitOutcome::Queued, sync.unreachable};
  return {SubmitOutcome::Recorded, "", recordedLate(*store, submission)};
}

}  // namespace mesomap
