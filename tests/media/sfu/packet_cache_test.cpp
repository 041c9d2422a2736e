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
