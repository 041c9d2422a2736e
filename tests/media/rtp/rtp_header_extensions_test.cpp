#include "media/rtp/rtp_header_extensions.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

std::vector<std::pair<int, std::vector<uint8_t>>> elements(const RtpExtensionBlock& block) {
  std::vector<std::pair<int, std::vector<uint8_t>>> out;
  for (const RtpExtension& e : block)
    out.emplace_back(e.id, std::vector<uint8_t>(e.data.begin(), e.data.end()));
  return out;
}

TEST(RtpExtensionBlock, WalksOneByteElementsAndSkipsPadding) {
  // RFC 8285 §4.2 figure: ID 1 L=0 (1 byte), ID 2 L=1 (2 bytes), padding, ID 3 L=3 (4 bytes).
  const auto block = hex("10 ff 21 aa bb 00 00 33 01 02 03 04 00 00 00 00");
  const RtpExtensionBlock view(kOneByteExtensionProfile, block);
  EXPECT_EQ(view.form(), RtpExtensionForm::kOneByte);
  const auto found = elements(view);
  ASSERT_EQ(found.size(), 3U);
  EXPECT_EQ(found[0], (std::pair<int, std::vector<uint8_t>>{1, {0xFF}}));
  EXPECT_EQ(found[1], (std::pair<int, std::vector<uint8_t>>{2, {0xAA, 0xBB}}));
  EXPECT_EQ(found[2], (std::pair<int, std::vector<uint8_t>>{3, {1, 2, 3, 4}}));
  EXPECT_EQ(view.find(2)->size(), 2U);
  EXPECT_FALSE(view.find(4));
  EXPECT_FALSE(view.find(0)) << "0 is padding, never an element";
}

TEST(RtpExtensionBlock, WalksTwoByteElementsIncludingEmptyOnes) {
  // RFC 8285 §4.3: ID, length, data; length 0 is allowed; IDs up to 255.
  const auto block = hex("01 00 00 ff 03 61 62 63 02 01 7f 00");
  const RtpExtensionBlock view(0x1005, block);  // appbits 5
  EXPECT_EQ(view.form(), RtpExtensionForm::kTwoByte);
  const auto found = elements(view);
  ASSERT_EQ(found.size(), 3U);
  EXPECT_EQ(found[0], (std::pair<int, std::vector<uint8_t>>{1, {}}));
  EXPECT_EQ(found[1], (std::pair<int, std::vector<uint8_t>>{255, {'a', 'b', 'c'}}));
  EXPECT_EQ(found[2], (std::pair<int, std::vector<uint8_t>>{2, {0x7F}}));
  ASSERT_TRUE(view.find(1));
  EXPECT_TRUE(view.find(1)->empty());
}

TEST(RtpExtensionBlock, IdFifteenEndsProcessing) {
  const auto block = hex("10 aa f3 01 02 03 04 20 bb 00");
  const auto found = elements(RtpExtensionBlock(kOneByteExtensionProfile, block));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].first, 1);
}

TEST(RtpExtensionBlock, ElementOverrunningTheBlockEndsTheWalk) {
  const auto oneByte = hex("10 aa 23 01 02 00");  // ID 2 wants 4 bytes, 3 remain
  EXPECT_EQ(elements(RtpExtensionBlock(kOneByteExtensionProfile, oneByte)).size(), 1U);
  const auto twoByte = hex("01 01 aa 02 09 00 00 00");  // ID 2 wants 9 bytes
  EXPECT_EQ(elements(RtpExtensionBlock(kTwoByteExtensionProfile, twoByte)).size(), 1U);
  const auto lengthMissing = hex("01 01 aa 02");
  EXPECT_EQ(elements(RtpExtensionBlock(kTwoByteExtensionProfile, lengthMissing)).size(), 1U);
}

TEST(RtpExtensionBlock, OtherProfilesHaveNoElements) {
  const auto block = hex("10 aa 00 00");
  const RtpExtensionBlock view(0xABCD, block);
  EXPECT_EQ(view.form(), RtpExtensionForm::kOther);
  EXPECT_TRUE(view.begin() == view.end());
  EXPECT_FALSE(view.find(1));
}

TEST(RtpExtensionBlock, ZeroIdWithLengthIsMalformed) {
  const auto block = hex("10 aa 05 bb bb 20 cc 00");
  EXPECT_EQ(elements(RtpExtensionBlock(kOneByteExtensionProfile, block)).size(), 1U);
}

}  // namespace
}  // namespace dienhong::media
