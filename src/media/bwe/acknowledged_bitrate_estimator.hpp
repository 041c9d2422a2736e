// AcknowledgedBitrateEstimator: the receive rate R_hat of draft-ietf-rmcat-gcc-02 §5.5, measured
// from transport-wide feedback rather than computed by the receiver: the bytes of acknowledged
// packets whose arrival (receiver clock) falls in a sliding window, divided by the span they
// arrived over. The rate controller decreases to a fraction of it and never increases far above
// it. A fixed ring of (arrival, size) pairs holds the window: no allocation per packet; if the
// ring fills (over ~30 Mbit/s of small packets) the window just gets shorter.
//
// A lost feedback message leaves a hole: packets that arrived but were never reported. Counting
// the hole's time but not its bytes would understate the rate by the hole's share of the window
// (a 75 ms message in a 300 ms window: 25 %, and a decrease to 0.85x of that). So the caller
// marks the first packet after a hole, and the time since the previous packet is left out of the
// span; a late message that fills the hole afterwards is not added at all, or its bytes would be
// counted against time already left out.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/bwe/bwe_types.hpp"

namespace dienhong::media {

class AcknowledgedBitrateEstimator {
 public:
  static constexpr size_t kCapacity = 2048;

  struct Config {
    std::chrono::microseconds window{300'000};
    // Fewer packets or a shorter span than this and the rate is not yet known.
    std::chrono::microseconds minSpan{100'000};
    size_t minPackets = 4;
  };

  AcknowledgedBitrateEstimator() : AcknowledgedBitrateEstimator(Config{}) {}
  explicit AcknowledgedBitrateEstimator(const Config& config) : config_(config) {}

  // `afterHole`: packets before this one (by sequence number) were never reported.
  void add(RemoteTime arrivalTime, size_t size, bool afterHole = false);
  // Bits per second over the window ending at the newest arrival.
  std::optional<int64_t> bitrate() const;
  void reset();

 private:
  struct Sample {
    RemoteTime arrival{0};
    RemoteTime excluded{0};  // time before this sample left out of the span (a hole)
    uint32_t size = 0;
  };
  void evictBefore(RemoteTime cutoff);

  Config config_;
  std::array<Sample, kCapacity> ring_{};
  size_t head_ = 0;  // oldest sample
  size_t count_ = 0;
  int64_t bytes_ = 0;
  RemoteTime excluded_{0};
  RemoteTime newest_{0};
  RemoteTime lastAdded_{0};
};

}  // namespace dienhong::media
