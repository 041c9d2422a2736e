// Fir: the RFC 5104 §4.3.1 full intra request (PSFB, FMT 4). Each FCI entry names an SSRC that
// must send a decoder refresh point and carries a command sequence number, incremented per new
// request, so the media sender can tell a repetition from a new request. The media source SSRC
// of the common header is unused and SHALL be 0 (§4.3.1.2).
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

struct FirEntry {
  static constexpr size_t kSize = 8;  // SSRC, sequence number, 24 reserved bits

  Ssrc ssrc;
  uint8_t commandSequenceNumber = 0;

  [[nodiscard]] static std::optional<FirEntry> read(ByteReader& reader);
  void write(ByteWriter& writer) const {
    writer.u32(ssrc.value()).u8(commandSequenceNumber).u24(0);
  }
  size_t encodedSize() const { return kSize; }

  friend bool operator==(const FirEntry&, const FirEntry&) = default;
};

struct Fir {
  static constexpr uint8_t kPacketType = rtcp_type::kPayloadFeedback;
  static constexpr uint8_t kFormat = 4;

  Ssrc senderSsrc;
  Ssrc mediaSsrc;              // 0 on the wire; kept as read for round trips
  WireList<FirEntry> entries;  // at least one

  // nullopt unless the FCI is one or more whole 8-byte entries.
  [[nodiscard]] static std::optional<Fir> parse(const RtcpPacket& packet);
  size_t serializedSize() const;
  bool serialize(ByteWriter& writer) const;

  friend bool operator==(const Fir&, const Fir&) = default;
};

}  // namespace dienhong::media
