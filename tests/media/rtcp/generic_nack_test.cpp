#include "media/rtcp/generic_nack.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// RFC 4585 §6.2.1: PID 65534 with BLP bits 0 and 2 (65535 and 1, across the wrap), and PID 10
// with BLP bit 15 (26).
const std::vector<uint8_t> kNack =
    hex("81 cd 00 04"
        "11 22 33 44"  // SSRC of packet sender
        "55 66 77 88"  // SSRC of media source
        "ff fe 00 05"
        "00 0a 80 00");

std::vector<uint16_t> lost(const GenericNack& nack) {
  std::vector<uint16_t> out;
  for (SequenceNumber s : nack.lostPackets()) out.push_back(s.value());
  return out;
}

TEST(GenericNack, ParsesFciPairs) {
  auto nack = parseSingleRtcp<GenericNack>(kNack);
  ASSERT_TRUE(nack);
  EXPECT_EQ(nack->senderSsrc, Ssrc(0x11223344));
  EXPECT_EQ(nack->mediaSsrc, Ssrc(0x55667788));
  const auto items = test::toVector(nack->items);
  EXPECT_EQ(items,
            (std::vector<NackItem>{{SequenceNumber(65534), 0x0005}, {SequenceNumber(10), 0x8000}}));
}

TEST(GenericNack, ExpandsBitmasksAcrossTheWrap) {
  auto nack = parseSingleRtcp<GenericNack>(kNack);
  ASSERT_TRUE(nack);
  EXPECT_EQ(lost(*nack), (std::vector<uint16_t>{65534, 65535, 1, 10, 26}));
}

TEST(GenericNack, ExpandsAFullBitmask) {
  const std::array<NackItem, 1> items = {NackItem{SequenceNumber(65530), 0xFFFF}};
  const GenericNack nack{Ssrc(1), Ssrc(2), items};
  std::vector<uint16_t> expected;
  for (int i = 0; i <= 16; ++i) expected.push_back(static_cast<uint16_t>(65530 + i));
  EXPECT_EQ(lost(nack), expected);
}

TEST(GenericNack, PacksSequenceNumbersAcrossTheWrap) {
  const std::vector<SequenceNumber> lostPackets = {
      SequenceNumber(65534), SequenceNumber(65535), SequenceNumber(1), SequenceNumber(1),
      SequenceNumber(10),    SequenceNumber(26),    SequenceNumber(27)};
  std::array<NackItem, 4> out{};
  const auto packing = packNackItems(lostPackets, out);
  EXPECT_EQ(packing.items, 2U);
  EXPECT_EQ(packing.consumed, lostPackets.size());
  // 65535 = +1, 1 = +3 (the duplicate folds), 10 = +12; 26 = +28 needs a new item.
  EXPECT_EQ(out[0], (NackItem{SequenceNumber(65534), 0x0805}));
  EXPECT_EQ(out[1], (NackItem{SequenceNumber(26), 0x0001}));  // 27 = +1

  const GenericNack nack{Ssrc(1), Ssrc(2), std::span<const NackItem>(out).first(packing.items)};
  EXPECT_EQ(lost(nack), (std::vector<uint16_t>{65534, 65535, 1, 10, 26, 27}));
}

TEST(GenericNack, PackingStopsWhenTheOutputIsFull) {
  const std::vector<SequenceNumber> lostPackets = {SequenceNumber(1), SequenceNumber(2),
                                                   SequenceNumber(100), SequenceNumber(200)};
  std::array<NackItem, 1> out{};
  const auto packing = packNackItems(lostPackets, out);
  EXPECT_EQ(packing.items, 1U);
  EXPECT_EQ(packing.consumed, 2U);
  EXPECT_EQ(out[0], (NackItem{SequenceNumber(1), 0x0001}));
}

TEST(GenericNack, RoundTripsByteForByte) { test::expectRoundTrip<GenericNack>(kNack); }

TEST(GenericNack, RejectsEmptyOrPartialFci) {
  EXPECT_FALSE(parseSingleRtcp<GenericNack>(hex("81 cd 00 02 11 22 33 44 55 66 77 88")));
  EXPECT_FALSE(parseSingleRtcp<GenericNack>(hex("81 cd 00 03 11 22 33 44 55 66 77 88 00 01")))
      << "whole words only";
  EXPECT_FALSE(parseSingleRtcp<GenericNack>(hex("82 cd 00 03 11 22 33 44 55 66 77 88 00 01 00 00")))
      << "FMT 2 is not a generic NACK";
  const GenericNack empty{Ssrc(1), Ssrc(2), {}};
  std::vector<uint8_t> out(64);
  ByteWriter writer(out);
  EXPECT_FALSE(empty.serialize(writer));
}

TEST(GenericNack, TruncationsAreSafe) { test::expectTruncationsAreSafe<GenericNack>(kNack); }

}  // namespace
}  // namespace dienhong::media
