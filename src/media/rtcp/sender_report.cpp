// RFC 3550 §6.4.1 sender report; see sender_report.hpp.
#include "media/rtcp/sender_report.hpp"

namespace dienhong::media {

std::optional<SenderReport> SenderReport::parse(const RtcpPacket& packet) {
  if (packet.packetType() != kPacketType) return std::nullopt;
  ByteReader reader(packet.body());
  auto ssrc = reader.u32();
  auto ntp = reader.u64();
  auto rtp = reader.u32();
  auto packets = reader.u32();
  auto octets = reader.u32();
  if (!octets) return std::nullopt;
  const size_t blocks = packet.count();
  auto encoded = reader.bytes(blocks * ReportBlock::kSize);
  if (!encoded) return std::nullopt;

  SenderReport report;
  report.senderSsrc = Ssrc(*ssrc);
  report.ntpTimestamp = *ntp;
  report.rtpTimestamp = RtpTimestamp(*rtp);
  report.packetCount = *packets;
  report.octetCount = *octets;
  report.reportBlocks = WireList<ReportBlock>::fromWire(*encoded, blocks);
  return report;
}

size_t SenderReport::serializedSize() const {
  return kRtcpHeaderSize + kSenderInfoSize + reportBlocks.size() * ReportBlock::kSize;
}

bool SenderReport::serialize(ByteWriter& writer) const {
  if (reportBlocks.size() > kMaxRtcpCount) return false;
  const size_t start = writer.size();
  const size_t size = serializedSize();
  writeRtcpHeader(writer, static_cast<uint8_t>(reportBlocks.size()), kPacketType, size);
  writer.u32(senderSsrc.value()).u64(ntpTimestamp).u32(rtpTimestamp.value());
  writer.u32(packetCount).u32(octetCount);
  reportBlocks.write(writer);
  return writer.ok() && writer.size() - start == size;
}

}  // namespace dienhong::media
