// RtpPacketWriter: serialises a complete RTP packet (RFC 3550 §5.1 fixed header, CSRC list,
// §5.3.1 extension block with RFC 8285 one- or two-byte elements, payload, §5.1 padding) into a
// caller buffer. Used where the SFU originates packets: RTX retransmissions, probing padding,
// the recorder and SIP gateway. The writer only refers to the caller's data; set it up, write().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/rtp/rtp_header_extensions.hpp"
#include "media/rtp/rtp_timestamp.hpp"
#include "media/rtp/sequence_number.hpp"
#include "media/rtp/ssrc.hpp"
#include "media/rtp/wire_list.hpp"

namespace dienhong::media {

class RtpPacketWriter {
 public:
  RtpPacketWriter& setMarker(bool marker) {
    marker_ = marker;
    return *this;
  }
  RtpPacketWriter& setPayloadType(uint8_t payloadType) {
    payloadType_ = payloadType;
    return *this;
  }
  RtpPacketWriter& setSequenceNumber(SequenceNumber sequenceNumber) {
    sequenceNumber_ = sequenceNumber;
    return *this;
  }
  RtpPacketWriter& setTimestamp(RtpTimestamp timestamp) {
    timestamp_ = timestamp;
    return *this;
  }
  RtpPacketWriter& setSsrc(Ssrc ssrc) {
    ssrc_ = ssrc;
    return *this;
  }
  RtpPacketWriter& setCsrcs(WireList<Ssrc> csrcs) {
    csrcs_ = csrcs;
    return *this;
  }
  // RFC 8285 elements. The one-byte form is used when every element allows it (ID 1-14, 1-16
  // bytes), otherwise the two-byte form; forceTwoByteExtensions() always picks the latter.
  RtpPacketWriter& setExtensions(std::span<const RtpExtension> extensions) {
    extensions_ = extensions;
    extensionsFromBlock_ = false;
    rawProfile_.reset();
    return *this;
  }
  // The elements of a received packet's block, e.g. to keep them on a retransmission.
  RtpPacketWriter& setExtensions(const RtpExtensionBlock& block) {
    block_ = block;
    extensionsFromBlock_ = true;
    rawProfile_.reset();
    return *this;
  }
  RtpPacketWriter& forceTwoByteExtensions(bool force) {
    forceTwoByte_ = force;
    return *this;
  }
  // An opaque RFC 3550 extension of another profile; `data` must be a multiple of 4 bytes.
  RtpPacketWriter& setRawExtension(uint16_t profile, std::span<const uint8_t> data) {
    rawProfile_ = profile;
    rawExtension_ = data;
    return *this;
  }
  RtpPacketWriter& setPayload(std::span<const uint8_t> payload) {
    payload_ = payload;
    return *this;
  }
  // Bytes of padding including the trailing count byte: 0 for none, else 1-255.
  RtpPacketWriter& setPaddingSize(uint8_t paddingSize) {
    paddingSize_ = paddingSize;
    return *this;
  }

  // The size write() needs; nullopt if the fields cannot form a valid packet (payload type over
  // 127, more than 15 CSRCs, an element no RFC 8285 form can carry, a raw extension that is not
  // whole words, an extension block over 65535 words).
  std::optional<size_t> size() const;
  // Writes the packet at the start of `out`; the bytes written, or nullopt if invalid or `out` is
  // too small (then the contents of `out` are unspecified).
  std::optional<size_t> write(std::span<uint8_t> out) const;

 private:
  struct ExtensionLayout {
    bool present = false;
    uint16_t profile = 0;
    size_t blockSize = 0;  // after the 4-byte block header, padded to whole words
  };
  std::optional<ExtensionLayout> extensionLayout() const;
  template <class Visit>
  void forEachExtension(Visit&& visit) const;

  std::span<const uint8_t> payload_;
  std::span<const RtpExtension> extensions_;
  RtpExtensionBlock block_;
  std::span<const uint8_t> rawExtension_;
  std::optional<uint16_t> rawProfile_;
  WireList<Ssrc> csrcs_;
  RtpTimestamp timestamp_;
  Ssrc ssrc_;
  SequenceNumber sequenceNumber_;
  uint8_t payloadType_ = 0;
  uint8_t paddingSize_ = 0;
  bool marker_ = false;
  bool forceTwoByte_ = false;
  bool extensionsFromBlock_ = false;
};

}  // namespace dienhong::media
