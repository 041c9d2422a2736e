// TrendlineEstimator: the delay-based over-use detector of draft-ietf-rmcat-gcc-02 §5.3, with the
// Kalman filter of the draft replaced by the trendline filter that libwebrtc's goog_cc uses
// (the draft allows any estimator of the queuing-delay gradient). Each inter-group delay
// variation d(i) is accumulated into the one-way queuing delay (up to an unknown constant),
// exponentially smoothed, and a least-squares line is fitted through the last ~20 (arrival time,
// smoothed delay) points. Its slope is the rate at which the bottleneck queue grows: 0 when we
// send below capacity, (send rate / capacity - 1) when above. The slope, scaled by the number of
// samples seen (capped) and a gain, is the modified trend m(i) compared against the adaptive
// threshold (adaptive_threshold.hpp): over-use when m > threshold for at least 10 ms and more than
// one sample while not decreasing, under-use when m < -threshold (the queue is draining), normal
// otherwise.
#pragma once

#include <array>
#include <cstddef>

#include "media/bwe/adaptive_threshold.hpp"
#include "media/bwe/bwe_types.hpp"
#include "media/bwe/packet_grouper.hpp"

namespace dienhong::media {

class TrendlineEstimator {
 public:
  static constexpr size_t kMaxWindow = 64;

  struct Config {
    size_t windowSize = 20;       // groups in the regression, at most kMaxWindow
    double smoothing = 0.9;       // weight of the previous smoothed delay
    double thresholdGain = 4.0;   // scales the slope into ms comparable to the threshold
    int maxSampleWeight = 60;     // the slope counts more as samples accumulate, up to this
    double overuseTimeMs = 10.0;  // overuse_time_th of §5.4
    AdaptiveThreshold::Config threshold;
  };

  TrendlineEstimator() : TrendlineEstimator(Config{}) {}
  explicit TrendlineEstimator(const Config& config);

  void update(const PacketGroupDelta& delta);
  void reset();

  BandwidthUsage state() const { return state_; }
  double modifiedTrend() const { return previousTrend_; }
  double threshold() const { return threshold_.value(); }

 private:
  struct Point {
    double x = 0;  // arrival time, ms since the first sample
    double y = 0;  // smoothed accumulated delay, ms
  };

  double slope() const;
  void detect(double trend, double sendDeltaMs, RemoteTime now);

  Config config_;
  AdaptiveThreshold threshold_;
  std::array<Point, kMaxWindow> window_{};
  size_t windowNext_ = 0;
  size_t windowCount_ = 0;
  int samples_ = 0;
  RemoteTime firstArrival_{0};
  double accumulatedDelay_ = 0;
  double smoothedDelay_ = 0;
  double previousTrend_ = 0;
  double timeOverusingMs_ = -1;
  int overuseCount_ = 0;
  BandwidthUsage state_ = BandwidthUsage::kNormal;
};

}  // namespace dienhong::media
