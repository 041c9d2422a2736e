// AdaptiveThreshold: the over-use threshold of draft-ietf-rmcat-gcc-02 §5.4. A fixed threshold
// either fires on every jittery path or never on a quiet one, and lets a loss-based flow (TCP)
// sharing the bottleneck fill the queue and starve us. So the threshold follows the magnitude of
// the delay trend m: del_var_th += dt * K * (|m| - del_var_th), with a larger gain K_u when |m| is
// above it than K_d when below, clamped to [6, 600] ms, and not moved at all by a spike more than
// 15 ms above it (a spike is a real over-use or an outlier, not the path's normal jitter).
#pragma once

#include "media/bwe/bwe_types.hpp"

namespace dienhong::media {

class AdaptiveThreshold {
 public:
  struct Config {
    double initialMs = 12.5;
    // gcc-02 gives K_u = 0.01 and K_d = 0.00018 for its Kalman filter's m. With the trendline's
    // m those let one congestion episode lift the threshold for tens of seconds, during which a
    // 20 % over-send goes unnoticed (measured in the simulation: a 480 ms queue at 300 kbit/s).
    // These are libwebrtc's values for the trendline: the threshold still rises when m is above
    // it, so that cross traffic's jitter does not read as over-use, but settles back within
    // about 100 ms once m is below it again.
    double gainUp = 0.0087;   // K_u, per ms
    double gainDown = 0.039;  // K_d, per ms
    double minMs = 6;
    double maxMs = 600;
    double maxSpikeMs = 15;
    double maxStepMs = 100;  // a gap between updates counts as at most this long
  };

  AdaptiveThreshold() : AdaptiveThreshold(Config{}) {}
  explicit AdaptiveThreshold(const Config& config) : config_(config), thresholdMs_(config.initialMs) {}

  // `trend` is the detector's modified trend m(i) in ms; `now` the arrival time it belongs to.
  void update(double trend, RemoteTime now);
  double value() const { return thresholdMs_; }

 private:
  Config config_;
  double thresholdMs_;
  RemoteTime lastUpdate_{0};
  bool hasLastUpdate_ = false;
};

}  // namespace dienhong::media
