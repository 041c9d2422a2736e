// Pli: the RFC 4585 §6.3.1 picture loss indication (PSFB, FMT 1), which has no FCI. The SFU
// sends it to a publisher when a subscriber needs a keyframe (layer switch, decoder loss).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/byte_reader.hpp"
#include "media/rtcp/rtcp_feedback.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/ssrc.hpp"

namespace dienhong::media {

struct Pli {
  static constexpr uint8_t kPacketType = rtcp_type::kPayloadFeedback;
  static constexpr uint8_t kFormat = 1;
  static constexpr size_t kSize = kRtcpHeaderSize + kFeedbackSsrcsSize;

  Ssrc senderSsrc;
  Ssrc mediaSsrc;

  // Trailing bytes are ignored, as libwebrtc does: PLI defines no FCI to get wrong.
  [[nodiscard]] static std::optional<Pli> parse(const RtcpPacket& packet) {
    ByteReader reader(packet.body());
    auto ssrcs = readFeedbackSsrcs(packet, kPacketType, kFormat, reader);
    if (!ssrcs) return std::nullopt;
    return Pli{ssrcs->sender, ssrcs->media};
  }
  size_t serializedSize() const { return kSize; }
  bool serialize(ByteWriter& writer) const {
    const size_t start = writer.size();
    writeFeedbackHeader(writer, kPacketType, kFormat, kSize, senderSsrc, mediaSsrc);
    return writer.ok() && writer.size() - start == kSize;
  }

  friend bool operator==(const Pli&, const Pli&) = default;
};

}  // namespace dienhong::media
