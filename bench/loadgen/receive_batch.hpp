// ReceiveBatch: buffers for recvmmsg(2) with each datagram's kernel receive time (SO_TIMESTAMPNS,
// CLOCK_REALTIME): when the packet reached our socket, not when this busy process got to it, so
// the latency measured is the server's and the network's, not the load generator's queueing.
// One per worker thread, reused for every read.
#pragma once

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <span>

namespace dienhong::loadgen {

class ReceiveBatch {
 public:
  static constexpr size_t kSlots = 64;
  static constexpr size_t kMaxDatagram = 1500;

  ReceiveBatch();
  ReceiveBatch(const ReceiveBatch&) = delete;
  ReceiveBatch& operator=(const ReceiveBatch&) = delete;

  // Reads up to kSlots datagrams without blocking; how many (0 when none or on error).
  size_t receive(int fd);
  std::span<uint8_t> datagram(size_t slot) { return {buffers_[slot].data(), headers_[slot].msg_len}; }
  // Kernel arrival time in microseconds since the Unix epoch; 0 if the kernel gave none.
  int64_t arrivalMicros(size_t slot) const;

  // Asks the kernel to timestamp what `fd` receives.
  static void enableTimestamps(int fd);

 private:
  static constexpr size_t kControlBytes = 64;
  std::array<std::array<uint8_t, kMaxDatagram>, kSlots> buffers_{};
  std::array<std::array<uint8_t, kControlBytes>, kSlots> control_{};
  std::array<iovec, kSlots> iovecs_{};
  std::array<mmsghdr, kSlots> headers_{};
};

// The wall clock in microseconds since the Unix epoch: the clock of kernel timestamps, written
// into each payload's trailer when it is sent.
int64_t wallClockMicros();

}  // namespace dienhong::loadgen
