// RTP packet parsing, RFC 3550 §5.1 and §5.3.1; see rtp_packet_view.hpp.
#include "media/rtp/rtp_packet_view.hpp"

namespace dienhong::media {

std::optional<RtpPacketView> RtpPacketView::parse(std::span<const uint8_t> packet) {
  ByteReader reader(packet);
  auto first = reader.u8();
  auto second = reader.u8();
  auto sequence = reader.u16();
  auto timestamp = reader.u32();
  auto ssrc = reader.u32();
  if (!ssrc) return std::nullopt;  // every earlier read succeeded if the last one did
  if ((*first >> 6) != kRtpVersion) return std::nullopt;

  RtpPacketView view;
  view.packet_ = packet;
  view.marker_ = (*second & 0x80) != 0;
  view.payloadType_ = *second & 0x7F;
  view.sequenceNumber_ = SequenceNumber(*sequence);
  view.timestamp_ = RtpTimestamp(*timestamp);
  view.ssrc_ = Ssrc(*ssrc);

  const size_t csrcCount = *first & 0x0F;
  auto csrcs = reader.bytes(csrcCount * 4);
  if (!csrcs) return std::nullopt;
  view.csrcBytes_ = *csrcs;

  if (*first & 0x10) {
    auto profile = reader.u16();
    auto words = reader.u16();
    if (!words) return std::nullopt;
    auto block = reader.bytes(static_cast<size_t>(*words) * 4);
    if (!block) return std::nullopt;
    view.extensions_ = RtpExtensionBlock(*profile, *block);
    view.hasExtensionBlock_ = true;
  }
  view.headerSize_ = reader.position();

  if (*first & 0x20) {
    const auto rest = reader.rest();
    if (rest.empty()) return std::nullopt;
    // The count includes itself, so 0 is malformed, and it may not eat into the header.
    const size_t padding = rest.back();
    if (padding == 0 || padding > rest.size()) return std::nullopt;
    view.paddingSize_ = padding;
  }
  return view;
}

}  // namespace dienhong::media
