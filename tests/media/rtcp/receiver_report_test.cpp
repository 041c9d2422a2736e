#include "media/rtcp/receiver_report.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "media/rtcp/sender_report.hpp"
#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// RFC 3550 §6.4.2 figure, one report block.
const std::vector<uint8_t> kReceiverReport =
    hex("81 c9 00 07"
        "11 22 33 44"
        "55 66 77 88 00 00 00 00 00 00 ff ff 00 00 01 00 00 00 00 00 00 00 00 00");

TEST(ReceiverReport, ParsesReporterAndBlocks) {
  auto report = parseSingleRtcp<ReceiverReport>(kReceiverReport);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->senderSsrc, Ssrc(0x11223344));
  ASSERT_EQ(report->reportBlocks.size(), 1U);
  const ReportBlock block = *report->reportBlocks.begin();
  EXPECT_EQ(block.extendedHighestSequenceNumber, 65535U);
  EXPECT_EQ(block.jitter, 256U);
}

TEST(ReceiverReport, EmptyReportIsValid) {
  const auto bytes = hex("80 c9 00 01 11 22 33 44");
  auto report = parseSingleRtcp<ReceiverReport>(bytes);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->reportBlocks.empty());
  test::expectRoundTrip<ReceiverReport>(bytes);
}

TEST(ReceiverReport, RoundTripsByteForByte) {
  test::expectRoundTrip<ReceiverReport>(kReceiverReport);
}

TEST(ReceiverReport, RejectsOtherPacketTypes) {
  auto bytes = kReceiverReport;
  bytes[1] = 0xC8;
  EXPECT_FALSE(parseSingleRtcp<ReceiverReport>(bytes));
  EXPECT_FALSE(parseSingleRtcp<SenderReport>(kReceiverReport));
}

TEST(ReceiverReport, TruncationsAreSafe) {
  test::expectTruncationsAreSafe<ReceiverReport>(kReceiverReport);
}

}  // namespace
}  // namespace dienhong::media
