#include "media/bwe/aimd_rate_controller.hpp"

#include <algorithm>
#include <cmath>

namespace dienhong::media {

AimdRateController::AimdRateController(const Config& config, int64_t startBitrate)
    : config_(config), estimate_(0) {
  estimate_ = clamp(startBitrate);
}

int64_t AimdRateController::clamp(int64_t bitrate) const {
  return std::clamp(bitrate, config_.minBitrate, std::max(config_.minBitrate, config_.maxBitrate));
}

void AimdRateController::transition(BandwidthUsage usage) {
  switch (usage) {
    case BandwidthUsage::kOverusing:
      state_ = RateControlState::kDecrease;
      break;
    case BandwidthUsage::kUnderusing:
      state_ = RateControlState::kHold;
      break;
    case BandwidthUsage::kNormal:
      if (state_ == RateControlState::kHold) {
        state_ = RateControlState::kIncrease;
      } else if (state_ == RateControlState::kDecrease) {
        state_ = RateControlState::kHold;
      }
      break;
  }
}

bool AimdRateController::timeToReduceFurther(std::optional<int64_t> ackedBitrate,
                                             BweTime now) const {
  if (!lastDecrease_) return true;
  const auto interval = std::clamp(rtt_, config_.minReductionInterval, config_.maxReductionInterval);
  if (now - *lastDecrease_ >= interval) return true;
  // Far above what gets through: the path changed under us, do not wait.
  return ackedBitrate && *ackedBitrate < estimate_ / 2;
}

int64_t AimdRateController::multiplicativeIncrease(double seconds) const {
  const double factor = std::pow(1.0 + config_.multiplicativeIncreasePerSecond, std::min(seconds, 1.0));
  // At least 1 kbit/s per second, so that a very low estimate still moves.
  return static_cast<int64_t>(std::max(1000.0 * std::min(seconds, 1.0), static_cast<double>(estimate_) * (factor - 1.0)));
}

int64_t AimdRateController::additiveIncrease(double seconds) const {
  // About one packet per response time, for packets the size a 30 fps video stream at this rate
  // would send (a frame split into MTU-sized packets).
  const double bitsPerFrame = static_cast<double>(estimate_) / 30.0;
  const double packetsPerFrame = std::ceil(bitsPerFrame / static_cast<double>(config_.expectedPacketBits));
  const double packetBits = bitsPerFrame / std::max(1.0, packetsPerFrame);
  const double responseSeconds = bwe::toSeconds(rtt_ + config_.responseTimeExtra);
  const double perSecond = std::max(static_cast<double>(config_.minAdditiveIncreasePerSecond),
                                    packetBits / responseSeconds);
  return static_cast<int64_t>(perSecond * std::min(seconds, 1.0));
}

int64_t AimdRateController::update(BandwidthUsage usage, std::optional<int64_t> ackedBitrate,
                                   BweTime now) {
  const double seconds = lastUpdate_ ? std::max(0.0, bwe::toSeconds(now - *lastUpdate_)) : 0.0;
  lastUpdate_ = now;
  transition(usage);

  switch (state_) {
    case RateControlState::kHold:
      break;
    case RateControlState::kIncrease: {
      if (ackedBitrate && linkCapacity_.known() && *ackedBitrate > linkCapacity_.upperBound()) {
        linkCapacity_.reset();
      }
      const int64_t increase =
          linkCapacity_.known() ? additiveIncrease(seconds) : multiplicativeIncrease(seconds);
      const int64_t limit =
          ackedBitrate ? static_cast<int64_t>(config_.maxAckedRatio * static_cast<double>(*ackedBitrate)) +
                             config_.ackedHeadroom
                       : config_.maxBitrate;
      // The limit only stops increases: an estimate above it (after a probe) is not cut.
      if (estimate_ < limit) estimate_ = std::min(estimate_ + increase, limit);
      break;
    }
    case RateControlState::kDecrease: {
      if (!timeToReduceFurther(ackedBitrate, now)) break;
      if (ackedBitrate) {
        // Down to what the path delivered, not below our own estimate's fraction: a second
        // over-use signal from the same episode only cuts again if the delivered rate fell too.
        estimate_ = std::min(estimate_, static_cast<int64_t>(config_.beta * static_cast<double>(*ackedBitrate)));
        if (linkCapacity_.known() && *ackedBitrate < linkCapacity_.lowerBound()) linkCapacity_.reset();
        linkCapacity_.onOveruse(*ackedBitrate);
      } else {
        estimate_ = static_cast<int64_t>(config_.beta * static_cast<double>(estimate_));
      }
      lastDecrease_ = now;
      state_ = RateControlState::kHold;
      break;
    }
  }
  estimate_ = clamp(estimate_);
  return estimate_;
}

void AimdRateController::setEstimate(int64_t bitrate, BweTime now) {
  estimate_ = clamp(bitrate);
  if (linkCapacity_.known() && estimate_ > linkCapacity_.upperBound()) linkCapacity_.reset();
  lastUpdate_ = now;
}

}  // namespace dienhong::media
