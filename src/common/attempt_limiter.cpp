#include "common/attempt_limiter.hpp"

#include <algorithm>
#include <iterator>

namespace dienhong {
namespace {

constexpr size_t kSweepAbove = 4096;  // keys; beyond this, expired ones are dropped on each failure

}  // namespace

void AttemptLimiter::prune(std::vector<int64_t>& times, int64_t nowMs) const {
  std::erase_if(times, [&](int64_t t) { return nowMs - t >= windowMs_; });
}

size_t AttemptLimiter::count(const std::string& key, int64_t nowMs) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  prune(it->second, nowMs);
  if (it->second.empty()) {
    failures_.erase(it);
    return 0;
  }
  return it->second.size();
}

void AttemptLimiter::setLimits(size_t maxFailures, int64_t windowMs) {
  std::lock_guard lock(mutex_);
  maxFailures_ = maxFailures;
  windowMs_ = windowMs;
}

size_t AttemptLimiter::fail(const std::string& key, int64_t nowMs) {
  std::lock_guard lock(mutex_);
  if (failures_.size() > kSweepAbove) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      prune(it->second, nowMs);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  auto& times = failures_[key];
  prune(times, nowMs);
  times.push_back(nowMs);
  return times.size();
}

}  // namespace dienhong
