// SentPacketHistory: what we sent, keyed by transport-wide sequence number, so that feedback
// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1) can be matched to send times and
// sizes. The 16-bit wire sequence is unwrapped into a monotonic 64-bit count; entries live in a
// fixed ring indexed by the unwrapped number, so recording a packet never allocates and a number
// that has fallen out of the ring (or was never sent) is recognised as unknown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "media/bwe/bwe_types.hpp"

namespace dienhong::media {

class SentPacketHistory {
 public:
  struct Entry {
    int64_t sequence = -1;  // unwrapped; -1 marks an empty slot
    BweTime sendTime{};
    uint32_t size = 0;
    int32_t probeClusterId = kNoProbeCluster;
    SentPacketKind kind = SentPacketKind::kMedia;
    bool reported = false;  // some feedback has mentioned it (received or not)
    bool received = false;  // some feedback said it arrived
    RemoteTime arrivalTime{0};
  };

  static constexpr size_t kDefaultCapacity = 4096;

  // Capacity is rounded up to a power of two; it bounds how far behind feedback may lag (4096
  // packets is 2.5 s at 20 Mbit/s of 1200-byte packets).
  explicit SentPacketHistory(size_t capacity = kDefaultCapacity);

  // Records a packet; returns its unwrapped sequence number. Sequence numbers are expected to be
  // sent in increasing order, as a transport assigns them; a repeat overwrites the entry.
  int64_t add(const SentPacket& packet);

  // The entry for a sequence number from feedback, or nullptr when it is not (or no longer) in the
  // history. The number is unwrapped around the newest sent one, without moving it.
  Entry* find(uint16_t transportSequence);

  size_t capacity() const { return entries_.size(); }
  bool empty() const { return newest_ < 0; }
  int64_t newestSequence() const { return newest_; }

 private:
  int64_t unwrap(uint16_t transportSequence) const;

  std::vector<Entry> entries_;
  size_t mask_ = 0;
  int64_t newest_ = -1;
  uint16_t newestRaw_ = 0;
};

}  // namespace dienhong::media
