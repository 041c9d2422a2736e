// WindowedMinimum: the smallest value seen over a recent time window, sampled at a fixed
// spacing into a fixed ring (no allocation). The layer allocator budgets with the minimum of
// the bandwidth estimate over the last few seconds: a fall takes effect at once, a rise only
// once it has lasted — a probe that briefly rides a shaper's token-bucket burst must not switch
// a subscriber up a layer its link cannot carry, only to collapse a second later.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace dienhong::media {

class WindowedMinimum {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kSamples = 32;

  // window / spacing must not exceed kSamples.
  WindowedMinimum(Clock::duration window, Clock::duration spacing) : window_(window), spacing_(spacing) {}

  // Records `value` at `now` (at most one sample per spacing) and returns the minimum over the
  // window, `value` included.
  int64_t update(int64_t value, Clock::time_point now) {
    if (count_ == 0 || now - times_[(next_ + kSamples - 1) % kSamples] >= spacing_) {
      times_[next_] = now;
      values_[next_] = value;
      next_ = (next_ + 1) % kSamples;
      count_ = std::min(count_ + 1, kSamples);
    }
    int64_t lowest = value;
    for (size_t i = 0; i < count_; ++i) {
      if (now - times_[i] <= window_) lowest = std::min(lowest, values_[i]);
    }
    return lowest;
  }

 private:
  Clock::duration window_;
  Clock::duration spacing_;
  std::array<Clock::time_point, kSamples> times_{};
  std::array<int64_t, kSamples> values_{};
  size_t next_ = 0;
  size_t count_ = 0;
};

}  // namespace dienhong::media
