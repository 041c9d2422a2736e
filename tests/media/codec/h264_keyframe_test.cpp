#include "media/codec/h264_keyframe.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

TEST(H264Keyframe, SingleNalUnits) {
  EXPECT_TRUE(isH264KeyframeStart(std::vector<uint8_t>{0x65, 0x88}));   // IDR
  EXPECT_TRUE(isH264KeyframeStart(std::vector<uint8_t>{0x67, 0x42}));   // SPS
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{0x41, 0x9A}));  // non-IDR slice
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{0x68}));        // PPS alone
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{}));
}

TEST(H264Keyframe, StapAWithSpsPpsIdr) {
  // STAP-A: [size 2][SPS] [size 2][PPS]
  EXPECT_TRUE(isH264KeyframeStart(std::vector<uint8_t>{0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xCE}));
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{0x78, 0x00, 0x02, 0x41, 0x9A}));
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{0x78, 0x00, 0x09, 0x67})) << "size past the end";
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{0x78, 0x00, 0x00, 0x67})) << "zero size";
}

TEST(H264Keyframe, OnlyTheFirstFuAFragmentOfAnIdrStartsAKeyframe) {
  EXPECT_TRUE(isH264KeyframeStart(std::vector<uint8_t>{0x7C, 0x85, 0x00}));   // S=1, type 5
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{0x7C, 0x05, 0x00}));  // middle fragment
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{0x7C, 0x81, 0x00}));  // S=1, type 1
  EXPECT_FALSE(isH264KeyframeStart(std::vector<uint8_t>{0x7C}));
}

}  // namespace
}  // namespace dienhong::media
