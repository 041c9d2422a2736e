// TransportFeedbackGenerator: the receive side of transport-wide congestion control on one
// publisher connection (draft-holmer-rmcat-transport-wide-cc-extensions-01). It records the
// arrival time of every packet carrying a transport-wide sequence number (media, RTX, padding:
// all of them, the browser's estimator accounts for each) and, when asked (every 50-100 ms),
// writes TransportFeedback messages listing each sequence number since the previous message as
// received, with its receive delta, or lost. Without this feedback Chromium's send-side
// estimator never ramps above ~300 kbit/s and never sends its 720p layer. A ring of fixed size
// and a preallocated message list: nothing is allocated per packet.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "media/rtcp/transport_feedback.hpp"
#include "media/rtp/sequence_number.hpp"
#include "media/rtp/sequence_unwrapper.hpp"
#include "media/rtp/ssrc.hpp"

namespace dienhong::media {

class TransportFeedbackGenerator {
 public:
  using Clock = std::chrono::steady_clock;
  // Packets remembered: many seconds at any browser's rate.
  static constexpr size_t kWindow = 8192;
  // Entries per message, so that one fits in a datagram whatever the deltas.
  static constexpr size_t kMaxPacketsPerMessage = 400;

  TransportFeedbackGenerator();

  void onPacket(SequenceNumber transportSequence, Ssrc mediaSsrc, Clock::time_point arrival);

  // Whether packets wait to be reported.
  bool pending() const { return started_ && nextToReport_ <= highest_; }
  // Writes the next feedback message (one RTCP packet) into `out`; its size, or nullopt when
  // nothing waits or `out` is too small. Call until nullopt to report everything.
  std::optional<size_t> writeFeedback(Ssrc senderSsrc, std::span<uint8_t> out);

 private:
  struct Slot {
    int64_t sequence = -1;
    int64_t arrivalMicros = 0;
  };

  const Slot* received(int64_t sequence) const {
    const Slot& slot = slots_[static_cast<size_t>(sequence) & (kWindow - 1)];
    return slot.sequence == sequence ? &slot : nullptr;
  }

  std::vector<Slot> slots_;
  std::vector<TransportFeedbackPacket> message_;  // capacity kMaxPacketsPerMessage
  SequenceUnwrapper unwrapper_;
  bool started_ = false;
  int64_t nextToReport_ = 0;
  int64_t highest_ = -1;
  Ssrc mediaSsrc_;
  uint8_t feedbackCount_ = 0;
};

}  // namespace dienhong::media
