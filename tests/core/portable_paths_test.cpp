// The build took the code paths it was configured for: SSE2 by default on x86-64, SIMDe with
// MESOMAP_FORCE_PORTABLE (scripts/portable.sh), so a portable CI run cannot silently test the
// native code. MESOMAP_EXPECTED_VECTOR_CODE comes from tests/CMakeLists.txt.
#include <gtest/gtest.h>

#include "core/geometry/bvh.h"

namespace mesomap {
namespace {

TEST(PortablePaths, TheBvhRunsTheConfiguredVectorCode) { EXPECT_STREQ(bvhVectorCode(), MESOMAP_EXPECTED_VECTOR_CODE); }

}  // namespace
}  // namespace mesomap
