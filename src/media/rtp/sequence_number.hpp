// SequenceNumber: the 16-bit RTP sequence number of RFC 3550 §5.1. It lives on a circle (65535
// is followed by 0), so the type has wrapping arithmetic and deliberately no operator<: order is
// only meaningful between nearby numbers, through isNewer() and delta() (RFC 1982 serial
// number arithmetic). Also the type of the transport-wide sequence number and of NACK/TWCC
// sequence fields, which wrap the same way.
#pragma once

#include <cstdint>

namespace dienhong::media {

class SequenceNumber {
 public:
  constexpr SequenceNumber() = default;
  constexpr explicit SequenceNumber(uint16_t value) : value_(value) {}

  constexpr uint16_t value() const { return value_; }

  constexpr SequenceNumber operator+(uint16_t n) const {
    return SequenceNumber(static_cast<uint16_t>(value_ + n));
  }
  constexpr SequenceNumber operator-(uint16_t n) const {
    return SequenceNumber(static_cast<uint16_t>(value_ - n));
  }
  constexpr SequenceNumber& operator++() {
    ++value_;  // uint16_t wraps 65535 -> 0
    return *this;
  }

  friend constexpr bool operator==(SequenceNumber, SequenceNumber) = default;

 private:
  uint16_t value_ = 0;
};

// The signed step from `from` to `to` on the circle, in [-32768, 32768]. Exactly half-way is
// ambiguous; it is broken by the raw values so that isNewer(a, b) and isNewer(b, a) never both
// hold (and delta(a, b) == -delta(b, a) always).
constexpr int32_t delta(SequenceNumber from, SequenceNumber to) {
  const uint16_t forward = static_cast<uint16_t>(to.value() - from.value());
  if (forward < 0x8000) return forward;
  if (forward > 0x8000) return static_cast<int32_t>(forward) - 0x10000;
  return to.value() > from.value() ? 0x8000 : -0x8000;
}

// True when `a` comes after `b` (allowing for wrap-around): isNewer(0, 65535) is true.
constexpr bool isNewer(SequenceNumber a, SequenceNumber b) { return delta(b, a) > 0; }

}  // namespace dienhong::media
