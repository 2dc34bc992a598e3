#include "core/geometry/geodesic_cache.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>

#include "core/base/platform_dirs.h"
#include "core/base/safe_write.h"

namespace mesomap {

namespace fs = std::filesystem;

std::optional<fs::path> geodesicCacheDirectory() {
  if (const char* dir = std::getenv("MESOMAP_CACHE_DIR"); dir && *dir) {
    if (std::string_view(dir) == "off") return std::nullopt;
    return fs::path(dir) / "geodesic";
  }
  // The platform's cache folder (XDG here; a relative XDG_CACHE_HOME is ignored, as the spec says).
  if (fs::path cache = appFolder(AppFolder::Cache); !cache.empty()) return cache / "geodesic";
  return std::nullopt;
}

namespace geodesic_detail {

namespace {

constexpr char kMagic[8] = {'M', 'E', 'S', 'O', 'G', 'E', 'O', 'D'};
constexpr uint32_t kByteOrderMark = 0x01020304;
constexpr const char* kExtension = ".links";
#if defined(__FMA__)
constexpr const char* kFloatCodegen = "; fma";
#else
constexpr const char* kFloatCodegen = "";
#endif

// Fixed layout, no padding: the file starts with these 72 bytes as they lie in memory.
struct Header {
  char magic[8];
  uint32_t version;
  uint32_t byteOrder;
  uint8_t key[32];
  uint32_t vertexCount;
  uint32_t reserved;
  uint64_t linkCount;
  uint64_t checksum;  // of the payload: start[], then links[]
};
static_assert(sizeof(Header) == 72);
static_assert(sizeof(Link) == 8);

// Catches any garbling of the payload: each step maps the running value one-to-one for a given
// word, so changing a single word always changes the result.
uint64_t checksum(const void* data, size_t bytes, uint64_t h) {
  const auto* p = static_cast<const uint8_t*>(data);
  for (; bytes >= 8; p += 8, bytes -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ word) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 32;
  }
  for (; bytes > 0; ++p, --bytes) h = (h ^ *p) * 0x100000001b3ull;
  return h;
}

uint64_t payloadChecksum(const LinkGraph& graph) {
  const uint64_t h = checksum(graph.start.data(), graph.start.size() * sizeof(uint32_t), 0x6d65736f6d6170ull);
  return checksum(graph.links.data(), graph.links.size() * sizeof(Link), h);
}

// Whether the graph is one the solver can walk without reading out of bounds.
bool wellFormed(const LinkGraph& graph, uint32_t vertexCount) {
  if (graph.start.size() != size_t(vertexCount) + 1 || graph.start.front() != 0 ||
      graph.start.back() != graph.links.size())
    return false;
  for (size_t v = 0; v < vertexCount; ++v)
    if (graph.start[v] > graph.start[v + 1]) return false;
  return std::all_of(graph.links.begin(), graph.links.end(), [&](const Link& l) {
    return l.target < vertexCount && std::isfinite(l.length) && l.length >= 0.0f;
  });
}

std::optional<LinkGraph> rejected(std::string& why, std::string reason) {
  why = std::move(reason);
  return std::nullopt;
}

}  // namespace

Sha256::Digest linkGraphKey(const Mesh& mesh, const GeodesicOptions& options) {
  Sha256 sha;
  // Another compiler or floating-point code generation may round the lengths differently:
  // builds that could disagree in the last bit never share a file.
  const std::string build = std::string("mesomap geodesic links; ") + __VERSION__ + kFloatCodegen;
  sha.update(build.data(), build.size());
  sha.updateValue(uint64_t(mesh.positions.size()));
  sha.update(mesh.positions.data(), mesh.positions.size() * sizeof(glm::vec3));
  sha.updateValue(uint64_t(mesh.triangles.size()));
  sha.update(mesh.triangles.data(), mesh.triangles.size() * sizeof(glm::uvec3));
  sha.updateValue(uint64_t(mesh.parts.size()));
  for (const MeshPart& part : mesh.parts) {
    const uint32_t fields[3] = {part.firstTriangle, part.triangleCount, part.isSkin ? 1u : 0u};
    sha.update(fields, sizeof(fields));
  }
  sha.updateValue(options.linkRadius);
  sha.updateValue(options.pruneSlack);
  sha.updateValue(options.coverSlack);
  return sha.finish();
}

fs::path linkGraphFile(const fs::path& directory, const Sha256::Digest& key) {
  return directory / (Sha256::hex(key) + kExtension);
}

std::optional<LinkGraph> readLinkGraph(const fs::path& file, const Sha256::Digest& key, uint32_t vertexCount,
                                       std::string& why) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  if (ec) return rejected(why, "no file");
  std::ifstream in(file, std::ios::binary);
  Header header;
  if (size < sizeof(Header) || !in.read(reinterpret_cast<char*>(&header), sizeof(Header)))
    return rejected(why, "shorter than its header");
  if (std::memcmp(header.magic, kMagic, sizeof(kMagic)) != 0) return rejected(why, "not a mesomap link cache");
  if (header.byteOrder != kByteOrderMark) return rejected(why, "written with another byte order");
  if (header.version != kLinkCacheVersion)
    return rejected(why, "format version " + std::to_string(header.version) + ", this build reads " +
                             std::to_string(kLinkCacheVersion));
  if (std::memcmp(header.key, key.data(), key.size()) != 0) return rejected(why, "written for another mesh");
  if (header.vertexCount != vertexCount) return rejected(why, "vertex count differs");
  const uintmax_t startBytes = (uintmax_t(vertexCount) + 1) * sizeof(uint32_t);
  const uintmax_t room = size - sizeof(Header);
  if (room < startBytes || header.linkCount > (room - startBytes) / sizeof(Link) ||
      room != startBytes + header.linkCount * sizeof(Link))
    return rejected(why, std::to_string(size) + " bytes, not the size its header gives");
  LinkGraph graph;
  graph.start.resize(size_t(vertexCount) + 1);
  graph.links.resize(size_t(header.linkCount));
  if (!in.read(reinterpret_cast<char*>(graph.start.data()), std::streamsize(startBytes)) ||
      !in.read(reinterpret_cast<char*>(graph.links.data()), std::streamsize(graph.links.size() * sizeof(Link))))
    return rejected(why, "cannot be read");
  if (payloadChecksum(graph) != header.checksum) return rejected(why, "checksum mismatch");
  if (!wellFormed(graph, vertexCount)) return rejected(why, "links out of range");
  return graph;
}

