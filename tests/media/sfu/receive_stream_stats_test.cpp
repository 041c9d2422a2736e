#include "media/sfu/receive_stream_stats.hpp"

#include <gtest/gtest.h>

#include "media/rtcp/sender_report.hpp"

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;
using Clock = ReceiveStreamStats::Clock;

TEST(ReceiveStreamStats, LossIsCountedAsRfc3550AppendixA3AcrossTheWrap) {
  ReceiveStreamStats stats(90000);
  const Clock::time_point t{std::chrono::seconds(5)};
  uint16_t s = 65530;
  for (int i = 0; i < 20; ++i, ++s) {
    if (i == 3 || i == 9) continue;
    EXPECT_TRUE(stats.onPacket(SequenceNumber(s), RtpTimestamp(3000u * static_cast<uint32_t>(i)), 100, false, t));
  }
  EXPECT_EQ(stats.expected(), 20U);
  EXPECT_EQ(stats.cumulativeLost(), 2);
  EXPECT_EQ(stats.extendedHighestSequence(), 65536U + 13);
  auto block = stats.makeReportBlock(Ssrc(7), t);
  EXPECT_EQ(block.fractionLost, 2 * 256 / 20);
  EXPECT_EQ(block.cumulativeLost, 2);
  EXPECT_EQ(block.lastSenderReport, 0U);
  // The next interval has no loss; a late packet of the first brings the total down.
  stats.onPacket(SequenceNumber(65533), RtpTimestamp(9000), 100, true, t);
  for (int i = 0; i < 10; ++i, ++s) stats.onPacket(SequenceNumber(s), RtpTimestamp(0), 100, false, t);
  block = stats.makeReportBlock(Ssrc(7), t);
  EXPECT_EQ(block.fractionLost, 0);
  EXPECT_EQ(block.cumulativeLost, 1);
  EXPECT_EQ(stats.packets(), 29U);
}

TEST(ReceiveStreamStats, AJumpIsBelievedOnlyWhenTheNextPacketFollowsIt) {
  ReceiveStreamStats stats;
  const Clock::time_point t{std::chrono::seconds(5)};
  stats.onPacket(SequenceNumber(100), RtpTimestamp(0), 10, false, t);
  stats.onPacket(SequenceNumber(101), RtpTimestamp(0), 10, false, t);
  EXPECT_FALSE(stats.onPacket(SequenceNumber(20000), RtpTimestamp(0), 10, false, t)) << "a stray packet";
  EXPECT_TRUE(stats.onPacket(SequenceNumber(102), RtpTimestamp(0), 10, false, t));
  EXPECT_EQ(stats.expected(), 3U);
  EXPECT_FALSE(stats.onPacket(SequenceNumber(40000), RtpTimestamp(0), 10, false, t));
  EXPECT_TRUE(stats.onPacket(SequenceNumber(40001), RtpTimestamp(0), 10, false, t)) << "a restarted sender";
  EXPECT_EQ(stats.expected(), 1U);
  EXPECT_EQ(stats.cumulativeLost(), 0);
}

TEST(ReceiveStreamStats, JitterFollowsAppendixA8AndTheSenderReportIsEchoed) {
  ReceiveStreamStats stats(90000);
  const Clock::time_point t{std::chrono::seconds(5)};
  // Frames every 40 ms, arriving alternately 10 ms early and late: |D| = 20 ms = 1800 ticks.
  for (int i = 0; i < 400; ++i) {
    const auto arrival = t + i * 40ms + (i % 2 ? 10ms : -10ms);
    stats.onPacket(SequenceNumber(static_cast<uint16_t>(i)), RtpTimestamp(3600u * static_cast<uint32_t>(i)), 100, false,
                   arrival);
  }
  EXPECT_NEAR(stats.jitter(), 1800, 20);
  EXPECT_NEAR(stats.jitterMs(), 20.0, 0.3);
  stats.onSenderReport(0x0000'1234'5678'0000ULL, t);
  const auto block = stats.makeReportBlock(Ssrc(1), t + 500ms);
  EXPECT_EQ(block.lastSenderReport, compactNtp(0x0000'1234'5678'0000ULL));
  EXPECT_EQ(block.delaySinceLastSenderReport, 32768U);
}

}  // namespace
}  // namespace dienhong::media
