#include "media/worker/framed_send_queue.hpp"

#include <algorithm>
#include <cstring>

#include "media/worker/rfc4571_framer.hpp"

namespace dienhong::media {

bool FramedSendQueue::push(std::span<const uint8_t> packet) {
  if (packet.empty() || packet.size() > 0xFFFF) return false;
  const size_t needed = Rfc4571Framer::kHeaderBytes + packet.size();
  if (needed > capacity_ - size_) return false;
  if (!ring_) ring_ = std::make_unique<uint8_t[]>(capacity_);
  const size_t tail = (head_ + size_) % capacity_;
  const auto header = Rfc4571Framer::header(static_cast<uint16_t>(packet.size()));
  copyIn(tail, header);
  copyIn((tail + header.size()) % capacity_, packet);
  size_ += needed;
  return true;
}

void FramedSendQueue::copyIn(size_t at, std::span<const uint8_t> bytes) {
  const size_t first = std::min(bytes.size(), capacity_ - at);
  std::memcpy(ring_.get() + at, bytes.data(), first);
  if (first < bytes.size()) std::memcpy(ring_.get(), bytes.data() + first, bytes.size() - first);
}

FramedSendQueue::Pending FramedSendQueue::pending() const {
  Pending out;
  if (size_ == 0) return out;
  const size_t first = std::min(size_, capacity_ - head_);
  out.parts[0] = {ring_.get() + head_, first};
  out.count = 1;
  if (first < size_) {
    out.parts[1] = {ring_.get(), size_ - first};
    out.count = 2;
  }
  return out;
}

void FramedSendQueue::consume(size_t bytes) {
  bytes = std::min(bytes, size_);
  size_ -= bytes;
  // An empty ring starts over at 0, so the next burst is more likely to go as one buffer.
  head_ = size_ == 0 ? 0 : (head_ + bytes) % capacity_;
}

}  // namespace dienhong::media
