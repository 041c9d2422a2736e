#include "media/rtcp/sdes.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "rtcp_test_util.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// RFC 3550 §6.5: two chunks; the first item list needs a whole word of nulls, the second one.
const std::vector<uint8_t> kSdes =
    hex("82 ca 00 07"
        "11 22 33 44 01 06 7b 61 31 62 32 7d 00 00 00 00"  // CNAME "{a1b2}", 4 nulls
        "55 66 77 88 01 01 78 06 02 74 31 00");            // CNAME "x", TOOL "t1", 1 null

TEST(Sdes, ParsesChunksAndKeepsEveryItem) {
  auto sdes = parseSingleRtcp<Sdes>(kSdes);
  ASSERT_TRUE(sdes);
  ASSERT_EQ(sdes->chunks.size(), 2U);
  const auto chunks = test::toVector(sdes->chunks);
  EXPECT_EQ(chunks[0].ssrc, Ssrc(0x11223344));
  EXPECT_EQ(chunks[0].cname(), "{a1b2}");
  EXPECT_EQ(chunks[1].ssrc, Ssrc(0x55667788));
  EXPECT_EQ(chunks[1].cname(), "x");
  const auto items = test::toVector(chunks[1].items);
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[1].type, sdes_item::kTool);
  EXPECT_EQ(items[1].text, "t1");
}

TEST(Sdes, RoundTripsByteForByte) { test::expectRoundTrip<Sdes>(kSdes); }

TEST(Sdes, BuildsFromValuesWithCorrectNullPadding) {
  // Item sizes 2+2=4 -> four nulls; 2+3=5 -> three nulls; no items -> four nulls.
  const std::array<SdesItem, 1> a = {SdesItem{sdes_item::kCname, "ab"}};
  const std::array<SdesItem, 1> b = {SdesItem{sdes_item::kName, "abc"}};
  const std::array<SdesChunk, 3> chunks = {SdesChunk{Ssrc(1), a}, SdesChunk{Ssrc(2), b},
                                           SdesChunk{Ssrc(3), {}}};
  const Sdes sdes{chunks};
  const auto bytes = test::serialized(sdes);
  EXPECT_EQ(bytes, hex("83 ca 00 08"
                       "00 00 00 01 01 02 61 62 00 00 00 00"
                       "00 00 00 02 02 03 61 62 63 00 00 00"
                       "00 00 00 03 00 00 00 00"));
  auto parsed = parseSingleRtcp<Sdes>(bytes);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, sdes);
  EXPECT_FALSE((*parsed->chunks.begin()).items.empty());
}

TEST(Sdes, RejectsUnterminatedItemLists) {
  EXPECT_FALSE(parseSingleRtcp<Sdes>(hex("81 ca 00 02 00 00 00 01 01 02 61 62")));
  // Item text running past the packet.
  EXPECT_FALSE(parseSingleRtcp<Sdes>(hex("81 ca 00 02 00 00 00 01 01 09 61 62")));
  // "01 01 61" + one null completes the word: valid.
  EXPECT_TRUE(parseSingleRtcp<Sdes>(hex("81 ca 00 02 00 00 00 01 01 01 61 00")));
  // "01 02 61 62" needs a whole word of nulls after it; here the packet ends.
  EXPECT_FALSE(parseSingleRtcp<Sdes>(hex("81 ca 00 02 00 00 00 01 01 02 61 62")));
}

TEST(Sdes, RejectsMoreChunksThanPresent) {
  auto bytes = kSdes;
  bytes[0] = 0x83;
  EXPECT_FALSE(parseSingleRtcp<Sdes>(bytes));
}

TEST(Sdes, RefusesToSerialiseUnencodableItems) {
  const std::string longText(256, 'x');
  const std::array<SdesItem, 1> tooLong = {SdesItem{sdes_item::kNote, longText}};
  const std::array<SdesChunk, 1> chunks = {SdesChunk{Ssrc(1), tooLong}};
  const Sdes sdes{chunks};
  std::vector<uint8_t> out(sdes.serializedSize());
  ByteWriter writer(out);
  EXPECT_FALSE(sdes.serialize(writer));
  const std::array<SdesItem, 1> endItem = {SdesItem{sdes_item::kEnd, "x"}};
  const std::array<SdesChunk, 1> badChunks = {SdesChunk{Ssrc(1), endItem}};
  ByteWriter again(out);
  EXPECT_FALSE(Sdes{badChunks}.serialize(again));
}

TEST(Sdes, TruncationsAreSafe) { test::expectTruncationsAreSafe<Sdes>(kSdes); }

}  // namespace
}  // namespace dienhong::media
