// RTCP common header framing, RFC 3550 §6.4.1; see rtcp_packet.hpp.
#include "media/rtcp/rtcp_packet.hpp"

#include <algorithm>
#include <array>

namespace dienhong::media {

namespace {

constexpr uint8_t kRtcpVersion = 2;
constexpr uint8_t kNackFormat = 1;
constexpr uint8_t kTransportFeedbackFormat = 15;
constexpr uint8_t kPliFormat = 1;
constexpr uint8_t kFirFormat = 4;
constexpr uint8_t kApplicationLayerFeedbackFormat = 15;  // RFC 4585 §6.4 AFB, carries REMB
constexpr size_t kRembIdentifierOffset = 8;              // after sender and media SSRC
constexpr std::array<uint8_t, 4> kRembIdentifier = {'R', 'E', 'M', 'B'};

RtcpFramingError frame(std::span<const uint8_t> data, RtcpHeader& header,
                       std::span<const uint8_t>& bytes, std::span<const uint8_t>& body) {
  ByteReader reader(data);
  auto first = reader.u8();
  auto type = reader.u8();
  auto length = reader.u16();
  if (!length) return RtcpFramingError::kTruncatedHeader;
  if ((*first >> 6) != kRtcpVersion) return RtcpFramingError::kBadVersion;
  header.padding = (*first & 0x20) != 0;
  header.count = *first & 0x1F;
  header.packetType = *type;
  header.lengthWords = *length;
  if (header.packetSize() > data.size()) return RtcpFramingError::kLengthBeyondBuffer;
  bytes = data.first(header.packetSize());
  body = bytes.subspan(kRtcpHeaderSize);
  if (header.padding) {
    // RFC 3550 §6.4.1: the last octet counts the padding, itself included. libwebrtc pads
    // packets other than the last of a compound too, so we accept it anywhere.
    const size_t padding = bytes.back();
    if (padding == 0 || padding > body.size()) return RtcpFramingError::kBadPadding;
    body = body.first(body.size() - padding);
  }
  return RtcpFramingError::kNone;
}

}  // namespace

std::optional<RtcpPacket> RtcpPacket::parse(std::span<const uint8_t> data,
                                            RtcpFramingError* error) {
  RtcpPacket packet;
  const auto result = frame(data, packet.header_, packet.bytes_, packet.body_);
  if (error) *error = result;
  if (result != RtcpFramingError::kNone) return std::nullopt;
  return packet;
}

RtcpPacketKind RtcpPacket::kind() const {
  switch (header_.packetType) {
    case rtcp_type::kSenderReport:
      return RtcpPacketKind::kSenderReport;
    case rtcp_type::kReceiverReport:
      return RtcpPacketKind::kReceiverReport;
    case rtcp_type::kSdes:
      return RtcpPacketKind::kSdes;
    case rtcp_type::kBye:
      return RtcpPacketKind::kBye;
    case rtcp_type::kRtpFeedback:
      if (header_.count == kNackFormat) return RtcpPacketKind::kGenericNack;
      if (header_.count == kTransportFeedbackFormat) return RtcpPacketKind::kTransportFeedback;
      return RtcpPacketKind::kUnknown;
    case rtcp_type::kPayloadFeedback:
      if (header_.count == kPliFormat) return RtcpPacketKind::kPli;
      if (header_.count == kFirFormat) return RtcpPacketKind::kFir;
      // Application-layer feedback is only REMB if it says so (draft-alvestrand §2.2).
      if (header_.count == kApplicationLayerFeedbackFormat &&
          body_.size() >= kRembIdentifierOffset + kRembIdentifier.size() &&
          std::equal(kRembIdentifier.begin(), kRembIdentifier.end(),
                     body_.begin() + kRembIdentifierOffset)) {
        return RtcpPacketKind::kRemb;
      }
      return RtcpPacketKind::kUnknown;
    default:
      return RtcpPacketKind::kUnknown;
  }
}

}  // namespace dienhong::media
