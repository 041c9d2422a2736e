#include "media/rtp/rtp_packet_writer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "media/rtp/rtp_packet_view.hpp"
#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

std::vector<uint8_t> written(const RtpPacketWriter& writer) {
  std::vector<uint8_t> out(1500);
  auto size = writer.write(out);
  if (!size) return {};
  out.resize(*size);
  return out;
}

std::vector<RtpExtension> extensionsOf(const RtpPacketView& view) {
  std::vector<RtpExtension> out;
  for (const RtpExtension& e : view.extensions()) out.push_back(e);
  return out;
}

TEST(RtpPacketWriter, WritesOneByteExtensionsWhenTheyFit) {
  const auto absSendTime = hex("12 34 56");
  const auto transportSeq = hex("00 05");
  const std::array<RtpExtension, 2> extensions = {RtpExtension{2, absSendTime},
                                                  RtpExtension{3, transportSeq}};
  const auto payload = hex("90 80 00 9d 01 2a");
  RtpPacketWriter writer;
  writer.setMarker(true)
      .setPayloadType(96)
      .setSequenceNumber(SequenceNumber(0x1A2B))
      .setTimestamp(RtpTimestamp(90000))
      .setSsrc(Ssrc(0x4A3B2C1D))
      .setExtensions(extensions)
      .setPayload(payload);
  EXPECT_EQ(writer.size(), 30U);
  EXPECT_EQ(written(writer), hex("90 e0 1a 2b 00 01 5f 90 4a 3b 2c 1d"
                                 "be de 00 02 22 12 34 56 31 00 05 00"
                                 "90 80 00 9d 01 2a"));
}

TEST(RtpPacketWriter, SwitchesToTwoByteFormWhenAnElementNeedsIt) {
  const auto big = std::vector<uint8_t>(17, 0xAB);  // one-byte form stops at 16
  const auto small = hex("01");
  const std::array<RtpExtension, 2> extensions = {RtpExtension{1, small}, RtpExtension{2, big}};
  RtpPacketWriter writer;
  writer.setSsrc(Ssrc(1)).setExtensions(extensions);
  const auto bytes = written(writer);
  // 12 header + 4 block header + (2+1) + (2+17) = 22 -> 24 bytes of elements.
  ASSERT_EQ(bytes.size(), 12U + 4 + 24);
  EXPECT_EQ(bytes[0], 0x90);
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin() + 12, bytes.begin() + 19),
            hex("10 00 00 06 01 01 01"));
  auto view = RtpPacketView::parse(bytes);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->extensions().form(), RtpExtensionForm::kTwoByte);
  EXPECT_EQ(extensionsOf(*view), std::vector<RtpExtension>(extensions.begin(), extensions.end()));
}

TEST(RtpPacketWriter, UsesTwoByteFormForHighIdsAndEmptyElements) {
  const auto data = hex("aa");
  for (const RtpExtension extension : {RtpExtension{15, data}, RtpExtension{200, data},
                                       RtpExtension{3, std::span<const uint8_t>{}}}) {
    RtpPacketWriter writer;
    writer.setExtensions(std::span<const RtpExtension>(&extension, 1));
    const auto bytes = written(writer);
    auto view = RtpPacketView::parse(bytes);
    ASSERT_TRUE(view) << int(extension.id);
    EXPECT_EQ(view->extensions().form(), RtpExtensionForm::kTwoByte);
    EXPECT_EQ(extensionsOf(*view), std::vector<RtpExtension>{extension});
  }
}

TEST(RtpPacketWriter, ForcedTwoByteFormIsHonoured) {
  const auto data = hex("aa bb");
  const std::array<RtpExtension, 1> extensions = {RtpExtension{4, data}};
  RtpPacketWriter writer;
  writer.setExtensions(extensions).forceTwoByteExtensions(true);
  EXPECT_EQ(written(writer), hex("90 00 00 00 00 00 00 00 00 00 00 00 10 00 00 01 04 02 aa bb"));
}

