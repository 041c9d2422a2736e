// The transport-wide sequence number header extension, draft-holmer-rmcat-transport-wide-cc-
// extensions-01 §2: a 16-bit number counting every packet on the transport (all SSRCs), echoed
// back in transport-wide feedback (transport_feedback.hpp) for send-side bandwidth estimation.
// The SFU rewrites it on every forwarded packet, in place, with RtpPacketEditor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/byte_reader.hpp"
#include "media/rtp/sequence_number.hpp"

namespace dienhong::media {

struct TransportSequenceNumberExtension {
  static constexpr std::string_view kUri =
      "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
  static constexpr size_t kSize = 2;

  SequenceNumber sequenceNumber;

  // Exactly two bytes: the four-byte variant of transport-wide-cc-02 means something else
  // (feedback requests) and must not be mistaken for this one.
  [[nodiscard]] static std::optional<TransportSequenceNumberExtension> parse(
      std::span<const uint8_t> data) {
    if (data.size() != kSize) return std::nullopt;
    ByteReader reader(data);
    return TransportSequenceNumberExtension{SequenceNumber(*reader.u16())};
  }

  void serialize(ByteWriter& writer) const { writer.u16(sequenceNumber.value()); }

  friend bool operator==(const TransportSequenceNumberExtension&,
                         const TransportSequenceNumberExtension&) = default;
};

}  // namespace dienhong::media
