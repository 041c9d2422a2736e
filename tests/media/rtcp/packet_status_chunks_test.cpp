#include "media/rtcp/packet_status_chunks.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace dienhong::media {
namespace {

std::vector<uint16_t> encode(const std::vector<uint8_t>& symbols) {
  std::vector<uint16_t> chunks;
  PacketStatusEncoder encoder;
  auto emit = [&chunks](uint16_t chunk) { chunks.push_back(chunk); };
  for (uint8_t s : symbols) encoder.add(s, emit);
  encoder.finish(emit);
  return chunks;
}

std::vector<uint8_t> decode(const std::vector<uint16_t>& chunks, size_t count) {
  std::vector<uint8_t> bytes;
  for (uint16_t c : chunks) {
    bytes.push_back(static_cast<uint8_t>(c >> 8));
    bytes.push_back(static_cast<uint8_t>(c));
  }
  PacketStatusReader reader(bytes);
  std::vector<uint8_t> symbols;
  for (size_t i = 0; i < count; ++i) {
    auto s = reader.next();
    if (!s) break;
    symbols.push_back(*s);
  }
  return symbols;
}

TEST(PacketStatusChunks, DecodesTheDraftsChunkKinds) {
  // §3.1.3 run length: 0 | 00 | 221 -> 221 packets not received.
  EXPECT_EQ(decode({0x00DD}, 221), std::vector<uint8_t>(221, 0));
  // §3.1.4 one-bit vector: 1|0| 1 1 0 0 1 1 1 1 0 1 1 1 0 0
  EXPECT_EQ(decode({0xB3DC}, 14), (std::vector<uint8_t>{1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0}));
  // Two-bit vector 1|1| 00 01 10 11 00 01 10 (11 is reserved but decodable).
  EXPECT_EQ(decode({0xC6C6}, 7), (std::vector<uint8_t>{0, 1, 2, 3, 0, 1, 2}));
  // A zero-length run is skipped.
  EXPECT_EQ(decode({0x2000, 0x2002}, 2), (std::vector<uint8_t>{1, 1}));
}

TEST(PacketStatusChunks, LongRunsSplitAtTheThirteenBitLimit) {
  const std::vector<uint8_t> symbols(8191 + 5, 1);
  EXPECT_EQ(encode(symbols), (std::vector<uint16_t>{0x3FFF, 0x2005}));
}

TEST(PacketStatusChunks, MixedSmallDeltasUseOneBitVectors) {
  const std::vector<uint8_t> symbols = {1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1};
  EXPECT_EQ(encode(symbols), (std::vector<uint16_t>{0xACF7}));
}

TEST(PacketStatusChunks, LargeDeltasForceTwoBitVectors) {
  // Ten alternating symbols, then a large delta: the first seven go out as a two-bit vector,
  // the rest share a second one with the large delta.
  const std::vector<uint8_t> symbols = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 2};
  EXPECT_EQ(encode(symbols), (std::vector<uint16_t>{0xC444, 0xD180}));
}

TEST(PacketStatusChunks, RunFollowedByAChangeEndsTheRun) {
  std::vector<uint8_t> symbols(20, 1);
  symbols.push_back(2);
  symbols.push_back(0);
  // 20 x "small", then "large, not received" in a two-bit vector.
  EXPECT_EQ(encode(symbols), (std::vector<uint16_t>{0x2014, 0xE000}));
}

TEST(PacketStatusChunks, RandomSequencesSurviveEncodeDecode) {
  std::mt19937 random(1234);
  for (int round = 0; round < 200; ++round) {
    const size_t count = 1 + random() % 300;
    std::vector<uint8_t> symbols;
    // Bursty: runs of one symbol with random lengths.
    while (symbols.size() < count) {
      const uint8_t s = static_cast<uint8_t>(random() % 3);
      const size_t run = 1 + random() % (round % 2 ? 3 : 40);
      for (size_t i = 0; i < run && symbols.size() < count; ++i) symbols.push_back(s);
    }
    const auto chunks = encode(symbols);
    EXPECT_EQ(decode(chunks, count), symbols) << "round " << round;
    EXPECT_LE(chunks.size(), (count + 6) / 7) << "never worse than all two-bit vectors";
  }
}

}  // namespace
}  // namespace dienhong::media
