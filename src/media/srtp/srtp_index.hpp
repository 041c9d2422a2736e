// The SRTP packet index i = 2^16 * ROC + SEQ (RFC 3711 §3.3.1) and its estimation from a 16-bit
// sequence number relative to the highest index seen so far (the algorithm of Appendix A: the
// guess closest to s_l, with ROC - 1 and ROC + 1 as the candidates across a wrap). Both the
// sender and the receiver use it: the sender so that reordered or repeated sends keep their
// rollover counter, the receiver to pick the ROC it authenticates with.
#pragma once

#include <cstdint>
#include <optional>

namespace dienhong::media::srtp {

inline constexpr uint64_t kSrtpMaxIndex = (uint64_t{1} << 48) - 1;  // ROC is 32 bits
inline constexpr uint32_t kSrtcpMaxIndex = 0x7fffffff;                // 31-bit SRTCP index

constexpr uint32_t rolloverCounter(uint64_t index) { return static_cast<uint32_t>(index >> 16); }

// Nullopt when the guess falls before index 0 (ROC - 1 with ROC = 0) or past 2^48 - 1: such a
// packet cannot be authentic under this key.
constexpr std::optional<uint64_t> estimateSrtpIndex(uint64_t highest, uint16_t seq) {
  const int64_t roc = static_cast<int64_t>(highest >> 16);
  const int32_t last = static_cast<int32_t>(highest & 0xffff);  // s_l
  const int32_t s = seq;
  int64_t v = roc;
  if (last < 32768) {
    if (s - last > 32768) v = roc - 1;
  } else {
    if (last - 32768 > s) v = roc + 1;
  }
  if (v < 0 || v > int64_t{0xffffffff}) return std::nullopt;
  return (static_cast<uint64_t>(v) << 16) | seq;
}

}  // namespace dienhong::media::srtp
