// One RTCP packet inside a compound packet: the common header of RFC 3550 §6.4.1 (version,
// padding bit, 5-bit count or feedback format, packet type, length in 32-bit words minus one),
// the §6.1 framing rules, and which of our packet classes a packet is (RFC 3550 §6.4-6.6,
// RFC 4585 §6, RFC 5104 §4.3, draft-alvestrand-rmcat-remb, draft-holmer-rmcat-transport-wide-cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "common/byte_reader.hpp"

namespace dienhong::media {

namespace rtcp_type {
inline constexpr uint8_t kSenderReport = 200;
inline constexpr uint8_t kReceiverReport = 201;
inline constexpr uint8_t kSdes = 202;
inline constexpr uint8_t kBye = 203;
inline constexpr uint8_t kApp = 204;
inline constexpr uint8_t kRtpFeedback = 205;      // RFC 4585 RTPFB
inline constexpr uint8_t kPayloadFeedback = 206;  // RFC 4585 PSFB
}  // namespace rtcp_type

inline constexpr size_t kRtcpHeaderSize = 4;
// The 16-bit length field counts words after the first: at most 65536 words in all.
inline constexpr size_t kMaxRtcpPacketSize = (size_t{0xFFFF} + 1) * 4;
// RC, SC and FMT are 5 bits.
inline constexpr size_t kMaxRtcpCount = 31;

enum class RtcpPacketKind : uint8_t {
  kUnknown,  // APP, XR, other feedback formats, future types: skipped, not an error
  kSenderReport,
  kReceiverReport,
  kSdes,
  kBye,
  kGenericNack,
  kTransportFeedback,
  kPli,
  kFir,
  kRemb,
};

// Why framing stopped; the compound reader reports it with the offset of the bad packet.
enum class RtcpFramingError : uint8_t {
  kNone,
  kTruncatedHeader,     // fewer than 4 bytes left
  kBadVersion,          // version is not 2
  kLengthBeyondBuffer,  // the length field points past the end of the datagram
  kBadPadding,          // P bit set but the padding count is 0 or larger than the body
};

struct RtcpHeader {
  bool padding = false;
  uint8_t count = 0;  // RC, SC or FMT depending on the packet type
  uint8_t packetType = 0;
  uint16_t lengthWords = 0;  // packet size in 32-bit words, minus one

  size_t packetSize() const { return (static_cast<size_t>(lengthWords) + 1) * 4; }
};

class RtcpPacket {
 public:
  // Frames the packet at the start of `data`, which may continue with further packets.
  [[nodiscard]] static std::optional<RtcpPacket> parse(std::span<const uint8_t> data,
                                                       RtcpFramingError* error = nullptr);

  const RtcpHeader& header() const { return header_; }
  uint8_t packetType() const { return header_.packetType; }
  uint8_t count() const { return header_.count; }
  // The whole packet: header, body and padding.
  std::span<const uint8_t> bytes() const { return bytes_; }
  // After the 4-byte header, without the padding.
  std::span<const uint8_t> body() const { return body_; }
  RtcpPacketKind kind() const;

 private:
  RtcpPacket() = default;

  RtcpHeader header_;
  std::span<const uint8_t> bytes_;
  std::span<const uint8_t> body_;
};

// Writes the common header of a packet whose serialised size is `packetSize` (a multiple of 4,
// at most kMaxRtcpPacketSize). Our serialisers never pad with the P bit: they pad inside the
// body as each format prescribes.
inline void writeRtcpHeader(ByteWriter& writer, uint8_t count, uint8_t packetType,
                            size_t packetSize) {
  writer.u8(static_cast<uint8_t>(0x80 | (count & 0x1F)));
  writer.u8(packetType);
  writer.u16(static_cast<uint16_t>(packetSize / 4 - 1));
}

// Parses a datagram that must hold exactly one packet of type Packet (tests, tools).
template <class Packet>
std::optional<Packet> parseSingleRtcp(std::span<const uint8_t> data) {
  auto packet = RtcpPacket::parse(data);
  if (!packet || packet->bytes().size() != data.size()) return std::nullopt;
  return Packet::parse(*packet);
}

}  // namespace dienhong::media
