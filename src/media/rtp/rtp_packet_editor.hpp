// RtpPacketEditor: in-place rewriting of an RTP packet (RFC 3550 §5.1 fields and RFC 8285
// extension element data) for the forwarding path, where each subscriber gets its own SSRC,
// sequence numbers, timestamps, payload type and transport-wide sequence number. Writes go
// straight into the caller's buffer: no copy, no allocation, and never a change of size, so the
// packet's layout (and the view's offsets) stay valid.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "common/byte_reader.hpp"
#include "media/rtp/rtp_packet_view.hpp"

namespace dienhong::media {

// A fixed-size header extension value: AudioLevelExtension, TransportSequenceNumberExtension...
template <class T>
concept FixedSizeExtension = requires(const T& value, ByteWriter& writer) {
  { T::kSize } -> std::convertible_to<size_t>;
  value.serialize(writer);
};

class RtpPacketEditor {
 public:
  [[nodiscard]] static std::optional<RtpPacketEditor> parse(std::span<uint8_t> packet);

  // Reflects every edit made so far.
  const RtpPacketView& view() const { return view_; }

  void setMarker(bool marker);
  // False (and nothing written) if the value does not fit the 7-bit field.
  bool setPayloadType(uint8_t payloadType);
  void setSequenceNumber(SequenceNumber sequenceNumber);
  void setTimestamp(RtpTimestamp timestamp);
  void setSsrc(Ssrc ssrc);

  // Writable data of the first element with this ID, to rewrite in place.
  std::optional<std::span<uint8_t>> mutableExtension(uint8_t id);
  // Copies `data` over the element's data; false if the element is absent or its size differs
  // (changing the size would shift the payload, which is not an in-place edit).
  bool rewriteExtension(uint8_t id, std::span<const uint8_t> data);
  // Serialises a header extension value type (anything with kSize and serialize(ByteWriter&),
  // e.g. TransportSequenceNumberExtension) over the element with this ID.
  template <FixedSizeExtension Extension>
  bool rewriteExtension(uint8_t id, const Extension& value) {
    auto target = mutableExtension(id);
    if (!target || target->size() != Extension::kSize) return false;
    ByteWriter writer(*target);
    value.serialize(writer);
    return writer.ok() && writer.size() == Extension::kSize;
  }

  // The payload, for codec-level rewriting (e.g. VP8 picture IDs) by the SFU.
  std::span<uint8_t> mutablePayload();

 private:
  RtpPacketEditor(std::span<uint8_t> packet, const RtpPacketView& view)
      : packet_(packet), view_(view) {}

  std::span<uint8_t> packet_;
  RtpPacketView view_;
};

}  // namespace dienhong::media
