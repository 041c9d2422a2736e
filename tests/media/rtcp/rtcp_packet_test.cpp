#include "media/rtcp/rtcp_packet.hpp"

#include <gtest/gtest.h>

#include "../rtp/test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

TEST(RtcpPacket, FramesHeaderAndBody) {
  const auto bytes = hex("81 c9 00 01 11 22 33 44 ff ff");  // followed by another packet's bytes
  auto packet = RtcpPacket::parse(bytes);
  ASSERT_TRUE(packet);
  EXPECT_EQ(packet->packetType(), 201);
  EXPECT_EQ(packet->count(), 1);
  EXPECT_FALSE(packet->header().padding);
  EXPECT_EQ(packet->bytes().size(), 8U);
  EXPECT_EQ(packet->body().size(), 4U);
  EXPECT_EQ(packet->body()[0], 0x11);
}

TEST(RtcpPacket, StripsPaddingFromTheBody) {
  const auto bytes = hex("a0 c9 00 02 11 22 33 44 00 00 00 04");
  auto packet = RtcpPacket::parse(bytes);
  ASSERT_TRUE(packet);
  EXPECT_TRUE(packet->header().padding);
  EXPECT_EQ(packet->bytes().size(), 12U);
  EXPECT_EQ(packet->body().size(), 4U);
}

TEST(RtcpPacket, ReportsFramingErrors) {
  RtcpFramingError error = RtcpFramingError::kNone;
  EXPECT_FALSE(RtcpPacket::parse(hex("81 c9 00"), &error));
  EXPECT_EQ(error, RtcpFramingError::kTruncatedHeader);
  EXPECT_FALSE(RtcpPacket::parse(hex("41 c9 00 01 11 22 33 44"), &error));
  EXPECT_EQ(error, RtcpFramingError::kBadVersion);
  EXPECT_FALSE(RtcpPacket::parse(hex("81 c9 00 02 11 22 33 44"), &error));
  EXPECT_EQ(error, RtcpFramingError::kLengthBeyondBuffer);
  EXPECT_FALSE(RtcpPacket::parse(hex("a0 c9 00 01 11 22 33 00"), &error));
  EXPECT_EQ(error, RtcpFramingError::kBadPadding) << "padding count 0";
  EXPECT_FALSE(RtcpPacket::parse(hex("a0 c9 00 01 11 22 33 05"), &error));
  EXPECT_EQ(error, RtcpFramingError::kBadPadding) << "padding would eat the header";
  EXPECT_TRUE(RtcpPacket::parse(hex("a0 c9 00 01 11 22 33 04"), &error));
  EXPECT_EQ(error, RtcpFramingError::kNone);
}

TEST(RtcpPacket, ClassifiesEveryTypeWeParse) {
  struct Case {
    const char* hex;
    RtcpPacketKind kind;
  };
  const Case cases[] = {
      {"80 c8 00 00", RtcpPacketKind::kSenderReport},
      {"80 c9 00 00", RtcpPacketKind::kReceiverReport},
      {"80 ca 00 00", RtcpPacketKind::kSdes},
      {"80 cb 00 00", RtcpPacketKind::kBye},
      {"80 cc 00 00", RtcpPacketKind::kUnknown},  // APP
      {"80 cf 00 00", RtcpPacketKind::kUnknown},  // XR
      {"81 cd 00 00", RtcpPacketKind::kGenericNack},
      {"8f cd 00 00", RtcpPacketKind::kTransportFeedback},
      {"83 cd 00 00", RtcpPacketKind::kUnknown},  // TMMBR
      {"81 ce 00 00", RtcpPacketKind::kPli},
      {"84 ce 00 00", RtcpPacketKind::kFir},
      {"8f ce 00 03 00 00 00 01 00 00 00 00 52 45 4d 42", RtcpPacketKind::kRemb},
      {"8f ce 00 03 00 00 00 01 00 00 00 00 52 45 4d 43", RtcpPacketKind::kUnknown},
      {"8f ce 00 00", RtcpPacketKind::kUnknown},  // AFB too short to say REMB
  };
  for (const Case& c : cases) {
    const auto bytes = hex(c.hex);
    auto packet = RtcpPacket::parse(bytes);
    ASSERT_TRUE(packet) << c.hex;
    EXPECT_EQ(packet->kind(), c.kind) << c.hex;
  }
}

TEST(RtcpPacket, WritesTheCommonHeader) {
  std::vector<uint8_t> out(4);
  ByteWriter writer(out);
  writeRtcpHeader(writer, 31, rtcp_type::kPayloadFeedback, 4 * 65536);
  EXPECT_EQ(out, hex("9f ce ff ff"));
}

}  // namespace
}  // namespace dienhong::media
