#include "media/bwe/loss_based_controller.hpp"

#include <algorithm>
#include <cmath>

namespace dienhong::media {

void LossBasedController::onPacketsReported(int64_t reported, int64_t lost) {
  intervalReported_ += reported;
  intervalLost_ += lost;
}

void LossBasedController::onLateArrival() {
  if (intervalLost_ > 0) --intervalLost_;
}

void LossBasedController::update(BweTime now, int64_t currentTarget, std::chrono::microseconds rtt) {
  const double seconds = lastUpdate_ ? std::max(0.0, bwe::toSeconds(now - *lastUpdate_)) : 0.0;
  lastUpdate_ = now;
  if (!intervalStart_) intervalStart_ = now;

  if (intervalReported_ >= config_.minPackets && now - *intervalStart_ >= config_.minInterval) {
    lossFraction_ = static_cast<double>(intervalLost_) / static_cast<double>(intervalReported_);
    intervalReported_ = 0;
    intervalLost_ = 0;
    intervalStart_ = now;
    if (*lossFraction_ > config_.highLoss) {
      state_ = RateControlState::kDecrease;
      if (!lastDecrease_ || now - *lastDecrease_ >= config_.decreaseGuard + rtt) {
        const double factor = 1.0 - 0.5 * *lossFraction_;
        bound_ = static_cast<int64_t>(static_cast<double>(std::min(bound_, currentTarget)) * factor);
        lastDecrease_ = now;
      }
    } else if (*lossFraction_ < config_.lowLoss) {
      state_ = RateControlState::kIncrease;
    } else {
      state_ = RateControlState::kHold;
    }
  }

  if (state_ == RateControlState::kIncrease && bound_ < config_.maxBitrate) {
    const double factor = std::pow(1.0 + config_.increasePerSecond, std::min(seconds, 1.0));
    bound_ = static_cast<int64_t>(static_cast<double>(bound_) * factor) + 1;
  }
  bound_ = std::clamp(bound_, config_.minBitrate, std::max(config_.minBitrate, config_.maxBitrate));
}

void LossBasedController::onProbeResult(int64_t bitrate) {
  if (lossFraction_ && *lossFraction_ > config_.highLoss) return;
  bound_ = std::clamp(std::max(bound_, bitrate), config_.minBitrate, std::max(config_.minBitrate, config_.maxBitrate));
}

}  // namespace dienhong::media
