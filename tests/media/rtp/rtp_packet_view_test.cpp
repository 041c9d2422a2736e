#include "media/rtp/rtp_packet_view.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

// A VP8 packet as Chrome sends it: marker set, PT 96, one-byte extensions abs-send-time (ID 2)
// and transport-wide sequence number (ID 3), padded to a word.
const std::vector<uint8_t> kChromeVideo =
    hex("90 e0 1a 2b"          // V=2 X=1, M=1 PT=96, seq 0x1a2b
        "00 01 5f 90"          // timestamp 90000
        "4a 3b 2c 1d"          // SSRC
        "be de 00 02"          // one-byte profile, 2 words
        "22 12 34 56"          // ID 2 L=2: abs-send-time 0x123456
        "31 00 05 00"          // ID 3 L=1: transport seq 5, padding
        "90 80 00 9d 01 2a");  // payload

// RFC 3550 §5.1 with two CSRCs and 4 bytes of padding (count byte 4).
const std::vector<uint8_t> kMixedAudio =
    hex("a2 00 ff ff"              // V=2 P=1 CC=2, PT 0, seq 65535
        "ff ff ff ff"              // timestamp
        "00 00 00 01"              // SSRC
        "00 00 00 0a 00 00 00 0b"  // CSRCs 10, 11
        "de ad be ef"              // payload
        "00 00 00 04");            // padding

TEST(RtpPacket, ParsesFixedHeaderAndOneByteExtensions) {
  auto packet = RtpPacketView::parse(kChromeVideo);
  ASSERT_TRUE(packet);
  EXPECT_TRUE(packet->marker());
  EXPECT_EQ(packet->payloadType(), 96);
  EXPECT_EQ(packet->sequenceNumber(), SequenceNumber(0x1A2B));
  EXPECT_EQ(packet->timestamp(), RtpTimestamp(90000));
  EXPECT_EQ(packet->ssrc(), Ssrc(0x4A3B2C1D));
  EXPECT_TRUE(packet->csrcs().empty());
  EXPECT_EQ(packet->headerSize(), 24U);
  EXPECT_EQ(packet->paddingSize(), 0U);
  EXPECT_EQ(std::vector<uint8_t>(packet->payload().begin(), packet->payload().end()),
            hex("90 80 00 9d 01 2a"));
  ASSERT_TRUE(packet->hasExtensionBlock());
  EXPECT_EQ(packet->extensions().profile(), kOneByteExtensionProfile);
  auto absSendTime = packet->extension(2);
  ASSERT_TRUE(absSendTime);
  EXPECT_EQ(std::vector<uint8_t>(absSendTime->begin(), absSendTime->end()), hex("12 34 56"));
  auto transportSeq = packet->extension(3);
  ASSERT_TRUE(transportSeq);
  EXPECT_EQ(std::vector<uint8_t>(transportSeq->begin(), transportSeq->end()), hex("00 05"));
  EXPECT_FALSE(packet->extension(1));
}

TEST(RtpPacket, ParsesCsrcsAndPadding) {
  auto packet = RtpPacketView::parse(kMixedAudio);
  ASSERT_TRUE(packet);
  EXPECT_FALSE(packet->marker());
  EXPECT_EQ(packet->payloadType(), 0);
  EXPECT_EQ(packet->sequenceNumber(), SequenceNumber(65535));
  EXPECT_EQ(packet->timestamp(), RtpTimestamp(0xFFFFFFFF));
  std::vector<Ssrc> csrcs;
  for (Ssrc csrc : packet->csrcs()) csrcs.push_back(csrc);
  EXPECT_EQ(csrcs, (std::vector<Ssrc>{Ssrc(10), Ssrc(11)}));
  EXPECT_EQ(packet->headerSize(), 20U);
  EXPECT_EQ(packet->paddingSize(), 4U);
  EXPECT_EQ(std::vector<uint8_t>(packet->payload().begin(), packet->payload().end()),
            hex("de ad be ef"));
  EXPECT_FALSE(packet->hasExtensionBlock());
}

