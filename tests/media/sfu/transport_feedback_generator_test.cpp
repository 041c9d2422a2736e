#include "media/sfu/transport_feedback_generator.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "media/rtcp/rtcp_packet.hpp"

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;
using Clock = TransportFeedbackGenerator::Clock;

struct Reported {
  uint16_t sequence;
  bool received;
  int64_t arrivalMicros;
};

std::vector<Reported> drain(TransportFeedbackGenerator& g, size_t* messages = nullptr) {
  std::vector<Reported> out;
  std::array<uint8_t, 1500> buffer{};
  size_t count = 0;
  while (auto size = g.writeFeedback(Ssrc(1), buffer)) {
    ++count;
    auto feedback = parseSingleRtcp<TransportFeedback>(std::span<const uint8_t>(buffer.data(), *size));
    EXPECT_TRUE(feedback);
    if (!feedback) break;
    int64_t arrival = feedback->referenceTimeMicros();
    for (const auto& p : feedback->packets()) {
      if (p.received) arrival += p.deltaTicks * TransportFeedback::kDeltaTickMicros;
      out.push_back({p.sequenceNumber.value(), p.received, p.received ? arrival : 0});
    }
  }
  if (messages) *messages = count;
  return out;
}

int64_t micros(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

TEST(TransportFeedbackGenerator, ReportsEverySequenceNumberOnceAcrossTheWrap) {
  TransportFeedbackGenerator g;
  const Clock::time_point t{std::chrono::seconds(3)};
  for (int i = 0; i < 10; ++i) {
    if (i == 5) continue;
    g.onPacket(SequenceNumber(static_cast<uint16_t>(65530 + i)), Ssrc(9), t + i * 1ms);
  }
  auto reported = drain(g);
  ASSERT_EQ(reported.size(), 10U);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(reported[i].sequence, static_cast<uint16_t>(65530 + i));
    EXPECT_EQ(reported[i].received, i != 5);
    if (i != 5) {
      EXPECT_EQ(reported[i].arrivalMicros - reported[0].arrivalMicros, i * 1000);
    }
  }
  EXPECT_FALSE(g.pending());
  // A packet that was reported lost cannot come back; new ones follow on.
  g.onPacket(SequenceNumber(65535), Ssrc(9), t + 20ms);
  g.onPacket(SequenceNumber(4), Ssrc(9), t + 20ms);
  reported = drain(g);
  ASSERT_EQ(reported.size(), 1U);
  EXPECT_EQ(reported[0].sequence, 4);
}

TEST(TransportFeedbackGenerator, LongRunsAndLongPausesSplitIntoSeveralMessages) {
  TransportFeedbackGenerator g;
  const Clock::time_point t{std::chrono::seconds(3)};
  for (int i = 0; i < 1000; ++i) g.onPacket(SequenceNumber(static_cast<uint16_t>(i)), Ssrc(9), t + i * 100us);
  // Ten seconds of silence: the delta does not fit 16 bits of 250 us.
  g.onPacket(SequenceNumber(1000), Ssrc(9), t + 10s);
  size_t messages = 0;
  const auto reported = drain(g, &messages);
  EXPECT_GE(messages, 4U);
  ASSERT_EQ(reported.size(), 1001U);
  for (size_t i = 0; i < reported.size(); ++i) {
    EXPECT_EQ(reported[i].sequence, i);
    EXPECT_TRUE(reported[i].received);
  }
  EXPECT_EQ(reported[1000].arrivalMicros, micros(t + 10s));
}

TEST(TransportFeedbackGenerator, AJumpFarAheadForgetsWhatCanNoLongerBeReported) {
  TransportFeedbackGenerator g;
  const Clock::time_point t{std::chrono::seconds(3)};
  g.onPacket(SequenceNumber(0), Ssrc(9), t);
  g.onPacket(SequenceNumber(20000), Ssrc(9), t + 1ms);
  const auto reported = drain(g);
  ASSERT_FALSE(reported.empty());
  EXPECT_LE(reported.size(), TransportFeedbackGenerator::kWindow);
  EXPECT_EQ(reported.back().sequence, 20000);
  EXPECT_TRUE(reported.back().received);
}

}  // namespace
}  // namespace dienhong::media
