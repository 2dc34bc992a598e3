#include "core/base/safe_write.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "core/base/error.h"
#include "core/base/utf8_path.h"

namespace mesomap {

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
  auto fail = [&](const std::string& what) {
    throw Error(ErrorKind::Io, "'" + path.string() + "': " + what + " (" + std::strerror(errno) + ")");
  };
  std::filesystem::path temporary = path;
  temporary += ".tmp-" + std::to_string(::getpid());
  FILE* file = openFile(temporary, "wb");
  if (!file) fail("cannot create a file beside it");
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  ok = std::fflush(file) == 0 && ok;
  ok = ::fsync(::fileno(file)) == 0 && ok;
  ok = std::fclose(file) == 0 && ok;
  if (!ok) {
    int saved = errno;
    std::remove(temporary.c_str());
    errno = saved;
    fail("cannot write");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::remove(temporary.c_str());
    throw Error(ErrorKind::Io, "'" + path.string() + "': cannot replace the file (" + ec.message() + ")");
  }
}

std::string readWholeFile(const std::filesystem::path& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, what + " '" + path.string() + "': cannot open file for reading");
  // Every file mesomap reads this way is text a person could write (models go through Assimp).
  std::error_code ec;
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxReadFileBytes)
    throw Error(ErrorKind::InvalidInput, what + " '" + path.string() + "': " + std::to_string(size >> 20) +
                                             " MiB (mesomap reads such files up to " +
                                             std::to_string(kMaxReadFileBytes >> 20) + " MiB)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace mesomap
