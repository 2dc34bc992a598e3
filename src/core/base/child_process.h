#pragma once
// Starting a helper program and collecting its answer, behind one interface for every platform:
// posix_spawn on Linux and macOS, CreateProcessW with a Job Object on Windows. Used by the
// isolated model import, which relaunches a mesomap program as a worker so that a loader that
// crashes, hangs or floods memory costs that worker, never the app.
//
// The child gets its whole input on stdin at once (written before it starts, so a child that
// dies early can never make the parent write into a closed pipe) and answers on stdout; stderr
// is shared with the parent.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mesomap {

struct ChildOptions {
  std::string input;  // the child's whole stdin; at most kMaxChildInput bytes
  // An address-space limit for the child, where the platform has one: a Job Object on Windows;
  // on Linux and macOS, RLIMIT_AS set by the child itself on top of what it already maps, via
  // applyParentMemoryLimit() (posix_spawn cannot set limits).
  std::optional<uint64_t> memoryLimitBytes;
  // Asks the child's allocator for transparent huge pages where the C library can (glibc's
  // malloc.hugetlb tunable; ignored elsewhere) and the kernel allows them (its THP setting
  // "madvise" or "always", as Debian's default is). A fresh process that builds a large answer
  // otherwise takes a page fault per 4 KiB it touches: importing a 1.8M-triangle OBJ made
  // 235,000 of them, over half the worker's time on a virtual machine.
  bool hugePages = false;
};

inline constexpr size_t kMaxChildInput = 4096;  // fits every platform's pipe buffer

// How the child ended.
struct ChildExit {
  bool timedOut = false;  // the deadline passed and the child was killed
  bool crashed = false;   // ended by a signal (POSIX) or an unhandled exception code (Windows)
  int code = 0;           // exit status, or the signal number / exception code when crashed
  std::string crashName;  // "signal 11, Segmentation fault", "access violation", ...: for messages
};

struct ChildResult {
  std::string output;  // everything the child wrote to stdout (up to the deadline)
  ChildExit exit;
};

// Runs `program arguments...` and collects stdout until the child closes it or `timeout`
// passes (then the child is killed). Throws Error(Io) when the program cannot be started,
// naming it and the reason.
ChildResult runChild(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                     const ChildOptions& options, std::chrono::milliseconds timeout);

// In the child: applies the limit its parent asked for in ChildOptions::memoryLimitBytes
// (POSIX; a no-op on Windows, where the Job Object already holds it). Returns the limit applied.
std::optional<uint64_t> applyParentMemoryLimit();

// In the child: reads all of stdin (binary), and takes stdout for the answer, pointing the
// C-level stdout at stderr so that a library printing to stdout cannot corrupt the answer.
std::string readAllStdin();
class AnswerChannel {
 public:
  AnswerChannel();  // call before any library runs
  void write(const std::string& bytes);

 private:
  intptr_t handle_;
};

// The running program's own file (empty where the platform cannot tell).
std::filesystem::path currentExecutable();

}  // namespace mesomap
