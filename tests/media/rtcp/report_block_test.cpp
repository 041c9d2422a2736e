#include "media/rtcp/report_block.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "../rtp/test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

TEST(ReportBlock, ParsesEveryFieldAndSignExtendsCumulativeLoss) {
  const auto bytes = hex("55 66 77 88 19 ff ff fe 00 01 00 05 00 00 00 2a 5c 1f 80 00 00 01 80 00");
  ByteReader reader(bytes);
  auto block = ReportBlock::read(reader);
  ASSERT_TRUE(block);
  EXPECT_EQ(block->sourceSsrc, Ssrc(0x55667788));
  EXPECT_EQ(block->fractionLost, 25);
  EXPECT_EQ(block->cumulativeLost, -2);
  EXPECT_EQ(block->extendedHighestSequenceNumber, 0x00010005U);
  EXPECT_EQ(block->jitter, 42U);
  EXPECT_EQ(block->lastSenderReport, 0x5C1F8000U);
  EXPECT_EQ(block->delaySinceLastSenderReport, 0x00018000U);
  EXPECT_TRUE(reader.empty());
}

TEST(ReportBlock, ClampsCumulativeLossToTwentyFourBits) {
  std::vector<uint8_t> out(24);
  for (auto [lost, wire] : {std::pair{10'000'000, 0x7FFFFF}, std::pair{-10'000'000, 0x800000},
                            std::pair{-1, 0xFFFFFF}, std::pair{8'388'607, 0x7FFFFF}}) {
    ByteWriter writer(out);
    ReportBlock block;
    block.cumulativeLost = lost;
    block.write(writer);
    EXPECT_EQ((out[5] << 16) | (out[6] << 8) | out[7], wire) << lost;
  }
}

TEST(ReportBlock, RejectsShortInput) {
  const auto bytes = hex("55 66 77 88 19 ff ff fe 00 01 00 05 00 00 00 2a 5c 1f 80 00 00 01 80");
  ByteReader reader(bytes);
  EXPECT_FALSE(ReportBlock::read(reader));
}

}  // namespace
}  // namespace dienhong::media
