#pragma once
// One exception type for every user-facing failure. The message always names the source
// (file, field) and the problem, so the CLI can print it verbatim and the app can show it.
#include <stdexcept>
#include <string>

namespace mesomap {

enum class ErrorKind {
  Usage,         // bad command-line arguments
  InvalidInput,  // a file that exists but cannot be used (broken model, malformed scenario)
  Io,            // a file that cannot be read or written
  Render,        // no GL context, shader failure
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

// Exit code the CLI returns for each kind of failure (0 is success, 1 a failed comparison).
int exitCodeFor(ErrorKind kind);

}  // namespace mesomap
