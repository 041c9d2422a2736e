#include "loadgen/stream_receiver.hpp"

#include <algorithm>

#include "loadgen/send_time_trailer.hpp"

namespace dienhong::loadgen {

using std::chrono::duration_cast;
using std::chrono::microseconds;

StreamReceiver::StreamReceiver(bool video, uint32_t clockRate, std::chrono::milliseconds freezeThreshold)
    : video_(video), freezeThreshold_(freezeThreshold), stats_(clockRate) {}

void StreamReceiver::onPacket(media::SequenceNumber sequence, media::RtpTimestamp timestamp,
                              std::span<const uint8_t> payload, bool retransmitted,
                              Clock::time_point now, int64_t nowMicros) {
  const auto arrival = nacks_.onPacket(sequence, now);
  if (arrival == media::NackGenerator::Arrival::kDuplicate) {
    if (measuring_) ++window_.duplicates;
    return;
  }
  stats_.onPacket(sequence, timestamp, payload.size(), retransmitted, now);
  noteGap(now);
  lastArrival_ = now;
  haveArrival_ = true;
  if (!measuring_) return;
  ++window_.packets;
  window_.bytes += payload.size();
  if (retransmitted) {
    ++window_.retransmitted;
  } else if (const auto sent = readSendTimeTrailer(payload)) {
    window_.latency.add(std::max<int64_t>(0, nowMicros - *sent));
  }
}

void StreamReceiver::noteGap(Clock::time_point now) {
  if (!measuring_ || !expected_ || !haveArrival_) return;
  const auto gap = duration_cast<microseconds>(now - lastArrival_);
  window_.longestGapMicros = std::max<int64_t>(window_.longestGapMicros, gap.count());
  if (gap > freezeThreshold_) {
    ++window_.freezes;
    window_.frozenMicros += gap.count();
  }
}

void StreamReceiver::setExpected(bool expected, Clock::time_point now) {
  if (expected == expected_) return;
  if (expected_) noteGap(now);  // a freeze in progress when the tile is hidden still counts
  expected_ = expected;
  lastArrival_ = now;  // the clock restarts when the tile is shown again
}

void StreamReceiver::startWindow(Clock::time_point now) {
  measuring_ = true;
  window_ = StreamMetrics{};
  window_.streams = 1;
  expectedAtStart_ = stats_.started() ? stats_.expected() : 0;
  lostAtStart_ = stats_.started() ? stats_.cumulativeLost() : 0;
  // A stream that has not started yet counts its gap from the window's start.
  if (!haveArrival_) {
    lastArrival_ = now;
    haveArrival_ = true;
  }
}

StreamMetrics StreamReceiver::endWindow(Clock::time_point now) {
  noteGap(now);
  measuring_ = false;
  if (stats_.started()) {
    window_.expected = stats_.expected() - expectedAtStart_;
    window_.lost = std::max<int64_t>(0, stats_.cumulativeLost() - lostAtStart_);
    window_.jitterMsSum = stats_.jitterMs();
  }
  return window_;
}

}  // namespace dienhong::loadgen
