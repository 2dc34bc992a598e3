#include "core/base/sha256.h"

#include <string>

#include <gtest/gtest.h>

namespace mesomap {
namespace {

std::string digestOf(const std::string& text) {
  Sha256 sha;
  sha.update(text.data(), text.size());
  return Sha256::hex(sha.finish());
}

// The FIPS 180-4 example messages.
TEST(Sha256, MatchesTheStandardExamples) {
  EXPECT_EQ(digestOf(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(digestOf("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(digestOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(digestOf(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PiecewiseUpdatesGiveTheSameDigest) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += char('a' + i % 26);
  Sha256 pieces;
  for (size_t at = 0, step = 1; at < text.size(); at += step, step = step % 70 + 1)
    pieces.update(text.data() + at, std::min(step, text.size() - at));
  EXPECT_EQ(Sha256::hex(pieces.finish()), digestOf(text));
}

}  // namespace
}  // namespace mesomap
