#include "media/bwe/sent_packet_history.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

SentPacket packet(uint16_t sequence, size_t size = 1000) {
  return SentPacket{.transportSequence = sequence, .size = size, .sendTime = BweTime{} + 1s};
}

TEST(SentPacketHistory, UnwrapsAcrossTheSixteenBitBoundary) {
  SentPacketHistory history(64);
  EXPECT_EQ(history.add(packet(65534)), 65534);
  EXPECT_EQ(history.add(packet(65535)), 65535);
  EXPECT_EQ(history.add(packet(0)), 65536);
  EXPECT_EQ(history.add(packet(1)), 65537);
  auto* entry = history.find(0);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->sequence, 65536);
  ASSERT_NE(history.find(65535), nullptr);
  EXPECT_EQ(history.find(65535)->sequence, 65535);
}

TEST(SentPacketHistory, KeepsSizeKindAndProbeCluster) {
  SentPacketHistory history;
  history.add({.transportSequence = 7, .size = 321, .sendTime = BweTime{} + 5ms,
               .kind = SentPacketKind::kPadding, .probeClusterId = 3});
  const auto* entry = history.find(7);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->size, 321u);
  EXPECT_EQ(entry->sendTime, BweTime{} + 5ms);
  EXPECT_EQ(entry->kind, SentPacketKind::kPadding);
  EXPECT_EQ(entry->probeClusterId, 3);
  EXPECT_FALSE(entry->reported);
}

TEST(SentPacketHistory, UnknownForNumbersNeverSentOrFallenOut) {
  SentPacketHistory history(16);
  EXPECT_EQ(history.find(0), nullptr);  // nothing sent yet
  for (uint16_t s = 100; s < 140; ++s) history.add(packet(s));
  EXPECT_EQ(history.capacity(), 16u);
  EXPECT_EQ(history.find(100), nullptr);  // overwritten by the ring
  EXPECT_NE(history.find(139), nullptr);
  EXPECT_NE(history.find(124), nullptr);
  EXPECT_EQ(history.find(123), nullptr);
  EXPECT_EQ(history.find(140), nullptr);    // not sent yet
  EXPECT_EQ(history.find(30'000), nullptr);  // nowhere near
}

TEST(SentPacketHistory, CapacityIsRoundedUpToAPowerOfTwo) {
  EXPECT_EQ(SentPacketHistory(1000).capacity(), 1024u);
  EXPECT_EQ(SentPacketHistory(0).capacity(), 2u);
  EXPECT_EQ(SentPacketHistory().capacity(), 4096u);
}

}  // namespace
}  // namespace dienhong::media
