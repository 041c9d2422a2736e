// RFC 3550 Appendix A.1, A.3 and A.8 receive statistics; see receive_stream_stats.hpp.
#include "media/sfu/receive_stream_stats.hpp"

#include <algorithm>
#include <cmath>

#include "media/rtcp/sender_report.hpp"

namespace dienhong::media {

namespace {

constexpr uint32_t kSequenceModulus = 1u << 16;

// A time in units of the RTP clock, without overflowing for any clock or uptime.
int64_t toClockTicks(ReceiveStreamStats::Clock::time_point t, uint32_t clockRate) {
  const int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return micros / 1'000'000 * clockRate + micros % 1'000'000 * clockRate / 1'000'000;
}

}  // namespace

void ReceiveStreamStats::restart(SequenceNumber sequence) {
  baseSequence_ = sequence.value();
  maxSequence_ = sequence.value();
  badSequence_ = kSequenceModulus + 1;
  cycles_ = 0;
  received_ = 0;
  expectedPrior_ = 0;
  receivedPrior_ = 0;
  lastTransit_.reset();
  lastJitterTimestamp_.reset();
}

bool ReceiveStreamStats::onPacket(SequenceNumber sequence, RtpTimestamp timestamp, size_t bytes,
                                  bool retransmitted, Clock::time_point arrival) {
  if (!started_) {
    started_ = true;
    restart(sequence);
  } else {
    const uint16_t step = static_cast<uint16_t>(sequence.value() - maxSequence_);
    if (step < kMaxDropout) {
      if (sequence.value() < maxSequence_) cycles_ += kSequenceModulus;  // wrapped
      maxSequence_ = sequence.value();
    } else if (step <= kSequenceModulus - kMaxMisorder) {
      // A big jump: a sender that restarted, if the next packet follows this one (A.1).
      if (sequence.value() != badSequence_) {
        badSequence_ = (sequence.value() + 1u) & (kSequenceModulus - 1);
        return false;
      }
      restart(sequence);
    }
    // else: a duplicate or a packet that arrived late, counted as received (A.3)
  }
  ++received_;
  ++packets_;
  bytes_ += bytes;
  lastArrival_ = arrival;
  bitrate_.add(bytes, arrival);

  // A.8, once per frame: packets of one frame share a timestamp but not an arrival time, and a
  // retransmission arrives late on purpose.
  if (!retransmitted && (!lastJitterTimestamp_ || *lastJitterTimestamp_ != timestamp)) {
    const int64_t arrivalTicks = toClockTicks(arrival, clockRate_);
    const int64_t transit = static_cast<int64_t>(static_cast<uint32_t>(arrivalTicks) - timestamp.value());
    if (lastTransit_) {
      // Transit is a 32-bit difference: take the step on the circle.
      const int64_t d = static_cast<int32_t>(static_cast<uint32_t>(transit - *lastTransit_));
      // Steps beyond 10 s are a clock jump or a new source, not jitter.
      if (std::llabs(d) < static_cast<int64_t>(clockRate_) * 10) {
        jitter_ += (static_cast<double>(std::llabs(d)) - jitter_) / 16.0;
      }
    }
    lastTransit_ = transit;
    lastJitterTimestamp_ = timestamp;
  }
  return true;
}

void ReceiveStreamStats::onSenderReport(uint64_t ntpTimestamp, Clock::time_point arrival) {
  lastSenderReport_ = compactNtp(ntpTimestamp);
  lastSenderReportArrival_ = arrival;
}

uint64_t ReceiveStreamStats::expected() const {
  if (!started_) return 0;
  return static_cast<uint64_t>(cycles_) + maxSequence_ - baseSequence_ + 1;
}

int64_t ReceiveStreamStats::cumulativeLost() const {
  return static_cast<int64_t>(expected()) - static_cast<int64_t>(received_);
}

ReportBlock ReceiveStreamStats::makeReportBlock(Ssrc ssrc, Clock::time_point now) {
  ReportBlock block;
  block.sourceSsrc = ssrc;
  const uint64_t expectedNow = expected();
  const int64_t expectedInterval = static_cast<int64_t>(expectedNow - expectedPrior_);
  const int64_t receivedInterval = static_cast<int64_t>(received_ - receivedPrior_);
  const int64_t lostInterval = expectedInterval - receivedInterval;
  expectedPrior_ = expectedNow;
  receivedPrior_ = received_;
  block.fractionLost = expectedInterval <= 0 || lostInterval <= 0
                           ? 0
                           : static_cast<uint8_t>(std::min<int64_t>(255, (lostInterval << 8) / expectedInterval));
  block.cumulativeLost = static_cast<int32_t>(
      std::clamp<int64_t>(cumulativeLost(), ReportBlock::kMinCumulativeLost, ReportBlock::kMaxCumulativeLost));
  block.extendedHighestSequenceNumber = extendedHighestSequence();
  block.jitter = jitter();
  if (lastSenderReport_) {
    block.lastSenderReport = *lastSenderReport_;
    const auto since = std::max(Clock::duration::zero(), now - lastSenderReportArrival_);
    // DLSR in 1/65536 s.
    block.delaySinceLastSenderReport = static_cast<uint32_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(since).count() * 65536 / 1'000'000);
  }
  return block;
}

}  // namespace dienhong::media
