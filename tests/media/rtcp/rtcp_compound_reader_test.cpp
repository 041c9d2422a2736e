#include "media/rtcp/rtcp_compound_reader.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "../rtp/test_bytes.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/remb.hpp"
#include "media/rtcp/sdes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

std::vector<uint8_t> concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

const std::vector<uint8_t> kRr =
    hex("81 c9 00 07 11 22 33 44 55 66 77 88 00 00 00 00 00 00 ff ff 00 00 01 00 00 00 00 00 00 00 "
        "00 00");
const std::vector<uint8_t> kSdes = hex("81 ca 00 03 11 22 33 44 01 02 61 62 00 00 00 00");
const std::vector<uint8_t> kApp = hex("80 cc 00 02 11 22 33 44 6e 61 6d 65");  // APP "name"
const std::vector<uint8_t> kNack = hex("81 cd 00 03 11 22 33 44 55 66 77 88 00 10 00 01");
const std::vector<uint8_t> kRemb =
    hex("8f ce 00 05 11 22 33 44 00 00 00 00 52 45 4d 42 01 0e dc 6c 55 66 77 88");

TEST(RtcpCompoundReader, YieldsEveryPacketIncludingUnknownOnes) {
  const auto compound = concat({kRr, kSdes, kApp, kNack, kRemb});
  RtcpCompoundReader reader(compound);
  std::vector<RtcpPacketKind> kinds;
  std::vector<size_t> sizes;
  for (const RtcpPacket& packet : reader) {
    kinds.push_back(packet.kind());
    sizes.push_back(packet.bytes().size());
  }
  EXPECT_FALSE(reader.failed());
  EXPECT_EQ(reader.offset(), compound.size());
  EXPECT_EQ(kinds,
            (std::vector<RtcpPacketKind>{RtcpPacketKind::kReceiverReport, RtcpPacketKind::kSdes,
                                         RtcpPacketKind::kUnknown, RtcpPacketKind::kGenericNack,
                                         RtcpPacketKind::kRemb}));
  EXPECT_EQ(sizes, (std::vector<size_t>{32, 16, 12, 16, 24}));
}

TEST(RtcpCompoundReader, DispatchesToThePacketClasses) {
  const auto compound = concat({kRr, kApp, kNack});
  RtcpCompoundReader reader(compound);
  int parsed = 0;
  while (auto packet = reader.next()) {
    switch (packet->kind()) {
      case RtcpPacketKind::kReceiverReport:
        EXPECT_TRUE(ReceiverReport::parse(*packet));
        ++parsed;
        break;
      case RtcpPacketKind::kGenericNack: {
        auto nack = GenericNack::parse(*packet);
        ASSERT_TRUE(nack);
        std::vector<uint16_t> lost;
        for (SequenceNumber s : nack->lostPackets()) lost.push_back(s.value());
        EXPECT_EQ(lost, (std::vector<uint16_t>{16, 17}));
        ++parsed;
        break;
      }
      default:
        break;  // unknown packet types are skipped
    }
  }
  EXPECT_EQ(parsed, 2);
  EXPECT_FALSE(reader.failed());
}

TEST(RtcpCompoundReader, StopsAtABadLengthAndReportsWhere) {
  auto bad = kNack;
  bad[3] = 0x0A;  // claims 44 bytes, 40 remain
  const auto compound = concat({kRr, kSdes, bad, kRemb});
  RtcpCompoundReader reader(compound);
  int count = 0;
  for (const RtcpPacket& packet : reader) {
    (void)packet;
    ++count;
  }
  EXPECT_EQ(count, 2);
  EXPECT_TRUE(reader.failed());
  EXPECT_EQ(reader.error(), RtcpFramingError::kLengthBeyondBuffer);
  EXPECT_EQ(reader.offset(), 48U);
  EXPECT_FALSE(reader.next()) << "an error is sticky";
}

TEST(RtcpCompoundReader, ReportsBadVersionTruncatedHeaderAndBadPadding) {
  auto version = kSdes;
  version[0] = 0x41;
  const auto badVersion = concat({kRr, version});
  RtcpCompoundReader first(badVersion);
  EXPECT_TRUE(first.next());
  EXPECT_FALSE(first.next());
  EXPECT_EQ(first.error(), RtcpFramingError::kBadVersion);

  const auto truncated = concat({kRr, hex("81 c9 00")});
  RtcpCompoundReader second(truncated);
  EXPECT_TRUE(second.next());
  EXPECT_FALSE(second.next());
  EXPECT_EQ(second.error(), RtcpFramingError::kTruncatedHeader);
  EXPECT_EQ(second.offset(), 32U);

  const auto padding = concat({kRr, hex("a0 c9 00 01 11 22 33 00")});
  RtcpCompoundReader third(padding);
  EXPECT_TRUE(third.next());
  EXPECT_FALSE(third.next());
  EXPECT_EQ(third.error(), RtcpFramingError::kBadPadding);
}

TEST(RtcpCompoundReader, HandlesPaddingOnTheLastPacket) {
  const auto padded = hex("a0 c9 00 02 11 22 33 44 00 00 00 04");
  const auto compound = concat({kSdes, padded});
  RtcpCompoundReader reader(compound);
  EXPECT_TRUE(reader.next());
  auto last = reader.next();
  ASSERT_TRUE(last);
  auto rr = ReceiverReport::parse(*last);
  ASSERT_TRUE(rr);
  EXPECT_EQ(rr->senderSsrc, Ssrc(0x11223344));
  EXPECT_FALSE(reader.next());
  EXPECT_FALSE(reader.failed());
}

TEST(RtcpCompoundReader, EveryPrefixYieldsOnlyWholePackets) {
  const auto compound = concat({kRr, kSdes, kApp, kNack, kRemb});
  const std::vector<size_t> ends = {32, 48, 60, 76, 100};
  for (size_t size = 0; size <= compound.size(); ++size) {
    const auto bytes = test::prefix(compound, size);
    RtcpCompoundReader reader(bytes);
    size_t whole = 0;
    for (const RtcpPacket& packet : reader) {
      EXPECT_LE(packet.bytes().data() + packet.bytes().size(), bytes.data() + bytes.size());
      ++whole;
    }
    size_t expected = 0;
    while (expected < ends.size() && ends[expected] <= size) ++expected;
    EXPECT_EQ(whole, expected) << size;
    const bool onBoundary = size == 0 || (expected > 0 && ends[expected - 1] == size);
    EXPECT_EQ(reader.failed(), !onBoundary) << size;
  }
}

TEST(RtcpCompoundReader, EmptyInputHasNoPacketsAndNoError) {
  RtcpCompoundReader reader({});
  EXPECT_FALSE(reader.next());
  EXPECT_FALSE(reader.failed());
}

}  // namespace
}  // namespace dienhong::media
