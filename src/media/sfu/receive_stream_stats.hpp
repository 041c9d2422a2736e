// ReceiveStreamStats: what the router knows about one RTP stream it receives from a publisher —
// RFC 3550 Appendix A.1 sequence number validation (restart after a big jump), A.3 expected and
// lost packets (cumulative and per report interval), A.8 interarrival jitter, the last sender
// report for LSR/DLSR (§6.4.1), and the bitrate over the last second. Feeds the receiver reports
// sent to the publisher and the statistics. Fixed-size: nothing is allocated per packet.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "media/rtcp/report_block.hpp"
#include "media/rtp/rtp_timestamp.hpp"
#include "media/rtp/sequence_number.hpp"
#include "media/rtp/ssrc.hpp"
#include "media/sfu/bitrate_meter.hpp"

namespace dienhong::media {

class ReceiveStreamStats {
 public:
  using Clock = std::chrono::steady_clock;
  // RFC 3550 A.1: a forward jump up to this many packets is a loss burst, a backward step of up
  // to kMaxMisorder a late packet; anything else may be a restarted sender.
  static constexpr uint16_t kMaxDropout = 3000;
  static constexpr uint16_t kMaxMisorder = 100;

  explicit ReceiveStreamStats(uint32_t clockRate = 90000) : clockRate_(clockRate == 0 ? 90000 : clockRate) {}

  // Every packet of the stream, including those recovered through RTX (`retransmitted`), which
  // count as received but say nothing about jitter. False when the packet was set aside as
  // possibly from a restarted sender (A.1 bad_seq); it is then not counted.
  bool onPacket(SequenceNumber sequence, RtpTimestamp timestamp, size_t bytes, bool retransmitted,
                Clock::time_point arrival);
  // The sender's report on this stream: its NTP time becomes the LSR of our next report block.
  void onSenderReport(uint64_t ntpTimestamp, Clock::time_point arrival);

  // The report block for this stream at `now` (RFC 3550 §6.4.1), and the start of the next
  // report interval (the fraction lost covers the packets since the previous call).
  ReportBlock makeReportBlock(Ssrc ssrc, Clock::time_point now);

  bool started() const { return started_; }
  uint64_t packets() const { return packets_; }
  uint64_t bytes() const { return bytes_; }
  uint64_t expected() const;
  int64_t cumulativeLost() const;
  uint32_t extendedHighestSequence() const { return cycles_ + maxSequence_; }
  // Interarrival jitter in RTP timestamp units and in milliseconds.
  uint32_t jitter() const { return static_cast<uint32_t>(jitter_); }
  double jitterMs() const { return jitter_ * 1000.0 / clockRate_; }
  std::optional<Clock::time_point> lastPacketTime() const {
    return started_ ? std::optional<Clock::time_point>(lastArrival_) : std::nullopt;
  }
  uint64_t bitrateBps(Clock::time_point now) const { return bitrate_.bitrateBps(now); }

 private:
  void restart(SequenceNumber sequence);

  uint32_t clockRate_;
  bool started_ = false;
  uint16_t baseSequence_ = 0;
  uint16_t maxSequence_ = 0;
  uint32_t cycles_ = 0;           // shifted count of sequence number wraps (A.1)
  uint32_t badSequence_ = 0x10001;  // RTP_SEQ_MOD + 1: none
  uint64_t received_ = 0;         // since the last restart, as A.3 counts
  uint64_t expectedPrior_ = 0;
  uint64_t receivedPrior_ = 0;
  uint64_t packets_ = 0;          // ever, for statistics
  uint64_t bytes_ = 0;
  double jitter_ = 0;
  std::optional<int64_t> lastTransit_;
  std::optional<RtpTimestamp> lastJitterTimestamp_;
  Clock::time_point lastArrival_{};
  std::optional<uint32_t> lastSenderReport_;  // compact NTP
  Clock::time_point lastSenderReportArrival_{};
  BitrateMeter bitrate_;
};

}  // namespace dienhong::media
