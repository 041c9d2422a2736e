// SequenceUnwrapper: turns the wrapping 16-bit RTP sequence numbers of one stream (RFC 3550
// §5.1, the "extended highest sequence number" of §6.4.1 / Appendix A.1) into a monotonic 64-bit
// count, for loss statistics, NACK history and packet caches that must not break at 65535 -> 0.
// Each number is placed at the smallest step from the previous one, so a stream may wrap any
// number of times and packets may arrive reordered by up to 32767 positions.
#pragma once

#include <cstdint>
#include <optional>

#include "media/rtp/sequence_number.hpp"

namespace dienhong::media {

class SequenceUnwrapper {
 public:
  // The first number unwraps to its own value; later ones relative to the previous call. A
  // packet older than the first one seen unwraps to a negative value rather than being lost.
  int64_t unwrap(SequenceNumber sequence) {
    if (!last_) {
      last_ = sequence.value();
    } else {
      *last_ += delta(lastRaw_, sequence);
    }
    lastRaw_ = sequence;
    return *last_;
  }

  // Where `sequence` would unwrap to, without moving the reference point.
  int64_t peek(SequenceNumber sequence) const {
    if (!last_) return sequence.value();
    return *last_ + delta(lastRaw_, sequence);
  }

  std::optional<int64_t> last() const { return last_; }

 private:
  std::optional<int64_t> last_;
  SequenceNumber lastRaw_;
};

}  // namespace dienhong::media
