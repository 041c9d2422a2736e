// DatagramBatch: a fixed set of datagram buffers with the mmsghdr/iovec/address arrays that
// recvmmsg(2) and sendmmsg(2) fill, allocated once per worker and reused for every packet.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <span>

namespace dienhong::media {

inline constexpr size_t kMaxDatagramBytes = 1500;  // Ethernet MTU: nothing larger is sent
inline constexpr size_t kBatchSize = 64;

class DatagramBatch {
 public:
  DatagramBatch();
  DatagramBatch(const DatagramBatch&) = delete;
  DatagramBatch& operator=(const DatagramBatch&) = delete;

  // Receive side: reset every slot to full capacity before recvmmsg.
  void prepareForReceive();
  mmsghdr* data() { return headers_.data(); }

  std::span<uint8_t> payload(size_t slot) { return {buffers_[slot].data(), headers_[slot].msg_len}; }
  const sockaddr* address(size_t slot) const { return reinterpret_cast<const sockaddr*>(&addresses_[slot]); }

  // Send side: append one datagram (copied into the slot); false when full or too large.
  bool append(std::span<const uint8_t> datagram, const sockaddr_storage& to, socklen_t toLength);
  size_t size() const { return count_; }
  bool full() const { return count_ == kBatchSize; }
  void clear() { count_ = 0; }

 private:
  std::array<std::array<uint8_t, kMaxDatagramBytes>, kBatchSize> buffers_{};
  std::array<sockaddr_storage, kBatchSize> addresses_{};
  std::array<iovec, kBatchSize> iovecs_{};
  std::array<mmsghdr, kBatchSize> headers_{};
  size_t count_ = 0;
};

}  // namespace dienhong::media
