// ByteReader / ByteWriter: bounds-checked big-endian (network order) reading and writing over
// caller-owned memory, for every wire-format parser and serialiser (STUN, RTP, RTCP, SRTP…).
// No allocation; a read past the end yields nullopt, a write past the end sets a sticky failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

namespace dienhong {

class ByteReader {
 public:
  explicit ByteReader(std::span<const uint8_t> data) : data_(data) {}

  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }
  bool empty() const { return remaining() == 0; }

  std::optional<uint8_t> u8() {
    if (remaining() < 1) return std::nullopt;
    return data_[pos_++];
  }
  std::optional<uint16_t> u16() { return read<uint16_t, 2>(); }
  std::optional<uint32_t> u24() { return read<uint32_t, 3>(); }
  std::optional<uint32_t> u32() { return read<uint32_t, 4>(); }
  std::optional<uint64_t> u64() { return read<uint64_t, 8>(); }

  // A view of the next n bytes (no copy).
  std::optional<std::span<const uint8_t>> bytes(size_t n) {
    if (remaining() < n) return std::nullopt;
    auto view = data_.subspan(pos_, n);
    pos_ += n;
    return view;
  }
  bool skip(size_t n) {
    if (remaining() < n) return false;
    pos_ += n;
    return true;
  }
  std::span<const uint8_t> rest() const { return data_.subspan(pos_); }

 private:
  template <class T, size_t N>
  std::optional<T> read() {
    if (remaining() < N) return std::nullopt;
    T value = 0;
    for (size_t i = 0; i < N; ++i) value = static_cast<T>((value << 8) | data_[pos_ + i]);
    pos_ += N;
    return value;
  }

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
};

class ByteWriter {
 public:
  explicit ByteWriter(std::span<uint8_t> buffer) : buffer_(buffer) {}

  // False once any write did not fit; nothing past the buffer is ever touched.
  bool ok() const { return ok_; }
  size_t size() const { return pos_; }
  std::span<uint8_t> written() const { return buffer_.first(pos_); }

  ByteWriter& u8(uint8_t v) { return write(v, 1); }
  ByteWriter& u16(uint16_t v) { return write(v, 2); }
  ByteWriter& u24(uint32_t v) { return write(v, 3); }
  ByteWriter& u32(uint32_t v) { return write(v, 4); }
  ByteWriter& u64(uint64_t v) { return write(v, 8); }
  ByteWriter& bytes(std::span<const uint8_t> data) {
    if (!reserve(data.size())) return *this;
    if (!data.empty()) std::memcpy(buffer_.data() + pos_, data.data(), data.size());
    pos_ += data.size();
    return *this;
  }
  ByteWriter& zeros(size_t n) {
    if (!reserve(n)) return *this;
    std::memset(buffer_.data() + pos_, 0, n);
    pos_ += n;
    return *this;
  }
  // Overwrites already-written bytes, e.g. a length field known only at the end.
  bool patchU16(size_t at, uint16_t v) {
    if (at + 2 > pos_) return false;
    buffer_[at] = static_cast<uint8_t>(v >> 8);
    buffer_[at + 1] = static_cast<uint8_t>(v);
    return true;
  }

 private:
  bool reserve(size_t n) {
    if (!ok_ || buffer_.size() - pos_ < n) {
      ok_ = false;
      return false;
    }
    return true;
  }
  ByteWriter& write(uint64_t v, size_t n) {
    if (!reserve(n)) return *this;
    for (size_t i = 0; i < n; ++i) buffer_[pos_ + i] = static_cast<uint8_t>(v >> (8 * (n - 1 - i)));
    pos_ += n;
    return *this;
  }

  std::span<uint8_t> buffer_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace dienhong
