// importModelIsolated: Assimp in a worker process (this program, or mesomap-import-worker,
// relaunched with a hidden flag: core/import/import_worker.h), the result sent back on its
// stdout. The worker gets a memory limit (so absurd allocations fail fast instead of swapping
// the machine) and the parent a deadline (so an endless loop in a loader ends).
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/base/child_process.h"
#include "core/base/error.h"
#include "core/base/strings.h"
#include "core/base/utf8_path.h"
#include "core/import/assimp_import.h"
#include "core/import/import_worker.h"

namespace mesomap {

namespace {

constexpr uint64_t kChildMemoryBudget = 8ull << 30;  // beyond what the worker maps when it starts

// --- a tiny byte stream for the child's answer ---
class Writer {
 public:
  template <typename T>
  void put(const T& value) { bytes.append(reinterpret_cast<const char*>(&value), sizeof(T)); }
  void putString(const std::string& s) {
    put<uint64_t>(s.size());
    bytes.append(s);
  }
  template <typename T>
  void putVector(const std::vector<T>& v) {
    put<uint64_t>(v.size());
    bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string bytes;
};

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  template <typename T>
  T get() {
    T value;
    need(sizeof(T));
    std::memcpy(&value, bytes_.data() + offset_, sizeof(T));
    offset_ += sizeof(T);
    return value;
  }
  std::string getString() {
    uint64_t size = get<uint64_t>();
    need(size);
    std::string s = bytes_.substr(offset_, size);
    offset_ += size;
    return s;
  }
  template <typename T>
  std::vector<T> getVector() {
    uint64_t count = get<uint64_t>();
    if (count > (bytes_.size() - offset_) / sizeof(T)) throw std::runtime_error("short answer");
    std::vector<T> v(count);
    std::memcpy(v.data(), bytes_.data() + offset_, count * sizeof(T));
    offset_ += count * sizeof(T);
    return v;
  }

 private:
  void need(uint64_t n) {
    if (n > bytes_.size() - offset_) throw std::runtime_error("short answer");
  }
  const std::string& bytes_;
  size_t offset_ = 0;
};

enum class Answer : uint8_t { Scene = 1, Failure = 2 };

std::string encodeScene(const ImportedScene& scene) {
  Writer w;
  w.put(Answer::Scene);
  w.putVector(scene.mesh.positions);
  w.putVector(scene.mesh.triangles);
  w.put<uint64_t>(scene.mesh.parts.size());
  for (const auto& part : scene.mesh.parts) {
    w.putString(part.name);
    w.put(part.firstTriangle);
    w.put(part.triangleCount);
    w.put(part.baseColor);
  }
  w.put<uint8_t>(scene.declaredMetresPerUnit.has_value());
  w.put(scene.declaredMetresPerUnit.value_or(0.0f));
  w.put<uint8_t>(scene.declaredUp.has_value());
  w.put(scene.declaredUp.value_or(SignedAxis{}));
  return w.bytes;
}

std::string encodeFailure(ErrorKind kind, const std::string& message) {
  Writer w;
  w.put(Answer::Failure);
  w.put(kind);
  w.putString(message);
  return w.bytes;
}

ImportedScene decode(const std::string& bytes) {
  Reader r(bytes);
  Answer answer = r.get<Answer>();
  if (answer == Answer::Failure) {
    ErrorKind kind = r.get<ErrorKind>();
    throw Error(kind, r.getString());
  }
  ImportedScene scene;
  scene.mesh.positions = r.getVector<glm::vec3>();
  scene.mesh.triangles = r.getVector<glm::uvec3>();
  uint64_t parts = r.get<uint64_t>();
  for (uint64_t i = 0; i < parts; ++i) {
    MeshPart part;
    part.name = r.getString();
    part.firstTriangle = r.get<uint32_t>();
    part.triangleCount = r.get<uint32_t>();
    part.baseColor = r.get<glm::vec3>();
    scene.mesh.parts.push_back(part);
  }
  bool hasUnits = r.get<uint8_t>();
  float units = r.get<float>();
  if (hasUnits) scene.declaredMetresPerUnit = units;
  bool hasUp = r.get<uint8_t>();
  SignedAxis up = r.get<SignedAxis>();
  if (hasUp) scene.declaredUp = up;
  return scene;
}

std::atomic<bool> gServesAsWorker{false};

std::string importAnswer(const std::filesystem::path& path) {
  try {
    return encodeScene(importModelInProcess(path));
  } catch (const Error& e) {
    return encodeFailure(e.kind(), e.what());
  } catch (const std::bad_alloc&) {
    return encodeFailure(ErrorKind::InvalidInput,
                         "model " + quoted(path) + ": the file asks for more memory than " +
                             std::to_string(kChildMemoryBudget >> 30) + " GiB (its counts are probably corrupt)");
  } catch (const std::exception& e) {
    return encodeFailure(ErrorKind::InvalidInput, "model " + quoted(path) + ": cannot be read: " + e.what());
  }
}

}  // namespace

std::optional<int> serveImportWorkerIfAsked(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], kImportWorkerFlag) == 0) return runImportWorker();
  gServesAsWorker = true;
  return std::nullopt;
}

