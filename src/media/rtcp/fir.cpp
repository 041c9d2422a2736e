// RFC 5104 §4.3.1 full intra request; see fir.hpp.
#include "media/rtcp/fir.hpp"

namespace dienhong::media {

std::optional<FirEntry> FirEntry::read(ByteReader& reader) {
  auto ssrc = reader.u32();
  auto sequence = reader.u8();
  if (!sequence || !reader.skip(3)) return std::nullopt;  // reserved bits are ignored
  return FirEntry{Ssrc(*ssrc), *sequence};
}

std::optional<Fir> Fir::parse(const RtcpPacket& packet) {
  ByteReader reader(packet.body());
  auto ssrcs = readFeedbackSsrcs(packet, kPacketType, kFormat, reader);
  if (!ssrcs) return std::nullopt;
  const auto fci = reader.rest();
  if (fci.empty() || fci.size() % FirEntry::kSize != 0) return std::nullopt;
  return Fir{ssrcs->sender, ssrcs->media,
             WireList<FirEntry>::fromWire(fci, fci.size() / FirEntry::kSize)};
}

size_t Fir::serializedSize() const {
  return kRtcpHeaderSize + kFeedbackSsrcsSize + entries.size() * FirEntry::kSize;
}

bool Fir::serialize(ByteWriter& writer) const {
  const size_t size = serializedSize();
  if (entries.empty() || size > kMaxRtcpPacketSize) return false;
  const size_t start = writer.size();
  writeFeedbackHeader(writer, kPacketType, kFormat, size, senderSsrc, mediaSsrc);
  entries.write(writer);
  return writer.ok() && writer.size() - start == size;
}

}  // namespace dienhong::media
