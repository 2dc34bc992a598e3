// importModelIsolated: Assimp in a forked child, the result sent back through a pipe.
// The child gets an address-space limit (so absurd allocations fail fast instead of
// swapping the machine) and the parent a deadline (so an endless loop in a loader ends).
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/import/assimp_import.h"
#include "core/base/error.h"
#include "core/base/strings.h"

namespace mesomap {

namespace {

constexpr uint64_t kChildMemoryBudget = 8ull << 30;  // beyond what the parent already maps

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

void writeAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

uint64_t currentAddressSpace() {
  long pages = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld", &pages) != 1) pages = 0;
    std::fclose(f);
  }
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
}

[[noreturn]] void runChild(const std::filesystem::path& path, int fd) {
  rlimit limit{};
  limit.rlim_cur = limit.rlim_max = currentAddressSpace() + kChildMemoryBudget;
  ::setrlimit(RLIMIT_AS, &limit);
  std::string answer;
  try {
    answer = encodeScene(importModelInProcess(path));
  } catch (const Error& e) {
    answer = encodeFailure(e.kind(), e.what());
  } catch (const std::bad_alloc&) {
    answer = encodeFailure(ErrorKind::InvalidInput,
                           "model " + quoted(path) + ": the file asks for more memory than " +
                               std::to_string(kChildMemoryBudget >> 30) + " GiB (its counts are probably corrupt)");
  } catch (const std::exception& e) {
    answer = encodeFailure(ErrorKind::InvalidInput, "model " + quoted(path) + ": cannot be read: " + e.what());
  }
  writeAll(fd, answer);
  ::close(fd);
  ::_exit(0);  // no atexit handlers or static destructors of the parent's state
}

}  // namespace

ImportedScene importModelIsolated(const std::filesystem::path& path, std::chrono::seconds timeout) {
  const std::string name = "model " + quoted(path);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw Error(ErrorKind::Io, name + ": cannot create a pipe for the importer");
  pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw Error(ErrorKind::Io, name + ": cannot start the importer process (" + std::strerror(errno) + ")");
  }
  if (child == 0) {
    ::close(fds[0]);
    runChild(path, fds[1]);
  }
  ::close(fds[1]);

  std::string bytes;
  bool timedOut = false;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[1 << 16];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timedOut = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // the deadline check above ends the wait
    ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // child closed its end
    bytes.append(buffer, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (timedOut) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (timedOut) {
    throw Error(ErrorKind::InvalidInput, name + ": the importer did not finish within " +
                                             std::to_string(timeout.count()) + " s (the file is probably malformed)");
  }
  if (WIFSIGNALED(status)) {
    throw Error(ErrorKind::InvalidInput, name + ": the importer crashed on this file (signal " +
                                             std::to_string(WTERMSIG(status)) + ", " + strsignal(WTERMSIG(status)) +
                                             "); the file is damaged or uses a feature Assimp mishandles");
  }
  try {
    return decode(bytes);
  } catch (const Error&) {
    throw;
  } catch (const std::exception&) {
    throw Error(ErrorKind::InvalidInput, name + ": the importer stopped without an answer (exit status " +
                                             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
}

}  // namespace mesomap
