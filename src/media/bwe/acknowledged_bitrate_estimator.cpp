#include "media/bwe/acknowledged_bitrate_estimator.hpp"

#include <algorithm>

namespace dienhong::media {

void AcknowledgedBitrateEstimator::reset() {
  head_ = 0;
  count_ = 0;
  bytes_ = 0;
  excluded_ = RemoteTime::zero();
}

void AcknowledgedBitrateEstimator::evictBefore(RemoteTime cutoff) {
  while (count_ > 0 && ring_[head_].arrival <= cutoff) {
    bytes_ -= ring_[head_].size;
    excluded_ -= ring_[head_].excluded;
    head_ = (head_ + 1) % kCapacity;
    --count_;
  }
}

void AcknowledgedBitrateEstimator::add(RemoteTime arrivalTime, size_t size, bool afterHole) {
  if (count_ > 0 && arrivalTime < newest_ - config_.window) return;  // too late to count
  const RemoteTime excluded =
      afterHole && count_ > 0 ? std::max(RemoteTime::zero(), arrivalTime - lastAdded_) : RemoteTime::zero();
  if (count_ == 0 || arrivalTime > newest_) newest_ = arrivalTime;
  lastAdded_ = arrivalTime;
  // A jump far ahead (receiver clock reset, long silence) leaves nothing of the old window.
  evictBefore(newest_ - config_.window);
  if (count_ == kCapacity) evictBefore(ring_[head_].arrival);
  ring_[(head_ + count_) % kCapacity] = Sample{arrivalTime, excluded, static_cast<uint32_t>(size)};
  ++count_;
  bytes_ += static_cast<int64_t>(size);
  excluded_ += excluded;
}

std::optional<int64_t> AcknowledgedBitrateEstimator::bitrate() const {
  if (count_ < config_.minPackets) return std::nullopt;
  // The oldest sample opens the span: its own bytes, and any hole before it, lie outside.
  const Sample& oldest = ring_[head_];
  const auto covered = newest_ - oldest.arrival - (excluded_ - oldest.excluded);
  if (covered < config_.minSpan) return std::nullopt;
  const int64_t bytes = bytes_ - oldest.size;
  return static_cast<int64_t>(static_cast<double>(bytes) * 8.0 / bwe::toSeconds(covered));
}

}  // namespace dienhong::media