int runImportWorker() {
  AnswerChannel answer;  // first: nothing Assimp prints may reach the answer
  applyParentMemoryLimit();
  answer.write(importAnswer(pathFromUtf8(readAllStdin())));
  return 0;
}

std::filesystem::path importWorkerProgram() {
  std::error_code ec;
  if (const char* named = std::getenv(kImportWorkerVariable); named && *named) {
    if (!std::filesystem::is_regular_file(named, ec))
      throw Error(ErrorKind::Io, std::string("$") + kImportWorkerVariable + " names " + quotedText(named) +
                                     ", which is not a program file");
    return named;
  }
  const std::filesystem::path self = currentExecutable();
#if defined(__linux__)
  // The running program itself, even after an upgrade replaced or deleted its file on disk
  // (then its path reads "... (deleted)", or names a newer mesomap than this one).
  if (gServesAsWorker && std::filesystem::exists("/proc/self/exe", ec)) return "/proc/self/exe";
#endif
  if (gServesAsWorker && !self.empty()) return self;
#if defined(_WIN32)
  const std::filesystem::path sibling = self.parent_path() / (std::string(kImportWorkerProgram) + ".exe");
#else
  const std::filesystem::path sibling = self.parent_path() / kImportWorkerProgram;
#endif
  if (!self.empty() && std::filesystem::is_regular_file(sibling, ec)) return sibling;
  throw Error(ErrorKind::Io, std::string("no program to import models with: this one does not serve as the import ") +
                                 "worker and there is no " + quoted(sibling) + "; set " + kImportWorkerVariable +
                                 " to a mesomap or " + kImportWorkerProgram + " program");
}

ImportedScene importModelIsolated(const std::filesystem::path& path, std::chrono::seconds timeout) {
  const std::string name = "model " + quoted(path);
  ChildOptions options;
  options.input = utf8(path);
  options.memoryLimitBytes = kChildMemoryBudget;
  options.hugePages = true;  // a fresh process building a big mesh: a fault per 2 MiB, not per 4 KiB (THP on)
  ChildResult result;
  try {
    result = runChild(importWorkerProgram(), {kImportWorkerFlag}, options, timeout);
  } catch (const Error& e) {
    throw Error(ErrorKind::Io, name + ": the importer process: " + e.what());
  }
  if (result.exit.timedOut) {
    throw Error(ErrorKind::InvalidInput, name + ": the importer did not finish within " +
                                             std::to_string(timeout.count()) + " s (the file is probably malformed)");
  }
  if (result.exit.crashed) {
    throw Error(ErrorKind::InvalidInput, name + ": the importer crashed on this file (" + result.exit.crashName +
                                             "); the file is damaged or uses a feature Assimp mishandles");
  }
  try {
    return decode(result.output);
  } catch (const Error&) {
    throw;
  } catch (const std::exception&) {
    throw Error(ErrorKind::InvalidInput, name + ": the importer stopped without an answer (exit status " +
                                             std::to_string(result.exit.code) + ")");
  }
}

}  // namespace mesomap
