#include "media/bwe/sent_packet_history.hpp"

#include <bit>

namespace dienhong::media {

SentPacketHistory::SentPacketHistory(size_t capacity)
    : entries_(std::bit_ceil(capacity < 2 ? size_t{2} : capacity)), mask_(entries_.size() - 1) {}

int64_t SentPacketHistory::unwrap(uint16_t transportSequence) const {
  if (newest_ < 0) return transportSequence;
  // The nearest placement: the signed 16-bit distance from the newest number sent.
  const auto delta = static_cast<int16_t>(static_cast<uint16_t>(transportSequence - newestRaw_));
  return newest_ + delta;
}

int64_t SentPacketHistory::add(const SentPacket& packet) {
  const int64_t sequence = unwrap(packet.transportSequence);
  if (sequence > newest_ || newest_ < 0) {
    newest_ = sequence;
    newestRaw_ = packet.transportSequence;
  }
  if (sequence < 0) return sequence;  // before the first packet ever sent: nothing to key it by
  Entry& entry = entries_[static_cast<size_t>(sequence) & mask_];
  entry = Entry{};
  entry.sequence = sequence;
  entry.sendTime = packet.sendTime;
  entry.size = static_cast<uint32_t>(packet.size);
  entry.probeClusterId = packet.probeClusterId;
  entry.kind = packet.kind;
  return sequence;
}

SentPacketHistory::Entry* SentPacketHistory::find(uint16_t transportSequence) {
  if (newest_ < 0) return nullptr;
  const int64_t sequence = unwrap(transportSequence);
  if (sequence < 0) return nullptr;
  Entry& entry = entries_[static_cast<size_t>(sequence) & mask_];
  return entry.sequence == sequence ? &entry : nullptr;
}

}  // namespace dienhong::media
