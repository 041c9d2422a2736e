// PacketCache: the last N packets sent on one outgoing stream, kept so a NACK (RFC 4585 §6.2.1)
// can be answered with an RTX retransmission (RFC 4588) without asking the publisher. A ring of
// fixed slots indexed by sequence number, allocated once when the stream starts: storing and
// looking up a packet never allocates.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace dienhong::media {

class PacketCache {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxPacketBytes = 1500;

  // capacity: a power of two (rounded up), e.g. 512 ≈ 1 s of 720p video.
  explicit PacketCache(size_t capacity);

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

  size_t capacity() const { return slots_.size(); }

 private:
  struct Slot {
    bool used = false;
    uint16_t sequence = 0;
    uint16_t length = 0;
    uint32_t retransmissions = 0;
    Clock::time_point sentAt{};
    std::optional<Clock::time_point> retransmittedAt;
  };
  std::vector<Slot> slots_;
  std::vector<uint8_t> storage_;  // capacity × kMaxPacketBytes, one allocation
  size_t mask_;
};

}  // namespace dienhong::media
