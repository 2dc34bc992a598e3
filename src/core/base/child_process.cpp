// runChild and the worker side of it, per platform. The POSIX branch (Linux, macOS) is built and
// tested here; the Windows branch is written against the documented Win32 API and waits for a
// Windows build to compile it.
#include "core/base/child_process.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "core/base/error.h"
#include "core/base/strings.h"

#if defined(_WIN32)
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#else
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#if defined(__APPLE__)
#include <mach-o/dyld.h>
#endif
extern char** environ;
#endif

namespace mesomap {

namespace {

// How the POSIX parent hands ChildOptions::memoryLimitBytes to its child.
constexpr const char* kMemoryLimitVariable = "MESOMAP_CHILD_MEMORY_LIMIT";

std::string startFailure(const std::filesystem::path& program, const std::string& reason) {
  return "cannot start " + quoted(program) + " (" + reason + ")";
}

}  // namespace

#if !defined(_WIN32)

namespace {

struct Pipe {
  int read = -1;
  int write = -1;
};

// Both ends close-on-exec: only the copies dup2'd onto the child's stdin/stdout reach it.
bool makePipe(Pipe& pipe) {
  int fds[2];
#if defined(__linux__)
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
#else
  if (::pipe(fds) != 0) return false;
  ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
#endif
  pipe = {fds[0], fds[1]};
  return true;
}

void closeIfOpen(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

bool writeAll(int fd, const char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

constexpr const char* kTunablesPrefix = "GLIBC_TUNABLES=";
constexpr const char* kHugePagesTunable = "glibc.malloc.hugetlb=1";

// glibc reads its tunables once, at start-up, from one colon-separated variable: the huge-page
// setting joins whatever the user already set there (a setting of theirs for it wins).
void askForHugePages(std::vector<std::string>& entries) {
  for (std::string& entry : entries) {
    if (entry.rfind(kTunablesPrefix, 0) != 0) continue;
    if (entry.find("glibc.malloc.hugetlb=") == std::string::npos)
      entry += (entry.size() > std::strlen(kTunablesPrefix) ? ":" : "") + std::string(kHugePagesTunable);
    return;
  }
  entries.push_back(std::string(kTunablesPrefix) + kHugePagesTunable);
}

// The parent's environment with the memory limit replaced (or removed), and huge pages asked for.
std::vector<std::string> childEnvironment(const ChildOptions& options) {
  std::vector<std::string> entries;
  const std::string prefix = std::string(kMemoryLimitVariable) + "=";
  for (char** e = environ; e && *e; ++e) {
    if (std::strncmp(*e, prefix.c_str(), prefix.size()) != 0) entries.emplace_back(*e);
  }
  if (options.memoryLimitBytes) entries.push_back(prefix + std::to_string(*options.memoryLimitBytes));
  if (options.hugePages) askForHugePages(entries);
  return entries;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& s : strings) result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

// posix_spawn with stdin/stdout on the given pipe ends; returns the pid or throws.
pid_t spawnWithPipes(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                     const ChildOptions& options, int stdinFd, int stdoutFd) {
  std::vector<std::string> argv{program.string()};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::vector<std::string> env = childEnvironment(options);
  std::vector<char*> argvPointers = pointers(argv), envPointers = pointers(env);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdinFd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stdoutFd, STDOUT_FILENO);
  // The child starts with no blocked signals and SIGPIPE at its default, whatever the app set.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, pipeSignal;
  sigemptyset(&none);
  sigemptyset(&pipeSignal);
  sigaddset(&pipeSignal, SIGPIPE);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &pipeSignal);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  pid_t pid = -1;
  const int failed =
      ::posix_spawn(&pid, program.c_str(), &actions, &attributes, argvPointers.data(), envPointers.data());
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) throw Error(ErrorKind::Io, startFailure(program, std::strerror(failed)));
  return pid;
}

// Reads until end of file or the deadline; false when the deadline passed first.
bool readUntil(int fd, std::chrono::steady_clock::time_point deadline, std::string& output) {
  char buffer[1 << 16];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready <= 0) continue;  // EINTR or a timeout: the deadline check above decides
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;  // the child closed its stdout
    output.append(buffer, static_cast<size_t>(n));
  }
}

