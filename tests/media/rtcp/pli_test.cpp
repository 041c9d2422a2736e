#include "media/rtcp/pli.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

const std::vector<uint8_t> kPli = hex("81 ce 00 02 11 22 33 44 55 66 77 88");  // RFC 4585 §6.3.1

TEST(Pli, ParsesBothSsrcs) {
  auto pli = parseSingleRtcp<Pli>(kPli);
  ASSERT_TRUE(pli);
  EXPECT_EQ(pli->senderSsrc, Ssrc(0x11223344));
  EXPECT_EQ(pli->mediaSsrc, Ssrc(0x55667788));
}

TEST(Pli, RoundTripsByteForByte) {
  test::expectRoundTrip<Pli>(kPli);
  EXPECT_EQ(test::serialized(Pli{Ssrc(1), Ssrc(2)}), hex("81 ce 00 02 00 00 00 01 00 00 00 02"));
}

TEST(Pli, RejectsOtherFormatsAndShortBodies) {
  EXPECT_FALSE(parseSingleRtcp<Pli>(hex("84 ce 00 02 11 22 33 44 55 66 77 88")));
  EXPECT_FALSE(parseSingleRtcp<Pli>(hex("81 cd 00 02 11 22 33 44 55 66 77 88")));
  EXPECT_FALSE(parseSingleRtcp<Pli>(hex("81 ce 00 01 11 22 33 44")));
}

TEST(Pli, TruncationsAreSafe) { test::expectTruncationsAreSafe<Pli>(kPli); }

}  // namespace
}  // namespace dienhong::media
