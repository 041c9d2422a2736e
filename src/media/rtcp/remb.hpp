// Remb: receiver estimated maximum bitrate, draft-alvestrand-rmcat-remb-03 §2.2: an RFC 4585
// application-layer feedback message (PSFB, FMT 15) with the identifier "REMB", a bitrate as an
// 18-bit mantissa times 2^(6-bit exponent) bits per second, and the SSRCs it applies to. The
// SFU sends it to publishers whose browsers estimate bandwidth from it, and may read it from
// subscribers that do not support transport-wide feedback.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/byte_reader.hpp"
#include "media/rtcp/rtcp_feedback.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/ssrc.hpp"
#include "media/rtp/wire_list.hpp"

namespace dienhong::media {

struct Remb {
  static constexpr uint8_t kPacketType = rtcp_type::kPayloadFeedback;
  static constexpr uint8_t kFormat = 15;
  static constexpr size_t kMaxSsrcs = 255;
  static constexpr uint32_t kMaxMantissa = (1u << 18) - 1;

  Ssrc senderSsrc;
  Ssrc mediaSsrc;  // 0 on the wire (draft §2.2); kept as read for round trips
  // Bits per second. Serialising keeps the top 18 significant bits (rounding down, so the
  // estimate is never overstated); parsed values are always exactly representable.
  uint64_t bitrateBps = 0;
  WireList<Ssrc> ssrcs;

  // nullopt unless the identifier is "REMB", the SSRC count matches the length exactly, and
  // mantissa << exponent fits 64 bits.
  [[nodiscard]] static std::optional<Remb> parse(const RtcpPacket& packet);
  size_t serializedSize() const;
  bool serialize(ByteWriter& writer) const;

  friend bool operator==(const Remb&, const Remb&) = default;
};

}  // namespace dienhong::media
