// SenderReport: the RTCP SR packet, RFC 3550 §6.4.1 (PT 200): the sender's NTP and RTP clocks at
// one instant (for lip sync and RTT via LSR/DLSR), its packet and octet counts, and up to 31
// reception report blocks. Profile-specific extensions after the blocks are skipped (no WebRTC
// profile defines any).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/byte_reader.hpp"
#include "media/rtcp/report_block.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/rtp_timestamp.hpp"
#include "media/rtp/ssrc.hpp"
#include "media/rtp/wire_list.hpp"

namespace dienhong::media {

// The middle 32 bits of a 64-bit NTP timestamp: the LSR value a report block echoes (§6.4.1).
constexpr uint32_t compactNtp(uint64_t ntpTimestamp) {
  return static_cast<uint32_t>(ntpTimestamp >> 16);
}

struct SenderReport {
  static constexpr uint8_t kPacketType = rtcp_type::kSenderReport;
  static constexpr size_t kSenderInfoSize = 24;  // SSRC + NTP + RTP timestamp + counts

  Ssrc senderSsrc;
  uint64_t ntpTimestamp = 0;  // seconds since 1900 in 32.32 fixed point
  RtpTimestamp rtpTimestamp;
  uint32_t packetCount = 0;
  uint32_t octetCount = 0;
  WireList<ReportBlock> reportBlocks;

  [[nodiscard]] static std::optional<SenderReport> parse(const RtcpPacket& packet);
  size_t serializedSize() const;
  // False if there are more than 31 report blocks or the writer ran out of room.
  bool serialize(ByteWriter& writer) const;

  friend bool operator==(const SenderReport&, const SenderReport&) = default;
};

}  // namespace dienhong::media