ChildExit exitOf(int status, bool killed) {
  ChildExit exit;
  exit.timedOut = killed;
  if (WIFSIGNALED(status)) {
    exit.crashed = !killed;
    exit.code = WTERMSIG(status);
    exit.crashName = "signal " + std::to_string(exit.code) + ", " + ::strsignal(exit.code);
  } else if (WIFEXITED(status)) {
    exit.code = WEXITSTATUS(status);
  }
  return exit;
}

// A child that closed its stdout normally exits at once; one stuck in its exit (a static
// destructor, an atexit handler) is killed at the deadline like one that never answered.
ChildExit waitForExit(pid_t pid, bool kill, std::chrono::steady_clock::time_point deadline) {
  int status = 0;
  while (!kill) {
    const pid_t ended = ::waitpid(pid, &status, WNOHANG);
    if (ended == pid) return exitOf(status, false);
    if (ended < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() >= deadline) kill = true;
    else std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (kill) ::kill(pid, SIGKILL);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return exitOf(status, kill);
}

uint64_t currentAddressSpace() {
#if defined(__linux__)
  long pages = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld", &pages) != 1) pages = 0;
    std::fclose(f);
  }
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
#else
  return 0;  // macOS: a fresh worker maps little; the budget alone is the limit
#endif
}

}  // namespace

ChildResult runChild(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                     const ChildOptions& options, std::chrono::milliseconds timeout) {
  if (options.input.size() > kMaxChildInput)
    throw Error(ErrorKind::Io, startFailure(program, "its input is over " + std::to_string(kMaxChildInput) + " bytes"));
  Pipe in, out;
  if (!makePipe(in)) throw Error(ErrorKind::Io, startFailure(program, "no pipe: " + std::string(std::strerror(errno))));
  if (!makePipe(out)) {
    closeIfOpen(in.read);
    closeIfOpen(in.write);
    throw Error(ErrorKind::Io, startFailure(program, "no pipe: " + std::string(std::strerror(errno))));
  }
  // The whole input goes into the pipe's buffer before the child exists: no SIGPIPE, no deadlock.
  writeAll(in.write, options.input.data(), options.input.size());
  closeIfOpen(in.write);
  pid_t pid = -1;
  try {
    pid = spawnWithPipes(program, arguments, options, in.read, out.write);
  } catch (...) {
    closeIfOpen(in.read);
    closeIfOpen(out.read);
    closeIfOpen(out.write);
    throw;
  }
  closeIfOpen(in.read);
  closeIfOpen(out.write);
  ChildResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const bool finished = readUntil(out.read, deadline, result.output);
  closeIfOpen(out.read);
  result.exit = waitForExit(pid, !finished, deadline);
  return result;
}

std::optional<uint64_t> applyParentMemoryLimit() {
  const char* value = std::getenv(kMemoryLimitVariable);
  if (!value) return std::nullopt;
  char* end = nullptr;
  const unsigned long long budget = std::strtoull(value, &end, 10);
  if (end == value || *end != '\0') return std::nullopt;
  rlimit limit{};
  limit.rlim_cur = limit.rlim_max = currentAddressSpace() + budget;
  ::setrlimit(RLIMIT_AS, &limit);
  return budget;
}

std::string readAllStdin() {
  std::string input;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return input;
    input.append(buffer, static_cast<size_t>(n));
  }
}

AnswerChannel::AnswerChannel() {
  std::fflush(stdout);
  const int answer = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  handle_ = answer;
}

void AnswerChannel::write(const std::string& bytes) {
  const int fd = static_cast<int>(handle_);
  if (fd < 0) return;
  writeAll(fd, bytes.data(), bytes.size());
  ::close(fd);
  handle_ = -1;
}

std::filesystem::path currentExecutable() {
  std::error_code ec;
#if defined(__linux__)
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return self;
#elif defined(__APPLE__)
  uint32_t size = 0;
  _NSGetExecutablePath(nullptr, &size);  // asks for the size
  std::string buffer(size, '\0');
  if (_NSGetExecutablePath(buffer.data(), &size) == 0) {
    std::filesystem::path self = std::filesystem::weakly_canonical(buffer.c_str(), ec);
    if (!ec) return self;
  }
#endif
  return {};
}

#else  // _WIN32

