#include "media/rtp/rtp_packet_editor.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "media/rtp/transport_sequence_number_extension.hpp"
#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

const std::vector<uint8_t> kPacket =
    hex("90 60 1a 2b 00 01 5f 90 4a 3b 2c 1d"
        "be de 00 02 22 12 34 56 31 00 05 00"
        "90 80 00 9d 01 2a");

TEST(RtpPacketEditor, RewritesHeaderFieldsInPlace) {
  auto bytes = kPacket;
  auto editor = RtpPacketEditor::parse(bytes);
  ASSERT_TRUE(editor);
  editor->setSsrc(Ssrc(0x01020304));
  editor->setSequenceNumber(SequenceNumber(0xFFFF));
  editor->setTimestamp(RtpTimestamp(0xA1B2C3D4));
  EXPECT_TRUE(editor->setPayloadType(100));
  editor->setMarker(true);
  EXPECT_EQ(bytes, hex("90 e4 ff ff a1 b2 c3 d4 01 02 03 04"
                       "be de 00 02 22 12 34 56 31 00 05 00"
                       "90 80 00 9d 01 2a"));
  // The editor's view follows its edits, and a fresh parse agrees.
  EXPECT_EQ(editor->view().ssrc(), Ssrc(0x01020304));
  EXPECT_EQ(editor->view().payloadType(), 100);
  EXPECT_TRUE(editor->view().marker());
  auto reparsed = RtpPacketView::parse(bytes);
  ASSERT_TRUE(reparsed);
  EXPECT_EQ(reparsed->sequenceNumber(), SequenceNumber(0xFFFF));
  EXPECT_EQ(reparsed->timestamp(), RtpTimestamp(0xA1B2C3D4));
  EXPECT_EQ(reparsed->payloadType(), 100);
}

TEST(RtpPacketEditor, MarkerAndPayloadTypeDoNotDisturbEachOther) {
  auto bytes = kPacket;
  auto editor = RtpPacketEditor::parse(bytes);
  ASSERT_TRUE(editor);
  editor->setMarker(true);
  EXPECT_EQ(bytes[1], 0xE0);
  EXPECT_TRUE(editor->setPayloadType(127));
  EXPECT_EQ(bytes[1], 0xFF);
  editor->setMarker(false);
  EXPECT_EQ(bytes[1], 0x7F);
  EXPECT_FALSE(editor->setPayloadType(128));
  EXPECT_EQ(bytes[1], 0x7F) << "an invalid payload type writes nothing";
}

TEST(RtpPacketEditor, RewritesTransportSequenceNumberExtension) {
  auto bytes = kPacket;
  auto editor = RtpPacketEditor::parse(bytes);
  ASSERT_TRUE(editor);
  EXPECT_TRUE(
      editor->rewriteExtension(3, TransportSequenceNumberExtension{SequenceNumber(0xBEEF)}));
  EXPECT_EQ(bytes[21], 0xBE);
  EXPECT_EQ(bytes[22], 0xEF);
  EXPECT_FALSE(editor->rewriteExtension(2, TransportSequenceNumberExtension{SequenceNumber(1)}))
      << "ID 2 holds 3 bytes, the value needs 2";
  EXPECT_FALSE(editor->rewriteExtension(9, TransportSequenceNumberExtension{SequenceNumber(1)}));
}

TEST(RtpPacketEditor, RewritesRawExtensionBytesOnlyAtTheSameSize) {
  auto bytes = kPacket;
  auto editor = RtpPacketEditor::parse(bytes);
  ASSERT_TRUE(editor);
  const auto newTime = hex("ab cd ef");
  EXPECT_TRUE(editor->rewriteExtension(2, newTime));
  EXPECT_EQ(bytes[17], 0xAB);
  EXPECT_EQ(bytes[19], 0xEF);
  EXPECT_FALSE(editor->rewriteExtension(2, hex("01 02")));
  EXPECT_EQ(bytes[17], 0xAB) << "a refused rewrite leaves the packet alone";
  auto writable = editor->mutableExtension(3);
  ASSERT_TRUE(writable);
  (*writable)[1] = 0x42;
  EXPECT_EQ(bytes[22], 0x42);
}

TEST(RtpPacketEditor, ExposesThePayloadForCodecRewriting) {
  auto bytes = kPacket;
  auto editor = RtpPacketEditor::parse(bytes);
  ASSERT_TRUE(editor);
  auto payload = editor->mutablePayload();
  ASSERT_EQ(payload.size(), 6U);
  payload[2] = 0x77;
  EXPECT_EQ(bytes[26], 0x77);
}

TEST(RtpPacketEditor, RefusesInvalidPackets) {
  auto bytes = hex("40 60 00 01 00 00 00 02 00 00 00 03");
  EXPECT_FALSE(RtpPacketEditor::parse(bytes));
}

}  // namespace
}  // namespace dienhong::media
