#include "app/native_dialog.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string_view>
#include <thread>

#ifndef _WIN32
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
extern char** environ;
#endif

namespace mesomap::app {

namespace {

bool g_wanted = true;

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// "*.glb *.GLB ...": both cases, as GTK's patterns match case-sensitively.
std::string globPatterns(const std::vector<std::string>& extensions) {
  std::string patterns;
  for (const std::string& e : extensions) {
    std::string upper = e;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    patterns += (patterns.empty() ? "*" : " *") + e + " *" + upper;
  }
  return patterns.empty() ? "*" : patterns;
}

std::string label(const FileDialogRequest& request) {
  return request.filterLabel.empty() ? "Supported files" : request.filterLabel;
}

// Where the dialog starts: the folder, and the suggested name in it when saving. zenity needs
// the trailing separator to open a folder rather than preselect it.
std::string startPath(const FileDialogRequest& request) {
  if (request.saving) return (request.directory / request.suggestedName).string();
  std::string folder = request.directory.string();
  if (!folder.empty() && folder.back() != '/') folder += '/';
  return folder;
}

std::vector<std::string> zenityCommand(const FileDialogRequest& request) {
  std::vector<std::string> command = {"zenity", "--file-selection", "--title=" + request.title,
                                      "--filename=" + startPath(request)};
  if (request.saving) {
    command.push_back("--save");
    command.push_back("--confirm-overwrite");
  }
  command.push_back("--file-filter=" + label(request) + " | " + globPatterns(request.extensions));
  command.push_back("--file-filter=All files | *");
  if (request.parentWindow) {
    command.push_back("--modal");
    command.push_back("--attach=" + std::to_string(request.parentWindow));
  }
  return command;
}

std::vector<std::string> kdialogCommand(const FileDialogRequest& request) {
  std::vector<std::string> command = {"kdialog", "--title", request.title};
  if (request.parentWindow) {
    command.push_back("--attach");
    command.push_back(std::to_string(request.parentWindow));
  }
  command.push_back(request.saving ? "--getsavefilename" : "--getopenfilename");
  command.push_back(startPath(request));
  command.push_back(globPatterns(request.extensions) + "|" + label(request));
  return command;
}

// AppleScript string literal: backslashes and quotes escaped.
std::string appleScriptText(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::vector<std::string> appleScriptCommand(const FileDialogRequest& request) {
  std::string script = "POSIX path of (";
  script += request.saving ? "choose file name" : "choose file";
  script += " with prompt " + appleScriptText(request.title);
  script += " default location (POSIX file " + appleScriptText(request.directory.string()) + ")";
  if (request.saving) {
    script += " default name " + appleScriptText(request.suggestedName);
  } else if (!request.extensions.empty()) {
    script += " of type {";
    for (size_t i = 0; i < request.extensions.size(); ++i)
      script += (i ? ", " : "") + appleScriptText(request.extensions[i].substr(1));
    script += "}";
  }
  return {"osascript", "-e", script + ")"};
}

#ifndef _WIN32
bool onPath(const std::string& program) {
  const char* variable = std::getenv("PATH");
  const std::string path = variable ? variable : "";
  for (size_t start = 0;;) {
    const size_t colon = path.find(':', start);
    const std::string folder = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    const std::string candidate = (folder.empty() ? "." : folder) + "/" + program;
    if (!path.empty() && access(candidate.c_str(), X_OK) == 0) return true;
    if (colon == std::string::npos) return false;
    start = colon + 1;
  }
}
#endif

}  // namespace

std::filesystem::path withSaveExtension(const std::filesystem::path& path, const std::string& extension) {
  if (lowerCase(path.filename().string()).ends_with(lowerCase(extension))) return path;
  std::filesystem::path named = path;
  named += extension;
  return named;
}

const char* helperName(DialogHelper helper) {
  switch (helper) {
    case DialogHelper::None: return "built-in";
    case DialogHelper::Zenity: return "zenity";
    case DialogHelper::KDialog: return "kdialog";
    case DialogHelper::AppleScript: return "osascript";
    case DialogHelper::WindowsShell: return "IFileDialog";
  }
  return "built-in";
}

void setNativeDialogsWanted(bool wanted) { g_wanted = wanted; }

bool nativeDialogsWanted() {
  const char* value = std::getenv(kNativeDialogsVariable);
  if (value && std::string_view(value) == "0") return false;
  if (value && std::string_view(value) == "1") return true;
  return g_wanted;
}

DialogHelper findDialogHelper() {
  if (!nativeDialogsWanted()) return DialogHelper::None;
#if defined(_WIN32)
  return DialogHelper::WindowsShell;
#elif defined(__APPLE__)
  return onPath("osascript") ? DialogHelper::AppleScript : DialogHelper::None;
#else
  const char* desktop = std::getenv("XDG_CURRENT_DESKTOP");
  const bool kde = desktop && std::string_view(desktop).find("KDE") != std::string_view::npos;
  const DialogHelper first = kde ? DialogHelper::KDialog : DialogHelper::Zenity;
  const DialogHelper second = kde ? DialogHelper::Zenity : DialogHelper::KDialog;
  for (DialogHelper helper : {first, second})
    if (onPath(helperName(helper))) return helper;
  return DialogHelper::None;
#endif
}

std::vector<std::string> helperCommand(DialogHelper helper, const FileDialogRequest& request) {
  switch (helper) {
    case DialogHelper::Zenity: return zenityCommand(request);
    case DialogHelper::KDialog: return kdialogCommand(request);
    case DialogHelper::AppleScript: return appleScriptCommand(request);
    case DialogHelper::None:
    case DialogHelper::WindowsShell: break;
  }
  return {};
}

NativeDialogResult readHelperAnswer(DialogHelper helper, const FileDialogRequest& request, int exitStatus,
                                    const std::string& output, const std::string& errors) {
  NativeDialogResult result;
  if (exitStatus == 0) {
    std::string path = output;
    while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
    if (path.empty()) return result;  // nothing chosen
    result.chosen = request.saving && !request.extensions.empty() ? withSaveExtension(path, request.extensions.front())
                                                                  : std::filesystem::path(path);
    result.extensionAdded = *result.chosen != std::filesystem::path(path);
    return result;
  }
  // zenity and kdialog answer 1 for Cancel; osascript 1 with error -128 ("User canceled").
  const bool cancelled =
      exitStatus == 1 && (helper != DialogHelper::AppleScript || errors.find("-128") != std::string::npos);
  if (cancelled) return result;
  std::string reason = errors.substr(0, errors.find('\n'));
  result.problem = std::string(helperName(helper)) + " failed (exit status " + std::to_string(exitStatus) + ")" +
                   (reason.empty() ? "" : ": " + reason);
  return result;
}

#ifndef _WIN32
namespace {

struct ProcessOutput {
  int status = -1;
  std::string out, err, problem;
};

// Reads both pipes until the helper closes them.
void readUntilClosed(int outFd, int errFd, ProcessOutput& output) {
  pollfd fds[2] = {{outFd, POLLIN, 0}, {errFd, POLLIN, 0}};
  std::string* sinks[2] = {&output.out, &output.err};
  int open = 2;
  char buffer[4096];
  while (open > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
}

// Pipes that no other child of the app inherits (the isolated import spawns too).
bool closeOnExecPipe(int fds[2]) {
#if defined(__linux__)
  return pipe2(fds, O_CLOEXEC) == 0;  // atomically: a spawn on another thread never inherits them
#else
  if (pipe(fds) != 0) return false;
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  return true;
#endif
}

// Runs `command` (looked up on PATH) with its output captured; `started` gets its process id
// and, once it has closed its output, 0 (before it is reaped: the id is never reused meanwhile).
ProcessOutput runProcess(const std::vector<std::string>& command, const std::function<void(pid_t)>& started) {
  ProcessOutput output;
  int outPipe[2], errPipe[2];
  if (!closeOnExecPipe(outPipe)) return {-1, "", "", "cannot create a pipe"};
  if (!closeOnExecPipe(errPipe)) {
    close(outPipe[0]);
    close(outPipe[1]);
    return {-1, "", "", "cannot create a pipe"};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
  std::vector<char*> argv;
  for (const std::string& a : command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(outPipe[1]);
  close(errPipe[1]);
  if (spawned == 0) {
    started(pid);
    readUntilClosed(outPipe[0], errPipe[0], output);
    started(0);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    output.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  } else {
    output.problem = "cannot start " + command.front() + ": " + std::strerror(spawned);
  }
  close(outPipe[0]);
  close(errPipe[0]);
  return output;
}

NativeDialogResult runDialog(DialogHelper helper, const FileDialogRequest& request,
                             const std::function<void(pid_t)>& started) {
  if (helper == DialogHelper::None) return {std::nullopt, "no dialog helper"};
  const ProcessOutput output = runProcess(helperCommand(helper, request), started);
  if (!output.problem.empty()) return {std::nullopt, output.problem};
  return readHelperAnswer(helper, request, output.status, output.out, output.err);
}

}  // namespace

NativeDialogResult runNativeDialog(DialogHelper helper, const FileDialogRequest& request) {
  return runDialog(helper, request, [](pid_t) {});
}
#endif

struct NativeDialogTask::Shared {
  std::mutex mutex;
  bool running = false;
  std::optional<NativeDialogResult> result;
  std::function<void()> wake;  // cleared when the task goes
#ifndef _WIN32
  pid_t helper = 0;  // the helper while its output is open
#endif
};

void NativeDialogTask::start(DialogHelper helper, FileDialogRequest request, std::function<void()> wake) {
  auto shared = std::make_shared<Shared>();
  shared->running = true;
  shared->wake = std::move(wake);
  shared_ = shared;
  std::thread([shared, helper, request = std::move(request)] {
#ifdef _WIN32
    NativeDialogResult result = runNativeDialog(helper, request);
#else
    NativeDialogResult result = runDialog(helper, request, [&](pid_t pid) {
      std::lock_guard lock(shared->mutex);
      shared->helper = pid;
    });
#endif
    std::lock_guard lock(shared->mutex);
    shared->result = std::move(result);
    shared->running = false;
    if (shared->wake) shared->wake();
  }).detach();
}

bool NativeDialogTask::running() const {
  if (!shared_) return false;
  std::lock_guard lock(shared_->mutex);
  return shared_->running;
}

std::optional<NativeDialogResult> NativeDialogTask::take() {
  if (!shared_) return std::nullopt;
  std::lock_guard lock(shared_->mutex);
  if (shared_->running) return std::nullopt;
  std::optional<NativeDialogResult> result = std::move(shared_->result);
  shared_->result.reset();
  return result;
}

NativeDialogTask::~NativeDialogTask() {
  if (!shared_) return;
  std::lock_guard lock(shared_->mutex);
  shared_->wake = nullptr;
#ifndef _WIN32
  if (shared_->helper > 0) kill(shared_->helper, SIGTERM);
#endif
}

}  // namespace mesomap::app
