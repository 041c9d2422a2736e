// Ssrc: the 32-bit synchronisation source identifier of RFC 3550 §3 / §5.1 (also used for CSRCs
// and every SSRC field of RTCP) as a distinct type, so that a swapped SSRC / timestamp / count
// argument fails to compile instead of silently misrouting media.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

#include "common/byte_reader.hpp"
#include "media/rtp/wire_list.hpp"

namespace dienhong::media {

class Ssrc {
 public:
  constexpr Ssrc() = default;
  constexpr explicit Ssrc(uint32_t value) : value_(value) {}

  constexpr uint32_t value() const { return value_; }

  friend constexpr bool operator==(Ssrc, Ssrc) = default;
  // An ordering for sorted containers only; SSRCs are random numbers with no arithmetic meaning.
  friend constexpr std::strong_ordering operator<=>(Ssrc, Ssrc) = default;

 private:
  uint32_t value_ = 0;
};

template <>
struct WireFormat<Ssrc> {
  static constexpr size_t kSize = 4;
  static std::optional<Ssrc> read(ByteReader& reader) {
    auto value = reader.u32();
    if (!value) return std::nullopt;
    return Ssrc(*value);
  }
  static void write(ByteWriter& writer, Ssrc ssrc) { writer.u32(ssrc.value()); }
  static size_t encodedSize(Ssrc) { return kSize; }
};

}  // namespace dienhong::media

template <>
struct std::hash<dienhong::media::Ssrc> {
  size_t operator()(dienhong::media::Ssrc ssrc) const noexcept {
    return std::hash<uint32_t>{}(ssrc.value());
  }
};
