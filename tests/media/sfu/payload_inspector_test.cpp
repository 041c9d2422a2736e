#include "media/sfu/payload_inspector.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace dienhong::media {
namespace {

TEST(PayloadInspector, Vp8KeyframesGiveTheirSizeAndPictureIds) {
  // Descriptor: X, S; I and L; 15-bit picture id 0x1234; TL0PICIDX 9. Then a key frame tag, the
  // start code and 1280 (scale 1) x 720.
  const std::vector<uint8_t> key = {0x90, 0xC0, 0x92, 0x34, 0x09, 0x50, 0x02, 0x00,
                                    0x9D, 0x01, 0x2A, 0x00, 0x45, 0xD0, 0x02};
  const auto info = inspectPayload(VideoCodec::kVp8, key);
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->keyframeStart);
  EXPECT_EQ(info->pictureId, 0x1234);
  EXPECT_EQ(info->tl0PicIdx, 9);
  ASSERT_TRUE(info->frameSize);
  EXPECT_EQ(*info->frameSize, (FrameSize{1280, 720})) << "the scaling bits are not the size";

  std::vector<uint8_t> delta = key;
  delta[5] = 0x51;  // inter frame
  ASSERT_TRUE(inspectPayload(VideoCodec::kVp8, delta));
  EXPECT_FALSE(inspectPayload(VideoCodec::kVp8, delta)->keyframeStart);
  std::vector<uint8_t> badStartCode = key;
  badStartCode[9] = 0x02;
  ASSERT_TRUE(inspectPayload(VideoCodec::kVp8, badStartCode));
  EXPECT_TRUE(inspectPayload(VideoCodec::kVp8, badStartCode)->keyframeStart);
  EXPECT_FALSE(inspectPayload(VideoCodec::kVp8, badStartCode)->frameSize);
  for (size_t n = 0; n < key.size(); ++n) {
    (void)inspectPayload(VideoCodec::kVp8, std::span<const uint8_t>(key.data(), n));  // never reads past
  }
}

TEST(PayloadInspector, Vp9AndH264Keyframes) {
  // VP9: I, B, V with a 15-bit picture id, then a scalability structure: one layer, Y, 640x360.
  const std::vector<uint8_t> vp9 = {0x8A, 0x80, 0x01, 0x10, 0x02, 0x80, 0x01, 0x68};
  const auto info = inspectPayload(VideoCodec::kVp9, vp9);
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->keyframeStart);
  EXPECT_EQ(info->frameSize, (FrameSize{640, 360}));
  EXPECT_FALSE(info->pictureId) << "only VP8 picture ids are rewritten";
  const std::vector<uint8_t> vp9Inter = {0xC8, 0x01};  // I, P, B, 7-bit picture id: predicted
  ASSERT_TRUE(inspectPayload(VideoCodec::kVp9, vp9Inter));
  EXPECT_FALSE(inspectPayload(VideoCodec::kVp9, vp9Inter)->keyframeStart);
  const std::vector<uint8_t> truncated = {0xC8, 0x81};  // a 15-bit picture id cut short
  EXPECT_FALSE(inspectPayload(VideoCodec::kVp9, truncated));

  const std::vector<uint8_t> idr = {0x65, 0x88};
  ASSERT_TRUE(inspectPayload(VideoCodec::kH264, idr));
  EXPECT_TRUE(inspectPayload(VideoCodec::kH264, idr)->keyframeStart);
  const std::vector<uint8_t> slice = {0x41, 0x9A};
  ASSERT_TRUE(inspectPayload(VideoCodec::kH264, slice));
  EXPECT_FALSE(inspectPayload(VideoCodec::kH264, slice)->keyframeStart);
  EXPECT_FALSE(inspectPayload(VideoCodec::kH264, {}));
  EXPECT_EQ(videoCodecFromName("vp8"), VideoCodec::kVp8);
  EXPECT_EQ(videoCodecFromName("H264"), VideoCodec::kH264);
  EXPECT_EQ(videoCodecFromName("AV1"), VideoCodec::kOther);
}

}  // namespace
}  // namespace dienhong::media
