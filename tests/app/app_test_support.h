#pragma once
// What the in-process app tests share: the default body, loaded once per test program, and a
// fresh data folder per test.
#include <filesystem>
#include <memory>
#include <string>

#include "core/body/body.h"
#include "core/import/model_loader.h"

namespace mesomap::app::test_support {

inline std::shared_ptr<const Body> defaultBody() {
  static const std::shared_ptr<const Body> body = [] {
    LoadedModel loaded = loadModel(MESOMAP_DEFAULT_MODEL);
    return std::make_shared<const Body>(std::move(loaded.mesh), loaded.path);
  }();
  return body;
}

// `<test output>/<suite>/<name>`, emptied.
inline std::filesystem::path freshDirectory(const std::string& suite, const std::string& name) {
  const auto dir = std::filesystem::path(MESOMAP_TEST_OUTPUT) / suite / name;
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace mesomap::app::test_support
