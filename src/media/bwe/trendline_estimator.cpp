#include "media/bwe/trendline_estimator.hpp"

#include <algorithm>
#include <stdexcept>

namespace dienhong::media {

TrendlineEstimator::TrendlineEstimator(const Config& config)
    : config_(config), threshold_(config.threshold) {
  if (config_.windowSize < 2 || config_.windowSize > kMaxWindow) {
    throw std::invalid_argument("trendline window size must be within [2, 64]");
  }
}

void TrendlineEstimator::reset() {
  windowNext_ = 0;
  windowCount_ = 0;
  samples_ = 0;
  accumulatedDelay_ = 0;
  smoothedDelay_ = 0;
  previousTrend_ = 0;
  timeOverusingMs_ = -1;
  overuseCount_ = 0;
  state_ = BandwidthUsage::kNormal;
}

double TrendlineEstimator::slope() const {
  // Ordinary least squares of y on x over the window.
  double sumX = 0;
  double sumY = 0;
  for (size_t i = 0; i < windowCount_; ++i) {
    const Point& p = window_[i];
    sumX += p.x;
    sumY += p.y;
  }
  const double meanX = sumX / static_cast<double>(windowCount_);
  const double meanY = sumY / static_cast<double>(windowCount_);
  double numerator = 0;
  double denominator = 0;
  for (size_t i = 0; i < windowCount_; ++i) {
    const Point& p = window_[i];
    numerator += (p.x - meanX) * (p.y - meanY);
    denominator += (p.x - meanX) * (p.x - meanX);
  }
  return denominator > 0 ? numerator / denominator : 0.0;
}

void TrendlineEstimator::update(const PacketGroupDelta& delta) {
  if (samples_ == 0) firstArrival_ = delta.arrivalTime;
  samples_ = std::min(samples_ + 1, 1 << 20);

  accumulatedDelay_ += delta.delayVariationMs();
  smoothedDelay_ = config_.smoothing * smoothedDelay_ + (1 - config_.smoothing) * accumulatedDelay_;

  // A ring of windowSize points; the fit does not depend on their order.
  window_[windowNext_] = Point{bwe::toMillis(delta.arrivalTime - firstArrival_), smoothedDelay_};
  windowNext_ = (windowNext_ + 1) % config_.windowSize;
  windowCount_ = std::min(windowCount_ + 1, config_.windowSize);

  // Until the window is full the slope is too noisy to act on: keep the previous trend.
  double trend = previousTrend_;
  if (windowCount_ == config_.windowSize) {
    trend = std::min(samples_, config_.maxSampleWeight) * slope() * config_.thresholdGain;
  }
  detect(trend, delta.sendDeltaMs, delta.arrivalTime);
}

void TrendlineEstimator::detect(double trend, double sendDeltaMs, RemoteTime now) {
  if (samples_ < 2) {
    state_ = BandwidthUsage::kNormal;
    previousTrend_ = trend;
    return;
  }
  const double threshold = threshold_.value();
  if (trend > threshold) {
    // Assume it has been over-using for half the time since the previous group.
    timeOverusingMs_ = timeOverusingMs_ < 0 ? sendDeltaMs / 2 : timeOverusingMs_ + sendDeltaMs;
    ++overuseCount_;
    if (timeOverusingMs_ > config_.overuseTimeMs && overuseCount_ > 1 && trend >= previousTrend_) {
      timeOverusingMs_ = 0;
      overuseCount_ = 0;
      state_ = BandwidthUsage::kOverusing;
    }
  } else if (trend < -threshold) {
    timeOverusingMs_ = -1;
    overuseCount_ = 0;
    state_ = BandwidthUsage::kUnderusing;
  } else {
    timeOverusingMs_ = -1;
    overuseCount_ = 0;
    state_ = BandwidthUsage::kNormal;
  }
  previousTrend_ = trend;
  threshold_.update(trend, now);
}

}  // namespace dienhong::media