TEST(RtpPacketWriter, WritesCsrcsAndPadding) {
  const std::array<Ssrc, 2> csrcs = {Ssrc(10), Ssrc(11)};
  const auto payload = hex("de ad be ef");
  RtpPacketWriter writer;
  writer.setSequenceNumber(SequenceNumber(65535))
      .setTimestamp(RtpTimestamp(0xFFFFFFFF))
      .setSsrc(Ssrc(1))
      .setCsrcs(csrcs)
      .setPayload(payload)
      .setPaddingSize(4);
  EXPECT_EQ(written(writer), hex("a2 00 ff ff ff ff ff ff 00 00 00 01 00 00 00 0a 00 00 00 0b"
                                 "de ad be ef 00 00 00 04"));
}

TEST(RtpPacketWriter, KeepsRawExtensionsOfOtherProfiles) {
  const auto raw = hex("01 02 03 04 05 06 07 08");
  RtpPacketWriter writer;
  writer.setRawExtension(0xABCD, raw);
  auto bytes = written(writer);
  auto view = RtpPacketView::parse(bytes);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->extensions().profile(), 0xABCD);
  EXPECT_EQ(
      std::vector<uint8_t>(view->extensions().data().begin(), view->extensions().data().end()),
      raw);
  writer.setRawExtension(0xABCD, hex("01 02 03"));
  EXPECT_FALSE(writer.size()) << "a raw block must be whole words";
}

TEST(RtpPacketWriter, RefusesWhatCannotBeEncoded) {
  RtpPacketWriter writer;
  writer.setPayloadType(128);
  EXPECT_FALSE(writer.size());
  writer.setPayloadType(127);
  EXPECT_TRUE(writer.size());

  const std::vector<Ssrc> csrcs(16, Ssrc(1));
  writer.setCsrcs(std::span<const Ssrc>(csrcs));
  EXPECT_FALSE(writer.size());
  writer.setCsrcs(std::span<const Ssrc>(csrcs).first(15));
  EXPECT_EQ(writer.size(), 12U + 60);

  const auto huge = std::vector<uint8_t>(256, 1);
  const std::array<RtpExtension, 1> tooBig = {RtpExtension{1, huge}};
  writer.setExtensions(tooBig);
  EXPECT_FALSE(writer.size());
  const auto one = hex("01");
  const std::array<RtpExtension, 1> zeroId = {RtpExtension{0, one}};
  writer.setExtensions(zeroId);
  EXPECT_FALSE(writer.size()) << "ID 0 is padding in both forms";
}

TEST(RtpPacketWriter, RefusesABufferThatIsTooSmall) {
  const auto payload = std::vector<uint8_t>(100, 7);
  RtpPacketWriter writer;
  writer.setPayload(payload);
  std::vector<uint8_t> out(111);
  EXPECT_FALSE(writer.write(out));
  out.resize(112);
  EXPECT_EQ(writer.write(out), 112U);
}

TEST(RtpPacketWriter, RoundTripsAParsedPacket) {
  const auto original =
      hex("b1 e0 1a 2b 00 01 5f 90 4a 3b 2c 1d 00 00 00 63"  // P=1 X=1 CC=1
          "be de 00 03 22 12 34 56 31 00 05 40 30 00 00 00"  // + ID 4 "0" (MID)
          "90 80 00 9d 01 2a 00 00 03");
  auto first = RtpPacketView::parse(original);
  ASSERT_TRUE(first);
  RtpPacketWriter writer;
  writer.setMarker(first->marker())
      .setPayloadType(first->payloadType())
      .setSequenceNumber(first->sequenceNumber())
      .setTimestamp(first->timestamp())
      .setSsrc(first->ssrc())
      .setCsrcs(first->csrcs())
      .setExtensions(first->extensions())
      .setPayload(first->payload())
      .setPaddingSize(static_cast<uint8_t>(first->paddingSize()));
  const auto bytes = written(writer);
  EXPECT_EQ(bytes, original) << "canonical input comes back byte for byte";
  auto second = RtpPacketView::parse(bytes);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->ssrc(), first->ssrc());
  EXPECT_EQ(second->csrcs(), first->csrcs());
  EXPECT_EQ(extensionsOf(*second), extensionsOf(*first));
  EXPECT_EQ(second->paddingSize(), 3U);
}

}  // namespace
}  // namespace dienhong::media
