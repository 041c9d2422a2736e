// LossBasedController: the loss-based controller of draft-ietf-rmcat-gcc-02 §6. The fraction of
// packets reported lost over an interval of at least 0.5 s and 20 packets decides: above 10 % the
// bound drops to (1 - 0.5 p) times the current target, at most once per 300 ms + rtt (a loss burst
// is seen through several feedback messages); below 2 % it rises by 8 %/s; in between it holds.
// The bound starts at the maximum and only constrains the target after loss was seen, so the
// delay-based controller leads on a clean path. Random loss of a few percent (radio links) neither
// cuts nor grows it, so it does not collapse the rate where the delay signal says the path is
// fine. A successful probe (sent at a loss below 10 %) lifts the bound to the probed rate, else
// it would take 8 %/s to climb back after a loss episode.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "media/bwe/bwe_types.hpp"

namespace dienhong::media {

class LossBasedController {
 public:
  struct Config {
    int64_t minBitrate = 30'000;
    int64_t maxBitrate = 10'000'000;
    double lowLoss = 0.02;
    double highLoss = 0.10;
    double increasePerSecond = 0.08;
    std::chrono::microseconds minInterval{500'000};
    int64_t minPackets = 20;
    std::chrono::microseconds decreaseGuard{300'000};  // plus one rtt
  };

  LossBasedController() : LossBasedController(Config{}) {}
  explicit LossBasedController(const Config& config) : config_(config), bound_(config.maxBitrate) {}

  // Feedback mentioned `reported` packets for the first time, `lost` of them not received.
  void onPacketsReported(int64_t reported, int64_t lost);
  // A packet reported lost earlier was reported received after all (reordered feedback).
  void onLateArrival();

  // Once per feedback message: closes the interval when it is long enough and moves the bound.
  void update(BweTime now, int64_t currentTarget, std::chrono::microseconds rtt);
  void onProbeResult(int64_t bitrate);

  int64_t bound() const { return bound_; }
  std::optional<double> lossFraction() const { return lossFraction_; }
  RateControlState state() const { return state_; }

 private:
  Config config_;
  int64_t bound_;
  int64_t intervalReported_ = 0;
  int64_t intervalLost_ = 0;
  std::optional<BweTime> intervalStart_;
  std::optional<BweTime> lastUpdate_;
  std::optional<BweTime> lastDecrease_;
  std::optional<double> lossFraction_;
  RateControlState state_ = RateControlState::kIncrease;
};

}  // namespace dienhong::media
