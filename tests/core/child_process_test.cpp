// runChild (core/base/child_process.h) on this platform's branch, and the isolated import's
// messages when its worker crashes, loops or is missing (core/import/import_worker.h).
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "core/base/child_process.h"
#include "core/base/error.h"
#include "core/import/assimp_import.h"
#include "core/import/import_worker.h"
#include "../scoped_variable.h"

namespace mesomap {
namespace {

using std::chrono::milliseconds;

const std::filesystem::path kShell = "/bin/sh";
const std::filesystem::path kOutput = std::filesystem::path(MESOMAP_TEST_OUTPUT) / "child_process";

ChildResult shell(const std::string& script, const std::string& input = "",
                  milliseconds timeout = milliseconds(20000)) {
  ChildOptions options;
  options.input = input;
  return runChild(kShell, {"-c", script}, options, timeout);
}

TEST(ChildProcess, ChildReadsItsInputAndAnswersWithItsExitStatus) {
  const ChildResult result = shell("tr a-z A-Z; exit 3", "hello, worker\n");
  EXPECT_EQ(result.output, "HELLO, WORKER\n");
  EXPECT_FALSE(result.exit.crashed);
  EXPECT_FALSE(result.exit.timedOut);
  EXPECT_EQ(result.exit.code, 3);
}

TEST(ChildProcess, ChildThatIgnoresItsInputCannotHurtTheParent) {
  // The input is written before the child starts: a child that exits at once costs nothing.
  const ChildResult result = shell("exit 0", std::string(kMaxChildInput, 'x'));
  EXPECT_EQ(result.exit.code, 0);
  EXPECT_THROW(shell("exit 0", std::string(kMaxChildInput + 1, 'x')), Error);
}

TEST(ChildProcess, ACrashIsNamedBySignal) {
  const ChildResult result = shell("kill -SEGV $$");
  EXPECT_TRUE(result.exit.crashed);
  EXPECT_EQ(result.exit.crashName, "signal 11, Segmentation fault");
}

TEST(ChildProcess, AChildPastItsDeadlineIsKilled) {
  const ChildResult result = shell("echo started; exec sleep 30", "", milliseconds(300));
  EXPECT_TRUE(result.exit.timedOut);
  EXPECT_FALSE(result.exit.crashed);  // killed by the parent, not crashed
  EXPECT_EQ(result.output, "started\n");
}

// One that answers and closes its stdout, then hangs in its exit (a stuck static destructor):
// killed at the same deadline, never waited for without end.
TEST(ChildProcess, AChildStuckAfterItsAnswerIsKilledAtTheDeadline) {
  const ChildResult result = shell("echo answer; exec >&-; exec sleep 30", "", milliseconds(300));
  EXPECT_EQ(result.output, "answer\n");
  EXPECT_TRUE(result.exit.timedOut);
  EXPECT_FALSE(result.exit.crashed);
}

TEST(ChildProcess, TheMemoryLimitReachesTheChild) {
  ChildOptions options;
  options.memoryLimitBytes = 123456789;
  const ChildResult result =
      runChild(kShell, {"-c", "printf %s \"$MESOMAP_CHILD_MEMORY_LIMIT\""}, options, milliseconds(20000));
  EXPECT_EQ(result.output, "123456789");
}

// What the child sees in GLIBC_TUNABLES when the parent's is `parent` (nullptr: unset).
std::string childTunables(const char* parent, bool hugePages) {
  const test_support::ScopedVariable tunables("GLIBC_TUNABLES", parent);
  ChildOptions options;
  options.hugePages = hugePages;
  return runChild(kShell, {"-c", "printf %s \"${GLIBC_TUNABLES-unset}\""}, options, milliseconds(20000)).output;
}

TEST(ChildProcess, HugePagesJoinTheUsersAllocatorSettings) {
  EXPECT_EQ(childTunables(nullptr, true), "glibc.malloc.hugetlb=1");
  EXPECT_EQ(childTunables("glibc.malloc.check=3", true), "glibc.malloc.check=3:glibc.malloc.hugetlb=1");
  EXPECT_EQ(childTunables("", true), "glibc.malloc.hugetlb=1");
  // The user's own choice for huge pages stands.
  EXPECT_EQ(childTunables("glibc.malloc.hugetlb=0", true), "glibc.malloc.hugetlb=0");
  // Not asked for: the environment passes through untouched.
  EXPECT_EQ(childTunables(nullptr, false), "unset");
  EXPECT_EQ(childTunables("glibc.malloc.check=3", false), "glibc.malloc.check=3");
}

TEST(ChildProcess, AMissingProgramIsNamed) {
  try {
    runChild("/nonexistent/worker", {}, {}, milliseconds(1000));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot start '/nonexistent/worker' (No such file or directory)");
  }
}

TEST(ChildProcess, CurrentExecutableIsThisTestProgram) {
  EXPECT_EQ(currentExecutable().filename(), "mesomap_core_tests");
}

// A stand-in worker: a shell script doing what a broken Assimp loader would.
std::string importErrorWithWorker(const std::string& name, const std::string& script) {
  std::filesystem::create_directories(kOutput);
  const std::filesystem::path worker = kOutput / name;
  std::ofstream(worker) << "#!/bin/sh\n" << script << "\n";
  std::filesystem::permissions(worker, std::filesystem::perms::owner_all);
  ::setenv(kImportWorkerVariable, worker.c_str(), 1);
  std::string message;
  try {
    importModelIsolated(MESOMAP_DEFAULT_MODEL, std::chrono::seconds(1));
  } catch (const Error& e) {
    message = e.what();
  }
  ::unsetenv(kImportWorkerVariable);
  return message;
}

TEST(IsolatedImport, AWorkerThatCrashesIsReportedAsACrash) {
  const std::string message = importErrorWithWorker("crashing-worker", "kill -SEGV $$");
  EXPECT_NE(message.find("human.zae': the importer crashed on this file (signal 11, Segmentation fault)"),
            std::string::npos)
      << message;
}

TEST(IsolatedImport, AWorkerThatLoopsIsStoppedAtTheDeadline) {
  const std::string message = importErrorWithWorker("looping-worker", "exec sleep 30");
  EXPECT_NE(message.find("the importer did not finish within 1 s"), std::string::npos) << message;
}

TEST(IsolatedImport, AWorkerThatAnswersNothingIsReported) {
  const std::string message = importErrorWithWorker("silent-worker", "exit 4");
  EXPECT_NE(message.find("the importer stopped without an answer (exit status 4)"), std::string::npos) << message;
}

TEST(IsolatedImport, AWrongWorkerVariableIsNamed) {
  ::setenv(kImportWorkerVariable, "/nonexistent/mesomap", 1);
  EXPECT_THROW(importWorkerProgram(), Error);
  ::unsetenv(kImportWorkerVariable);
}

TEST(IsolatedImport, TestProgramsUseTheWorkerBuiltNextToThem) {
  EXPECT_EQ(importWorkerProgram(), currentExecutable().parent_path() / kImportWorkerProgram);
}

}  // namespace
}  // namespace mesomap
