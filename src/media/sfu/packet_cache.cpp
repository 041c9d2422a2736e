#include "media/sfu/packet_cache.hpp"

#include <bit>
#include <cstring>

namespace dienhong::media {

PacketCache::PacketCache(size_t capacity)
    : slots_(std::bit_ceil(std::max<size_t>(capacity, 2))),
      storage_(slots_.size() * kMaxPacketBytes),
      mask_(slots_.size() - 1) {}

void PacketCache::store(uint16_t sequence, std::span<const uint8_t> packet, Clock::time_point sentAt) {
  Slot& slot = slots_[sequence & mask_];
  if (packet.size() > kMaxPacketBytes) {
    slot.used = false;  // never answer a NACK with an older packet that shared the slot
    return;
  }
  std::memcpy(storage_.data() + (sequence & mask_) * kMaxPacketBytes, packet.data(), packet.size());
  slot = Slot{true, sequence, static_cast<uint16_t>(packet.size()), 0, sentAt, std::nullopt};
}

std::optional<PacketCache::Entry> PacketCache::takeForRetransmission(uint16_t sequence) {
  Slot& slot = slots_[sequence & mask_];
  if (!slot.used || slot.sequence != sequence) return std::nullopt;
  ++slot.retransmissions;
  return Entry{{storage_.data() + (sequence & mask_) * kMaxPacketBytes, slot.length}, slot.sentAt,
               slot.retransmissions, slot.retransmittedAt};
}

std::optional<PacketCache::Entry> PacketCache::find(uint16_t sequence) const {
  const Slot& slot = slots_[sequence & mask_];
  if (!slot.used || slot.sequence != sequence) return std::nullopt;
  return Entry{{storage_.data() + (sequence & mask_) * kMaxPacketBytes, slot.length}, slot.sentAt,
               slot.retransmissions, slot.retransmittedAt};
}

void PacketCache::markRetransmitted(uint16_t sequence, Clock::time_point now) {
  Slot& slot = slots_[sequence & mask_];
  if (!slot.used || slot.sequence != sequence) return;
  ++slot.retransmissions;
  slot.retransmittedAt = now;
}

}  // namespace dienhong::media
