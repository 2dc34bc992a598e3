#include "core/base/error.h"

namespace mesomap {

int exitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage: return 2;
    case ErrorKind::InvalidInput: return 3;
    case ErrorKind::Io: return 4;
    case ErrorKind::Render: return 5;
  }
  return 3;
}

}  // namespace mesomap
