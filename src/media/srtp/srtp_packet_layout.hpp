// The few header fields SRTP needs (RFC 3550 §5.1, §6.4.1; RFC 3711 §3.1, §3.4): where an RTP
// payload starts — after the CSRC list and the header extension, which SRTP authenticates but
// does not encrypt — its sequence number and SSRC, and the SSRC of an RTCP packet. Deliberately
// minimal and independent of media/rtp: SRTP must not depend on the full parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "common/byte_reader.hpp"

namespace dienhong::media::srtp {

inline constexpr size_t kRtpFixedHeaderLength = 12;
inline constexpr size_t kRtcpHeaderLength = 8;  // V/P/RC, PT, length, SSRC of the sender

struct RtpLayout {
  size_t headerLength;  // fixed header + CSRCs + extension
  uint16_t sequenceNumber;
  uint32_t ssrc;
};

// packet excludes any SRTP trailer. Nullopt if not version 2 or the header does not fit.
inline std::optional<RtpLayout> parseRtpLayout(std::span<const uint8_t> packet) {
  ByteReader reader(packet);
  const auto first = reader.u8();
  const auto second = reader.u8();
  const auto seq = reader.u16();
  const auto timestamp = reader.u32();
  const auto ssrc = reader.u32();
  if (!first || !second || !seq || !timestamp || !ssrc || (*first >> 6) != 2) return std::nullopt;
  const size_t csrcCount = *first & 0x0f;
  if (!reader.skip(4 * csrcCount)) return std::nullopt;
  if (*first & 0x10) {
    const auto profile = reader.u16();
    const auto words = reader.u16();
    if (!profile || !words || !reader.skip(size_t{4} * *words)) return std::nullopt;
  }
  return RtpLayout{reader.position(), *seq, *ssrc};
}

// The SSRC of the first RTCP packet of a compound packet; nullopt if not version 2 or short.
inline std::optional<uint32_t> parseRtcpSsrc(std::span<const uint8_t> packet) {
  ByteReader reader(packet);
  const auto first = reader.u8();
  if (!first || (*first >> 6) != 2 || !reader.skip(3)) return std::nullopt;
  return reader.u32();
}

}  // namespace dienhong::media::srtp
