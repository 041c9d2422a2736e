// ReportBlock: the 24-byte reception report block of RFC 3550 §6.4.1, carried by sender and
// receiver reports: loss fraction and cumulative loss, extended highest sequence number,
// interarrival jitter, and the LSR/DLSR pair from which the sender computes round-trip time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common/byte_reader.hpp"
#include "media/rtp/ssrc.hpp"

namespace dienhong::media {

struct ReportBlock {
  static constexpr size_t kSize = 24;
  // The cumulative loss is a signed 24-bit number (duplicates can make it negative).
  static constexpr int32_t kMaxCumulativeLost = (1 << 23) - 1;
  static constexpr int32_t kMinCumulativeLost = -(1 << 23);

  Ssrc sourceSsrc;
  uint8_t fractionLost = 0;  // fixed point, lost/expected * 256
  int32_t cumulativeLost = 0;
  uint32_t extendedHighestSequenceNumber = 0;
  uint32_t jitter = 0;                      // in RTP timestamp units
  uint32_t lastSenderReport = 0;            // middle 32 bits of the last SR's NTP time, or 0
  uint32_t delaySinceLastSenderReport = 0;  // in 1/65536 s

  [[nodiscard]] static std::optional<ReportBlock> read(ByteReader& reader);
  // Cumulative loss outside 24 bits is clamped, as RFC 3550 §6.4.1 asks of senders.
  void write(ByteWriter& writer) const;
  size_t encodedSize() const { return kSize; }

  friend bool operator==(const ReportBlock&, const ReportBlock&) = default;
};

}  // namespace dienhong::media
