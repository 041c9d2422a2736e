// Rfc4571Framer: cuts a TCP byte stream into packets framed per RFC 4571 §2 (a 16-bit big-endian
// LENGTH, then that many bytes), the framing ICE-TCP uses for STUN, DTLS and SRTP alike
// (RFC 6544 §3). Pure logic over one fixed buffer: the socket reads straight into writable(),
// complete frames come out of next() in place (writable, so SRTP can decrypt them where they
// lie), and only a partial frame is ever moved. A zero LENGTH or one above kMaxFrameBytes breaks
// the stream for good: nothing on an ICE-TCP connection is empty or larger than a datagram.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/worker/datagram_batch.hpp"

namespace dienhong::media {

class Rfc4571Framer {
 public:
  static constexpr size_t kHeaderBytes = 2;
  static constexpr size_t kMaxFrameBytes = kMaxDatagramBytes;
  // Room for several frames per read (fewer system calls in a burst) and always for one whole
  // frame behind a partial one.
  static constexpr size_t kBufferBytes = 8192;
  static_assert(kBufferBytes >= 2 * (kHeaderBytes + kMaxFrameBytes));

  enum class Error : uint8_t { kNone, kEmptyFrame, kOversizeFrame };

  // Where the next read may write; empty once the stream is broken. Moves a partial frame to
  // the front first, so spans returned by next() are invalid after this call.
  std::span<uint8_t> writable();
  // `count` bytes were written at the start of the last writable().
  void commit(size_t count);
  // The next complete frame, or nullopt when more bytes are needed or the stream is broken
  // (error() says which).
  std::optional<std::span<uint8_t>> next();

  // Copies as much of `bytes` as fits (writable() + commit()); returns how many were taken.
  // For callers whose bytes are already elsewhere (tests, the fuzzer).
  size_t append(std::span<const uint8_t> bytes);

  Error error() const { return error_; }
  // Bytes held that next() has not returned yet (a partial frame, or frames not yet taken).
  size_t buffered() const { return end_ - begin_; }

  // The LENGTH field for a frame of `length` bytes (1..kMaxFrameBytes).
  static std::array<uint8_t, kHeaderBytes> header(uint16_t length) {
    return {static_cast<uint8_t>(length >> 8), static_cast<uint8_t>(length)};
  }

 private:
  std::array<uint8_t, kBufferBytes> buffer_;  // not zeroed: only bytes in [begin_, end_) are read
  size_t begin_ = 0;  // start of the first frame next() has not returned
  size_t end_ = 0;    // end of the bytes received
  Error error_ = Error::kNone;
};

}  // namespace dienhong::media
