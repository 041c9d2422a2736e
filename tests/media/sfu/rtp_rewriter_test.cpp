#include "media/sfu/rtp_rewriter.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

constexpr uint32_t kLow = 111;
constexpr uint32_t kHigh = 333;

IncomingRtp packet(uint32_t ssrc, uint16_t seq, uint32_t ts, bool key = false,
                   std::optional<uint16_t> pid = std::nullopt, std::optional<uint8_t> tl0 = std::nullopt) {
  return {ssrc, seq, ts, key, pid, tl0};
}

TEST(RtpRewriter, NothingIsForwardedUntilTheFirstKeyframe) {
  RtpRewriter r;
  r.switchTo(kLow);
  EXPECT_FALSE(r.rewrite(packet(kLow, 10, 1000)));
  auto first = r.rewrite(packet(kLow, 11, 4000, true));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->sequence, 11) << "the first source keeps its numbering";
  EXPECT_EQ(first->timestamp, 4000U);
  EXPECT_EQ(r.currentSource(), kLow);
  EXPECT_FALSE(r.rewrite(packet(kHigh, 500, 9000, true))) << "not the selected layer";
}

TEST(RtpRewriter, P2_SwitchingLayersKeepsOneContinuousStream) {
  RtpRewriter r;
  r.switchTo(kLow);
  for (uint16_t s = 0; s < 5; ++s) ASSERT_TRUE(r.rewrite(packet(kLow, static_cast<uint16_t>(65533 + s), 3000 * s, s == 0, 100 + s, 7)));
  // Forwarded so far: sequences 65533…65535, 0, 1 (wrapped), timestamp 12000, picture id 104.
  r.switchTo(kHigh);
  EXPECT_TRUE(r.rewrite(packet(kLow, 2, 15000, false, 105, 7))) << "old layer flows until the new one's keyframe";
  EXPECT_FALSE(r.rewrite(packet(kHigh, 900, 777000, false, 5000, 50))) << "wait for a keyframe";
  auto switched = r.rewrite(packet(kHigh, 901, 780000, true, 5001, 51));
  ASSERT_TRUE(switched);
  EXPECT_EQ(switched->sequence, 3) << "right after the last forwarded sequence (2)";
  EXPECT_EQ(switched->timestamp, 15000U + 3000U) << "one frame after the last timestamp";
  EXPECT_EQ(switched->pictureId, 106);
  EXPECT_EQ(switched->tl0PicIdx, 8);
  auto next = r.rewrite(packet(kHigh, 902, 783000, false, 5002, 51));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->sequence, 4);
  EXPECT_EQ(next->timestamp, 21000U);
  EXPECT_EQ(next->pictureId, 107);
  EXPECT_FALSE(r.rewrite(packet(kLow, 3, 18000))) << "the old layer is cut once switched";
}

TEST(RtpRewriter, LateRetransmittedPacketsOfTheCurrentLayerStillMap) {
  RtpRewriter r;
  r.switchTo(kLow);
  ASSERT_TRUE(r.rewrite(packet(kLow, 100, 0, true)));
  r.switchTo(kHigh);
  ASSERT_TRUE(r.rewrite(packet(kHigh, 50, 90000, true)));   // → 101
  ASSERT_TRUE(r.rewrite(packet(kHigh, 52, 93000)));         // → 103, 51 is late
  auto late = r.rewrite(packet(kHigh, 51, 93000));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->sequence, 102);
  EXPECT_FALSE(r.rewrite(packet(kHigh, 49, 87000))) << "before the switch point";
}

TEST(RtpRewriter, PictureIdsWrapInFifteenBits) {
  RtpRewriter r;
  r.switchTo(kLow);
  ASSERT_TRUE(r.rewrite(packet(kLow, 1, 0, true, 0x7FFF)));
  r.switchTo(kHigh);
  auto out = r.rewrite(packet(kHigh, 9, 0, true, 12));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->pictureId, 0);
}

}  // namespace
}  // namespace dienhong::media

namespace dienhong::media {
namespace {

TEST(RtpRewriter, PausedStreamsResumeAtAKeyframeRightAfterTheLastPacketSent) {
  RtpRewriter r;
  r.switchTo(111);
  ASSERT_TRUE(r.rewrite({111, 10, 0, true, 50, 1}));
  ASSERT_TRUE(r.rewrite({111, 11, 3000, false, 51, 1}));
  r.pause();
  EXPECT_FALSE(r.rewrite({111, 12, 6000, false, 52, 1}));
  EXPECT_FALSE(r.currentSource());
  r.switchTo(111);
  EXPECT_FALSE(r.rewrite({111, 40, 90000, false, 80, 5})) << "resumes only at a keyframe";
  const auto resumed = r.rewrite({111, 41, 93000, true, 81, 6});
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->sequence, 12) << "no gap for the receiver to NACK";
  EXPECT_EQ(resumed->pictureId, 52);
  EXPECT_EQ(resumed->tl0PicIdx, 2);
  EXPECT_EQ(r.rewrite({111, 42, 96000, false, 82, 6})->sequence, 13);
}

}  // namespace
}  // namespace dienhong::media
