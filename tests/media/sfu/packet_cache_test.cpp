#include "media/sfu/packet_cache.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

TEST(PacketCache, AnswersNacksForPacketsStillHeld) {
  PacketCache cache(300);
  EXPECT_EQ(cache.capacity(), 512U);
  const auto t0 = PacketCache::Clock::now();
  for (uint16_t s = 65000; s != 200; ++s) {
    std::vector<uint8_t> p(100, static_cast<uint8_t>(s));
    cache.store(s, p, t0);
  }
  auto recent = cache.takeForRetransmission(150);
  ASSERT_TRUE(recent);
  EXPECT_EQ(recent->packet.size(), 100U);
  EXPECT_EQ(recent->packet[0], static_cast<uint8_t>(150));
  EXPECT_EQ(recent->retransmissions, 1U);
  EXPECT_EQ(cache.takeForRetransmission(150)->retransmissions, 2U);
  EXPECT_TRUE(cache.takeForRetransmission(65535)) << "across the wrap";
  EXPECT_FALSE(cache.takeForRetransmission(65000)) << "overwritten by a newer packet";
  EXPECT_FALSE(cache.takeForRetransmission(300)) << "never sent";
}

TEST(PacketCache, OversizedPacketsAreNotKeptAndDoNotResurrectOldOnes) {
  PacketCache cache(4);
  const auto t0 = PacketCache::Clock::now();
  cache.store(1, std::vector<uint8_t>(10, 1), t0);
  cache.store(5, std::vector<uint8_t>(2000, 5), t0);  // same slot as 1
  EXPECT_FALSE(cache.takeForRetransmission(5));
  EXPECT_FALSE(cache.takeForRetransmission(1));
}

}  // namespace
}  // namespace dienhong::media

namespace dienhong::media {
namespace {

TEST(PacketCache, FindCountsNothingAndMarkRetransmittedRemembersWhen) {
  PacketCache cache(8);
  const auto t0 = PacketCache::Clock::now();
  cache.store(42, std::vector<uint8_t>(20, 4), t0);
  auto entry = cache.find(42);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->retransmissions, 0U);
  EXPECT_FALSE(entry->retransmittedAt);
  cache.markRetransmitted(42, t0 + std::chrono::milliseconds(5));
  entry = cache.find(42);
  EXPECT_EQ(entry->retransmissions, 1U);
  EXPECT_EQ(entry->retransmittedAt, t0 + std::chrono::milliseconds(5));
  cache.markRetransmitted(50, t0);  // same slot, other packet: ignored
  EXPECT_EQ(cache.find(42)->retransmissions, 1U);
  EXPECT_FALSE(cache.find(50));
  cache.store(50, std::vector<uint8_t>(20, 5), t0);
  EXPECT_FALSE(cache.find(42));
  EXPECT_FALSE(cache.find(50)->retransmittedAt) << "a new packet starts afresh";
}

}  // namespace
}  // namespace dienhong::media
