#pragma once
// The geodesic solver's link graph on disk, so a second process on the same body skips the
// build (seconds) and reads a file (milliseconds).
//
// One file per mesh and solver options, named by the SHA-256 of everything the build reads
// (positions, triangles, which parts are skin, link radius, prune slack) and of the compiler
// that built mesomap, so a cached graph is the very one this build would make. The header repeats
// that key and carries a format version, the sizes and a checksum of the payload; a file that
// disagrees in any of them (truncated, garbled, written by another version) is ignored, and the
// rebuilt graph replaces it. Files are written whole (temporary file + rename) and the folder
// is kept under a size bound by deleting the least recently used files.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/sha256.h"
#include "core/geometry/geodesic.h"
#include "core/geometry/geodesic_links.h"
#include "core/geometry/mesh.h"

namespace mesomap {

// Where cached link graphs live: $MESOMAP_CACHE_DIR/geodesic when that is set (the value
// "off" turns caching off), else $XDG_CACHE_HOME/mesomap/geodesic, else
// ~/.cache/mesomap/geodesic; nullopt when off or when there is no home to put it in.
std::optional<std::filesystem::path> geodesicCacheDirectory();

// The folder is trimmed to this after each write (the default body takes ~10 MB).
inline constexpr uintmax_t kGeodesicCacheMaxBytes = uintmax_t(500) << 20;

namespace geodesic_detail {

// Bump whenever the file layout or the link build changes what it produces. 2: the 4-ary event
// queue and saddle fans in walk order (the default body's links came out byte-identical, but ties
// on other meshes may be met in another order). 3: links only from bend and relay vertices, by
// straight propagation, stored in both directions (geodesic.h). 4: windows covered by a corner
// are not propagated (GeodesicOptions::coverSlack, also in the key). 5: straight runs without
// the pop-time filters, covers only by corners within the radius (4 was used while these moved).
inline constexpr uint32_t kLinkCacheVersion = 5;

Sha256::Digest linkGraphKey(const Mesh& mesh, const GeodesicOptions& options);
std::filesystem::path linkGraphFile(const std::filesystem::path& directory, const Sha256::Digest& key);

// The graph in `file` when it was written by this version for `key` and is whole; otherwise
// nullopt and, in `why`, what was wrong ("no file", "checksum mismatch", ...). Never throws.
std::optional<LinkGraph> readLinkGraph(const std::filesystem::path& file, const Sha256::Digest& key,
                                       uint32_t vertexCount, std::string& why);

// Writes the graph into `directory` (created if missing) and trims the folder to `maxBytes`.
// False, with `why`, when it cannot: a cache that cannot be written costs the next start a
// rebuild, nothing more, so this never throws.
bool writeLinkGraph(const std::filesystem::path& directory, const Sha256::Digest& key, const LinkGraph& graph,
                    uintmax_t maxBytes, std::string& why);

// Deletes the least recently used cache files in `directory` (never `keep`) until the rest
// take at most maxBytes.
void trimLinkCache(const std::filesystem::path& directory, uintmax_t maxBytes, const std::filesystem::path& keep);

}  // namespace geodesic_detail
}  // namespace mesomap
