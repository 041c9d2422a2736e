#include "media/worker/datagram_batch.hpp"

#include <cstring>

namespace dienhong::media {

DatagramBatch::DatagramBatch() {
  for (size_t i = 0; i < kBatchSize; ++i) {
    iovecs_[i].iov_base = buffers_[i].data();
    headers_[i].msg_hdr.msg_iov = &iovecs_[i];
    headers_[i].msg_hdr.msg_iovlen = 1;
    headers_[i].msg_hdr.msg_name = &addresses_[i];
  }
}

void DatagramBatch::prepareForReceive() {
  for (size_t i = 0; i < kBatchSize; ++i) {
    iovecs_[i].iov_len = kMaxDatagramBytes;
    headers_[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
    headers_[i].msg_hdr.msg_flags = 0;
    headers_[i].msg_len = 0;
  }
  count_ = 0;
}

bool DatagramBatch::append(std::span<const uint8_t> datagram, const sockaddr_storage& to,
                           socklen_t toLength) {
  if (full() || datagram.size() > kMaxDatagramBytes) return false;
  std::memcpy(buffers_[count_].data(), datagram.data(), datagram.size());
  iovecs_[count_].iov_len = datagram.size();
  addresses_[count_] = to;
  headers_[count_].msg_hdr.msg_namelen = toLength;
  headers_[count_].msg_len = 0;
  ++count_;
  return true;
}

}  // namespace dienhong::media
