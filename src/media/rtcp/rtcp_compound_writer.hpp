// RtcpCompoundWriter: appends RTCP packets (any of our packet classes) one after another into a
// caller buffer to form a compound packet (RFC 3550 §6.1). A packet that does not fit, or cannot
// be serialised, is not appended and leaves the compound as it was, so the caller can send what
// it has and start a new one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/byte_reader.hpp"

namespace dienhong::media {

class RtcpCompoundWriter {
 public:
  explicit RtcpCompoundWriter(std::span<uint8_t> buffer) : buffer_(buffer) {}

  template <class Packet>
  bool append(const Packet& packet) {
    ByteWriter writer(buffer_.subspan(size_));
    if (!packet.serialize(writer) || !writer.ok()) return false;
    size_ += writer.size();
    return true;
  }

  std::span<const uint8_t> data() const { return buffer_.first(size_); }
  size_t size() const { return size_; }
  size_t remaining() const { return buffer_.size() - size_; }
  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }

 private:
  std::span<uint8_t> buffer_;
  size_t size_ = 0;
};

}  // namespace dienhong::media
