// StreamMetrics: what the report says about received streams over the measured window — packets,
// bytes, losses that retransmission did not repair, freezes, jitter and end-to-end latency. One
// per received stream; a scenario's figures are the sum of every stream's.
#pragma once

#include <cstdint>

#include "loadgen/latency_histogram.hpp"

namespace dienhong::loadgen {

struct StreamMetrics {
  uint64_t packets = 0;        // distinct media packets received in the window
  uint64_t bytes = 0;          // their RTP payload bytes
  uint64_t expected = 0;       // sequence numbers the window covered
  int64_t lost = 0;            // expected - received, after retransmissions
  uint64_t retransmitted = 0;  // packets that came as RTX (repaired losses)
  uint64_t duplicates = 0;
  uint64_t freezes = 0;        // gaps over the freeze threshold while the stream was expected
  int64_t frozenMicros = 0;
  int64_t longestGapMicros = 0;
  double jitterMsSum = 0;      // per stream at the end of the window; averaged over streams
  uint64_t streams = 0;
  LatencyHistogram latency;    // first transmissions only

  void merge(const StreamMetrics& other) {
    packets += other.packets;
    bytes += other.bytes;
    expected += other.expected;
    lost += other.lost;
    retransmitted += other.retransmitted;
    duplicates += other.duplicates;
    freezes += other.freezes;
    frozenMicros += other.frozenMicros;
    if (other.longestGapMicros > longestGapMicros) longestGapMicros = other.longestGapMicros;
    jitterMsSum += other.jitterMsSum;
    streams += other.streams;
    latency.merge(other.latency);
  }
};

}  // namespace dienhong::loadgen
