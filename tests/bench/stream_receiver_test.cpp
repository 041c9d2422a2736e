#include "loadgen/stream_receiver.hpp"

#include <gtest/gtest.h>

#include "loadgen/send_time_trailer.hpp"

namespace dienhong::loadgen {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using media::RtpTimestamp;
using media::SequenceNumber;

class StreamReceiverTest : public ::testing::Test {
 protected:
  void receive(uint16_t sequence, Clock::time_point at, int64_t sentMicros, int64_t arrivalMicros, bool rtx = false) {
    std::array<uint8_t, 100> payload{};
    writeSendTimeTrailer(payload, sentMicros);
    receiver_.onPacket(SequenceNumber(sequence), RtpTimestamp(sequence * 3000u), payload, rtx, at, arrivalMicros);
  }

  Clock::time_point t0_ = Clock::now();
  StreamReceiver receiver_{true, 90000, 500ms};
};

TEST_F(StreamReceiverTest, CountsLatencyOfFirstTransmissionsAndLossesRetransmissionDidNotRepair) {
  receive(1, t0_, 0, 0);
  receiver_.startWindow(t0_);
  receive(2, t0_ + 10ms, 1000, 2000);
  receive(4, t0_ + 20ms, 2000, 4000);  // 3 missing
  receive(6, t0_ + 30ms, 3000, 4000);  // 5 missing
  receive(3, t0_ + 35ms, 1500, 9000, true);  // 3 repaired by RTX: no latency sample
  receive(3, t0_ + 36ms, 1500, 9000, true);  // a duplicate
  const auto m = receiver_.endWindow(t0_ + 40ms);
  EXPECT_EQ(m.packets, 4u);
  EXPECT_EQ(m.expected, 5u);
  EXPECT_EQ(m.lost, 1);
  EXPECT_EQ(m.retransmitted, 1u);
  EXPECT_EQ(m.duplicates, 1u);
  EXPECT_EQ(m.freezes, 0u);
  EXPECT_EQ(m.latency.count(), 3u);
  EXPECT_EQ(m.latency.maxMicros(), 2000);
  EXPECT_EQ(m.streams, 1u);
}

TEST_F(StreamReceiverTest, AGapLongerThanTheThresholdIsAFreezeAndSoIsSilenceAtTheEnd) {
  receiver_.startWindow(t0_);
  receive(1, t0_ + 10ms, 0, 0);
  receive(2, t0_ + 700ms, 0, 0);  // 690 ms
  receive(3, t0_ + 800ms, 0, 0);
  const auto m = receiver_.endWindow(t0_ + 1500ms);  // 700 ms of silence at the end
  EXPECT_EQ(m.freezes, 2u);
  EXPECT_EQ(m.longestGapMicros, 700'000);
}

TEST_F(StreamReceiverTest, AHiddenTileIsNoFreezeAndItsClockRestartsWhenShown) {
  receiver_.startWindow(t0_);
  receive(1, t0_, 0, 0);
  receiver_.setExpected(false, t0_ + 100ms);
  receiver_.setExpected(true, t0_ + 2s);
  receive(2, t0_ + 2300ms, 0, 0);  // 300 ms after being shown
  const auto m = receiver_.endWindow(t0_ + 2400ms);
  EXPECT_EQ(m.freezes, 0u);
}

TEST_F(StreamReceiverTest, AStreamThatNeverArrivesIsOneFreezeOverTheWindow) {
  receiver_.startWindow(t0_);
  const auto m = receiver_.endWindow(t0_ + 3s);
  EXPECT_EQ(m.freezes, 1u);
  EXPECT_EQ(m.expected, 0u);
}

}  // namespace
}  // namespace dienhong::loadgen
