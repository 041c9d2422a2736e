// PacketCache: the packets recently sent on one outgoing stream, kept so a NACK (RFC 4585 §6.2.1)
// can be answered with an RTX retransmission (RFC 4588) without asking the publisher.
//
// Sized by the stream, not by the worst case: packets lie back to back in a byte ring, found
// through a ring of slots indexed by sequence number. Both start small (a thumbnail's second of
// video fits) and double — up to their limits — whenever they turn over faster than `retention`,
// the age beyond which a retransmission is useless. A room of 40 has ~1,500 forwarded videos,
// most of them thumbnails: fixed 1,024 slots of 1,500 bytes each cost 2.4 GB there, this ~100 MB.
// Nothing is allocated until the first packet: a hidden tile's consumer, paused, costs nothing.
// Growth allocates, a few times while a stream ramps up (or switches to a larger layer); storing
// and looking up allocate nothing once the cache fits the stream.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace dienhong::media {

struct PacketCacheLimits {
  size_t initialSlots = 64;           // ~2 s of a 320x180 layer
  size_t maxSlots = 2048;             // ~4 s of 1080p screen sharing
  size_t initialBytes = 32 * 1024;    // ~1.5 s at 150 kbit/s
  size_t maxBytes = 1024 * 1024;      // ~1 s at 8 Mbit/s
  std::chrono::milliseconds retention{1000};
};

class PacketCache {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxPacketBytes = 1500;

  explicit PacketCache(PacketCacheLimits limits = {});

  // Keeps a copy of the packet; a packet larger than kMaxPacketBytes is not kept.
  void store(uint16_t sequence, std::span<const uint8_t> packet, Clock::time_point sentAt);
  struct Entry {
    std::span<const uint8_t> packet;
    Clock::time_point sentAt;
    uint32_t retransmissions;
    // When it was last retransmitted (markRetransmitted), so that a NACK repeated before the
    // answer could arrive is not answered twice.
    std::optional<Clock::time_point> retransmittedAt = std::nullopt;
  };
  // The packet with this sequence if it is still held; counts the lookup as a retransmission.
  std::optional<Entry> takeForRetransmission(uint16_t sequence);
  // The packet with this sequence if it is still held, counting nothing.
  std::optional<Entry> find(uint16_t sequence) const;
  // Counts a retransmission of a held packet, made at `now`.
  void markRetransmitted(uint16_t sequence, Clock::time_point now);

  // 0 until the first packet.
  size_t slotCount() const { return slots_.size(); }
  size_t byteCapacity() const { return ring_.size(); }

 private:
  struct Slot {
    uint64_t offset = 0;  // absolute position in the byte ring (position % capacity in ring_)
    Clock::time_point sentAt{};
    std::optional<Clock::time_point> retransmittedAt;
    uint32_t retransmissions = 0;
    uint16_t sequence = 0;
    uint16_t length = 0;
    bool used = false;
  };
  Slot* held(uint16_t sequence);
  const Slot* held(uint16_t sequence) const;
  void growRing();
  void growSlots();

  PacketCacheLimits limits_;
  std::vector<Slot> slots_;
  size_t slotMask_ = 0;
  std::vector<uint8_t> ring_;
  uint64_t writePosition_ = 0;  // absolute: bytes ever written, plus skipped ring tails
  uint64_t ringTurnStart_ = 0;  // where the current turn of the byte ring began
  Clock::time_point ringTurnStartedAt_{};
  uint64_t storedThisSlotTurn_ = 0;
  Clock::time_point slotTurnStartedAt_{};
  bool started_ = false;
};

}  // namespace dienhong::media
