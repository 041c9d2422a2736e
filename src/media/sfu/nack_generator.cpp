// Gap tracking and NACK lists for one received stream; see nack_generator.hpp.
#include "media/sfu/nack_generator.hpp"

#include <algorithm>

namespace dienhong::media {

void NackGenerator::restart(SequenceNumber sequence) {
  size_ = 0;
  highest_ = sequence;
  started_ = true;
  oldInARow_ = 0;
}

void NackGenerator::dropFront(size_t count) {
  count = std::min(count, size_);
  std::copy(missing_.begin() + static_cast<std::ptrdiff_t>(count),
            missing_.begin() + static_cast<std::ptrdiff_t>(size_), missing_.begin());
  size_ -= count;
}

void NackGenerator::expire(Clock::time_point now) {
  size_t old = 0;
  while (old < size_ && now - missing_[old].detected > kMaxAge) ++old;
  dropFront(old);
}

NackGenerator::Arrival NackGenerator::onPacket(SequenceNumber sequence, Clock::time_point now) {
  if (!started_) {
    restart(sequence);
    return Arrival::kNew;
  }
  const int32_t step = delta(highest_, sequence);
  if (step > 0) {
    oldInARow_ = 0;
    if (step > kMaxDropout) {
      restart(sequence);
      keyframeNeeded_ = true;
      return Arrival::kNew;
    }
    const auto gap = static_cast<size_t>(step - 1);
    if (gap > kMaxMissing) {
      // Too many to ask for one by one; what is listed is hopeless too.
      size_ = 0;
      keyframeNeeded_ = true;
    } else if (gap > 0) {
      expire(now);
      if (size_ + gap > kMaxMissing) dropFront(size_ + gap - kMaxMissing);
      for (uint16_t i = 1; i <= gap; ++i) missing_[size_++] = Missing{highest_ + i, now, {}, 0};
    }
    highest_ = sequence;
    return Arrival::kNew;
  }
  // At or before the newest: only a listed gap is news.
  for (size_t i = 0; i < size_; ++i) {
    if (missing_[i].sequence == sequence) {
      std::copy(missing_.begin() + static_cast<std::ptrdiff_t>(i + 1),
                missing_.begin() + static_cast<std::ptrdiff_t>(size_), missing_.begin() + static_cast<std::ptrdiff_t>(i));
      --size_;
      oldInARow_ = 0;
      return Arrival::kRecovered;
    }
  }
  if (-step > static_cast<int32_t>(kMaxMissing) && ++oldInARow_ >= kRestartAfterOldPackets) {
    restart(sequence);
    keyframeNeeded_ = true;
    return Arrival::kNew;
  }
  return Arrival::kDuplicate;
}

size_t NackGenerator::collect(Clock::time_point now, Clock::duration retryInterval, int maxRetries,
                              std::span<SequenceNumber> out) {
  expire(now);
  size_t count = 0;
  for (size_t i = 0; i < size_ && count < out.size(); ++i) {
    Missing& m = missing_[i];
    if (m.requests >= maxRetries) continue;
    if (m.requests > 0 && now - m.lastRequest < retryInterval) continue;
    ++m.requests;
    m.lastRequest = now;
    out[count++] = m.sequence;
  }
  return count;
}

}  // namespace dienhong::media
