// AimdRateController: the delay-based rate controller of draft-ietf-rmcat-gcc-02 §5.5. The
// detector's signal drives a three-state machine (over-use -> decrease; normal -> increase after
// hold; under-use -> hold, since the queue is draining and the measured rate understates the
// path). Increase is multiplicative (8 %/s) while the capacity is unknown and additive (about one
// packet per response time, rtt + 100 ms) once the throughput sits near the rate at which the last
// over-uses happened (link_capacity_estimate.hpp). It never increases past 1.5x the acknowledged
// rate: an estimate far above what the path has been seen to carry is a guess; probes
// (probe_controller.hpp) are how we learn more than that. Decrease sets 0.85x the acknowledged
// rate, at most once per round trip (clamped to [10, 200] ms) so that one over-use episode, seen
// through several feedback messages, does not compound into several cuts.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "media/bwe/bwe_types.hpp"
#include "media/bwe/link_capacity_estimate.hpp"

namespace dienhong::media {

class AimdRateController {
 public:
  struct Config {
    int64_t minBitrate = 30'000;
    int64_t maxBitrate = 10'000'000;
    double beta = 0.85;
    double multiplicativeIncreasePerSecond = 0.08;
    double maxAckedRatio = 1.5;
    int64_t ackedHeadroom = 10'000;
    int64_t minAdditiveIncreasePerSecond = 4'000;
    int64_t expectedPacketBits = 1200 * 8;
    std::chrono::microseconds responseTimeExtra{100'000};
    std::chrono::microseconds minReductionInterval{10'000};
    std::chrono::microseconds maxReductionInterval{200'000};
  };

  AimdRateController(const Config& config, int64_t startBitrate);

  // One step per feedback message: the detector's latest signal and the acknowledged rate.
  int64_t update(BandwidthUsage usage, std::optional<int64_t> ackedBitrate, BweTime now);
  // A rate established otherwise (a successful probe).
  void setEstimate(int64_t bitrate, BweTime now);
  void setRtt(std::chrono::microseconds rtt) { rtt_ = rtt; }

  int64_t estimate() const { return estimate_; }
  RateControlState state() const { return state_; }
  const LinkCapacityEstimate& linkCapacity() const { return linkCapacity_; }

 private:
  void transition(BandwidthUsage usage);
  bool timeToReduceFurther(std::optional<int64_t> ackedBitrate, BweTime now) const;
  int64_t additiveIncrease(double seconds) const;
  int64_t multiplicativeIncrease(double seconds) const;
  int64_t clamp(int64_t bitrate) const;

  Config config_;
  int64_t estimate_;
  RateControlState state_ = RateControlState::kHold;
  LinkCapacityEstimate linkCapacity_;
  std::chrono::microseconds rtt_{100'000};
  std::optional<BweTime> lastUpdate_;
  std::optional<BweTime> lastDecrease_;
};

}  // namespace dienhong::media
