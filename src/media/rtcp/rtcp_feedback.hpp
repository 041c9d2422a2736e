// The common part of RFC 4585 §6.1 feedback messages (RTPFB, PT 205 and PSFB, PT 206): the FMT
// in the count field, then the SSRC of the packet sender and the SSRC of the media source, then
// the feedback control information (FCI) that each message type defines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/byte_reader.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/ssrc.hpp"

namespace dienhong::media {

inline constexpr size_t kFeedbackSsrcsSize = 8;

struct FeedbackSsrcs {
  Ssrc sender;
  Ssrc media;
};

// The SSRC pair at the start of `reader`, if `packet` has this type and format.
inline std::optional<FeedbackSsrcs> readFeedbackSsrcs(const RtcpPacket& packet, uint8_t packetType,
                                                      uint8_t format, ByteReader& reader) {
  if (packet.packetType() != packetType || packet.count() != format) return std::nullopt;
  auto sender = reader.u32();
  auto media = reader.u32();
  if (!media) return std::nullopt;
  return FeedbackSsrcs{Ssrc(*sender), Ssrc(*media)};
}

inline void writeFeedbackHeader(ByteWriter& writer, uint8_t packetType, uint8_t format,
                                size_t packetSize, Ssrc sender, Ssrc media) {
  writeRtcpHeader(writer, format, packetType, packetSize);
  writer.u32(sender.value()).u32(media.value());
}

}  // namespace dienhong::media
