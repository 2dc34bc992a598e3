#pragma once
// An environment variable set (or unset) for a scope and put back as it was after, also when
// the scope ends by an exception: tests that steer a setting through the environment must not
// leave it changed for the tests after them in the same process.
#include <cstdlib>
#include <optional>
#include <string>

namespace mesomap::test_support {

class ScopedVariable {
 public:
  // `value` nullptr unsets the variable for the scope.
  ScopedVariable(const char* name, const char* value) : name_(name) {
    if (const char* before = std::getenv(name)) before_ = before;
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ScopedVariable(const char* name, const std::string& value) : ScopedVariable(name, value.c_str()) {}
  ~ScopedVariable() {
    if (before_)
      ::setenv(name_.c_str(), before_->c_str(), 1);
    else
      ::unsetenv(name_.c_str());
  }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  std::string name_;
  std::optional<std::string> before_;
};

}  // namespace mesomap::test_support
