// ProbeController: when to probe, and how high. The delay-based controller climbs 8 %/s at best
// and never above 1.5x what it has seen delivered, so on its own it takes tens of seconds to find
// a fast path, and an SFU that forwards less than the estimate (the receiver asked for thumbnails)
// never learns what the path could carry. Probing sends a short burst above the current rate and
// lets its receive rate (probe_result_estimator.hpp) answer directly. As in libwebrtc's probe
// controller:
//   - at start, a probe at 3x the start rate;
//   - after a result that did not saturate the path and reached at least 70 % of what was probed
//     (the path took it), probe again at twice the result, until the wanted rate is reached:
//     exponential search, ~4 round trips from 300 kbit/s to 2.5 Mbit/s; a saturated result has
//     found the capacity and ends the search;
//   - while the estimate stays below the rate the sender wants (setDesiredBitrate: the layers the
//     subscriber would display), a periodic probe at 2x the estimate, so that a limit that has
//     been lifted is found within one period; and one at once when the wanted rate rises.
// No probe while the delay detector sees over-use or loss is high: the answer is known. A probe of
// the search whose result never comes (its feedback was lost) is sent again, up to three times.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "media/bwe/bwe_types.hpp"

namespace dienhong::media {

class ProbeController {
 public:
  struct Config {
    int64_t maxBitrate = 10'000'000;
    bool probeAtStart = true;
    double startMultiplier = 3.0;
    double furtherProbeRatio = 0.7;  // result / probed rate needed to keep going
    double furtherMultiplier = 2.0;
    double periodicMultiplier = 2.0;
    double minProbeStep = 1.2;  // do not bother probing less than 20 % above the estimate
    std::chrono::microseconds periodicInterval{4'000'000};
    std::chrono::microseconds resultTimeout{1'000'000};
    std::chrono::microseconds clusterDuration{60'000};
    int32_t clusterMinPackets = 15;
    int maxSearchAttempts = 3;
  };

  ProbeController() : ProbeController(Config{}) {}
  explicit ProbeController(const Config& config) : config_(config) {}

  // What the sender would use if it had it; 0 when it has not said (then probing stops at start
  // and after the exponential search, which is capped by the maximum).
  void setDesiredBitrate(int64_t bitrate);

  // The next cluster to send, if one is due. `estimate` is the current target; `congested` is
  // true while the delay detector reports over-use or loss is above the decrease threshold.
  std::optional<ProbeCluster> poll(BweTime now, int64_t estimate, bool congested);

  void onProbeResult(int32_t clusterId, int64_t bitrate, bool saturated);

  bool waitingForResult() const { return waiting_.has_value(); }
  int64_t clustersRequested() const { return nextId_ - 1; }

 private:
  struct Waiting {
    int32_t clusterId = kNoProbeCluster;
    int64_t bitrate = 0;
    BweTime sent{};
    bool search = false;  // part of the start-up / exponential search, not a periodic probe
    int attempt = 1;
  };

  int64_t cap() const;
  ProbeCluster makeCluster(int64_t bitrate, BweTime now, bool search, int attempt = 1);

  Config config_;
  int64_t desired_ = 0;
  bool started_ = false;
  bool desiredRaised_ = false;
  std::optional<Waiting> waiting_;
  std::optional<int64_t> furtherTarget_;
  std::optional<BweTime> lastProbe_;
  int32_t nextId_ = 1;
};

}  // namespace dienhong::media
