#include "media/codec/vp8_descriptor.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

// X=1 S=1 PID=0 | I=1 L=1 T=1 K=0 | M=1 picture id 0x1234 | TL0PICIDX 7 | TID 2, Y=1 | VP8 header P=0
const std::vector<uint8_t> kKeyframeStart = {0x90, 0xE0, 0x92, 0x34, 0x07, 0xA0, 0x10, 0x02, 0x00};

TEST(Vp8Descriptor, ParsesEveryExtensionField) {
  auto d = Vp8Descriptor::parse(kKeyframeStart);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->startsPicture());
  EXPECT_TRUE(d->keyframe);
  EXPECT_EQ(d->pictureId, 0x1234);
  EXPECT_TRUE(d->pictureIdIs15Bits);
  EXPECT_EQ(d->tl0PicIdx, 7);
  EXPECT_EQ(d->temporalLayer, 2);
  EXPECT_TRUE(d->layerSync);
  EXPECT_FALSE(d->keyIndex);
  EXPECT_EQ(d->size, 6U);
}

TEST(Vp8Descriptor, InterFramesAndContinuationPacketsAreNotKeyframes) {
  auto inter = kKeyframeStart;
  inter[6] = 0x11;  // P=1
  EXPECT_FALSE(Vp8Descriptor::parse(inter)->keyframe);
  auto continuation = kKeyframeStart;
  continuation[0] = 0x80;  // S=0
  EXPECT_FALSE(Vp8Descriptor::parse(continuation)->keyframe);
  const std::vector<uint8_t> minimal = {0x10, 0x00};  // no X: descriptor is one byte
  auto d = Vp8Descriptor::parse(minimal);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->size, 1U);
  EXPECT_TRUE(d->keyframe);
  EXPECT_FALSE(d->pictureId);
}

TEST(Vp8Descriptor, SevenBitPictureIdAndKeyIndex) {
  const std::vector<uint8_t> p = {0x80, 0x90, 0x45, 0x1F, 0xAA};  // I=1 K=1, M=0 id 0x45, KEYIDX 31
  auto d = Vp8Descriptor::parse(p);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->pictureId, 0x45);
  EXPECT_FALSE(d->pictureIdIs15Bits);
  EXPECT_EQ(d->keyIndex, 31);
  EXPECT_FALSE(d->temporalLayer);
}

TEST(Vp8Descriptor, TruncatedDescriptorsAreRejectedAtEveryLength) {
  for (size_t n = 0; n < 7; ++n) {
    EXPECT_FALSE(Vp8Descriptor::parse(std::span(kKeyframeStart).first(n))) << "length " << n;
  }
  EXPECT_TRUE(Vp8Descriptor::parse(std::span(kKeyframeStart).first(7)));
}

TEST(Vp8Descriptor, RewriteKeepsFieldWidthsAndEverythingElse) {
  auto p = kKeyframeStart;
  ASSERT_TRUE(rewriteVp8Descriptor(p, 0x7ABC, uint8_t{200}));
  auto d = Vp8Descriptor::parse(p);
  EXPECT_EQ(d->pictureId, 0x7ABC);
  EXPECT_EQ(d->tl0PicIdx, 200);
  EXPECT_EQ(d->temporalLayer, 2);
  EXPECT_TRUE(d->keyframe);
  EXPECT_EQ(p[7], 0x02) << "payload untouched";

  std::vector<uint8_t> short7 = {0x80, 0x80, 0x05, 0x00};
  ASSERT_TRUE(rewriteVp8Descriptor(short7, 300, std::nullopt));
  EXPECT_EQ(Vp8Descriptor::parse(short7)->pictureId, 300 & 0x7F) << "7-bit ids wrap at 128";

  std::vector<uint8_t> noPictureId = {0x10, 0x00};
  EXPECT_FALSE(rewriteVp8Descriptor(noPictureId, 1, std::nullopt));
}

}  // namespace
}  // namespace dienhong::media
