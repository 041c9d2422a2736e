#include "media/rtp/mid_extension.hpp"

#include <gtest/gtest.h>

#include <array>

#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::asBytes;

TEST(MidExtension, ParsesTokenValues) {
  auto mid = MidExtension::parse(asBytes("0"));
  ASSERT_TRUE(mid);
  EXPECT_EQ(mid->value, "0");
  EXPECT_EQ(MidExtension::parse(asBytes("audio-1.main{x}"))->value, "audio-1.main{x}");
}

TEST(MidExtension, EndsAtTheFirstNulAndRejectsEmptyOrNonToken) {
  const std::array<uint8_t, 4> padded = {'v', '1', 0, 0};
  EXPECT_EQ(MidExtension::parse(padded)->value, "v1");
  const std::array<uint8_t, 2> nul = {0, 'a'};
  EXPECT_FALSE(MidExtension::parse(nul));
  EXPECT_FALSE(MidExtension::parse({}));
  EXPECT_FALSE(MidExtension::parse(asBytes("a b")));
  EXPECT_FALSE(MidExtension::parse(asBytes("a:b")));
  EXPECT_FALSE(MidExtension::parse(asBytes("caf\xc3\xa9")));
}

TEST(MidExtension, RoundTrips) {
  std::array<uint8_t, 5> out{};
  ByteWriter writer(out);
  const MidExtension mid{"video"};
  mid.serialize(writer);
  EXPECT_EQ(writer.size(), mid.size());
  EXPECT_EQ(MidExtension::parse(out), mid);
}

}  // namespace
}  // namespace dienhong::media
