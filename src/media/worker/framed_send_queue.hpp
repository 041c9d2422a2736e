// FramedSendQueue: the bounded send queue of one ICE-TCP connection. Packets are stored with
// their RFC 4571 LENGTH field, back to back, in one byte ring, so that everything queued leaves
// with a single gather write of at most two buffers (write coalescing). Real-time media must not
// wait behind an unbounded backlog: a packet that does not fit is refused (the caller drops and
// counts it) and media recovers through NACK/PLI. The ring is allocated at the first push, so a
// connection that never gets an answer costs nothing here; after that, nothing is allocated.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace dienhong::media {

class FramedSendQueue {
 public:
  explicit FramedSendQueue(size_t capacityBytes) : capacity_(capacityBytes) {}
  FramedSendQueue(const FramedSendQueue&) = delete;
  FramedSendQueue& operator=(const FramedSendQueue&) = delete;

  // Appends LENGTH + `packet`. False (nothing queued) when the packet is empty, longer than
  // 65535 bytes, or does not fit in the free space.
  bool push(std::span<const uint8_t> packet);

  // Every byte queued and not consumed, as at most two spans (the ring may wrap). The bytes stay
  // put until consume(): hand them to one write and consume what it wrote.
  struct Pending {
    std::array<std::span<const uint8_t>, 2> parts;
    size_t count = 0;  // parts in use
    size_t bytes() const { return parts[0].size() + parts[1].size(); }
  };
  Pending pending() const;
  void consume(size_t bytes);

  size_t size() const { return size_; }  // bytes queued, LENGTH fields included
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }

 private:
  void copyIn(size_t at, std::span<const uint8_t> bytes);

  std::unique_ptr<uint8_t[]> ring_;
  size_t capacity_;
  size_t head_ = 0;  // first byte not yet consumed
  size_t size_ = 0;
};

}  // namespace dienhong::media