namespace {

std::wstring widen(const std::string& utf8) {
  if (utf8.empty()) return {};
  const int size = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  std::wstring wide(static_cast<size_t>(size), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), wide.data(), size);
  return wide;
}

std::string lastErrorText() { return "Windows error " + std::to_string(GetLastError()); }

// One argument quoted the way CommandLineToArgvW and the C runtime split it back: backslashes
// are literal except before a quote, where they are doubled.
std::wstring quoteArgument(const std::wstring& argument) {
  std::wstring quoted = L"\"";
  size_t backslashes = 0;
  for (wchar_t c : argument) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    quoted.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
    backslashes = 0;
    quoted.push_back(c);
  }
  quoted.append(backslashes * 2, L'\\');
  return quoted + L"\"";
}

struct Handles {  // closes what it holds
  HANDLE inRead = nullptr, inWrite = nullptr, outRead = nullptr, outWrite = nullptr, job = nullptr;
  HANDLE errorCopy = nullptr;  // an inheritable copy of this process's stderr, when it has one
  PROCESS_INFORMATION process{};
  ~Handles() {
    for (HANDLE h : {inRead, inWrite, outRead, outWrite, job, errorCopy, process.hThread, process.hProcess})
      if (h) CloseHandle(h);
  }
};

void closeHandle(HANDLE& h) {
  if (h) CloseHandle(h);
  h = nullptr;
}

// A Job Object that kills the child with the job and holds its memory limit.
HANDLE makeJob(const std::optional<uint64_t>& memoryLimit) {
  HANDLE job = CreateJobObjectW(nullptr, nullptr);
  if (!job) return nullptr;
  JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
  limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
  if (memoryLimit) {
    limits.BasicLimitInformation.LimitFlags |= JOB_OBJECT_LIMIT_PROCESS_MEMORY;
    limits.ProcessMemoryLimit = static_cast<SIZE_T>(*memoryLimit);
  }
  SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof limits);
  return job;
}

// CreateProcessW, suspended until it is in the job, inheriting only its two pipe ends and stderr.
void startProcess(const std::filesystem::path& program, const std::vector<std::string>& arguments, Handles& h) {
  std::wstring commandLine = quoteArgument(program.wstring());
  for (const auto& argument : arguments) commandLine += L" " + quoteArgument(widen(argument));
  // A handle list may name only inheritable handles: stderr (none in a GUI program) is duplicated.
  const HANDLE error = GetStdHandle(STD_ERROR_HANDLE);
  if (error && error != INVALID_HANDLE_VALUE)
    DuplicateHandle(GetCurrentProcess(), error, GetCurrentProcess(), &h.errorCopy, 0, TRUE, DUPLICATE_SAME_ACCESS);
  HANDLE inherited[3] = {h.inRead, h.outWrite, h.errorCopy};
  SIZE_T listSize = 0;
  InitializeProcThreadAttributeList(nullptr, 1, 0, &listSize);
  std::vector<char> list(listSize);
  auto* attributes = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(list.data());
  InitializeProcThreadAttributeList(attributes, 1, 0, &listSize);
  const DWORD handleCount = h.errorCopy ? 3 : 2;
  UpdateProcThreadAttribute(attributes, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, inherited, handleCount * sizeof(HANDLE),
                            nullptr, nullptr);
  STARTUPINFOEXW startup{};
  startup.StartupInfo.cb = sizeof startup;
  startup.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
  startup.StartupInfo.hStdInput = h.inRead;
  startup.StartupInfo.hStdOutput = h.outWrite;
  startup.StartupInfo.hStdError = inherited[2];
  startup.lpAttributeList = attributes;
  const BOOL started = CreateProcessW(program.c_str(), commandLine.data(), nullptr, nullptr, TRUE,
                                      CREATE_SUSPENDED | CREATE_NO_WINDOW | EXTENDED_STARTUPINFO_PRESENT, nullptr,
                                      nullptr, &startup.StartupInfo, &h.process);
  DeleteProcThreadAttributeList(attributes);
  if (!started) throw Error(ErrorKind::Io, startFailure(program, lastErrorText()));
  if (h.job) AssignProcessToJobObject(h.job, h.process.hProcess);
  ResumeThread(h.process.hThread);
}

