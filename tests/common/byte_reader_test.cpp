#include "common/byte_reader.hpp"

#include <array>

#include <gtest/gtest.h>

namespace dienhong {
namespace {

TEST(ByteReader, ReadsBigEndianAndStopsAtTheEnd) {
  const std::array<uint8_t, 9> data = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
  ByteReader r(data);
  EXPECT_EQ(r.u8(), 0x01);
  EXPECT_EQ(r.u16(), 0x0203);
  EXPECT_EQ(r.u24(), 0x040506U);
  EXPECT_EQ(r.remaining(), 3U);
  EXPECT_FALSE(r.u32()) << "a short read consumes nothing";
  EXPECT_EQ(r.remaining(), 3U);
  auto view = r.bytes(2);
  ASSERT_TRUE(view);
  EXPECT_EQ((*view)[1], 0x08);
  EXPECT_FALSE(r.skip(2));
  EXPECT_TRUE(r.skip(1));
  EXPECT_TRUE(r.empty());
  EXPECT_FALSE(r.u8());
}

TEST(ByteWriter, WritesBigEndianAndNeverPastTheBuffer) {
  std::array<uint8_t, 8> buffer{};
  ByteWriter w(buffer);
  w.u16(0xABCD).u32(0x01020304);
  EXPECT_TRUE(w.ok());
  EXPECT_EQ(w.size(), 6U);
  EXPECT_TRUE(w.patchU16(0, 0x1122));
  EXPECT_FALSE(w.patchU16(5, 0));
  w.u32(0xFFFFFFFF);
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.size(), 6U);
  w.u8(1);
  EXPECT_EQ(w.size(), 6U) << "failure is sticky";
  EXPECT_EQ(buffer[0], 0x11);
  EXPECT_EQ(buffer[5], 0x04);
  EXPECT_EQ(buffer[6], 0x00);
}

TEST(ByteReaderWriter, RoundTrip64) {
  std::array<uint8_t, 8> buffer{};
  ByteWriter(buffer).u64(0x0102030405060708ULL);
  EXPECT_EQ(ByteReader(buffer).u64(), 0x0102030405060708ULL);
}

}  // namespace
}  // namespace dienhong
