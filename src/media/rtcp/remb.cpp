// draft-alvestrand-rmcat-remb-03 §2.2; see remb.hpp.
#include "media/rtcp/remb.hpp"

namespace dienhong::media {

namespace {

constexpr uint32_t kRembIdentifier = 0x52454D42;  // "REMB"
constexpr size_t kRembFieldsSize = 8;             // identifier, count, exponent and mantissa

}  // namespace

std::optional<Remb> Remb::parse(const RtcpPacket& packet) {
  ByteReader reader(packet.body());
  auto ssrcs = readFeedbackSsrcs(packet, kPacketType, kFormat, reader);
  if (!ssrcs) return std::nullopt;
  auto identifier = reader.u32();
  auto count = reader.u8();
  auto bitrate = reader.u24();
  if (!bitrate || *identifier != kRembIdentifier) return std::nullopt;
  const size_t ssrcCount = *count;
  if (reader.remaining() != ssrcCount * WireFormat<Ssrc>::kSize) return std::nullopt;

  const unsigned exponent = *bitrate >> 18;
  const uint64_t mantissa = *bitrate & kMaxMantissa;
  const uint64_t bps = mantissa << exponent;
  if ((bps >> exponent) != mantissa) return std::nullopt;  // the value does not fit 64 bits
  return Remb{ssrcs->sender, ssrcs->media, bps, WireList<Ssrc>::fromWire(reader.rest(), ssrcCount)};
}

size_t Remb::serializedSize() const {
  return kRtcpHeaderSize + kFeedbackSsrcsSize + kRembFieldsSize +
         ssrcs.size() * WireFormat<Ssrc>::kSize;
}

bool Remb::serialize(ByteWriter& writer) const {
  if (ssrcs.size() > kMaxSsrcs) return false;
  unsigned exponent = 0;
  while ((bitrateBps >> exponent) > kMaxMantissa) ++exponent;  // at most 46 for 64-bit values
  const auto mantissa = static_cast<uint32_t>(bitrateBps >> exponent);

  const size_t start = writer.size();
  const size_t size = serializedSize();
  writeFeedbackHeader(writer, kPacketType, kFormat, size, senderSsrc, mediaSsrc);
  writer.u32(kRembIdentifier).u8(static_cast<uint8_t>(ssrcs.size()));
  writer.u24((exponent << 18) | mantissa);
  ssrcs.write(writer);
  return writer.ok() && writer.size() - start == size;
}

}  // namespace dienhong::media
