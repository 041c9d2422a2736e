// RtpTimestamp: the 32-bit media clock timestamp of RFC 3550 §5.1 as a distinct type (it shares
// its width with the SSRC and must never be confused with it). Like sequence numbers it wraps,
// so comparison is by isNewer() with serial number arithmetic, never by operator<.
#pragma once

#include <cstdint>

namespace dienhong::media {

class RtpTimestamp {
 public:
  constexpr RtpTimestamp() = default;
  constexpr explicit RtpTimestamp(uint32_t value) : value_(value) {}

  constexpr uint32_t value() const { return value_; }

  constexpr RtpTimestamp operator+(uint32_t ticks) const { return RtpTimestamp(value_ + ticks); }
  constexpr RtpTimestamp operator-(uint32_t ticks) const { return RtpTimestamp(value_ - ticks); }

  friend constexpr bool operator==(RtpTimestamp, RtpTimestamp) = default;

 private:
  uint32_t value_ = 0;
};

// True when `a` is later than `b` on the 32-bit circle; the exact half-way point is broken by
// the raw values so that the relation stays antisymmetric.
constexpr bool isNewer(RtpTimestamp a, RtpTimestamp b) {
  const uint32_t forward = a.value() - b.value();
  if (forward == 0x80000000u) return a.value() > b.value();
  return forward != 0 && forward < 0x80000000u;
}

}  // namespace dienhong::media
