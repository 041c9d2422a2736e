// RtpPacketView: a validated, read-only view of one RTP packet (RFC 3550 §5.1 fixed header, CSRC
// list, §5.3.1 header extension with RFC 8285 elements, §5.1 padding). Parsing copies nothing
// and allocates nothing; the view is valid while the packet bytes are.
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

inline constexpr uint8_t kRtpVersion = 2;
inline constexpr size_t kRtpFixedHeaderSize = 12;
inline constexpr size_t kMaxCsrcCount = 15;
inline constexpr uint8_t kMaxPayloadType = 127;

class RtpPacketView {
 public:
  // nullopt unless: version 2; the CSRC list and extension block fit; with the P bit, the last
  // byte (padding count, which includes itself) is at least 1 and no larger than what follows
  // the header.
  [[nodiscard]] static std::optional<RtpPacketView> parse(std::span<const uint8_t> packet);

  bool marker() const { return marker_; }
  uint8_t payloadType() const { return payloadType_; }
  SequenceNumber sequenceNumber() const { return sequenceNumber_; }
  RtpTimestamp timestamp() const { return timestamp_; }
  Ssrc ssrc() const { return ssrc_; }
  WireList<Ssrc> csrcs() const {
    return WireList<Ssrc>::fromWire(csrcBytes_, csrcBytes_.size() / 4);
  }

  bool hasExtensionBlock() const { return hasExtensionBlock_; }
  const RtpExtensionBlock& extensions() const { return extensions_; }
  std::optional<std::span<const uint8_t>> extension(uint8_t id) const {
    return extensions_.find(id);
  }

  std::span<const uint8_t> payload() const {
    return packet_.subspan(headerSize_, packet_.size() - headerSize_ - paddingSize_);
  }
  // Bytes of padding at the end, including the count byte itself; 0 without the P bit.
  size_t paddingSize() const { return paddingSize_; }
  // Fixed header + CSRCs + extension block.
  size_t headerSize() const { return headerSize_; }
  std::span<const uint8_t> bytes() const { return packet_; }

 private:
  friend class RtpPacketEditor;  // keeps the decoded fields in step with its in-place writes

  RtpPacketView() = default;

  std::span<const uint8_t> packet_;
  std::span<const uint8_t> csrcBytes_;
  RtpExtensionBlock extensions_;
  size_t headerSize_ = 0;
  size_t paddingSize_ = 0;
  RtpTimestamp timestamp_;
  Ssrc ssrc_;
  SequenceNumber sequenceNumber_;
  uint8_t payloadType_ = 0;
  bool marker_ = false;
  bool hasExtensionBlock_ = false;
};

}  // namespace dienhong::media
