#include "media/bwe/link_capacity_estimate.hpp"

#include <algorithm>
#include <cmath>

namespace dienhong::media {

void LinkCapacityEstimate::update(int64_t bitrate, double alpha) {
  const double sampleKbps = static_cast<double>(bitrate) / 1000.0;
  if (!estimateKbps_) {
    estimateKbps_ = sampleKbps;
  } else {
    estimateKbps_ = (1 - alpha) * *estimateKbps_ + alpha * sampleKbps;
  }
  const double norm = std::max(*estimateKbps_, 1.0);
  const double error = *estimateKbps_ - sampleKbps;
  deviation_ = std::clamp((1 - alpha) * deviation_ + alpha * error * error / norm, 0.4, 2.5);
}

double LinkCapacityEstimate::spreadKbps() const {
  return 3 * std::sqrt(deviation_ * estimateKbps_.value_or(0));
}

std::optional<int64_t> LinkCapacityEstimate::estimate() const {
  if (!estimateKbps_) return std::nullopt;
  return static_cast<int64_t>(*estimateKbps_ * 1000);
}

int64_t LinkCapacityEstimate::upperBound() const {
  return static_cast<int64_t>((estimateKbps_.value_or(0) + spreadKbps()) * 1000);
}

int64_t LinkCapacityEstimate::lowerBound() const {
  return static_cast<int64_t>(std::max(0.0, estimateKbps_.value_or(0) - spreadKbps()) * 1000);
}

}  // namespace dienhong::media
