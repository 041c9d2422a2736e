// RtcpCompoundReader: walks the packets of a compound RTCP datagram (RFC 3550 §6.1), yielding
// each packet's header and bytes without copying. A framing error (bad version, a length past
// the end, bad padding) stops the walk and is reported with its offset, so the packets before
// it can still be used. Packets of unknown type are yielded like any other, with kind()
// kUnknown, for the caller to skip. The first-packet-is-a-report rule of §6.1 is not enforced:
// RFC 5506 reduced-size RTCP (negotiated by WebRTC with a=rtcp-rsize) drops it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "media/rtcp/rtcp_packet.hpp"

namespace dienhong::media {

class RtcpCompoundReader {
 public:
  explicit RtcpCompoundReader(std::span<const uint8_t> compound) : data_(compound) {}

  // The next packet, or nullopt at the end or on a framing error.
  std::optional<RtcpPacket> next() {
    if (offset_ >= data_.size() || error_ != RtcpFramingError::kNone) return std::nullopt;
    RtcpFramingError error = RtcpFramingError::kNone;
    auto packet = RtcpPacket::parse(data_.subspan(offset_), &error);
    if (!packet) {
      error_ = error;
      return std::nullopt;
    }
    offset_ += packet->bytes().size();
    return packet;
  }

  bool failed() const { return error_ != RtcpFramingError::kNone; }
  RtcpFramingError error() const { return error_; }
  // Where the packet that failed to frame starts (or the end, when all went well).
  size_t offset() const { return offset_; }

  // Range-for support: `for (const RtcpPacket& p : reader)`, then check reader.failed().
  class Iterator {
   public:
    using value_type = RtcpPacket;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    const RtcpPacket& operator*() const { return *current_; }
    const RtcpPacket* operator->() const { return &*current_; }
    Iterator& operator++() {
      current_ = reader_->next();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return !it.current_; }

   private:
    friend class RtcpCompoundReader;
    explicit Iterator(RtcpCompoundReader* reader) : reader_(reader), current_(reader->next()) {}

    RtcpCompoundReader* reader_ = nullptr;
    std::optional<RtcpPacket> current_;
  };

  Iterator begin() { return Iterator(this); }
  std::default_sentinel_t end() const { return {}; }

 private:
  std::span<const uint8_t> data_;
  size_t offset_ = 0;
  RtcpFramingError error_ = RtcpFramingError::kNone;
};

}  // namespace dienhong::media
