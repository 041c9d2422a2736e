// RFC 4585 §6.2.1 generic NACK; see generic_nack.hpp.
#include "media/rtcp/generic_nack.hpp"

namespace dienhong::media {

namespace {

constexpr int kBlpBits = 16;

}  // namespace

std::optional<NackItem> NackItem::read(ByteReader& reader) {
  auto pid = reader.u16();
  auto blp = reader.u16();
  if (!blp) return std::nullopt;
  return NackItem{SequenceNumber(*pid), *blp};
}

NackedSequences::Iterator NackedSequences::begin() const {
  Iterator it;
  it.items_ = items_.begin();
  it.loadItem();
  return it;
}

void NackedSequences::Iterator::loadItem() {
  if (items_ == std::default_sentinel) {
    done_ = true;
    return;
  }
  item_ = *items_;
  bit_ = -1;
  done_ = false;
}

void NackedSequences::Iterator::advance() {
  for (++bit_; bit_ < kBlpBits; ++bit_) {
    if (item_.lostBitmask & (1u << bit_)) return;
  }
  ++items_;
  loadItem();
}

NackPacking packNackItems(std::span<const SequenceNumber> lost, std::span<NackItem> out) {
  NackPacking packing;
  for (const SequenceNumber sequence : lost) {
    if (packing.items > 0) {
      NackItem& current = out[packing.items - 1];
      const uint16_t after = static_cast<uint16_t>(sequence.value() - current.packetId.value());
      if (after == 0) {  // a duplicate of the PID
        ++packing.consumed;
        continue;
      }
      if (after <= kBlpBits) {
        current.lostBitmask = static_cast<uint16_t>(current.lostBitmask | (1u << (after - 1)));
        ++packing.consumed;
        continue;
      }
    }
    if (packing.items == out.size()) break;
    out[packing.items++] = NackItem{sequence, 0};
    ++packing.consumed;
  }
  return packing;
}

std::optional<GenericNack> GenericNack::parse(const RtcpPacket& packet) {
  ByteReader reader(packet.body());
  auto ssrcs = readFeedbackSsrcs(packet, kPacketType, kFormat, reader);
  if (!ssrcs) return std::nullopt;
  const auto fci = reader.rest();
  if (fci.empty() || fci.size() % NackItem::kSize != 0) return std::nullopt;
  return GenericNack{ssrcs->sender, ssrcs->media,
                     WireList<NackItem>::fromWire(fci, fci.size() / NackItem::kSize)};
}

size_t GenericNack::serializedSize() const {
  return kRtcpHeaderSize + kFeedbackSsrcsSize + items.size() * NackItem::kSize;
}

bool GenericNack::serialize(ByteWriter& writer) const {
  const size_t size = serializedSize();
  if (items.empty() || size > kMaxRtcpPacketSize) return false;
  const size_t start = writer.size();
  writeFeedbackHeader(writer, kPacketType, kFormat, size, senderSsrc, mediaSsrc);
  items.write(writer);
  return writer.ok() && writer.size() - start == size;
}

}  // namespace dienhong::media
