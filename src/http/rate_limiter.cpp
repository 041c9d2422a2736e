#include "http/rate_limiter.hpp"

#include <algorithm>

namespace dienhong::http {

RateLimiter::RateLimiter(double ratePerSecond, double burst, size_t maxClients)
    : rate_(ratePerSecond), burst_(std::max(burst, 1.0)), maxClients_(maxClients) {}

bool RateLimiter::allow(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= maxClients_) pruneLocked(now);
    it = buckets_.emplace(client, Bucket{burst_, now}).first;
  }
  Bucket& bucket = it->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(burst_, bucket.tokens + elapsed * rate_);
  bucket.updated = now;
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

size_t RateLimiter::trackedClients() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::pruneLocked(Clock::time_point now) {
  // A bucket that has refilled completely carries no state worth keeping.
  const auto full = std::chrono::duration<double>(burst_ / std::max(rate_, 1e-9));
  std::erase_if(buckets_, [&](const auto& entry) {
    return now - entry.second.updated >= full;
  });
}

}  // namespace dienhong::http
