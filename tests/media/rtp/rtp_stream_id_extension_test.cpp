#include "media/rtp/rtp_stream_id_extension.hpp"

#include <gtest/gtest.h>

#include <array>
#include <type_traits>

#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::asBytes;

TEST(RidExtension, ParsesRidSyntax) {
  EXPECT_EQ(RidExtension::parse(asBytes("q"))->value, "q");
  EXPECT_EQ(RidExtension::parse(asBytes("hi-res_2"))->value, "hi-res_2");
  EXPECT_FALSE(RidExtension::parse(asBytes("a.b")));
  EXPECT_FALSE(RidExtension::parse(asBytes("")));
  const std::array<uint8_t, 3> padded = {'f', 0, 0};
  EXPECT_EQ(RidExtension::parse(padded)->value, "f");
}

TEST(RepairedRidExtension, SharesTheSyntaxButIsADistinctType) {
  EXPECT_EQ(RepairedRidExtension::parse(asBytes("h"))->value, "h");
  static_assert(!std::is_same_v<RidExtension, RepairedRidExtension>);
  EXPECT_NE(RidExtension::kUri, RepairedRidExtension::kUri);
}

TEST(RidExtension, RoundTrips) {
  std::array<uint8_t, 3> out{};
  ByteWriter writer(out);
  const RidExtension rid{"abc"};
  rid.serialize(writer);
  EXPECT_EQ(RidExtension::parse(out), rid);
}

}  // namespace
}  // namespace dienhong::media
