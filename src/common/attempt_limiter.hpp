// AttemptLimiter: at most N failures per key within a sliding window (room passwords per room
// and address; sign-ins per address). Checked before the expensive argon2id verification, so
// guessing costs the guesser, not the server. Thread-safe; the table forgets keys whose failures
// have all expired.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace dienhong {

class AttemptLimiter {
 public:
  AttemptLimiter(size_t maxFailures, int64_t windowMs) : maxFailures_(maxFailures), windowMs_(windowMs) {}

  bool blocked(const std::string& key, int64_t nowMs) { return count(key, nowMs) >= maxFailuresNow(); }
  // The key's failures now within the window.
  size_t count(const std::string& key, int64_t nowMs);
  // Records a failure and returns the failures of the key now within the window.
  size_t fail(const std::string& key, int64_t nowMs);
  // The console changes the policy while the server runs; the failures already counted stay.
  void setLimits(size_t maxFailures, int64_t windowMs);

 private:
  void prune(std::vector<int64_t>& times, int64_t nowMs) const;
  size_t maxFailuresNow() {
    std::lock_guard lock(mutex_);
    return maxFailures_;
  }

  std::mutex mutex_;
  size_t maxFailures_;
  int64_t windowMs_;
  std::unordered_map<std::string, std::vector<int64_t>> failures_;
};

}  // namespace dienhong
