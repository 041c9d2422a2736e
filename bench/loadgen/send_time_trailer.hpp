// The last 12 bytes of every media payload the load generator sends: a marker and the sending
// time in microseconds of the wall clock (the clock of kernel receive timestamps). Publishers and subscribers run in one
// process on one machine, so a receiver subtracts it from its own clock to get the end-to-end
// latency through the server. SFUs forward payloads untouched (they rewrite only RTP headers and
// the VP8 descriptor at the front), so the trailer survives forwarding and retransmission.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace dienhong::loadgen {

inline constexpr size_t kSendTimeTrailerSize = 12;
inline constexpr uint8_t kSendTimeMarker[4] = {'D', 'H', 'L', 'G'};

// Writes the trailer into the last kSendTimeTrailerSize bytes of `payload` (which must be at least
// that long).
inline void writeSendTimeTrailer(std::span<uint8_t> payload, int64_t sentMicros) {
  uint8_t* out = payload.data() + payload.size() - kSendTimeTrailerSize;
  for (size_t i = 0; i < 4; ++i) out[i] = kSendTimeMarker[i];
  const auto value = static_cast<uint64_t>(sentMicros);
  for (size_t i = 0; i < 8; ++i) out[4 + i] = static_cast<uint8_t>(value >> (56 - 8 * i));
}

// The sending time, when the payload ends with a trailer.
inline std::optional<int64_t> readSendTimeTrailer(std::span<const uint8_t> payload) {
  if (payload.size() < kSendTimeTrailerSize) return std::nullopt;
  const uint8_t* in = payload.data() + payload.size() - kSendTimeTrailerSize;
  for (size_t i = 0; i < 4; ++i) {
    if (in[i] != kSendTimeMarker[i]) return std::nullopt;
  }
  uint64_t value = 0;
  for (size_t i = 0; i < 8; ++i) value = (value << 8) | in[4 + i];
  return static_cast<int64_t>(value);
}

}  // namespace dienhong::loadgen