bool writeLinkGraph(const fs::path& directory, const Sha256::Digest& key, const LinkGraph& graph, uintmax_t maxBytes,
                    std::string& why) {
  try {
    fs::create_directories(directory);
    Header header{};
    std::memcpy(header.magic, kMagic, sizeof(kMagic));
    header.version = kLinkCacheVersion;
    header.byteOrder = kByteOrderMark;
    std::memcpy(header.key, key.data(), key.size());
    header.vertexCount = uint32_t(graph.start.size() - 1);
    header.linkCount = graph.links.size();
    header.checksum = payloadChecksum(graph);
    const size_t startBytes = graph.start.size() * sizeof(uint32_t);
    std::string bytes(sizeof(Header) + startBytes + graph.links.size() * sizeof(Link), '\0');
    std::memcpy(bytes.data(), &header, sizeof(Header));
    std::memcpy(bytes.data() + sizeof(Header), graph.start.data(), startBytes);
    if (!graph.links.empty())  // a mesh without links (one triangle) has no link data to copy
      std::memcpy(bytes.data() + sizeof(Header) + startBytes, graph.links.data(), graph.links.size() * sizeof(Link));
    const fs::path file = linkGraphFile(directory, key);
    writeFileAtomically(file, bytes);
    trimLinkCache(directory, maxBytes, file);
    return true;
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
}

void trimLinkCache(const fs::path& directory, uintmax_t maxBytes, const fs::path& keep) {
  struct Entry {
    fs::file_time_type used;
    uintmax_t bytes;
    fs::path path;
  };
  std::vector<Entry> entries;
  uintmax_t total = 0;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    // Ours: finished files and temporaries a killed process left behind.
    std::error_code entryError;
    if (name.find(kExtension) == std::string::npos || !it->is_regular_file(entryError)) continue;
    const uintmax_t bytes = it->file_size(entryError);
    const fs::file_time_type used = it->last_write_time(entryError);
    if (entryError) continue;
    entries.push_back({used, bytes, it->path()});
    total += bytes;
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
  for (const Entry& e : entries) {
    if (total <= maxBytes) break;
    if (e.path == keep) continue;
    std::error_code removeError;
    if (fs::remove(e.path, removeError)) total -= e.bytes;
  }
}

}  // namespace geodesic_detail
}  // namespace mesomap