TEST(RtpPacket, ParsesTwoByteHeaderExtensions) {
  const auto bytes =
      hex("90 6f 00 01 00 00 00 02 00 00 00 03"
          "10 00 00 03"     // two-byte profile, 3 words
          "0f 03 61 62 63"  // ID 15 (legal here), "abc"
          "10 00"           // ID 16, empty
          "01 02 ca fe"     // ID 1, 2 bytes
          "00"              // padding
          "ff");            // payload
  auto packet = RtpPacketView::parse(bytes);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->extensions().form(), RtpExtensionForm::kTwoByte);
  ASSERT_TRUE(packet->extension(15));
  EXPECT_EQ(packet->extension(15)->size(), 3U);
  ASSERT_TRUE(packet->extension(16));
  EXPECT_TRUE(packet->extension(16)->empty());
  ASSERT_TRUE(packet->extension(1));
  EXPECT_EQ((*packet->extension(1))[1], 0xFE);
  EXPECT_EQ(packet->payload().size(), 1U);
}

TEST(RtpPacket, PaddingOnlyPacketHasAnEmptyPayload) {
  // Bandwidth probes: the whole body is padding.
  const auto bytes = hex("a0 7f 00 07 00 00 00 00 00 00 00 09 00 00 00 00 00 00 00 08");
  auto packet = RtpPacketView::parse(bytes);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->paddingSize(), 8U);
  EXPECT_TRUE(packet->payload().empty());
}

TEST(RtpPacket, RejectsVersionOtherThanTwo) {
  for (uint8_t version : {0, 1, 3}) {
    auto bytes = kChromeVideo;
    bytes[0] = static_cast<uint8_t>((bytes[0] & 0x3F) | (version << 6));
    EXPECT_FALSE(RtpPacketView::parse(bytes)) << int(version);
  }
}

TEST(RtpPacket, RejectsPaddingLargerThanThePayload) {
  auto bytes = kMixedAudio;
  bytes.back() = 9;  // 8 bytes follow the header
  EXPECT_FALSE(RtpPacketView::parse(bytes));
  bytes.back() = 8;
  ASSERT_TRUE(RtpPacketView::parse(bytes));
  EXPECT_TRUE(RtpPacketView::parse(bytes)->payload().empty());
  bytes.back() = 0;  // the count includes itself
  EXPECT_FALSE(RtpPacketView::parse(bytes));
}

TEST(RtpPacket, RejectsPaddingBitWithoutBytesAfterTheHeader) {
  const auto bytes = hex("a0 00 00 01 00 00 00 02 00 00 00 03");
  EXPECT_FALSE(RtpPacketView::parse(bytes));
}

TEST(RtpPacket, RejectsExtensionLengthBeyondThePacket) {
  auto bytes = kChromeVideo;
  bytes[15] = 4;  // 4 words = 16 bytes, only 14 follow
  EXPECT_FALSE(RtpPacketView::parse(bytes));
  bytes[15] = 3;  // 12 bytes: fits, the payload shrinks to 2 bytes
  auto packet = RtpPacketView::parse(bytes);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->payload().size(), 2U);
}

TEST(RtpPacket, RejectsCsrcListBeyondThePacket) {
  auto bytes = kMixedAudio;
  bytes[0] = 0x8F;  // 15 CSRCs, no padding
  EXPECT_FALSE(RtpPacketView::parse(bytes));
}

TEST(RtpPacket, TruncatedPacketsNeverReadOutOfBounds) {
  for (const auto* packet : {&kChromeVideo, &kMixedAudio}) {
    for (size_t size = 0; size <= packet->size(); ++size) {
      const auto bytes = test::prefix(*packet, size);  // exact-size heap copy: ASan sees overreads
      auto view = RtpPacketView::parse(bytes);
      if (size < kRtpFixedHeaderSize) {
        EXPECT_FALSE(view) << size;
        continue;
      }
      if (!view) continue;
      // Whatever parses must be self-consistent and inside the buffer.
      EXPECT_LE(view->headerSize() + view->payload().size() + view->paddingSize(), bytes.size());
      EXPECT_GE(view->payload().data(), bytes.data());
      size_t extensionBytes = 0;
      for (const RtpExtension& e : view->extensions()) extensionBytes += e.data.size();
      EXPECT_LE(extensionBytes, view->extensions().data().size());
      for (Ssrc csrc : view->csrcs()) (void)csrc;
    }
  }
  // The prefixes that end inside the header of kChromeVideo must all fail.
  for (size_t size = 0; size < 24; ++size) {
    EXPECT_FALSE(RtpPacketView::parse(test::prefix(kChromeVideo, size))) << size;
  }
}

}  // namespace
}  // namespace dienhong::media
