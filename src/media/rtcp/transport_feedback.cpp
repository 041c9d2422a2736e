// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1 feedback; see transport_feedback.hpp.
#include "media/rtcp/transport_feedback.hpp"

#include "media/rtcp/rtcp_feedback.hpp"

namespace dienhong::media {

namespace {

constexpr size_t kFixedFieldsSize = 8;  // base, status count, reference time, fb pkt. count
constexpr int32_t kMaxSmallDelta = 255;

uint8_t symbolOf(const TransportFeedbackPacket& packet) {
  if (!packet.received) return packet_status::kNotReceived;
  if (packet.deltaTicks >= 0 && packet.deltaTicks <= kMaxSmallDelta) {
    return packet_status::kSmallDelta;
  }
  return packet_status::kLargeDelta;
}

size_t deltaSize(uint8_t symbol) {
  return symbol == packet_status::kSmallDelta ? 1 : symbol == packet_status::kLargeDelta ? 2 : 0;
}

}  // namespace

std::optional<TransportFeedback> TransportFeedback::fromPackets(
    Ssrc senderSsrc, Ssrc mediaSsrc, int32_t referenceTime, uint8_t feedbackPacketCount,
    std::span<const TransportFeedbackPacket> packets) {
  if (packets.empty() || referenceTime < kMinReferenceTime || referenceTime > kMaxReferenceTime) {
    return std::nullopt;
  }
  size_t span = 1;
  for (size_t i = 0; i < packets.size(); ++i) {
    const auto& packet = packets[i];
    if (packet.received &&
        (packet.deltaTicks < kMinDeltaTicks || packet.deltaTicks > kMaxDeltaTicks)) {
      return std::nullopt;
    }
    if (i == 0) continue;
    const int32_t step = delta(packets[i - 1].sequenceNumber, packet.sequenceNumber);
    if (step <= 0) return std::nullopt;
    span += static_cast<size_t>(step);
    if (span > kMaxPacketStatusCount) return std::nullopt;
  }
  TransportFeedback feedback;
  feedback.values_ = packets;
  feedback.senderSsrc_ = senderSsrc;
  feedback.mediaSsrc_ = mediaSsrc;
  feedback.referenceTime_ = referenceTime;
  feedback.baseSequenceNumber_ = packets.front().sequenceNumber;
  feedback.packetStatusCount_ = static_cast<uint16_t>(span);
  feedback.feedbackPacketCount_ = feedbackPacketCount;
  return feedback;
}

std::optional<TransportFeedback> TransportFeedback::parse(const RtcpPacket& packet) {
  ByteReader reader(packet.body());
  auto ssrcs = readFeedbackSsrcs(packet, kPacketType, kFormat, reader);
  if (!ssrcs) return std::nullopt;
  auto base = reader.u16();
  auto count = reader.u16();
  auto reference = reader.u24();
  auto feedbackCount = reader.u8();
  if (!feedbackCount || *count == 0) return std::nullopt;

  // Walk the statuses once to find where the chunks end and how many delta bytes follow.
  const auto chunkArea = reader.rest();
  PacketStatusReader symbols(chunkArea);
  size_t deltaBytes = 0;
  for (size_t i = 0; i < *count; ++i) {
    auto symbol = symbols.next();
    if (!symbol || *symbol == packet_status::kReserved) return std::nullopt;
    deltaBytes += deltaSize(*symbol);
  }
  reader.skip(symbols.consumed());
  auto deltas = reader.bytes(deltaBytes);
  if (!deltas) return std::nullopt;

  TransportFeedback feedback;
  feedback.wire_ = true;
  feedback.chunks_ = chunkArea.first(symbols.consumed());
  feedback.deltas_ = *deltas;
  feedback.senderSsrc_ = ssrcs->sender;
  feedback.mediaSsrc_ = ssrcs->media;
  // Sign-extend the 24-bit two's complement reference time.
  feedback.referenceTime_ = (*reference & 0x800000) ? static_cast<int32_t>(*reference) - (1 << 24)
                                                    : static_cast<int32_t>(*reference);
  feedback.baseSequenceNumber_ = SequenceNumber(*base);
  feedback.packetStatusCount_ = *count;
  feedback.feedbackPacketCount_ = *feedbackCount;
  return feedback;
}

TransportFeedback::PacketIterator TransportFeedback::beginPackets() const {
  PacketIterator it;
  it.wire_ = wire_;
  it.symbols_ = PacketStatusReader(chunks_);
  it.deltas_ = ByteReader(deltas_);
  it.value_ = values_.data();
  it.valuesEnd_ = values_.data() + values_.size();
  it.next_ = baseSequenceNumber_;
  it.remaining_ = packetStatusCount_;
  it.done_ = false;
  it.advance();
  return it;
}

void TransportFeedback::PacketIterator::advance() {
  if (remaining_ == 0) {
    done_ = true;
    return;
  }
  --remaining_;
  current_ = TransportFeedbackPacket{next_, false, 0};
  if (wire_) {
    // parse() proved that every symbol and delta is there.
    const uint8_t symbol = symbols_.next().value_or(packet_status::kNotReceived);
    if (symbol == packet_status::kSmallDelta) {
      current_.received = true;
      current_.deltaTicks = deltas_.u8().value_or(0);
    } else if (symbol == packet_status::kLargeDelta) {
      current_.received = true;
      current_.deltaTicks = static_cast<int16_t>(deltas_.u16().value_or(0));
    }
  } else if (value_ != valuesEnd_ && value_->sequenceNumber == next_) {
    current_.received = value_->received;
    current_.deltaTicks = value_->received ? value_->deltaTicks : 0;
    ++value_;
  }
  ++next_;
}

size_t TransportFeedback::serializedSize() const {
  size_t chunks = 0;
  size_t deltaBytes = 0;
  PacketStatusEncoder encoder;
  auto count = [&chunks](uint16_t) { ++chunks; };
  for (const TransportFeedbackPacket& packet : packets()) {
    const uint8_t symbol = symbolOf(packet);
    encoder.add(symbol, count);
    deltaBytes += deltaSize(symbol);
  }
  encoder.finish(count);
  const size_t unpadded =
      kRtcpHeaderSize + kFeedbackSsrcsSize + kFixedFieldsSize + chunks * 2 + deltaBytes;
  return (unpadded + 3) & ~size_t{3};
}

bool TransportFeedback::serialize(ByteWriter& writer) const {
  const size_t size = serializedSize();
  if (size > kMaxRtcpPacketSize) return false;
  const size_t start = writer.size();
  writeFeedbackHeader(writer, kPacketType, kFormat, size, senderSsrc_, mediaSsrc_);
  writer.u16(baseSequenceNumber_.value()).u16(packetStatusCount_);
  writer.u24(static_cast<uint32_t>(referenceTime_) & 0xFFFFFF).u8(feedbackPacketCount_);

  PacketStatusEncoder encoder;
  auto emit = [&writer](uint16_t chunk) { writer.u16(chunk); };
  for (const TransportFeedbackPacket& packet : packets()) encoder.add(symbolOf(packet), emit);
  encoder.finish(emit);

  for (const TransportFeedbackPacket& packet : packets()) {
    const uint8_t symbol = symbolOf(packet);
    if (symbol == packet_status::kSmallDelta) {
      writer.u8(static_cast<uint8_t>(packet.deltaTicks));
    } else if (symbol == packet_status::kLargeDelta) {
      writer.u16(static_cast<uint16_t>(static_cast<int16_t>(packet.deltaTicks)));
    }
  }
  // "zero padding" to a 32-bit boundary (§3.1), inside the packet rather than with the P bit.
  writer.zeros(size - (writer.size() - start));
  return writer.ok() && writer.size() - start == size;
}

bool operator==(const TransportFeedback& a, const TransportFeedback& b) {
  if (a.senderSsrc_ != b.senderSsrc_ || a.mediaSsrc_ != b.mediaSsrc_ ||
      a.baseSequenceNumber_ != b.baseSequenceNumber_ ||
      a.packetStatusCount_ != b.packetStatusCount_ || a.referenceTime_ != b.referenceTime_ ||
      a.feedbackPacketCount_ != b.feedbackPacketCount_) {
    return false;
  }
  auto ia = a.packets().begin();
  auto ib = b.packets().begin();
  for (; ia != std::default_sentinel && ib != std::default_sentinel; ++ia, ++ib) {
    if (!(*ia == *ib)) return false;
  }
  return ia == std::default_sentinel && ib == std::default_sentinel;
}

}  // namespace dienhong::media
