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

  bool blocked(const std::string& key, int64_t nowMs);
  void fail(const std::string& key, int64_t nowMs);

 private:
  void prune(std::vector<int64_t>& times, int64_t nowMs) const;

  const size_t maxFailures_;
  const int64_t windowMs_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<int64_t>> failures_;
};

}  // namespace dienhong
