#include "media/rtcp/remb.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// draft-alvestrand-rmcat-remb §2.2: 1 500 000 bps = 187500 * 2^3, for two SSRCs.
const std::vector<uint8_t> kRemb =
    hex("8f ce 00 06"
        "11 22 33 44 00 00 00 00"
        "52 45 4d 42"  // "REMB"
        "02 0e dc 6c"  // Num SSRC 2, BR Exp 3, BR Mantissa 187500
        "55 66 77 88 99 aa bb cc");

TEST(Remb, ParsesBitrateAndSsrcs) {
  auto remb = parseSingleRtcp<Remb>(kRemb);
  ASSERT_TRUE(remb);
  EXPECT_EQ(remb->senderSsrc, Ssrc(0x11223344));
  EXPECT_EQ(remb->bitrateBps, 1'500'000U);
  const auto ssrcs = test::toVector(remb->ssrcs);
  EXPECT_EQ(ssrcs, (std::vector<Ssrc>{Ssrc(0x55667788), Ssrc(0x99AABBCC)}));
}

TEST(Remb, RoundTripsByteForByte) { test::expectRoundTrip<Remb>(kRemb); }

TEST(Remb, EncodesWithTheSmallestExponentAndRoundsDown) {
  const std::array<Ssrc, 1> ssrcs = {Ssrc(7)};
  // 262143 fits the mantissa: exponent 0.
  auto small = test::serialized(Remb{Ssrc(1), Ssrc(0), 262143, ssrcs});
  EXPECT_EQ(std::vector<uint8_t>(small.begin() + 16, small.begin() + 20), hex("01 03 ff ff"));
  // 262145 needs exponent 1 and loses its lowest bit: 131072 << 1 = 262144.
  auto rounded = test::serialized(Remb{Ssrc(1), Ssrc(0), 262145, ssrcs});
  EXPECT_EQ(std::vector<uint8_t>(rounded.begin() + 16, rounded.begin() + 20), hex("01 06 00 00"));
  EXPECT_EQ(parseSingleRtcp<Remb>(rounded)->bitrateBps, 262144U);
  // The largest 64-bit value still encodes (exponent 46).
  auto huge = test::serialized(Remb{Ssrc(1), Ssrc(0), UINT64_MAX, ssrcs});
  EXPECT_EQ(parseSingleRtcp<Remb>(huge)->bitrateBps, uint64_t{0x3FFFF} << 46);
}

TEST(Remb, RejectsOverflowingBitratesAndBadCounts) {
  auto bytes = kRemb;
  bytes[17] = 0xFF;  // exponent 63 with a non-zero mantissa
  EXPECT_FALSE(parseSingleRtcp<Remb>(bytes));
  bytes = kRemb;
  bytes[16] = 3;  // three SSRCs announced, two present
  EXPECT_FALSE(parseSingleRtcp<Remb>(bytes));
  bytes = kRemb;
  bytes[16] = 1;  // one announced, two present
  EXPECT_FALSE(parseSingleRtcp<Remb>(bytes));
  bytes = kRemb;
  bytes[15] = 'C';
  EXPECT_FALSE(parseSingleRtcp<Remb>(bytes)) << "other application-layer feedback";
}

TEST(Remb, TruncationsAreSafe) { test::expectTruncationsAreSafe<Remb>(kRemb); }

}  // namespace
}  // namespace dienhong::media
