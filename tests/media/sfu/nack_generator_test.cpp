#include "media/sfu/nack_generator.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;
using Clock = NackGenerator::Clock;
using Arrival = NackGenerator::Arrival;

std::vector<uint16_t> collect(NackGenerator& g, Clock::time_point now, int retries = 3) {
  std::array<SequenceNumber, 300> out{};
  const size_t n = g.collect(now, 100ms, retries, out);
  std::vector<uint16_t> values;
  for (size_t i = 0; i < n; ++i) values.push_back(out[i].value());
  return values;
}

TEST(NackGenerator, GapsAreListedAcrossTheWrapAndRecoveredPacketsLeaveTheList) {
  NackGenerator g;
  const Clock::time_point t{std::chrono::seconds(10)};
  EXPECT_EQ(g.onPacket(SequenceNumber(65533), t), Arrival::kNew);
  EXPECT_EQ(g.onPacket(SequenceNumber(1), t), Arrival::kNew);  // 65534, 65535, 0 missing
  EXPECT_EQ(collect(g, t), (std::vector<uint16_t>{65534, 65535, 0}));
  EXPECT_EQ(g.onPacket(SequenceNumber(65535), t), Arrival::kRecovered);
  EXPECT_EQ(g.onPacket(SequenceNumber(65535), t), Arrival::kDuplicate);
  EXPECT_EQ(g.onPacket(SequenceNumber(1), t), Arrival::kDuplicate);
  EXPECT_TRUE(collect(g, t + 50ms).empty()) << "not again within the retry interval";
  EXPECT_EQ(collect(g, t + 100ms), (std::vector<uint16_t>{65534, 0}));
  EXPECT_EQ(collect(g, t + 200ms), (std::vector<uint16_t>{65534, 0}));
  EXPECT_TRUE(collect(g, t + 300ms).empty()) << "three tries";
  EXPECT_EQ(g.onPacket(SequenceNumber(0), t + 400ms), Arrival::kRecovered) << "still welcome when late";
  EXPECT_FALSE(g.takeKeyframeNeeded());
}

TEST(NackGenerator, LargeGapsAndRestartsAskForAKeyframeInstead) {
  NackGenerator g;
  const Clock::time_point t{std::chrono::seconds(10)};
  g.onPacket(SequenceNumber(100), t);
  g.onPacket(SequenceNumber(100 + NackGenerator::kMaxMissing + 10), t);
  EXPECT_EQ(g.missingCount(), 0U);
  EXPECT_TRUE(g.takeKeyframeNeeded());
  EXPECT_FALSE(g.takeKeyframeNeeded());
  g.onPacket(SequenceNumber(30000), t);  // a restarted sender
  EXPECT_TRUE(g.takeKeyframeNeeded());
  EXPECT_EQ(g.onPacket(SequenceNumber(30001), t), Arrival::kNew);
  // A sender restarting lower is believed after a run of packets from there.
  Arrival last = Arrival::kDuplicate;
  for (uint16_t s = 5; s < 5 + NackGenerator::kRestartAfterOldPackets; ++s) last = g.onPacket(SequenceNumber(s), t);
  EXPECT_EQ(last, Arrival::kNew);
  EXPECT_EQ(g.onPacket(SequenceNumber(5 + NackGenerator::kRestartAfterOldPackets), t), Arrival::kNew);
}

TEST(NackGenerator, TheListIsBoundedAndForgetsOldGaps) {
  NackGenerator g;
  const Clock::time_point t{std::chrono::seconds(10)};
  uint16_t s = 0;
  g.onPacket(SequenceNumber(s), t);
  for (int i = 0; i < 400; ++i) {
    s = static_cast<uint16_t>(s + 2);
    g.onPacket(SequenceNumber(s), t);
  }
  EXPECT_EQ(g.missingCount(), NackGenerator::kMaxMissing);
  EXPECT_EQ(collect(g, t).front(), static_cast<uint16_t>(s - 2 * NackGenerator::kMaxMissing + 1));
  s = static_cast<uint16_t>(s + 2);
  g.onPacket(SequenceNumber(s), t + 2s);
  EXPECT_EQ(g.missingCount(), 1U) << "gaps older than a second are of no use";
}

}  // namespace
}  // namespace dienhong::media
