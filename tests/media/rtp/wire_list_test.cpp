#include "media/rtp/wire_list.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "media/rtp/ssrc.hpp"
#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

TEST(WireList, DecodesWireElementsLazily) {
  const auto bytes = hex("00000001 deadbeef");
  const auto list = WireList<Ssrc>::fromWire(bytes, 2);
  std::vector<Ssrc> seen;
  for (Ssrc ssrc : list) seen.push_back(ssrc);
  EXPECT_EQ(seen, (std::vector<Ssrc>{Ssrc(1), Ssrc(0xDEADBEEF)}));
  EXPECT_TRUE(list.isWire());
  EXPECT_EQ(list.encodedSize(), 8U);
}

TEST(WireList, WireAndValueListsCompareByElements) {
  const auto bytes = hex("00000001 deadbeef");
  const std::array<Ssrc, 2> values = {Ssrc(1), Ssrc(0xDEADBEEF)};
  const std::array<Ssrc, 2> other = {Ssrc(1), Ssrc(0xDEADBEEE)};
  EXPECT_EQ(WireList<Ssrc>::fromWire(bytes, 2), WireList<Ssrc>(values));
  EXPECT_NE(WireList<Ssrc>::fromWire(bytes, 2), WireList<Ssrc>(other));
  EXPECT_NE(WireList<Ssrc>::fromWire(bytes, 1), WireList<Ssrc>(values));
}

TEST(WireList, WritesValuesInWireOrder) {
  const std::array<Ssrc, 2> values = {Ssrc(0x01020304), Ssrc(0xA0B0C0D0)};
  std::array<uint8_t, 8> out{};
  ByteWriter writer(out);
  WireList<Ssrc>(values).write(writer);
  EXPECT_EQ(std::vector<uint8_t>(out.begin(), out.end()), hex("01020304 a0b0c0d0"));
}

TEST(WireList, StopsInsteadOfReadingPastShortBytes) {
  const auto bytes = hex("00000001 dead");  // claims 2 elements, holds 1.5
  int seen = 0;
  for (Ssrc ssrc : WireList<Ssrc>::fromWire(bytes, 2)) {
    EXPECT_EQ(ssrc, Ssrc(1));
    ++seen;
  }
  EXPECT_EQ(seen, 1);
}

TEST(WireList, EmptyListHasNoElements) {
  WireList<Ssrc> list;
  EXPECT_TRUE(list.empty());
  EXPECT_TRUE(list.begin() == list.end());
}

}  // namespace
}  // namespace dienhong::media
