// RateLimiter: a token bucket per client address, so one noisy client cannot starve the others.
// Thread-safe; idle buckets are pruned so the table cannot grow without bound.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace dienhong::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double ratePerSecond, double burst, size_t maxClients = 100000);

  // True when the client may make one more request now.
  bool allow(const std::string& client, Clock::time_point now = Clock::now());

  size_t trackedClients() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  void pruneLocked(Clock::time_point now);

  const double rate_;
  const double burst_;
  const size_t maxClients_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace dienhong::http
