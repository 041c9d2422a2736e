#include "loadgen/receive_batch.hpp"

#include <time.h>

#include <cstring>

namespace dienhong::loadgen {

ReceiveBatch::ReceiveBatch() {
  for (size_t i = 0; i < kSlots; ++i) iovecs_[i] = {buffers_[i].data(), kMaxDatagram};
}

size_t ReceiveBatch::receive(int fd) {
  for (size_t i = 0; i < kSlots; ++i) {
    msghdr& h = headers_[i].msg_hdr;
    h = msghdr{};
    h.msg_iov = &iovecs_[i];
    h.msg_iovlen = 1;
    h.msg_control = control_[i].data();
    h.msg_controllen = kControlBytes;
    headers_[i].msg_len = 0;
  }
  const int received = ::recvmmsg(fd, headers_.data(), kSlots, MSG_DONTWAIT, nullptr);
  return received > 0 ? static_cast<size_t>(received) : 0;
}

int64_t ReceiveBatch::arrivalMicros(size_t slot) const {
  msghdr header = headers_[slot].msg_hdr;  // CMSG_NXTHDR takes a non-const header
  for (cmsghdr* c = CMSG_FIRSTHDR(&header); c != nullptr; c = CMSG_NXTHDR(&header, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS && c->cmsg_len >= CMSG_LEN(sizeof(timespec))) {
      timespec t{};
      std::memcpy(&t, CMSG_DATA(c), sizeof t);
      return static_cast<int64_t>(t.tv_sec) * 1'000'000 + t.tv_nsec / 1000;
    }
  }
  return 0;
}

void ReceiveBatch::enableTimestamps(int fd) {
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
}

int64_t wallClockMicros() {
  timespec t{};
  ::clock_gettime(CLOCK_REALTIME, &t);
  return static_cast<int64_t>(t.tv_sec) * 1'000'000 + t.tv_nsec / 1000;
}

}  // namespace dienhong::loadgen
