#include "media/sfu/packet_cache.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace dienhong::media {

PacketCache::PacketCache(PacketCacheLimits limits) : limits_(limits) {
  limits_.initialSlots = std::bit_ceil(std::clamp<size_t>(limits.initialSlots, 2, std::max<size_t>(limits.maxSlots, 2)));
  limits_.maxSlots = std::max(limits_.maxSlots, limits_.initialSlots);
  limits_.initialBytes = std::max(limits.initialBytes, kMaxPacketBytes);
  limits_.maxBytes = std::max(limits_.maxBytes, limits_.initialBytes);
}

void PacketCache::store(uint16_t sequence, std::span<const uint8_t> packet, Clock::time_point sentAt) {
  if (!started_) {
    started_ = true;
    slots_.resize(limits_.initialSlots);
    slotMask_ = slots_.size() - 1;
    ring_.resize(limits_.initialBytes);
    ringTurnStartedAt_ = sentAt;
    slotTurnStartedAt_ = sentAt;
  }
  // A full turn of the slots within the retention time: twice as many.
  if (++storedThisSlotTurn_ > slots_.size()) {
    if (sentAt - slotTurnStartedAt_ < limits_.retention && slots_.size() < limits_.maxSlots) growSlots();
    storedThisSlotTurn_ = 1;
    slotTurnStartedAt_ = sentAt;
  }
  Slot& slot = slots_[sequence & slotMask_];
  if (packet.size() > kMaxPacketBytes) {
    slot.used = false;  // never answer a NACK with an older packet that shared the slot
    return;
  }
  // A packet never straddles the end of the ring: the tail it would not fit is skipped.
  auto placeAt = [this](size_t length) {
    const uint64_t capacity = ring_.size();
    uint64_t position = writePosition_;
    if (position % capacity + length > capacity) position += capacity - position % capacity;
    return position;
  };
  uint64_t position = placeAt(packet.size());
  if (position + packet.size() - ringTurnStart_ > ring_.size()) {  // this packet completes a turn
    if (sentAt - ringTurnStartedAt_ < limits_.retention && ring_.size() < limits_.maxBytes) {
      growRing();
      position = placeAt(packet.size());
    }
    ringTurnStart_ = position;
    ringTurnStartedAt_ = sentAt;
  }
  std::memcpy(ring_.data() + position % ring_.size(), packet.data(), packet.size());
  writePosition_ = position + packet.size();
  slot = Slot{position, sentAt, std::nullopt, 0, sequence, static_cast<uint16_t>(packet.size()), true};
}

void PacketCache::growRing() {
  const uint64_t oldCapacity = ring_.size();
  std::vector<uint8_t> grown(std::min<size_t>(oldCapacity * 2, limits_.maxBytes));
  const uint64_t newCapacity = grown.size();
  // The last turn's bytes keep their absolute positions; a packet that did not straddle the old
  // ring's end does not straddle the new one's (its boundaries are a subset).
  const uint64_t from = writePosition_ > oldCapacity ? writePosition_ - oldCapacity : 0;
  for (uint64_t p = from; p < writePosition_;) {
    const uint64_t chunk =
        std::min({writePosition_ - p, oldCapacity - p % oldCapacity, newCapacity - p % newCapacity});
    std::memcpy(grown.data() + p % newCapacity, ring_.data() + p % oldCapacity, chunk);
    p += chunk;
  }
  // What the old ring had overwritten is not in the new one either.
  for (Slot& slot : slots_) {
    if (slot.used && slot.offset < from) slot.used = false;
  }
  ring_ = std::move(grown);
}

void PacketCache::growSlots() {
  std::vector<Slot> grown(std::min(slots_.size() * 2, limits_.maxSlots));
  const size_t mask = grown.size() - 1;
  // Distinct old indices stay distinct: the new mask only adds bits.
  for (const Slot& slot : slots_) {
    if (slot.used) grown[slot.sequence & mask] = slot;
  }
  slots_ = std::move(grown);
  slotMask_ = mask;
}

const PacketCache::Slot* PacketCache::held(uint16_t sequence) const {
  if (slots_.empty()) return nullptr;
  const Slot& slot = slots_[sequence & slotMask_];
  if (!slot.used || slot.sequence != sequence) return nullptr;
  if (writePosition_ > slot.offset + ring_.size()) return nullptr;  // its bytes were overwritten
  return &slot;
}

PacketCache::Slot* PacketCache::held(uint16_t sequence) {
  return const_cast<Slot*>(static_cast<const PacketCache*>(this)->held(sequence));
}

std::optional<PacketCache::Entry> PacketCache::takeForRetransmission(uint16_t sequence) {
  Slot* slot = held(sequence);
  if (!slot) return std::nullopt;
  ++slot->retransmissions;
  return Entry{{ring_.data() + slot->offset % ring_.size(), slot->length}, slot->sentAt, slot->retransmissions,
               slot->retransmittedAt};
}

std::optional<PacketCache::Entry> PacketCache::find(uint16_t sequence) const {
  const Slot* slot = held(sequence);
  if (!slot) return std::nullopt;
  return Entry{{ring_.data() + slot->offset % ring_.size(), slot->length}, slot->sentAt, slot->retransmissions,
               slot->retransmittedAt};
}

void PacketCache::markRetransmitted(uint16_t sequence, Clock::time_point now) {
  Slot* slot = held(sequence);
  if (!slot) return;
  ++slot->retransmissions;
  slot->retransmittedAt = now;
}

}  // namespace dienhong::media
