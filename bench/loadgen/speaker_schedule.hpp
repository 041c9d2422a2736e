// SpeakerSchedule: who speaks when. Endpoints of a room take turns, one per period in join order,
// so the server's active-speaker logic and the subscribers' layouts move as in a real meeting.
// Each endpoint shows the most recent speakers' videos, the latest one large (1280x720) and the
// others as thumbnails (320x180), as the web client's speaker layout does.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace dienhong::loadgen {

class SpeakerSchedule {
 public:
  using Clock = std::chrono::steady_clock;

  SpeakerSchedule(Clock::time_point start, std::chrono::milliseconds period, uint32_t endpointsPerRoom)
      : start_(start), period_(period), size_(endpointsPerRoom == 0 ? 1 : endpointsPerRoom) {}

  // The turn number at `now` (grows without bound; the speaker is turn % size).
  uint64_t turn(Clock::time_point now) const {
    if (now < start_) return 0;
    return static_cast<uint64_t>((now - start_) / period_);
  }
  uint32_t speaker(Clock::time_point now) const { return static_cast<uint32_t>(turn(now) % size_); }

  // How long ago (in turns) endpoint `index` last spoke: 0 for the current speaker. Endpoints
  // that have not spoken yet rank after everyone who has, in join order.
  uint64_t recency(uint32_t index, Clock::time_point now) const {
    const uint64_t current = turn(now);
    const uint64_t back = (current % size_ + size_ - index % size_) % size_;
    return back <= current ? back : size_ + index;
  }

 private:
  Clock::time_point start_;
  std::chrono::milliseconds period_;
  uint32_t size_;
};

}  // namespace dienhong::loadgen
