// RFC 3550 §6.5 source description; see sdes.hpp.
#include "media/rtcp/sdes.hpp"

namespace dienhong::media {

namespace {

std::string_view asText(std::span<const uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Null octets after the items: at least one (the end marker), then up to the next 32-bit
// boundary of the chunk (which starts aligned, with its 4-byte SSRC).
size_t terminatorSize(size_t itemsSize) { return 4 - itemsSize % 4; }

}  // namespace

std::optional<SdesItem> SdesItem::read(ByteReader& reader) {
  auto type = reader.u8();
  auto length = reader.u8();
  if (!length || *type == sdes_item::kEnd) return std::nullopt;
  auto text = reader.bytes(*length);
  if (!text) return std::nullopt;
  return SdesItem{*type, asText(*text)};
}

void SdesItem::write(ByteWriter& writer) const {
  writer.u8(type).u8(static_cast<uint8_t>(text.size()));
  writer.bytes({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

std::optional<std::string_view> SdesChunk::cname() const {
  for (const SdesItem& item : items) {
    if (item.type == sdes_item::kCname) return item.text;
  }
  return std::nullopt;
}

std::optional<SdesChunk> SdesChunk::read(ByteReader& reader) {
  auto ssrc = reader.u32();
  if (!ssrc) return std::nullopt;
  const auto itemsStart = reader.rest();
  size_t count = 0;
  for (;;) {
    auto type = reader.u8();
    if (!type) return std::nullopt;  // the list must be terminated
    if (*type == sdes_item::kEnd) break;
    auto length = reader.u8();
    if (!length || !reader.skip(*length)) return std::nullopt;
    ++count;
  }
  const size_t itemsSize = itemsStart.size() - reader.remaining() - 1;
  // The end marker has been read; the rest of the terminator must be there too.
  if (!reader.skip(terminatorSize(itemsSize) - 1)) return std::nullopt;
  return SdesChunk{Ssrc(*ssrc), WireList<SdesItem>::fromWire(itemsStart.first(itemsSize), count)};
}

size_t SdesChunk::encodedSize() const {
  const size_t itemsSize = items.encodedSize();
  return 4 + itemsSize + terminatorSize(itemsSize);
}

void SdesChunk::write(ByteWriter& writer) const {
  writer.u32(ssrc.value());
  items.write(writer);
  writer.zeros(terminatorSize(items.encodedSize()));
}

std::optional<Sdes> Sdes::parse(const RtcpPacket& packet) {
  if (packet.packetType() != kPacketType) return std::nullopt;
  ByteReader reader(packet.body());
  const size_t count = packet.count();
  for (size_t i = 0; i < count; ++i) {
    if (!SdesChunk::read(reader)) return std::nullopt;
  }
  // Bytes after the announced chunks are ignored.
  const size_t used = packet.body().size() - reader.remaining();
  return Sdes{WireList<SdesChunk>::fromWire(packet.body().first(used), count)};
}

size_t Sdes::serializedSize() const { return kRtcpHeaderSize + chunks.encodedSize(); }

bool Sdes::serialize(ByteWriter& writer) const {
  if (chunks.size() > kMaxRtcpCount) return false;
  for (const SdesChunk& chunk : chunks) {
    for (const SdesItem& item : chunk.items) {
      if (item.type == sdes_item::kEnd || item.text.size() > SdesItem::kMaxTextSize) return false;
    }
  }
  const size_t start = writer.size();
  const size_t size = serializedSize();
  if (size > kMaxRtcpPacketSize) return false;
  writeRtcpHeader(writer, static_cast<uint8_t>(chunks.size()), kPacketType, size);
  chunks.write(writer);
  return writer.ok() && writer.size() - start == size;
}

}  // namespace dienhong::media
