#pragma once
// Submissions waiting for the class server: one JSON file per submission in a folder of the
// user's data directory (<data>/class-queue/<uid>.json), each written atomically. A submission
// is queued before it is sent and its file removed only once the server has it, so a trainee who
// is offline, or whose connection drops midway, loses nothing; the server's unique uid makes a
// resend after a lost acknowledgement harmless.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/scoring/attempt_store.h"

namespace mesomap {

class OfflineQueue {
 public:
  explicit OfflineQueue(std::filesystem::path folder);

  void add(const Submission& submission);  // atomic; the same uid twice is one file
  void remove(const std::string& uid);
  // A submission the server refuses for good (attempts used up, not in the class): moved to
  // refused/<uid>.json with the reason beside it in refused/<uid>.txt, kept but no longer sent.
  void setAside(const std::string& uid, const std::string& reason);
  // Oldest submission first. A file that cannot be read is left in place and named in `problems`
  // ("class queue 'FILE': PROBLEM"), never dropped.
  std::vector<Submission> pending(std::vector<std::string>& problems) const;
  size_t size() const;
  const std::filesystem::path& folder() const { return folder_; }

  // What was set aside, oldest first, each with the server's reason: what the trainee is told
  // (the Class window) until they or their instructor deal with it.
  struct Refused {
    std::string uid, scenarioId, submittedAt, reason;
  };
  std::vector<Refused> refused() const;

 private:
  std::filesystem::path folder_;
};

std::string queuedSubmissionText(const Submission& submission);
Submission parseQueuedSubmission(const std::string& text);  // Error(InvalidInput) naming the field

struct SyncResult {
  size_t sent = 0;                    // recorded by the server (or found there already)
  size_t left = 0;                    // still queued: the server went away midway
  std::vector<std::string> refused;   // "UID: reason" of each submission the server refused, set aside
  std::vector<std::string> problems;  // unreadable queue files, kept for a person to look at
  std::string unreachable;            // why the server could not be reached, "" when it could
};

// Sends every queued submission, oldest first, removing each file once the server has it; stops
// at the first StoreUnreachable. One the server refuses is set aside, so it cannot block the rest.
// `afterRecord` (tests) runs between recording and removing.
SyncResult syncQueue(AttemptStore& store, OfflineQueue& queue,
                     const std::function<void(const Submission&)>& afterRecord = {});

// Where a store comes from: a connection string for the class server (see isPostgresConnection),
// else the SQLite file of that path, and "" for the user's own progress.sqlite in `dataDirectory`.
std::unique_ptr<AttemptStore> openAttemptStore(const std::string& connection,
                                               const std::filesystem::path& dataDirectory);

// $MESOMAP_CLASS_DB when set, else the settings' "classDatabase" (`fromSettings`).
std::string configuredClassDatabase(const std::string& fromSettings);

enum class SubmitOutcome { Recorded, Queued, Refused };
struct SubmitResult {
  SubmitOutcome outcome = SubmitOutcome::Queued;
  std::string message;  // why it waits or was refused
  bool late = false;    // Recorded, and marked late by the store (after the assignment's deadline)
};

// The trainee's submission to a class: queued first, then the queue synced when the server can
// be reached. Recorded: the server has it; Queued: it waits (message: why); Refused: the server
// refuses it for good (message: its reason), and it is set aside in the queue's refused/ folder.
SubmitResult submitToClass(const std::string& connection, const std::filesystem::path& dataDirectory,
                           OfflineQueue& queue, const Submission& submission);

}  // namespace mesomap
