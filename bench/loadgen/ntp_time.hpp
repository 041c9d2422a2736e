// The wall clock as a 64-bit NTP timestamp (RFC 5905: seconds since 1900 in 32.32 fixed point),
// for sender reports.
#pragma once

#include <chrono>
#include <cstdint>

namespace dienhong::loadgen {

inline uint64_t ntpNow() {
  constexpr uint64_t kUnixToNtpSeconds = 2208988800ULL;
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(since).count();
  const uint64_t seconds = static_cast<uint64_t>(micros / 1'000'000) + kUnixToNtpSeconds;
  const uint64_t fraction = (static_cast<uint64_t>(micros % 1'000'000) << 32) / 1'000'000;
  return (seconds << 32) | fraction;
}

}  // namespace dienhong::loadgen
