// VP8 RTP payload descriptor (RFC 7741 §4.2): parsed to find keyframes and layer boundaries, and
// rewritten in place when a subscriber switches simulcast layer, so that its decoder sees one
// continuous picture-id / TL0PICIDX sequence (RFC 7741 §4.2 fields I, L, T/K).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace dienhong::media {

struct Vp8Descriptor {
  bool startOfPartition = false;  // S
  uint8_t partitionIndex = 0;     // PID
  bool nonReference = false;      // N
  std::optional<uint16_t> pictureId;  // 7 or 15 bits
  bool pictureIdIs15Bits = false;
  std::optional<uint8_t> tl0PicIdx;
  std::optional<uint8_t> temporalLayer;  // TID
  bool layerSync = false;                // Y
  std::optional<uint8_t> keyIndex;       // KEYIDX
  size_t size = 0;  // descriptor length; the VP8 payload starts after it
  // The VP8 payload header's P bit (RFC 7741 §4.3) when this packet starts frame partition 0.
  bool keyframe = false;

  // The first packet of a picture: S=1 and PID=0.
  bool startsPicture() const { return startOfPartition && partitionIndex == 0; }

  static std::optional<Vp8Descriptor> parse(std::span<const uint8_t> payload);
};

// Rewrites picture-id and TL0PICIDX in place, keeping the field widths the sender chose (a 7-bit
// picture id wraps at 128). False when the payload lacks the fields.
bool rewriteVp8Descriptor(std::span<uint8_t> payload, uint16_t pictureId, std::optional<uint8_t> tl0PicIdx);

}  // namespace dienhong::media
