// PacketGrouper: turns acknowledged packets into inter-group delay variations, as in
// draft-ietf-rmcat-gcc-02 §5.2. Packets sent within a 5 ms burst form one group, because a pacer
// or an encoder emits them back to back and their individual spacing says nothing about the path.
// A packet that arrives within 5 ms of the group's last arrival while its inter-arrival time is
// shorter than its inter-departure time also joins the group: it was held back and released with
// the others (Wi-Fi aggregation, a burst after a queue cleared), and §5.2 treats such a burst as
// one arrival. For two consecutive complete groups the output is the send-time delta, the
// arrival-time delta and their difference, the delay variation d(i) of §5.3.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "media/bwe/bwe_types.hpp"

namespace dienhong::media {

struct PacketGroupDelta {
  double sendDeltaMs = 0;     // last send time of this group minus that of the previous group
  double arrivalDeltaMs = 0;  // likewise for the last arrival times
  int64_t sizeDelta = 0;      // bytes of this group minus bytes of the previous group
  RemoteTime arrivalTime{0};  // the last arrival of this group, in the receiver's clock
  double delayVariationMs() const { return arrivalDeltaMs - sendDeltaMs; }
};

class PacketGrouper {
 public:
  static constexpr std::chrono::microseconds kBurstInterval{5'000};
  // An arrival clock jump this large (receiver restarted, reference time wrapped) cannot be
  // queueing: start over rather than feed it to the trend.
  static constexpr std::chrono::microseconds kArrivalJumpLimit{3'000'000};
  // After this many groups in a row arrived before their predecessor, the arrival clock is not
  // to be trusted any more: start over.
  static constexpr int kReorderedResetCount = 3;

  // Adds one acknowledged packet; returns the delta between the two previous groups when this
  // packet completes a group. Packets must come in send order; a packet sent before the current
  // group started (late or reordered feedback) is ignored, and so counted in ignoredPackets().
  std::optional<PacketGroupDelta> add(BweTime sendTime, RemoteTime arrivalTime, size_t size);

  void reset();
  int64_t ignoredPackets() const { return ignored_; }
  int64_t resets() const { return resets_; }

 private:
  struct Group {
    BweTime firstSend{};
    BweTime lastSend{};
    RemoteTime firstArrival{0};
    RemoteTime lastArrival{0};
    int64_t size = 0;
  };

  bool belongsToCurrent(BweTime sendTime, RemoteTime arrivalTime) const;
  void start(Group& group, BweTime sendTime, RemoteTime arrivalTime, size_t size);

  Group current_;
  Group previous_;
  bool hasCurrent_ = false;
  bool hasPrevious_ = false;
  int reorderedInARow_ = 0;
  int64_t ignored_ = 0;
  int64_t resets_ = 0;
};

}  // namespace dienhong::media
