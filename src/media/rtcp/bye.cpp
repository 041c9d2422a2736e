// RFC 3550 §6.6 goodbye; see bye.hpp.
#include "media/rtcp/bye.hpp"

namespace dienhong::media {

namespace {

size_t reasonFieldSize(std::string_view reason) {
  if (reason.empty()) return 0;
  return (1 + reason.size() + 3) & ~size_t{3};  // length octet + text, padded to 32 bits
}

}  // namespace

std::optional<Bye> Bye::parse(const RtcpPacket& packet) {
  if (packet.packetType() != kPacketType) return std::nullopt;
  ByteReader reader(packet.body());
  const size_t count = packet.count();
  auto encoded = reader.bytes(count * WireFormat<Ssrc>::kSize);
  if (!encoded) return std::nullopt;
  Bye bye;
  bye.ssrcs = WireList<Ssrc>::fromWire(*encoded, count);
  if (auto length = reader.u8()) {
    auto text = reader.bytes(*length);
    if (!text) return std::nullopt;  // a reason longer than the packet
    bye.reason = {reinterpret_cast<const char*>(text->data()), text->size()};
  }
  return bye;  // the null padding after the reason is not checked
}

size_t Bye::serializedSize() const {
  return kRtcpHeaderSize + ssrcs.size() * WireFormat<Ssrc>::kSize + reasonFieldSize(reason);
}

bool Bye::serialize(ByteWriter& writer) const {
  if (ssrcs.size() > kMaxRtcpCount || reason.size() > kMaxReasonSize) return false;
  const size_t start = writer.size();
  const size_t size = serializedSize();
  writeRtcpHeader(writer, static_cast<uint8_t>(ssrcs.size()), kPacketType, size);
  ssrcs.write(writer);
  if (!reason.empty()) {
    writer.u8(static_cast<uint8_t>(reason.size()));
    writer.bytes({reinterpret_cast<const uint8_t*>(reason.data()), reason.size()});
    writer.zeros(reasonFieldSize(reason) - 1 - reason.size());
  }
  return writer.ok() && writer.size() - start == size;
}

}  // namespace dienhong::media
