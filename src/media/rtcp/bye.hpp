// Bye: the RTCP goodbye packet, RFC 3550 §6.6 (PT 203): up to 31 SSRC/CSRCs that leave, and an
// optional reason (at most 255 bytes, padded with nulls to 32 bits). The SFU ends a stream on it
// rather than waiting for a timeout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/byte_reader.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/ssrc.hpp"
#include "media/rtp/wire_list.hpp"

namespace dienhong::media {

struct Bye {
  static constexpr uint8_t kPacketType = rtcp_type::kBye;
  static constexpr size_t kMaxReasonSize = 255;

  WireList<Ssrc> ssrcs;
  std::string_view reason;  // empty when absent; views the packet

  [[nodiscard]] static std::optional<Bye> parse(const RtcpPacket& packet);
  size_t serializedSize() const;
  // False for more than 31 SSRCs, a reason over 255 bytes, or when the writer runs out of room.
  bool serialize(ByteWriter& writer) const;

  friend bool operator==(const Bye&, const Bye&) = default;
};

}  // namespace dienhong::media
