// ReceiverReport: the RTCP RR packet, RFC 3550 §6.4.2 (PT 201): the reporter's SSRC and up to 31
// reception report blocks. The SFU sends one per publisher stream and reads the subscribers' to
// learn their loss, jitter and round-trip time. Profile-specific extensions are skipped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/byte_reader.hpp"
#include "media/rtcp/report_block.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/ssrc.hpp"
#include "media/rtp/wire_list.hpp"

namespace dienhong::media {

struct ReceiverReport {
  static constexpr uint8_t kPacketType = rtcp_type::kReceiverReport;

  Ssrc senderSsrc;
  WireList<ReportBlock> reportBlocks;

  [[nodiscard]] static std::optional<ReceiverReport> parse(const RtcpPacket& packet);
  size_t serializedSize() const;
  // False if there are more than 31 report blocks or the writer ran out of room.
  bool serialize(ByteWriter& writer) const;

  friend bool operator==(const ReceiverReport&, const ReceiverReport&) = default;
};

}  // namespace dienhong::media
