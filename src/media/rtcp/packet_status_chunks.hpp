// Packet status chunks of transport-wide congestion control feedback,
// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.2-3.1.4: one 16-bit chunk is either a
// run-length chunk (a 2-bit status symbol repeated up to 8191 times) or a status vector chunk
// (14 one-bit symbols: not received / received with a small delta; or 7 two-bit symbols, which
// can also say "received with a large or negative delta"). Symbol 3 is reserved.
// PacketStatusReader decodes a chunk sequence symbol by symbol; PacketStatusEncoder chooses the
// chunk kinds greedily while symbols stream in, so no symbol list is ever materialised.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "common/byte_reader.hpp"

namespace dienhong::media {

namespace packet_status {
inline constexpr uint8_t kNotReceived = 0;
inline constexpr uint8_t kSmallDelta = 1;  // received, delta 0..255 ticks in one byte
inline constexpr uint8_t kLargeDelta = 2;  // received, delta as a signed 16-bit number
inline constexpr uint8_t kReserved = 3;
}  // namespace packet_status

class PacketStatusReader {
 public:
  explicit PacketStatusReader(std::span<const uint8_t> chunks) : reader_(chunks) {}

  // The next symbol; nullopt once the chunks run out. A run-length chunk of length 0 is
  // skipped; symbols beyond the packet status count are the caller's to ignore.
  std::optional<uint8_t> next() {
    while (left_ == 0) {
      auto chunk = reader_.u16();
      if (!chunk) return std::nullopt;
      chunk_ = *chunk;
      index_ = 0;
      if ((chunk_ & 0x8000) == 0) {
        kind_ = Kind::kRunLength;
        left_ = chunk_ & kMaxRunLength;
      } else if ((chunk_ & 0x4000) == 0) {
        kind_ = Kind::kOneBit;
        left_ = kOneBitCapacity;
      } else {
        kind_ = Kind::kTwoBit;
        left_ = kTwoBitCapacity;
      }
    }
    --left_;
    const unsigned index = index_++;
    switch (kind_) {
      case Kind::kRunLength:
        return static_cast<uint8_t>((chunk_ >> 13) & 0x3);
      case Kind::kOneBit:
        return static_cast<uint8_t>((chunk_ >> (13 - index)) & 0x1);
      case Kind::kTwoBit:
        break;
    }
    return static_cast<uint8_t>((chunk_ >> (12 - 2 * index)) & 0x3);
  }

  // Bytes of chunks read so far (whole chunks).
  size_t consumed() const { return reader_.position(); }

  static constexpr unsigned kMaxRunLength = 0x1FFF;
  static constexpr unsigned kOneBitCapacity = 14;
  static constexpr unsigned kTwoBitCapacity = 7;

 private:
  enum class Kind : uint8_t { kRunLength, kOneBit, kTwoBit };

  ByteReader reader_;
  uint16_t chunk_ = 0;
  unsigned left_ = 0;
  unsigned index_ = 0;
  Kind kind_ = Kind::kRunLength;
};

// Feed symbols with add(), then finish(); each completed chunk goes to `emit(uint16_t)`.
// Greedy rule: keep collecting symbols while some single chunk can still hold all of them (a
// two-bit vector holds any 7, a one-bit vector 14 without large deltas, a run any 8191 equal
// ones); when the next symbol does not fit, emit the cheapest chunk for what was collected.
class PacketStatusEncoder {
 public:
  template <class Emit>
  void add(uint8_t symbol, Emit&& emit) {
    if (!canAdd(symbol)) emitOne(emit, false);
    push(symbol);
  }

  template <class Emit>
  void finish(Emit&& emit) {
    while (size_ > 0) emitOne(emit, true);
  }

 private:
  static constexpr unsigned kOneBit = PacketStatusReader::kOneBitCapacity;
  static constexpr unsigned kTwoBit = PacketStatusReader::kTwoBitCapacity;

  bool canAdd(uint8_t symbol) const {
    if (size_ < kTwoBit) return true;
    if (size_ < kOneBit && !hasLarge_ && symbol != packet_status::kLargeDelta) return true;
    return allSame_ && symbol == symbols_[0] && size_ < PacketStatusReader::kMaxRunLength;
  }

  void push(uint8_t symbol) {
    if (size_ < symbols_.size()) symbols_[size_] = symbol;  // a longer run is all symbols_[0]
    allSame_ = size_ == 0 || (allSame_ && symbol == symbols_[0]);
    hasLarge_ = hasLarge_ || symbol == packet_status::kLargeDelta;
    ++size_;
  }

  template <class Emit>
  void emitOne(Emit& emit, bool atEnd) {
    if (allSame_) {
      emit(static_cast<uint16_t>((symbols_[0] << 13) | size_));
      size_ = 0;
      return;
    }
    if (!hasLarge_ && (size_ == kOneBit || atEnd)) {
      // At the end a partial vector is fine: symbols past the status count are ignored.
      uint16_t chunk = 0x8000;
      for (unsigned i = 0; i < size_; ++i) {
        chunk = static_cast<uint16_t>(chunk | (symbols_[i] << (13 - i)));
      }
      emit(chunk);
      size_ = 0;
      return;
    }
    const unsigned taken = size_ < kTwoBit ? size_ : kTwoBit;
    uint16_t chunk = 0xC000;
    for (unsigned i = 0; i < taken; ++i) {
      chunk = static_cast<uint16_t>(chunk | (symbols_[i] << (12 - 2 * i)));
    }
    emit(chunk);
    // Keep what did not fit (at most 6 symbols when more than 7 were pending).
    const unsigned left = size_ - taken;
    size_ = 0;
    allSame_ = true;
    hasLarge_ = false;
    const std::array<uint8_t, kOneBit> rest = symbols_;
    for (unsigned i = 0; i < left; ++i) push(rest[taken + i]);
  }

  std::array<uint8_t, kOneBit> symbols_{};
  unsigned size_ = 0;
  bool allSame_ = true;
  bool hasLarge_ = false;
};

}  // namespace dienhong::media
