#include "media/bwe/probe_controller.hpp"

#include <algorithm>

namespace dienhong::media {

int64_t ProbeController::cap() const {
  return desired_ > 0 ? std::min(desired_, config_.maxBitrate) : config_.maxBitrate;
}

void ProbeController::setDesiredBitrate(int64_t bitrate) {
  if (bitrate > desired_ * 3 / 2 || (desired_ == 0 && bitrate > 0)) desiredRaised_ = true;
  desired_ = std::max<int64_t>(0, bitrate);
}

ProbeCluster ProbeController::makeCluster(int64_t bitrate, BweTime now, bool search, int attempt) {
  ProbeCluster cluster;
  cluster.id = nextId_++;
  cluster.bitrate = bitrate;
  cluster.duration = config_.clusterDuration;
  cluster.minPackets = config_.clusterMinPackets;
  waiting_ = Waiting{cluster.id, bitrate, now, search, attempt};
  lastProbe_ = now;
  desiredRaised_ = false;
  return cluster;
}

std::optional<ProbeCluster> ProbeController::poll(BweTime now, int64_t estimate, bool congested) {
  if (waiting_) {
    if (now - waiting_->sent < config_.resultTimeout) return std::nullopt;
    const Waiting failed = *waiting_;
    waiting_.reset();
    furtherTarget_.reset();
    // No usable result: most likely its feedback was lost. Again, up to maxSearchAttempts.
    if (failed.search && failed.attempt < config_.maxSearchAttempts && !congested && failed.bitrate > estimate) {
      return makeCluster(failed.bitrate, now, true, failed.attempt + 1);
    }
  }
  const int64_t limit = cap();

  if (furtherTarget_) {
    const int64_t target = std::min(*furtherTarget_, limit);
    furtherTarget_.reset();
    if (!congested && target > estimate) return makeCluster(target, now, true);
  }

  if (!started_) {
    started_ = true;
    if (config_.probeAtStart) {
      const auto target = std::min(static_cast<int64_t>(config_.startMultiplier * static_cast<double>(estimate)), limit);
      if (target >= static_cast<int64_t>(config_.minProbeStep * static_cast<double>(estimate))) {
        return makeCluster(target, now, true);
      }
    }
  }

  // Periodic (and on demand) probing only serves a sender that wants more than it has.
  if (congested || desired_ <= 0 || estimate >= desired_) return std::nullopt;
  const bool due = desiredRaised_ || !lastProbe_ || now - *lastProbe_ >= config_.periodicInterval;
  if (!due) return std::nullopt;
  const auto target = std::min(static_cast<int64_t>(config_.periodicMultiplier * static_cast<double>(estimate)), limit);
  if (target < static_cast<int64_t>(config_.minProbeStep * static_cast<double>(estimate))) {
    // The wanted rate is barely above the estimate: probe a little past it rather than not at all.
    const auto step = static_cast<int64_t>(config_.minProbeStep * static_cast<double>(estimate));
    return makeCluster(std::min(step, config_.maxBitrate), now, false);
  }
  return makeCluster(target, now, false);
}

void ProbeController::onProbeResult(int32_t clusterId, int64_t bitrate, bool saturated) {
  if (!waiting_ || waiting_->clusterId != clusterId) return;
  const int64_t probed = waiting_->bitrate;
  waiting_.reset();
  if (!saturated && bitrate >= static_cast<int64_t>(config_.furtherProbeRatio * static_cast<double>(probed)) &&
      bitrate < cap()) {
    furtherTarget_ = static_cast<int64_t>(config_.furtherMultiplier * static_cast<double>(bitrate));
  }
}

}  // namespace dienhong::media
