#include "media/rtcp/bye.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// RFC 3550 §6.6: two SSRCs and the reason "shutdown", null-padded to a word.
const std::vector<uint8_t> kBye =
    hex("82 cb 00 05"
        "11 22 33 44 55 66 77 88"
        "08 73 68 75 74 64 6f 77 6e 00 00 00");

TEST(Bye, ParsesSsrcsAndReason) {
  auto bye = parseSingleRtcp<Bye>(kBye);
  ASSERT_TRUE(bye);
  const auto ssrcs = test::toVector(bye->ssrcs);
  EXPECT_EQ(ssrcs, (std::vector<Ssrc>{Ssrc(0x11223344), Ssrc(0x55667788)}));
  EXPECT_EQ(bye->reason, "shutdown");
}

TEST(Bye, RoundTripsByteForByte) {
  test::expectRoundTrip<Bye>(kBye);
  test::expectRoundTrip<Bye>(hex("81 cb 00 01 11 22 33 44"));
  test::expectRoundTrip<Bye>(hex("80 cb 00 00"));
}

TEST(Bye, ReasonPaddingDependsOnItsLength) {
  const std::array<Ssrc, 1> ssrcs = {Ssrc(1)};
  EXPECT_EQ(test::serialized(Bye{ssrcs, "abc"}), hex("81 cb 00 02 00 00 00 01 03 61 62 63"));
  EXPECT_EQ(test::serialized(Bye{ssrcs, "abcd"}),
            hex("81 cb 00 03 00 00 00 01 04 61 62 63 64 00 00 00"));
}

TEST(Bye, RejectsReasonLongerThanThePacket) {
  EXPECT_FALSE(parseSingleRtcp<Bye>(hex("81 cb 00 02 00 00 00 01 08 61 62 63")));
  EXPECT_FALSE(parseSingleRtcp<Bye>(hex("82 cb 00 01 00 00 00 01"))) << "SC=2, one SSRC";
}

TEST(Bye, RefusesReasonsOverTwoHundredFiftyFiveBytes) {
  const std::string reason(256, 'r');
  const Bye bye{{}, reason};
  std::vector<uint8_t> out(bye.serializedSize());
  ByteWriter writer(out);
  EXPECT_FALSE(bye.serialize(writer));
}

TEST(Bye, TruncationsAreSafe) { test::expectTruncationsAreSafe<Bye>(kBye); }

}  // namespace
}  // namespace dienhong::media
