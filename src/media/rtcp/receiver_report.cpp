// RFC 3550 §6.4.2 receiver report; see receiver_report.hpp.
#include "media/rtcp/receiver_report.hpp"

namespace dienhong::media {

std::optional<ReceiverReport> ReceiverReport::parse(const RtcpPacket& packet) {
  if (packet.packetType() != kPacketType) return std::nullopt;
  ByteReader reader(packet.body());
  auto ssrc = reader.u32();
  if (!ssrc) return std::nullopt;
  const size_t blocks = packet.count();
  auto encoded = reader.bytes(blocks * ReportBlock::kSize);
  if (!encoded) return std::nullopt;
  return ReceiverReport{Ssrc(*ssrc), WireList<ReportBlock>::fromWire(*encoded, blocks)};
}

size_t ReceiverReport::serializedSize() const {
  return kRtcpHeaderSize + 4 + reportBlocks.size() * ReportBlock::kSize;
}

bool ReceiverReport::serialize(ByteWriter& writer) const {
  if (reportBlocks.size() > kMaxRtcpCount) return false;
  const size_t start = writer.size();
  const size_t size = serializedSize();
  writeRtcpHeader(writer, static_cast<uint8_t>(reportBlocks.size()), kPacketType, size);
  writer.u32(senderSsrc.value());
  reportBlocks.write(writer);
  return writer.ok() && writer.size() - start == size;
}

}  // namespace dienhong::media
