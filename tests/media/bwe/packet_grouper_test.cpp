#include "media/bwe/packet_grouper.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

const BweTime kT0 = BweTime{} + 10s;
constexpr RemoteTime kR0{5'000'000'000};

TEST(PacketGrouper, GroupsFiveMillisecondBurstsAndReportsDeltasBetweenGroups) {
  PacketGrouper grouper;
  // Group 1: sent at 0, 2, 4 ms. Group 2: 20, 22 ms. Group 3 opens at 40 ms.
  EXPECT_FALSE(grouper.add(kT0, kR0 + 30ms, 1000));
  EXPECT_FALSE(grouper.add(kT0 + 2ms, kR0 + 32ms, 1000));
  EXPECT_FALSE(grouper.add(kT0 + 4ms, kR0 + 34ms, 1000));
  EXPECT_FALSE(grouper.add(kT0 + 20ms, kR0 + 51ms, 1000));  // completes group 1: no predecessor yet
  EXPECT_FALSE(grouper.add(kT0 + 22ms, kR0 + 55ms, 500));
  auto delta = grouper.add(kT0 + 40ms, kR0 + 70ms, 1000);  // completes group 2
  ASSERT_TRUE(delta.has_value());
  EXPECT_DOUBLE_EQ(delta->sendDeltaMs, 18.0);     // 22 - 4
  EXPECT_DOUBLE_EQ(delta->arrivalDeltaMs, 21.0);  // 55 - 34
  EXPECT_DOUBLE_EQ(delta->delayVariationMs(), 3.0);
  EXPECT_EQ(delta->sizeDelta, 1500 - 3000);
  EXPECT_EQ(delta->arrivalTime, kR0 + 55ms);
}

TEST(PacketGrouper, APacketReleasedTogetherWithTheGroupJoinsIt) {
  PacketGrouper grouper;
  EXPECT_FALSE(grouper.add(kT0, kR0, 1000));
  EXPECT_FALSE(grouper.add(kT0 + 20ms, kR0 + 40ms, 1000));
  // Sent 10 ms after the group started, but arrived 1 ms after its last packet: a burst.
  EXPECT_FALSE(grouper.add(kT0 + 30ms, kR0 + 41ms, 1000));
  auto delta = grouper.add(kT0 + 60ms, kR0 + 80ms, 1000);
  ASSERT_TRUE(delta.has_value());
  EXPECT_DOUBLE_EQ(delta->sendDeltaMs, 30.0);     // the burst's last send, 30 ms
  EXPECT_DOUBLE_EQ(delta->arrivalDeltaMs, 41.0);  // and its last arrival
  EXPECT_EQ(delta->sizeDelta, 1000);
}

TEST(PacketGrouper, IgnoresPacketsSentBeforeTheCurrentGroup) {
  PacketGrouper grouper;
  grouper.add(kT0 + 100ms, kR0 + 100ms, 1000);
  EXPECT_FALSE(grouper.add(kT0 + 50ms, kR0 + 120ms, 1000));
  EXPECT_EQ(grouper.ignoredPackets(), 1);
}

TEST(PacketGrouper, StartsOverAfterAnArrivalClockJump) {
  PacketGrouper grouper;
  grouper.add(kT0, kR0, 1000);
  grouper.add(kT0 + 20ms, kR0 + 20ms, 1000);
  EXPECT_TRUE(grouper.add(kT0 + 40ms, kR0 + 10s, 1000));  // this group arrives 10 s "late"...
  EXPECT_FALSE(grouper.add(kT0 + 60ms, kR0 + 10s + 20ms, 1000));  // ...which its completion shows
  EXPECT_EQ(grouper.resets(), 1);
  EXPECT_FALSE(grouper.add(kT0 + 80ms, kR0 + 10s + 40ms, 1000));  // a fresh start
  auto delta = grouper.add(kT0 + 100ms, kR0 + 10s + 60ms, 1000);
  ASSERT_TRUE(delta.has_value());
  EXPECT_DOUBLE_EQ(delta->delayVariationMs(), 0.0);
}

TEST(PacketGrouper, AGroupArrivingBeforeItsPredecessorIsDropped) {
  PacketGrouper grouper;
  grouper.add(kT0, kR0 + 50ms, 1000);
  grouper.add(kT0 + 20ms, kR0 + 70ms, 1000);
  EXPECT_TRUE(grouper.add(kT0 + 40ms, kR0 + 40ms, 1000));  // completes group 2
  // Group 3 (40 ms) arrived before group 2: dropped, group 2 stays the reference.
  EXPECT_FALSE(grouper.add(kT0 + 60ms, kR0 + 90ms, 1000));
  auto delta = grouper.add(kT0 + 80ms, kR0 + 110ms, 1000);
  ASSERT_TRUE(delta.has_value());
  EXPECT_DOUBLE_EQ(delta->sendDeltaMs, 40.0);
  EXPECT_DOUBLE_EQ(delta->arrivalDeltaMs, 20.0);
}

}  // namespace
}  // namespace dienhong::media
