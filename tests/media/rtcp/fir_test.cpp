#include "media/rtcp/fir.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// RFC 5104 §4.3.1.1: media source 0, two FCI entries with command sequence numbers 7 and 8.
const std::vector<uint8_t> kFir =
    hex("84 ce 00 06"
        "11 22 33 44 00 00 00 00"
        "55 66 77 88 07 00 00 00"
        "99 aa bb cc 08 00 00 00");

TEST(Fir, ParsesEntriesWithCommandSequenceNumbers) {
  auto fir = parseSingleRtcp<Fir>(kFir);
  ASSERT_TRUE(fir);
  EXPECT_EQ(fir->senderSsrc, Ssrc(0x11223344));
  EXPECT_EQ(fir->mediaSsrc, Ssrc(0));
  const auto entries = test::toVector(fir->entries);
  EXPECT_EQ(entries, (std::vector<FirEntry>{{Ssrc(0x55667788), 7}, {Ssrc(0x99AABBCC), 8}}));
}

TEST(Fir, RoundTripsByteForByte) { test::expectRoundTrip<Fir>(kFir); }

TEST(Fir, IgnoresReservedBitsButWritesZeros) {
  auto bytes = kFir;
  bytes[17] = 0xFF;  // reserved
  test::expectRoundTrip<Fir>(bytes, /*canonical=*/false);
  auto fir = parseSingleRtcp<Fir>(bytes);
  EXPECT_EQ(test::serialized(*fir), kFir);
}

TEST(Fir, RejectsPartialOrMissingEntries) {
  EXPECT_FALSE(parseSingleRtcp<Fir>(hex("84 ce 00 02 11 22 33 44 00 00 00 00")));
  EXPECT_FALSE(parseSingleRtcp<Fir>(hex("84 ce 00 03 11 22 33 44 00 00 00 00 55 66 77 88")));
  const std::array<FirEntry, 1> entries = {FirEntry{Ssrc(5), 255}};
  EXPECT_EQ(test::serialized(Fir{Ssrc(1), Ssrc(0), entries}),
            hex("84 ce 00 04 00 00 00 01 00 00 00 00 00 00 00 05 ff 00 00 00"));
}

TEST(Fir, TruncationsAreSafe) { test::expectTruncationsAreSafe<Fir>(kFir); }

}  // namespace
}  // namespace dienhong::media
