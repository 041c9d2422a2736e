// LatencyHistogram: microsecond latencies in log-linear buckets (16 per power of two, so any
// percentile is within ~4 % of the true value) over 1 µs .. ~68 s. Fixed size, nothing allocated
// per sample; histograms of many streams merge by adding buckets.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace dienhong::loadgen {

class LatencyHistogram {
 public:
  static constexpr int kSubBuckets = 16;
  static constexpr int kOctaves = 26;  // 2^26 µs ≈ 67 s

  void add(int64_t micros) {
    ++buckets_[bucketOf(micros)];
    ++count_;
    if (micros > max_) max_ = micros;
  }
  void merge(const LatencyHistogram& other) {
    for (size_t i = 0; i < buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
    count_ += other.count_;
    if (other.max_ > max_) max_ = other.max_;
  }
  uint64_t count() const { return count_; }
  int64_t maxMicros() const { return max_; }

  // The smallest bucket value at or above fraction `q` (0..1) of the samples; 0 when empty.
  int64_t percentileMicros(double q) const {
    if (count_ == 0) return 0;
    const auto rank = static_cast<uint64_t>(q * static_cast<double>(count_ - 1)) + 1;
    uint64_t seen = 0;
    for (size_t i = 0; i < buckets_.size(); ++i) {
      seen += buckets_[i];
      if (seen >= rank) return upperBound(i);
    }
    return max_;
  }

  static size_t bucketOf(int64_t micros) {
    if (micros < kSubBuckets) return micros < 0 ? 0 : static_cast<size_t>(micros);
    const auto value = static_cast<uint64_t>(micros);
    const int octave = std::bit_width(value) - 5;  // value >> octave lies in [16, 32)
    if (octave >= kOctaves) return kBuckets - 1;
    const auto sub = static_cast<size_t>((value >> octave) - kSubBuckets);
    return static_cast<size_t>(kSubBuckets) * static_cast<size_t>(octave + 1) + sub;
  }
  // The largest value that falls into bucket `index`.
  static int64_t upperBound(size_t index) {
    if (index < static_cast<size_t>(kSubBuckets)) return static_cast<int64_t>(index);
    const size_t octave = index / kSubBuckets - 1;
    const size_t sub = index % kSubBuckets;
    return static_cast<int64_t>(((kSubBuckets + sub + 1) << octave) - 1);
  }

 private:
  static constexpr size_t kBuckets = static_cast<size_t>(kSubBuckets) * (kOctaves + 1);
  std::array<uint64_t, kBuckets> buckets_{};
  uint64_t count_ = 0;
  int64_t max_ = 0;
};

}  // namespace dienhong::loadgen
