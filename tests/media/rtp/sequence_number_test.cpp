#include "media/rtp/sequence_number.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

#include "media/rtp/rtp_timestamp.hpp"
#include "media/rtp/sequence_unwrapper.hpp"
#include "media/rtp/ssrc.hpp"

namespace dienhong::media {
namespace {

TEST(SequenceNumber, IsNewerAcrossWrapAround) {
  EXPECT_TRUE(isNewer(SequenceNumber(0), SequenceNumber(65535)));
  EXPECT_FALSE(isNewer(SequenceNumber(65535), SequenceNumber(0)));
  EXPECT_TRUE(isNewer(SequenceNumber(5), SequenceNumber(65530)));
  EXPECT_TRUE(isNewer(SequenceNumber(101), SequenceNumber(100)));
  EXPECT_FALSE(isNewer(SequenceNumber(100), SequenceNumber(101)));
  EXPECT_FALSE(isNewer(SequenceNumber(7), SequenceNumber(7)));
  EXPECT_TRUE(isNewer(SequenceNumber(32767), SequenceNumber(0)));
  EXPECT_FALSE(isNewer(SequenceNumber(32769), SequenceNumber(0)))
      << "more than half ahead is behind";
}

TEST(SequenceNumber, HalfWayIsAntisymmetric) {
  for (uint32_t a = 0; a < 65536; a += 257) {
    const SequenceNumber x(static_cast<uint16_t>(a));
    const SequenceNumber y = x + 0x8000;
    EXPECT_NE(isNewer(x, y), isNewer(y, x)) << a;
    EXPECT_EQ(delta(x, y), -delta(y, x)) << a;
  }
}

TEST(SequenceNumber, DeltaIsTheShortestSignedStep) {
  EXPECT_EQ(delta(SequenceNumber(65535), SequenceNumber(0)), 1);
  EXPECT_EQ(delta(SequenceNumber(0), SequenceNumber(65535)), -1);
  EXPECT_EQ(delta(SequenceNumber(65000), SequenceNumber(200)), 736);
  EXPECT_EQ(delta(SequenceNumber(10), SequenceNumber(10)), 0);
}

TEST(SequenceNumber, ArithmeticWraps) {
  EXPECT_EQ(SequenceNumber(65535) + 1, SequenceNumber(0));
  EXPECT_EQ(SequenceNumber(0) - 1, SequenceNumber(65535));
  SequenceNumber s(65535);
  ++s;
  EXPECT_EQ(s.value(), 0);
}

TEST(SequenceUnwrapper, CountsThroughSeveralWraps) {
  SequenceUnwrapper unwrapper;
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(65534)), 65534);
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(65535)), 65535);
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(0)), 65536);
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(1)), 65537);
  // Walk forward in big steps through two more wraps.
  int64_t expected = 65537;
  uint16_t raw = 1;
  for (int i = 0; i < 8; ++i) {
    raw = static_cast<uint16_t>(raw + 30000);
    expected += 30000;
    EXPECT_EQ(unwrapper.unwrap(SequenceNumber(raw)), expected);
  }
  EXPECT_EQ(expected, 65537 + 240000);
}

TEST(SequenceUnwrapper, ReorderedPacketsAcrossTheWrapGoBack) {
  SequenceUnwrapper unwrapper;
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(65535)), 65535);
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(2)), 65538);
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(65534)), 65534) << "late packet from before the wrap";
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(3)), 65539);
  EXPECT_EQ(unwrapper.peek(SequenceNumber(1)), 65537);
  EXPECT_EQ(unwrapper.last(), 65539);
}

TEST(SequenceUnwrapper, PacketsOlderThanTheFirstAreNegative) {
  SequenceUnwrapper unwrapper;
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(1)), 1);
  EXPECT_EQ(unwrapper.unwrap(SequenceNumber(65535)), -1);
}

TEST(RtpTimestamp, IsNewerAcrossWrapAround) {
  EXPECT_TRUE(isNewer(RtpTimestamp(10), RtpTimestamp(0xFFFFFFF0)));
  EXPECT_FALSE(isNewer(RtpTimestamp(0xFFFFFFF0), RtpTimestamp(10)));
  EXPECT_FALSE(isNewer(RtpTimestamp(3), RtpTimestamp(3)));
  EXPECT_NE(isNewer(RtpTimestamp(0), RtpTimestamp(0x80000000)),
            isNewer(RtpTimestamp(0x80000000), RtpTimestamp(0)));
  EXPECT_EQ(RtpTimestamp(0xFFFFFFFF) + 2, RtpTimestamp(1));
}

TEST(Ssrc, IsHashableAndComparable) {
  std::unordered_set<Ssrc> set{Ssrc(1), Ssrc(2), Ssrc(1)};
  EXPECT_EQ(set.size(), 2U);
  EXPECT_LT(Ssrc(1), Ssrc(2));
  EXPECT_EQ(Ssrc(0xDEADBEEF).value(), 0xDEADBEEFU);
}

}  // namespace
}  // namespace dienhong::media
