// GenericNack: the RFC 4585 §6.2.1 generic negative acknowledgement (RTPFB, FMT 1). Each FCI
// entry names a lost packet (PID) and, in a bitmask (BLP), which of the 16 following ones are
// lost too. The SFU answers subscribers' NACKs from its packet cache and sends its own to
// publishers. lostPackets() expands the entries lazily; packNackItems() builds them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "common/byte_reader.hpp"
#include "media/rtcp/rtcp_feedback.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/sequence_number.hpp"
#include "media/rtp/ssrc.hpp"
#include "media/rtp/wire_list.hpp"

namespace dienhong::media {

struct NackItem {
  static constexpr size_t kSize = 4;

  SequenceNumber packetId;   // PID: a lost packet
  uint16_t lostBitmask = 0;  // BLP: bit i set means PID + i + 1 is lost too

  [[nodiscard]] static std::optional<NackItem> read(ByteReader& reader);
  void write(ByteWriter& writer) const { writer.u16(packetId.value()).u16(lostBitmask); }
  size_t encodedSize() const { return kSize; }

  friend bool operator==(const NackItem&, const NackItem&) = default;
};

// The sequence numbers named by a list of NACK items, in item order (PID, then ascending BLP
// bits), wrapping 65535 -> 0. Nothing is materialised.
class NackedSequences {
 public:
  class Iterator {
   public:
    using value_type = SequenceNumber;
    using difference_type = std::ptrdiff_t;

    Iterator() = default;
    SequenceNumber operator*() const { return item_.packetId + static_cast<uint16_t>(bit_ + 1); }
    Iterator& operator++() {
      advance();
      return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.done_; }

   private:
    friend class NackedSequences;
    void advance();
    void loadItem();

    WireList<NackItem>::Iterator items_;
    NackItem item_;
    int bit_ = -1;  // -1: the PID itself; 0..15: BLP bit
    bool done_ = true;
  };

  explicit NackedSequences(WireList<NackItem> items) : items_(items) {}
  Iterator begin() const;
  std::default_sentinel_t end() const { return {}; }

 private:
  WireList<NackItem> items_;
};

struct NackPacking {
  size_t items = 0;     // entries written to the output
  size_t consumed = 0;  // sequence numbers they cover (the rest did not fit)
};

// Packs lost sequence numbers, in ascending order with wrap-around (65534, 65535, 0, 1 ...),
// into as few items as a greedy pass allows: a number up to 16 after the current PID becomes a
// BLP bit, anything else starts a new item. Duplicates are folded.
NackPacking packNackItems(std::span<const SequenceNumber> lost, std::span<NackItem> out);

struct GenericNack {
  static constexpr uint8_t kPacketType = rtcp_type::kRtpFeedback;
  static constexpr uint8_t kFormat = 1;

  Ssrc senderSsrc;
  Ssrc mediaSsrc;
  WireList<NackItem> items;  // at least one

  NackedSequences lostPackets() const { return NackedSequences(items); }

  // nullopt unless the FCI is one or more whole 4-byte items.
  [[nodiscard]] static std::optional<GenericNack> parse(const RtcpPacket& packet);
  size_t serializedSize() const;
  bool serialize(ByteWriter& writer) const;

  friend bool operator==(const GenericNack&, const GenericNack&) = default;
};

}  // namespace dienhong::media
