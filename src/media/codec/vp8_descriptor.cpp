#include "media/codec/vp8_descriptor.hpp"

#include "common/byte_reader.hpp"

namespace dienhong::media {

std::optional<Vp8Descriptor> Vp8Descriptor::parse(std::span<const uint8_t> payload) {
  ByteReader in(payload);
  Vp8Descriptor d;
  const auto first = in.u8();
  if (!first) return std::nullopt;
  const bool extended = (*first & 0x80) != 0;
  d.nonReference = (*first & 0x20) != 0;
  d.startOfPartition = (*first & 0x10) != 0;
  d.partitionIndex = *first & 0x07;
  if (extended) {
    const auto flags = in.u8();
    if (!flags) return std::nullopt;
    const bool hasPictureId = (*flags & 0x80) != 0;
    const bool hasTl0 = (*flags & 0x40) != 0;
    const bool hasTid = (*flags & 0x20) != 0;
    const bool hasKeyIdx = (*flags & 0x10) != 0;
    if (hasPictureId) {
      const auto high = in.u8();
      if (!high) return std::nullopt;
      if ((*high & 0x80) != 0) {
        const auto low = in.u8();
        if (!low) return std::nullopt;
        d.pictureId = static_cast<uint16_t>(((*high & 0x7F) << 8) | *low);
        d.pictureIdIs15Bits = true;
      } else {
        d.pictureId = *high;
      }
    }
    if (hasTl0) {
      const auto tl0 = in.u8();
      if (!tl0) return std::nullopt;
      d.tl0PicIdx = *tl0;
    }
    if (hasTid || hasKeyIdx) {
      const auto tk = in.u8();
      if (!tk) return std::nullopt;
      if (hasTid) {
        d.temporalLayer = static_cast<uint8_t>(*tk >> 6);
        d.layerSync = (*tk & 0x20) != 0;
      }
      if (hasKeyIdx) d.keyIndex = *tk & 0x1F;
    }
  }
  d.size = in.position();
  if (d.startsPicture()) {
    // VP8 payload header, first octet: P (inverse key frame flag) is bit 0 (RFC 7741 §4.3).
    const auto header = in.u8();
    if (!header) return std::nullopt;
    d.keyframe = (*header & 0x01) == 0;
  }
  return d;
}

bool rewriteVp8Descriptor(std::span<uint8_t> payload, uint16_t pictureId, std::optional<uint8_t> tl0PicIdx) {
  const auto d = Vp8Descriptor::parse(payload);
  if (!d || !d->pictureId || (tl0PicIdx && !d->tl0PicIdx)) return false;
  size_t at = 2;  // X byte and the I/L/T/K byte
  if (d->pictureIdIs15Bits) {
    payload[at] = static_cast<uint8_t>(0x80 | ((pictureId >> 8) & 0x7F));
    payload[at + 1] = static_cast<uint8_t>(pictureId);
    at += 2;
  } else {
    payload[at] = static_cast<uint8_t>(pictureId & 0x7F);
    at += 1;
  }
  if (tl0PicIdx) payload[at] = *tl0PicIdx;
  return true;
}

}  // namespace dienhong::media
