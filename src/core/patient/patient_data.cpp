#include "core/patient/patient_data.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>

#include "core/base/data_paths.h"
#include "core/base/error.h"
#include "core/base/strings.h"

namespace mesomap {

namespace {

constexpr char kMagic[8] = {'M', 'M', 'H', 'U', 'M', 'A', 'N', '\0'};
constexpr uint32_t kVersion = 1;

// Reads little-endian values from the file's bytes; every overrun is an Error naming the file.
class ByteReader {
 public:
  ByteReader(std::vector<char> bytes, std::string source) : bytes_(std::move(bytes)), source_(std::move(source)) {}

  template <typename T>
  T read(const char* what) {
    T value;
    readInto(&value, sizeof(T), what);
    return value;
  }
  template <typename T>
  void readArray(std::vector<T>& out, size_t count, const char* what) {
    out.resize(count);
    readInto(out.data(), count * sizeof(T), what);
  }
  void readInto(void* out, size_t size, const char* what) {
    if (size > bytes_.size() - offset_) fail(std::string("ends inside ") + what);
    if (size == 0) return;  // an empty array's data() may be null, which memcpy must not get
    std::memcpy(out, bytes_.data() + offset_, size);
    offset_ += size;
  }
  bool atEnd() const { return offset_ == bytes_.size(); }
  [[noreturn]] void fail(const std::string& problem) const {
    throw Error(ErrorKind::InvalidInput,
                source_ + ": " + problem + " (regenerate it with scripts/convert_makehuman.py)");
  }

 private:
  std::vector<char> bytes_;
  std::string source_;
  size_t offset_ = 0;
};

PatientTarget readTarget(ByteReader& in, size_t vertexCount) {
  PatientTarget t;
  const uint8_t nameLength = in.read<uint8_t>("a target name");
  t.name.resize(nameLength);
  in.readInto(t.name.data(), nameLength, "a target name");
  t.metresPerStep = in.read<float>("a target scale");
  const uint32_t count = in.read<uint32_t>("a target size");
  if (count > vertexCount) in.fail("target '" + t.name + "' moves more vertices than the body has");
  in.readArray(t.vertices, count, "a target's vertices");
  in.readArray(t.steps, size_t{count} * 3, "a target's deltas");
  for (uint16_t v : t.vertices)
    if (v >= vertexCount) in.fail("target '" + t.name + "' names vertex " + std::to_string(v) + " beyond the body");
  return t;
}

}  // namespace

const PatientTarget* PatientBodyData::find(const std::string& name) const {
  for (const PatientTarget& t : targets)
    if (t.name == name) return &t;
  return nullptr;
}

PatientBodyData readPatientBodyData(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(ErrorKind::Io, quoted(path) + ": cannot open the patient body data");
  ByteReader in(std::vector<char>(std::istreambuf_iterator<char>(file), {}), quoted(path));
  char magic[8];
  in.readInto(magic, sizeof magic, "the header");
  if (std::memcmp(magic, kMagic, sizeof magic) != 0) in.fail("not a mesomap patient body file (bad magic)");
  if (const uint32_t version = in.read<uint32_t>("the header"); version != kVersion)
    in.fail("version " + std::to_string(version) + ", this mesomap reads " + std::to_string(kVersion));
  const uint32_t vertexCount = in.read<uint32_t>("the header");
  const uint32_t quadCount = in.read<uint32_t>("the header");
  const uint32_t targetCount = in.read<uint32_t>("the header");
  if (vertexCount == 0 || vertexCount > 65536)
    in.fail("vertex count " + std::to_string(vertexCount) + " is not 1..65536");

  PatientBodyData data;
  in.readArray(data.hm08Index, vertexCount, "the vertex map");
  in.readArray(data.positions, vertexCount, "the base positions");
  in.readArray(data.quads, quadCount, "the quads");
  in.readArray(data.mirror, vertexCount, "the mirror table");
  for (const glm::uvec4& q : data.quads)
    for (int k = 0; k < 4; ++k)
      if (q[k] >= vertexCount) in.fail("a quad names vertex " + std::to_string(q[k]) + " beyond the body");
  for (uint32_t i = 0; i < vertexCount; ++i)
    if (data.mirror[i] >= vertexCount || data.mirror[data.mirror[i]] != i)
      in.fail("the mirror table is not a pairing at vertex " + std::to_string(i));
  for (uint32_t t = 0; t < targetCount; ++t) data.targets.push_back(readTarget(in, vertexCount));
  if (!in.atEnd()) in.fail("has bytes after its last target");
  return data;
}

std::filesystem::path patientBodyDataPath() {
  return requiredDataPath("makehuman/body.mhbin", "every patient body is built from it");
}

const PatientBodyData& patientBodyData() {
  // A failed read is not cached: the next call reports it again (and may succeed).
  static std::mutex mutex;
  static std::unique_ptr<const PatientBodyData> data;
  std::lock_guard lock(mutex);
  if (!data) data = std::make_unique<const PatientBodyData>(readPatientBodyData(patientBodyDataPath()));
  return *data;
}

}  // namespace mesomap
