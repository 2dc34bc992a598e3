// Needle texts come from files: read by a linear scan whatever their length.
#include <gtest/gtest.h>

#include <string>

#include "core/protocol/needle_spec.h"

namespace mesomap {
namespace {

TEST(NeedleSpec, WordsAnywhereInTheText) {
  EXPECT_EQ(parseNeedleSpec("needle: 32G, 13 mm long").gauge, 32);
  EXPECT_DOUBLE_EQ(parseNeedleSpec("needle: 32G, 13 mm long").lengthMm, 13.0);
  EXPECT_DOUBLE_EQ(parseNeedleSpec("30G 12.7mm").lengthMm, 12.7);
  EXPECT_DOUBLE_EQ(parseNeedleSpec("4 mm 27G").lengthMm, 4.0);
  EXPECT_EQ(parseNeedleSpec("4 mm 27G").gauge, 27);
  // Not words of their own: no gauge, no length.
  EXPECT_EQ(parseNeedleSpec("A27G 4mmx").gauge, 0);
  EXPECT_DOUBLE_EQ(parseNeedleSpec("A27G 4mmx").lengthMm, 0.0);
  EXPECT_DOUBLE_EQ(parseNeedleSpec("27Gauge").lengthMm, 0.0);
  EXPECT_DOUBLE_EQ(needleLengthMm("no length given", 4.0), 4.0);
}

// Once a stack overflow in std::regex (exit 139), and a crash loop when in an autosave.
TEST(NeedleSpec, LongRunsOfSpacesOrDigitsAreReadInLinearTime) {
  const std::string spaces = "27G" + std::string(200000, ' ') + "4 mm";
  EXPECT_EQ(parseNeedleSpec(spaces).gauge, 27);
  EXPECT_DOUBLE_EQ(parseNeedleSpec(spaces).lengthMm, 4.0);
  const std::string digits(200000, '7');
  EXPECT_EQ(parseNeedleSpec(digits + "G " + digits + " mm").gauge, 0);
  EXPECT_DOUBLE_EQ(parseNeedleSpec(digits + "G " + digits + " mm").lengthMm, 0.0);
}

}  // namespace
}  // namespace mesomap
