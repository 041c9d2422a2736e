// The absolute send time header extension (http://www.webrtc.org/experiments/rtp-hdrext/
// abs-send-time): the sender's clock when the packet left, 24 bits of unsigned 6.18 fixed-point
// seconds, so it wraps every 64 s and has a resolution of about 3.8 µs. Receive-side bandwidth
// estimation (REMB) compares its spacing with the arrival spacing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/byte_reader.hpp"

namespace dienhong::media {

struct AbsSendTimeExtension {
  static constexpr std::string_view kUri =
      "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
  static constexpr size_t kSize = 3;
  static constexpr uint32_t kMask = 0xFFFFFF;
  static constexpr uint64_t kFractionBits = 18;
  static constexpr uint64_t kMicrosPerSecond = 1'000'000;
  static constexpr uint64_t kWrapMicros = 64 * kMicrosPerSecond;  // 2^6 s

  uint32_t value = 0;  // 6.18 fixed-point seconds, 24 bits

  // From any microsecond clock; only the position within the 64 s cycle is kept, which also
  // keeps the fixed-point shift from overflowing for large clock values.
  static AbsSendTimeExtension fromMicros(uint64_t micros) {
    const uint64_t inCycle = micros % kWrapMicros;
    const uint64_t fixed = ((inCycle << kFractionBits) + kMicrosPerSecond / 2) / kMicrosPerSecond;
    return AbsSendTimeExtension{static_cast<uint32_t>(fixed) & kMask};
  }
  // Microseconds within the 64 s cycle, rounded down.
  uint64_t toMicros() const {
    return (static_cast<uint64_t>(value) * kMicrosPerSecond) >> kFractionBits;
  }

  [[nodiscard]] static std::optional<AbsSendTimeExtension> parse(std::span<const uint8_t> data) {
    if (data.size() != kSize) return std::nullopt;
    ByteReader reader(data);
    return AbsSendTimeExtension{*reader.u24()};
  }

  void serialize(ByteWriter& writer) const { writer.u24(value & kMask); }

  friend bool operator==(const AbsSendTimeExtension&, const AbsSendTimeExtension&) = default;
};

}  // namespace dienhong::media
