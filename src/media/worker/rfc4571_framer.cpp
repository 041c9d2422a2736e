#include "media/worker/rfc4571_framer.hpp"

#include <algorithm>
#include <cstring>

namespace dienhong::media {

std::span<uint8_t> Rfc4571Framer::writable() {
  if (error_ != Error::kNone) return {};
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  return std::span(buffer_).subspan(end_);
}

void Rfc4571Framer::commit(size_t count) { end_ = std::min(end_ + count, buffer_.size()); }

std::optional<std::span<uint8_t>> Rfc4571Framer::next() {
  if (error_ != Error::kNone || end_ - begin_ < kHeaderBytes) return std::nullopt;
  const size_t length = static_cast<size_t>(buffer_[begin_]) << 8 | buffer_[begin_ + 1];
  if (length == 0) {
    error_ = Error::kEmptyFrame;
    return std::nullopt;
  }
  if (length > kMaxFrameBytes) {
    error_ = Error::kOversizeFrame;
    return std::nullopt;
  }
  if (end_ - begin_ < kHeaderBytes + length) return std::nullopt;
  const auto frame = std::span(buffer_).subspan(begin_ + kHeaderBytes, length);
  begin_ += kHeaderBytes + length;
  return frame;
}

size_t Rfc4571Framer::append(std::span<const uint8_t> bytes) {
  const auto room = writable();
  const size_t count = std::min(room.size(), bytes.size());
  if (count > 0) std::memcpy(room.data(), bytes.data(), count);
  commit(count);
  return count;
}

}  // namespace dienhong::media
