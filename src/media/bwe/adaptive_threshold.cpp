#include "media/bwe/adaptive_threshold.hpp"

#include <algorithm>
#include <cmath>

namespace dienhong::media {

void AdaptiveThreshold::update(double trend, RemoteTime now) {
  if (!hasLastUpdate_) {
    lastUpdate_ = now;
    hasLastUpdate_ = true;
  }
  const double magnitude = std::fabs(trend);
  if (magnitude > thresholdMs_ + config_.maxSpikeMs) {
    lastUpdate_ = now;
    return;
  }
  const double gain = magnitude < thresholdMs_ ? config_.gainDown : config_.gainUp;
  const double stepMs = std::clamp(bwe::toMillis(now - lastUpdate_), 0.0, config_.maxStepMs);
  thresholdMs_ += gain * (magnitude - thresholdMs_) * stepMs;
  thresholdMs_ = std::clamp(thresholdMs_, config_.minMs, config_.maxMs);
  lastUpdate_ = now;
}

}  // namespace dienhong::media
