#include "media/sfu/packet_cache.hpp"

#include <vector>

#include <gtest/gtest.h>

#include "support/allocation_counter.hpp"

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;
using Clock = PacketCache::Clock;

std::vector<uint8_t> packet(size_t size, uint16_t sequence) {
  std::vector<uint8_t> p(size, static_cast<uint8_t>(sequence));
  p[0] = static_cast<uint8_t>(sequence >> 8);
  return p;
}

bool holds(const PacketCache& cache, uint16_t sequence, size_t size) {
  const auto entry = cache.find(sequence);
  return entry && entry->packet.size() == size && entry->packet[0] == static_cast<uint8_t>(sequence >> 8) &&
         entry->packet[size - 1] == static_cast<uint8_t>(sequence);
}

TEST(PacketCache, AnswersNacksForPacketsStillHeld) {
  PacketCache cache(PacketCacheLimits{.initialSlots = 300, .maxSlots = 300, .initialBytes = 64 * 1024,
                                      .maxBytes = 64 * 1024, .retention = 1000ms});
  const auto t0 = Clock::now();
  for (uint16_t s = 65000; s != 200; ++s) cache.store(s, packet(100, s), t0 + (s - 65000) * 10ms);
  EXPECT_EQ(cache.slotCount(), 512U);
  auto recent = cache.takeForRetransmission(150);
  ASSERT_TRUE(recent);
  EXPECT_EQ(recent->packet.size(), 100U);
  EXPECT_EQ(recent->packet[99], static_cast<uint8_t>(150));
  EXPECT_EQ(recent->retransmissions, 1U);
  EXPECT_EQ(cache.takeForRetransmission(150)->retransmissions, 2U);
  EXPECT_TRUE(cache.takeForRetransmission(65535)) << "across the wrap";
  EXPECT_FALSE(cache.takeForRetransmission(65000)) << "overwritten by a newer packet";
  EXPECT_FALSE(cache.takeForRetransmission(300)) << "never sent";
}

TEST(PacketCache, OversizedPacketsAreNotKeptAndDoNotResurrectOldOnes) {
  PacketCache cache(PacketCacheLimits{.initialSlots = 4, .maxSlots = 4, .initialBytes = 8192, .maxBytes = 8192,
                                      .retention = 1000ms});
  const auto t0 = Clock::now();
  cache.store(1, std::vector<uint8_t>(10, 1), t0);
  cache.store(5, std::vector<uint8_t>(2000, 5), t0);  // same slot as 1
  EXPECT_FALSE(cache.takeForRetransmission(5));
  EXPECT_FALSE(cache.takeForRetransmission(1));
}

TEST(PacketCache, FindCountsNothingAndMarkRetransmittedRemembersWhen) {
  PacketCache cache(PacketCacheLimits{.initialSlots = 8, .maxSlots = 8, .initialBytes = 8192, .maxBytes = 8192,
                                      .retention = 1000ms});
  const auto t0 = Clock::now();
  cache.store(42, std::vector<uint8_t>(20, 4), t0);
  auto entry = cache.find(42);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->retransmissions, 0U);
  EXPECT_FALSE(entry->retransmittedAt);
  cache.markRetransmitted(42, t0 + 5ms);
  entry = cache.find(42);
  EXPECT_EQ(entry->retransmissions, 1U);
  EXPECT_EQ(entry->retransmittedAt, t0 + 5ms);
  cache.markRetransmitted(50, t0);  // same slot, other packet: ignored
  EXPECT_EQ(cache.find(42)->retransmissions, 1U);
  EXPECT_FALSE(cache.find(50));
  cache.store(50, std::vector<uint8_t>(20, 5), t0);
  EXPECT_FALSE(cache.find(42));
  EXPECT_FALSE(cache.find(50)->retransmittedAt) << "a new packet starts afresh";
}

// A thumbnail stays small; a 1.5 Mbit/s layer grows the cache until a second of it is held, and
// then nothing is allocated any more.
TEST(PacketCache, GrowsUntilTheRetentionTimeFitsThenStopsAllocating) {
  const auto t0 = Clock::now();
  PacketCache thumbnail;
  EXPECT_EQ(thumbnail.byteCapacity(), 0U) << "nothing until the first packet";
  EXPECT_FALSE(thumbnail.find(0));
  for (uint16_t s = 0; s < 1000; ++s) thumbnail.store(s, packet(600, s), t0 + s * 33ms);  // 30 packets/s
  EXPECT_EQ(thumbnail.slotCount(), 64U);
  EXPECT_EQ(thumbnail.byteCapacity(), 32U * 1024);
  EXPECT_TRUE(holds(thumbnail, 999, 600));
  EXPECT_TRUE(holds(thumbnail, 960, 600)) << "over a second back";

  PacketCache large;
  uint16_t s = 0;
  std::vector<uint8_t> bytes(1150);
  auto second = [&](int index) {  // 170 packets of 1,150 bytes, one every 5.9 ms
    for (int i = 0; i < 170; ++i, ++s) {
      bytes.front() = static_cast<uint8_t>(s >> 8);
      bytes.back() = static_cast<uint8_t>(s);
      large.store(s, bytes, t0 + index * 1000ms + i * 5882us);
    }
  };
  for (int i = 0; i < 3; ++i) second(i);
  EXPECT_EQ(large.slotCount(), 256U);
  EXPECT_EQ(large.byteCapacity(), 256U * 1024);
  EXPECT_TRUE(holds(large, static_cast<uint16_t>(s - 1), 1150));
  EXPECT_TRUE(holds(large, static_cast<uint16_t>(s - 170), 1150)) << "a second back";
  const uint64_t before = dienhong::test::allocationsOnThisThread();
  for (int i = 3; i < 10; ++i) second(i);
  EXPECT_EQ(dienhong::test::allocationsOnThisThread() - before, 0U);
  EXPECT_TRUE(holds(large, static_cast<uint16_t>(s - 170), 1150));
}

TEST(PacketCache, GrowingKeepsWhatWasHeldAndForgetsWhatWasOverwritten) {
  PacketCache cache(PacketCacheLimits{.initialSlots = 64, .maxSlots = 64, .initialBytes = 4096, .maxBytes = 16384,
                                      .retention = 1000ms});
  const auto t0 = Clock::now();
  for (uint16_t s = 0; s < 6; ++s) cache.store(s, packet(1000, s), t0 + s * 1ms);  // 4 fit, then a turn
  EXPECT_EQ(cache.byteCapacity(), 8192U) << "the ring turned over within the retention time";
  for (uint16_t s = 0; s < 6; ++s) EXPECT_TRUE(holds(cache, s, 1000)) << s;
  // Slowly: a turn of the ring takes longer than the retention, so it stays as it is.
  for (uint16_t s = 6; s < 40; ++s) cache.store(s, packet(1000, s), t0 + s * 200ms);
  EXPECT_EQ(cache.byteCapacity(), 8192U);
  EXPECT_TRUE(holds(cache, 39, 1000));
  EXPECT_TRUE(holds(cache, 32, 1000));
  EXPECT_FALSE(cache.find(31)) << "eight packets of 1,000 bytes fill 8 KiB";
}

}  // namespace
}  // namespace dienhong::media
