// Shared checks for RTCP packet tests: serialise into an exact-size buffer, and the truncation
// property (every shortened packet either fails to parse or parses into something that
// re-serialises consistently, never reading out of bounds).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

#include "../rtp/test_bytes.hpp"
#include "common/byte_reader.hpp"
#include "media/rtcp/rtcp_packet.hpp"

namespace dienhong::media::test {

// The elements of a WireList (or any range ending in a sentinel) as a vector, for comparisons.
template <class Range>
auto toVector(const Range& range) {
  std::vector<std::decay_t<decltype(*range.begin())>> out;
  for (auto it = range.begin(); it != range.end(); ++it) out.push_back(*it);
  return out;
}

template <class Packet>
std::vector<uint8_t> serialized(const Packet& packet) {
  std::vector<uint8_t> out(packet.serializedSize());
  ByteWriter writer(out);
  EXPECT_TRUE(packet.serialize(writer));
  EXPECT_EQ(writer.size(), out.size()) << "serializedSize() must be exact";
  out.resize(writer.size());
  return out;
}

// Parse -> serialise -> parse, expecting the second parse to equal the first and, for
// canonical input, the bytes to come back unchanged.
template <class Packet>
void expectRoundTrip(const std::vector<uint8_t>& bytes, bool canonical = true) {
  auto first = parseSingleRtcp<Packet>(bytes);
  ASSERT_TRUE(first);
  const auto again = serialized(*first);
  if (canonical) {
    EXPECT_EQ(again, bytes);
  }
  auto second = parseSingleRtcp<Packet>(again);
  ASSERT_TRUE(second);
  EXPECT_TRUE(*first == *second);
}

// Every prefix must fail to frame (the length field points past it). Every packet shortened
// to k words with the length field patched to match must parse to nullopt or to something
// consistent: re-serialising it and parsing again gives an equal packet. Buffers are exact-size
// heap copies so that AddressSanitizer catches any over-read.
template <class Packet>
void expectTruncationsAreSafe(const std::vector<uint8_t>& packet) {
  for (size_t size = 0; size < packet.size(); ++size) {
    const auto bytes = prefix(packet, size);
    EXPECT_FALSE(RtcpPacket::parse(bytes)) << "prefix of " << size << " bytes";
  }
  for (size_t words = 1; words * 4 <= packet.size(); ++words) {
    auto bytes = prefix(packet, words * 4);
    bytes[0] &= static_cast<uint8_t>(~0x20);  // no padding
    bytes[2] = static_cast<uint8_t>((words - 1) >> 8);
    bytes[3] = static_cast<uint8_t>(words - 1);
    auto framed = RtcpPacket::parse(bytes);
    ASSERT_TRUE(framed);
    auto parsed = Packet::parse(*framed);
    if (!parsed) continue;
    std::vector<uint8_t> out(parsed->serializedSize());
    ByteWriter writer(out);
    if (!parsed->serialize(writer)) continue;  // e.g. an empty list the format forbids
    auto again = parseSingleRtcp<Packet>(out);
    ASSERT_TRUE(again) << words << " words";
    EXPECT_TRUE(*again == *parsed) << words << " words";
  }
}

}  // namespace dienhong::media::test
