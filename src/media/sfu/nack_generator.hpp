// NackGenerator: the receive side of one publisher stream's sequence numbers. It tells new packets
// from duplicates (a network duplicate, or an RTX answer to a packet that arrived after all) and
// keeps a bounded list of the gaps, which the router asks the publisher to resend with generic
// NACKs (RFC 4585 §6.2.1), each a few times at most, one round trip apart. A gap too large to
// repair packet by packet, or a sender that restarted its sequence numbers, asks for a keyframe
// instead. Fixed-size: nothing is allocated per packet.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

#include "media/rtp/sequence_number.hpp"

namespace dienhong::media {

class NackGenerator {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxMissing = 256;
  // A forward jump larger than this is a restarted sender, not a loss (RFC 3550 A.1 MAX_DROPOUT).
  static constexpr int32_t kMaxDropout = 3000;
  // Gaps are forgotten after this long: the packet could no longer be played.
  static constexpr std::chrono::milliseconds kMaxAge{1000};
  // This many packets in a row from far behind mean the sender restarted lower.
  static constexpr int kRestartAfterOldPackets = 16;

  enum class Arrival {
    kNew,        // the next packet, or a jump ahead (the gap is now missing)
    kRecovered,  // was missing: a late or retransmitted packet
    kDuplicate,  // already received, or too old to be of use
  };

  Arrival onPacket(SequenceNumber sequence, Clock::time_point now);

  // Writes the sequence numbers to ask for now into `out` (ascending): missing, asked fewer than
  // `maxRetries` times, not within `retryInterval`. Returns how many.
  size_t collect(Clock::time_point now, Clock::duration retryInterval, int maxRetries,
                 std::span<SequenceNumber> out);

  // True once after a gap too large for NACKs or a restart: the caller should ask for a keyframe.
  bool takeKeyframeNeeded() {
    const bool needed = keyframeNeeded_;
    keyframeNeeded_ = false;
    return needed;
  }
  size_t missingCount() const { return size_; }

 private:
  struct Missing {
    SequenceNumber sequence;
    Clock::time_point detected{};
    Clock::time_point lastRequest{};
    int requests = 0;
  };

  void restart(SequenceNumber sequence);
  void dropFront(size_t count);
  void expire(Clock::time_point now);

  std::array<Missing, kMaxMissing> missing_{};  // ascending, oldest first
  size_t size_ = 0;
  SequenceNumber highest_;
  bool started_ = false;
  bool keyframeNeeded_ = false;
  int oldInARow_ = 0;
};

}  // namespace dienhong::media
