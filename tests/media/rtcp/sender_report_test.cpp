#include "media/rtcp/sender_report.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// RFC 3550 §6.4.1 figure, one report block.
const std::vector<uint8_t> kSenderReport =
    hex("81 c8 00 0c"              // V=2 RC=1 PT=200 length 12
        "11 22 33 44"              // SSRC of sender
        "e4 2a 5c 1f 80 00 00 00"  // NTP timestamp
        "00 01 5f 90"              // RTP timestamp
        "00 00 00 64"              // packet count
        "00 01 86 a0"              // octet count
        "55 66 77 88 19 ff ff fe 00 01 00 05 00 00 00 2a 5c 1f 80 00 00 01 80 00");

TEST(SenderReport, ParsesSenderInfoAndReportBlocks) {
  auto report = parseSingleRtcp<SenderReport>(kSenderReport);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->senderSsrc, Ssrc(0x11223344));
  EXPECT_EQ(report->ntpTimestamp, 0xE42A5C1F80000000ULL);
  EXPECT_EQ(compactNtp(report->ntpTimestamp), 0x5C1F8000U);
  EXPECT_EQ(report->rtpTimestamp, RtpTimestamp(90000));
  EXPECT_EQ(report->packetCount, 100U);
  EXPECT_EQ(report->octetCount, 100000U);
  ASSERT_EQ(report->reportBlocks.size(), 1U);
  const ReportBlock block = *report->reportBlocks.begin();
  EXPECT_EQ(block.sourceSsrc, Ssrc(0x55667788));
  EXPECT_EQ(block.cumulativeLost, -2);
}

TEST(SenderReport, RoundTripsByteForByte) { test::expectRoundTrip<SenderReport>(kSenderReport); }

TEST(SenderReport, BuildsFromValues) {
  std::array<ReportBlock, 2> blocks{};
  blocks[0].sourceSsrc = Ssrc(1);
  blocks[1].sourceSsrc = Ssrc(2);
  blocks[1].fractionLost = 255;
  SenderReport report{Ssrc(9), 0x0102030405060708ULL, RtpTimestamp(7), 3, 4, blocks};
  const auto bytes = test::serialized(report);
  ASSERT_EQ(bytes.size(), 4U + 24 + 48);
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 12),
            hex("82 c8 00 12 00 00 00 09 01 02 03 04"));
  auto parsed = parseSingleRtcp<SenderReport>(bytes);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, report);
}

TEST(SenderReport, SkipsProfileExtensionsAfterTheBlocks) {
  auto bytes = kSenderReport;
  bytes[3] = 0x0d;
  for (uint8_t b : {0xAA, 0xBB, 0xCC, 0xDD}) bytes.push_back(b);
  auto report = parseSingleRtcp<SenderReport>(bytes);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->reportBlocks.size(), 1U);
}

TEST(SenderReport, RejectsMoreBlocksThanTheLengthHolds) {
  auto bytes = kSenderReport;
  bytes[0] = 0x82;  // RC=2, one block present
  EXPECT_FALSE(parseSingleRtcp<SenderReport>(bytes));
}

TEST(SenderReport, RefusesToSerialiseMoreThanThirtyOneBlocks) {
  std::array<ReportBlock, 32> blocks{};
  SenderReport report;
  report.reportBlocks = blocks;
  std::vector<uint8_t> out(report.serializedSize());
  ByteWriter writer(out);
  EXPECT_FALSE(report.serialize(writer));
}

TEST(SenderReport, TruncationsAreSafe) {
  test::expectTruncationsAreSafe<SenderReport>(kSenderReport);
}

}  // namespace
}  // namespace dienhong::media
