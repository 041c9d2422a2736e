// BitrateMeter: bits per second over a sliding window (one second of ten 100 ms buckets), fed
// with every packet on the forwarding path. A fixed ring: adding and reading never allocate.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace dienhong::media {

class BitrateMeter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kBuckets = 10;
  static constexpr std::chrono::milliseconds kBucket{100};
  static constexpr std::chrono::milliseconds kWindow = kBucket * kBuckets;
  // The window's buckets and the one in progress.
  static constexpr int64_t kSlots = kBuckets + 1;

  void add(size_t bytes, Clock::time_point now) {
    advance(now);
    buckets_[static_cast<size_t>(current_ % kSlots)] += bytes;
  }

  // Over the last complete window: the ten buckets before the one in progress, so a steady stream
  // reads the same whenever it is asked (at the cost of lagging by up to one bucket). A stream
  // younger than the window is measured over the buckets it has completed, not diluted over a
  // second it did not exist for: a new simulcast layer is priced right from its first 100 ms.
  uint64_t bitrateBps(Clock::time_point now) const {
    if (!started_) return 0;
    const int64_t index = bucketIndex(now);
    const int64_t complete = std::min<int64_t>(static_cast<int64_t>(kBuckets), index - first_);
    if (complete <= 0) return 0;
    uint64_t bytes = 0;
    for (int64_t i = index - complete; i < index; ++i) {
      if (i < 0 || i > current_ || current_ - i >= kSlots) continue;
      bytes += buckets_[static_cast<size_t>(i % kSlots)];
    }
    return bytes * 8 * 1000 / static_cast<uint64_t>(complete * kBucket.count());
  }

 private:
  static int64_t bucketIndex(Clock::time_point now) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    return ms < 0 ? 0 : ms / kBucket.count();
  }

  void advance(Clock::time_point now) {
    const int64_t index = bucketIndex(now);
    if (!started_) {
      started_ = true;
      current_ = index;
      first_ = index;
      buckets_.fill(0);
      return;
    }
    if (index <= current_) return;  // the same bucket (or a clock that went back: keep it)
    const int64_t steps = index - current_;
    if (steps >= kSlots) {
      buckets_.fill(0);
    } else {
      for (int64_t i = current_ + 1; i <= index; ++i) {
        buckets_[static_cast<size_t>(i % kSlots)] = 0;
      }
    }
    current_ = index;
  }

  std::array<uint64_t, kSlots> buckets_{};
  int64_t current_ = 0;
  int64_t first_ = 0;  // the bucket of the first byte
  bool started_ = false;
};

}  // namespace dienhong::media
