// ReplayWindow: the sliding-window replay list of RFC 3711 §3.3.2 for one stream: the highest
// index accepted so far and which of the kBits indices up to it have been seen. The bitmap is a
// ring indexed by index mod kBits, so moving the window clears bits instead of shifting them.
// check() is called before authentication and accept() only after it, so a forged packet can
// neither advance the window nor mark an index as seen.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace dienhong::media::srtp {

enum class ReplayVerdict : uint8_t { kFresh, kReplayed, kTooOld };

template <size_t kBits>
class ReplayWindow {
  static_assert(kBits >= 64 && (kBits & (kBits - 1)) == 0, "a power of two of at least 64");

 public:
  static constexpr size_t kSize = kBits;

  bool empty() const { return empty_; }
  uint64_t highest() const { return highest_; }

  ReplayVerdict check(uint64_t index) const {
    if (empty_ || index > highest_) return ReplayVerdict::kFresh;
    if (highest_ - index >= kBits) return ReplayVerdict::kTooOld;
    return isSet(index) ? ReplayVerdict::kReplayed : ReplayVerdict::kFresh;
  }

  // Precondition: check(index) == kFresh and the packet authenticated.
  void accept(uint64_t index) {
    if (empty_) {
      words_.fill(0);
      highest_ = index;
      empty_ = false;
    } else if (index > highest_) {
      const uint64_t advance = index - highest_;
      if (advance >= kBits) {
        words_.fill(0);
      } else {
        clear(highest_ + 1, advance);
      }
      highest_ = index;
    }
    const size_t bit = static_cast<size_t>(index % kBits);
    words_[bit / 64] |= uint64_t{1} << (bit % 64);
  }

 private:
  bool isSet(uint64_t index) const {
    const size_t bit = static_cast<size_t>(index % kBits);
    return (words_[bit / 64] >> (bit % 64)) & 1;
  }

  // Clears the bits of indices [first, first + count), count < kBits; whole words at a time.
  void clear(uint64_t first, uint64_t count) {
    while (count > 0) {
      const size_t bit = static_cast<size_t>(first % kBits);
      const size_t offset = bit % 64;
      const size_t n = static_cast<size_t>(std::min<uint64_t>(count, 64 - offset));
      const uint64_t mask = n == 64 ? ~uint64_t{0} : ((uint64_t{1} << n) - 1) << offset;
      words_[bit / 64] &= ~mask;
      first += n;
      count -= n;
    }
  }

  std::array<uint64_t, kBits / 64> words_{};
  uint64_t highest_ = 0;
  bool empty_ = true;
};

}  // namespace dienhong::media::srtp
