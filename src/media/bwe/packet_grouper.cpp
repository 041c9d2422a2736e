#include "media/bwe/packet_grouper.hpp"

#include <algorithm>

namespace dienhong::media {

void PacketGrouper::reset() {
  hasCurrent_ = false;
  hasPrevious_ = false;
  reorderedInARow_ = 0;
  ++resets_;
}

void PacketGrouper::start(Group& group, BweTime sendTime, RemoteTime arrivalTime, size_t size) {
  group.firstSend = sendTime;
  group.lastSend = sendTime;
  group.firstArrival = arrivalTime;
  group.lastArrival = arrivalTime;
  group.size = static_cast<int64_t>(size);
}

bool PacketGrouper::belongsToCurrent(BweTime sendTime, RemoteTime arrivalTime) const {
  if (sendTime - current_.firstSend <= kBurstInterval) return true;
  // The burst rule of §5.2: arrived soon after the group's last packet, and faster than it was
  // sent (negative propagation delta), so the network released it together with the group.
  const auto arrivalDelta = arrivalTime - current_.lastArrival;
  const auto sendDelta = sendTime - current_.lastSend;
  return arrivalDelta >= RemoteTime::zero() && arrivalDelta <= kBurstInterval && arrivalDelta < sendDelta &&
         arrivalTime - current_.firstArrival < std::chrono::milliseconds(100);
}

std::optional<PacketGroupDelta> PacketGrouper::add(BweTime sendTime, RemoteTime arrivalTime,
                                                   size_t size) {
  if (!hasCurrent_) {
    start(current_, sendTime, arrivalTime, size);
    hasCurrent_ = true;
    return std::nullopt;
  }
  if (sendTime < current_.firstSend) {
    ++ignored_;
    return std::nullopt;
  }
  if (belongsToCurrent(sendTime, arrivalTime)) {
    current_.lastSend = std::max(current_.lastSend, sendTime);
    current_.lastArrival = std::max(current_.lastArrival, arrivalTime);
    current_.size += static_cast<int64_t>(size);
    return std::nullopt;
  }

  // This packet opens a new group, which completes the current one.
  std::optional<PacketGroupDelta> delta;
  bool keepPrevious = true;
  if (hasPrevious_) {
    const auto arrivalDelta = current_.lastArrival - previous_.lastArrival;
    const auto sendDelta = current_.lastSend - previous_.lastSend;
    if (arrivalDelta - std::chrono::duration_cast<std::chrono::microseconds>(sendDelta) >=
            kArrivalJumpLimit ||
        arrivalDelta <= -kArrivalJumpLimit) {
      reset();
      start(current_, sendTime, arrivalTime, size);
      hasCurrent_ = true;
      return std::nullopt;
    }
    if (arrivalDelta < RemoteTime::zero()) {
      // Arrived before the previous group: reordered on the path. Drop this group and keep
      // measuring against the previous one.
      keepPrevious = false;
      if (++reorderedInARow_ >= kReorderedResetCount) {
        reset();
        start(current_, sendTime, arrivalTime, size);
        hasCurrent_ = true;
        return std::nullopt;
      }
    } else {
      reorderedInARow_ = 0;
      delta = PacketGroupDelta{bwe::toMillis(sendDelta), bwe::toMillis(arrivalDelta),
                               current_.size - previous_.size, current_.lastArrival};
    }
  }
  if (keepPrevious) {
    previous_ = current_;
    hasPrevious_ = true;
  }
  start(current_, sendTime, arrivalTime, size);
  return delta;
}

}  // namespace dienhong::media
