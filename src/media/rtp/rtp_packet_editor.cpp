// In-place RTP header rewriting; see rtp_packet_editor.hpp. Offsets are those of the RFC 3550
// §5.1 fixed header, which parse() has already proven to be present.
#include "media/rtp/rtp_packet_editor.hpp"

#include <algorithm>

namespace dienhong::media {

namespace {

constexpr size_t kSecondByteOffset = 1;
constexpr size_t kSequenceNumberOffset = 2;
constexpr size_t kTimestampOffset = 4;
constexpr size_t kSsrcOffset = 8;

}  // namespace

std::optional<RtpPacketEditor> RtpPacketEditor::parse(std::span<uint8_t> packet) {
  auto view = RtpPacketView::parse(packet);
  if (!view) return std::nullopt;
  return RtpPacketEditor(packet, *view);
}

void RtpPacketEditor::setMarker(bool marker) {
  uint8_t& byte = packet_[kSecondByteOffset];
  byte = static_cast<uint8_t>((byte & 0x7F) | (marker ? 0x80 : 0x00));
  view_.marker_ = marker;
}

bool RtpPacketEditor::setPayloadType(uint8_t payloadType) {
  if (payloadType > kMaxPayloadType) return false;
  uint8_t& byte = packet_[kSecondByteOffset];
  byte = static_cast<uint8_t>((byte & 0x80) | payloadType);
  view_.payloadType_ = payloadType;
  return true;
}

void RtpPacketEditor::setSequenceNumber(SequenceNumber sequenceNumber) {
  ByteWriter(packet_.subspan(kSequenceNumberOffset, 2)).u16(sequenceNumber.value());
  view_.sequenceNumber_ = sequenceNumber;
}

void RtpPacketEditor::setTimestamp(RtpTimestamp timestamp) {
  ByteWriter(packet_.subspan(kTimestampOffset, 4)).u32(timestamp.value());
  view_.timestamp_ = timestamp;
}

void RtpPacketEditor::setSsrc(Ssrc ssrc) {
  ByteWriter(packet_.subspan(kSsrcOffset, 4)).u32(ssrc.value());
  view_.ssrc_ = ssrc;
}

std::optional<std::span<uint8_t>> RtpPacketEditor::mutableExtension(uint8_t id) {
  auto data = view_.extension(id);
  if (!data) return std::nullopt;
  // The element lies inside packet_ (the view was parsed from it); recover its writable bytes.
  const auto offset = static_cast<size_t>(data->data() - view_.bytes().data());
  return packet_.subspan(offset, data->size());
}

bool RtpPacketEditor::rewriteExtension(uint8_t id, std::span<const uint8_t> data) {
  auto target = mutableExtension(id);
  if (!target || target->size() != data.size()) return false;
  std::copy(data.begin(), data.end(), target->begin());
  return true;
}

std::span<uint8_t> RtpPacketEditor::mutablePayload() {
  return packet_.subspan(view_.headerSize(), view_.payload().size());
}

}  // namespace dienhong::media