ChildExit exitOf(HANDLE process, bool timedOut) {
  ChildExit exit;
  exit.timedOut = timedOut;
  DWORD code = 0;
  GetExitCodeProcess(process, &code);
  exit.code = static_cast<int>(code);
  // NTSTATUS error codes (0xC...) are unhandled exceptions: the Windows form of a crash.
  if (!timedOut && (code & 0xF0000000u) == 0xC0000000u) {
    exit.crashed = true;
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08lX", static_cast<unsigned long>(code));
    exit.crashName = code == 0xC0000005u   ? "access violation"
                     : code == 0xC00000FDu ? "stack overflow"
                                           : std::string("exception ") + hex;
  }
  return exit;
}

}  // namespace

ChildResult runChild(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                     const ChildOptions& options, std::chrono::milliseconds timeout) {
  if (options.input.size() > kMaxChildInput)
    throw Error(ErrorKind::Io, startFailure(program, "its input is over " + std::to_string(kMaxChildInput) + " bytes"));
  Handles h;
  SECURITY_ATTRIBUTES inheritable{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  if (!CreatePipe(&h.inRead, &h.inWrite, &inheritable, 64 * 1024) ||
      !CreatePipe(&h.outRead, &h.outWrite, &inheritable, 0))
    throw Error(ErrorKind::Io, startFailure(program, "no pipe: " + lastErrorText()));
  SetHandleInformation(h.inWrite, HANDLE_FLAG_INHERIT, 0);
  SetHandleInformation(h.outRead, HANDLE_FLAG_INHERIT, 0);
  DWORD written = 0;  // fits the 64 KiB buffer: returns before the child starts
  WriteFile(h.inWrite, options.input.data(), static_cast<DWORD>(options.input.size()), &written, nullptr);
  closeHandle(h.inWrite);
  h.job = makeJob(options.memoryLimitBytes);
  startProcess(program, arguments, h);
  closeHandle(h.inRead);
  closeHandle(h.outWrite);
  // Anonymous pipes have no timed read: a thread reads to the end while this one waits on the
  // process with the deadline; killing the job closes the pipe, which ends the reader.
  ChildResult result;
  std::thread reader([&] {
    char buffer[1 << 16];
    DWORD n = 0;
    while (ReadFile(h.outRead, buffer, sizeof buffer, &n, nullptr) && n > 0) result.output.append(buffer, n);
  });
  const bool timedOut = WaitForSingleObject(h.process.hProcess, static_cast<DWORD>(timeout.count())) == WAIT_TIMEOUT;
  if (timedOut) {
    if (h.job) TerminateJobObject(h.job, 1);
    TerminateProcess(h.process.hProcess, 1);
    WaitForSingleObject(h.process.hProcess, INFINITE);
  }
  reader.join();
  result.exit = exitOf(h.process.hProcess, timedOut);
  return result;
}

std::optional<uint64_t> applyParentMemoryLimit() { return std::nullopt; }  // the Job Object holds it

std::string readAllStdin() {
  _setmode(_fileno(stdin), _O_BINARY);
  std::string input;
  char buffer[4096];
  for (int n; (n = _read(_fileno(stdin), buffer, sizeof buffer)) > 0;) input.append(buffer, static_cast<size_t>(n));
  return input;
}

AnswerChannel::AnswerChannel() {
  std::fflush(stdout);
  const int answer = _dup(_fileno(stdout));
  _setmode(answer, _O_BINARY);
  _dup2(_fileno(stderr), _fileno(stdout));
  handle_ = answer;
}

void AnswerChannel::write(const std::string& bytes) {
  const int fd = static_cast<int>(handle_);
  if (fd < 0) return;
  size_t done = 0;
  while (done < bytes.size()) {
    const int n = _write(fd, bytes.data() + done, static_cast<unsigned>(bytes.size() - done));
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  _close(fd);
  handle_ = -1;
}

std::filesystem::path currentExecutable() {
  std::wstring buffer(MAX_PATH, L'\0');
  for (;;) {
    const DWORD n = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
    if (n == 0) return {};
    if (n < buffer.size()) return std::filesystem::path(buffer.substr(0, n));
    buffer.resize(buffer.size() * 2);  // truncated: try a larger buffer
  }
}

#endif

}  // namespace mesomap
