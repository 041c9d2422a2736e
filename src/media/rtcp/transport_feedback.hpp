// TransportFeedback: transport-wide congestion control feedback,
// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1 (RTPFB, FMT 15). For a range of
// transport-wide sequence numbers it says which packets arrived and when: a 24-bit signed
// reference time (64 ms units), then per received packet a receive delta in 250 µs units from
// the previous received packet (the first from the reference time), one byte when 0..255, else
// two signed bytes. Packet statuses are coded in run-length and status vector chunks
// (packet_status_chunks.hpp). The SFU sends it to publishers and reads it from subscribers to
// drive bandwidth estimation.
//
// Like the other packet types it holds no copy: a parsed TransportFeedback decodes chunks and
// deltas while packets() is iterated; one built with fromPackets() views the caller's list.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "common/byte_reader.hpp"
#include "media/rtcp/packet_status_chunks.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/sequence_number.hpp"
#include "media/rtp/ssrc.hpp"

namespace dienhong::media {

struct TransportFeedbackPacket {
  SequenceNumber sequenceNumber;
  bool received = false;
  // Receive time minus that of the previous received packet (or the reference time), in
  // 250 µs ticks; 0 for a packet that was not received.
  int32_t deltaTicks = 0;

  friend bool operator==(const TransportFeedbackPacket&, const TransportFeedbackPacket&) = default;
};

class TransportFeedbackPackets;

class TransportFeedback {
 public:
  static constexpr uint8_t kPacketType = rtcp_type::kRtpFeedback;
  static constexpr uint8_t kFormat = 15;
  static constexpr int64_t kDeltaTickMicros = 250;
  static constexpr int64_t kReferenceTimeTickMicros = 64'000;
  static constexpr int32_t kMinReferenceTime = -(1 << 23);
  static constexpr int32_t kMaxReferenceTime = (1 << 23) - 1;
  static constexpr int32_t kMinDeltaTicks = -32768;
  static constexpr int32_t kMaxDeltaTicks = 32767;
  static constexpr size_t kMaxPacketStatusCount = 0xFFFF;

  // Every sequence number from the base on, packetStatusCount() of them, in order.
  class PacketIterator {
   public:
    using value_type = TransportFeedbackPacket;
    using difference_type = std::ptrdiff_t;

    PacketIterator() = default;
    TransportFeedbackPacket operator*() const { return current_; }
    PacketIterator& operator++() {
      advance();
      return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const PacketIterator& it, std::default_sentinel_t) { return it.done_; }

   private:
    friend class TransportFeedback;
    void advance();

    PacketStatusReader symbols_{std::span<const uint8_t>{}};
    ByteReader deltas_{std::span<const uint8_t>{}};
    const TransportFeedbackPacket* value_ = nullptr;
    const TransportFeedbackPacket* valuesEnd_ = nullptr;
    TransportFeedbackPacket current_;
    SequenceNumber next_;
    size_t remaining_ = 0;
    bool wire_ = false;
    bool done_ = true;
  };

  // Feedback for `packets`, which must be non-empty and strictly ascending (with wrap-around)
  // over at most 65535 sequence numbers; sequence numbers missing from the list are reported as
  // not received. Received deltas must fit 16 signed bits and the reference time 24. The list is
  // viewed, not copied.
  [[nodiscard]] static std::optional<TransportFeedback> fromPackets(
      Ssrc senderSsrc, Ssrc mediaSsrc, int32_t referenceTime, uint8_t feedbackPacketCount,
      std::span<const TransportFeedbackPacket> packets);

  // nullopt unless the chunks cover the packet status count (which must not be 0) without a
  // reserved symbol and the deltas they announce are present. Trailing bytes are padding.
  [[nodiscard]] static std::optional<TransportFeedback> parse(const RtcpPacket& packet);

  Ssrc senderSsrc() const { return senderSsrc_; }
  Ssrc mediaSsrc() const { return mediaSsrc_; }
  SequenceNumber baseSequenceNumber() const { return baseSequenceNumber_; }
  uint16_t packetStatusCount() const { return packetStatusCount_; }
  int32_t referenceTime() const { return referenceTime_; }  // in 64 ms units
  int64_t referenceTimeMicros() const { return referenceTime_ * kReferenceTimeTickMicros; }
  uint8_t feedbackPacketCount() const { return feedbackPacketCount_; }
  TransportFeedbackPackets packets() const;

  size_t serializedSize() const;
  bool serialize(ByteWriter& writer) const;

  // Equal when the header fields and every packet's status and delta are: the chunk kinds
  // chosen to encode them may differ.
  friend bool operator==(const TransportFeedback& a, const TransportFeedback& b);

 private:
  friend class TransportFeedbackPackets;
  TransportFeedback() = default;
  PacketIterator beginPackets() const;

  std::span<const uint8_t> chunks_;
  std::span<const uint8_t> deltas_;
  std::span<const TransportFeedbackPacket> values_;
  Ssrc senderSsrc_;
  Ssrc mediaSsrc_;
  int32_t referenceTime_ = 0;
  SequenceNumber baseSequenceNumber_;
  uint16_t packetStatusCount_ = 0;
  uint8_t feedbackPacketCount_ = 0;
  bool wire_ = false;
};

// The range returned by TransportFeedback::packets(). It holds a copy of the (small,
// non-owning) feedback, so iterating the packets of a temporary is safe as long as the packet
// bytes or the value list live.
class TransportFeedbackPackets {
 public:
  TransportFeedback::PacketIterator begin() const { return feedback_.beginPackets(); }
  std::default_sentinel_t end() const { return {}; }

 private:
  friend class TransportFeedback;
  explicit TransportFeedbackPackets(const TransportFeedback& feedback) : feedback_(feedback) {}
  TransportFeedback feedback_;
};

inline TransportFeedbackPackets TransportFeedback::packets() const {
  return TransportFeedbackPackets(*this);
}

}  // namespace dienhong::media
