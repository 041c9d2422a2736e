// The estimator's contract at its edges: hostile or meaningless feedback, REMB, RTT, and no
// allocation per packet once running.
#include <gtest/gtest.h>

#include <vector>

#include "media/bwe/bandwidth_estimator.hpp"
#include "support/allocation_counter.hpp"

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

const BweTime kT0 = BweTime{} + 100s;

TEST(BandwidthEstimator, StartsAtTheStartRateAndSurvivesFeedbackBeforeAnyPacket) {
  BandwidthEstimator bwe;
  EXPECT_EQ(bwe.targetBitrate(), 300'000);
  std::vector<PacketFeedback> feedback{{1, true, RemoteTime{1000}}, {2, false, RemoteTime{0}}};
  bwe.onFeedback(feedback, kT0);
  bwe.onFeedback({}, kT0 + 1ms);
  EXPECT_EQ(bwe.targetBitrate(), 300'000);
  EXPECT_EQ(bwe.stats().unknownSequences, 2);
  EXPECT_EQ(bwe.stats().feedbackMessages, 2);
}

TEST(BandwidthEstimator, SkipsUnknownDuplicatedAndLateEntries) {
  BandwidthEstimator bwe;
  for (uint16_t s = 0; s < 10; ++s) bwe.onPacketSent({.transportSequence = s, .size = 1000, .sendTime = kT0 + s * 5ms});
  std::vector<PacketFeedback> feedback;
  for (uint16_t s = 0; s < 10; ++s) feedback.push_back({s, s != 4, RemoteTime{1'000'000} + s * 5ms});
  feedback.push_back({40'000, true, RemoteTime{0}});  // never sent
  bwe.onFeedback(feedback, kT0 + 100ms);
  bwe.onFeedback(feedback, kT0 + 101ms);  // the same message again
  EXPECT_EQ(bwe.stats().packetsAcknowledged, 9);
  EXPECT_EQ(bwe.stats().packetsReportedLost, 1);
  EXPECT_EQ(bwe.stats().duplicateReports, 9);
  EXPECT_EQ(bwe.stats().unknownSequences, 2);
  std::vector<PacketFeedback> late{{4, true, RemoteTime{1'000'000} + 25ms}};
  bwe.onFeedback(late, kT0 + 150ms);
  EXPECT_EQ(bwe.stats().lateArrivals, 1);
  EXPECT_EQ(bwe.stats().packetsAcknowledged, 10);
}

TEST(BandwidthEstimator, ArrivalTimesGoingBackwardsOrJumpingDoNotBreakIt) {
  BandwidthEstimator bwe;
  BweTime now = kT0;
  uint16_t sequence = 65'500;
  int64_t remote = 1'000'000'000;
  for (int round = 0; round < 200; ++round) {
    std::vector<PacketFeedback> feedback;
    for (int i = 0; i < 10; ++i) {
      bwe.onPacketSent({.transportSequence = sequence, .size = 1200, .sendTime = now});
      // Nonsense arrival times: backwards every third round, a 20 s jump every 50th.
      remote += round % 3 == 0 ? -7'000 : 5'000;
      if (round % 50 == 49) remote += 20'000'000;
      feedback.push_back({sequence, true, RemoteTime{remote}});
      ++sequence;
      now += 5ms;
    }
    bwe.onFeedback(feedback, now + 30ms);
    ASSERT_GE(bwe.targetBitrate(), 30'000);
    ASSERT_LE(bwe.targetBitrate(), 10'000'000);
  }
}

TEST(BandwidthEstimator, RembIsAnUpperBoundUntilRemoved) {
  BandwidthEstimator bwe;
  bwe.onRemb(100'000);
  EXPECT_EQ(bwe.targetBitrate(), 100'000);
  bwe.onRemb(10'000);
  EXPECT_EQ(bwe.targetBitrate(), 30'000);  // still not below the minimum
  bwe.onRemb(0);
  EXPECT_EQ(bwe.targetBitrate(), 300'000);
}

TEST(BandwidthEstimator, PrefersTheRtcpRoundTripTime) {
  BandwidthEstimator bwe;
  EXPECT_EQ(bwe.rtt(), 100ms);
  bwe.onPacketSent({.transportSequence = 1, .size = 1000, .sendTime = kT0});
  std::vector<PacketFeedback> feedback{{1, true, RemoteTime{5'000}}};
  bwe.onFeedback(feedback, kT0 + 80ms);
  EXPECT_EQ(bwe.rtt(), 80ms);
  bwe.onRtt(40ms, kT0 + 90ms);
  EXPECT_EQ(bwe.rtt(), 40ms);
}

TEST(BandwidthEstimator, RequestsTheStartProbeOnceAndTracksIt) {
  BandwidthEstimator bwe;
  auto cluster = bwe.takeProbeRequest(kT0);
  ASSERT_TRUE(cluster.has_value());
  EXPECT_EQ(cluster->bitrate, 900'000);
  EXPECT_FALSE(bwe.takeProbeRequest(kT0 + 1ms).has_value());
  EXPECT_EQ(bwe.stats().probeClustersRequested, 1);
}

TEST(BandwidthEstimator, AllocatesNothingPerPacketOnceRunning) {
  BandwidthEstimator bwe;
  std::vector<PacketFeedback> feedback(50);  // the caller's buffer, reused
  BweTime now = kT0;
  uint16_t sequence = 0;
  int64_t remote = 0;
  auto round = [&] {
    for (auto& entry : feedback) {
      bwe.onPacketSent({.transportSequence = sequence, .size = 1200, .sendTime = now});
      remote += 4'000;
      entry = {sequence, sequence % 20 != 0, RemoteTime{remote}};
      ++sequence;
      now += 4ms;
    }
    bwe.onFeedback(feedback, now + 25ms);
    (void)bwe.takeProbeRequest(now);
  };
  for (int i = 0; i < 10; ++i) round();  // warm up
  const uint64_t before = dienhong::test::allocationsOnThisThread();
  for (int i = 0; i < 200; ++i) round();  // 10 000 packets, wrapping the sequence
  EXPECT_EQ(dienhong::test::allocationsOnThisThread() - before, 0U);
}

}  // namespace
}  // namespace dienhong::media
