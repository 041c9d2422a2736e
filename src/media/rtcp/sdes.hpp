// Sdes: the RTCP source description packet, RFC 3550 §6.5 (PT 202): up to 31 chunks, each an
// SSRC/CSRC with a list of items (CNAME, NAME, EMAIL, PHONE, LOC, TOOL, NOTE, PRIV), ended by
// one to four null octets that align the next chunk to 32 bits. Every item is kept, not only the
// CNAME, so a forwarded or re-serialised SDES loses nothing; PRIV items keep their prefix inside
// the text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/byte_reader.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/ssrc.hpp"
#include "media/rtp/wire_list.hpp"

namespace dienhong::media {

namespace sdes_item {
inline constexpr uint8_t kEnd = 0;
inline constexpr uint8_t kCname = 1;
inline constexpr uint8_t kName = 2;
inline constexpr uint8_t kEmail = 3;
inline constexpr uint8_t kPhone = 4;
inline constexpr uint8_t kLocation = 5;
inline constexpr uint8_t kTool = 6;
inline constexpr uint8_t kNote = 7;
inline constexpr uint8_t kPrivate = 8;
}  // namespace sdes_item

struct SdesItem {
  static constexpr size_t kMaxTextSize = 255;

  uint8_t type = sdes_item::kCname;  // never kEnd
  std::string_view text;             // UTF-8, not terminated; views the packet

  [[nodiscard]] static std::optional<SdesItem> read(ByteReader& reader);
  void write(ByteWriter& writer) const;
  size_t encodedSize() const { return 2 + text.size(); }

  friend bool operator==(const SdesItem&, const SdesItem&) = default;
};

struct SdesChunk {
  Ssrc ssrc;
  WireList<SdesItem> items;

  std::optional<std::string_view> cname() const;

  // A whole chunk including its terminating and aligning null octets.
  [[nodiscard]] static std::optional<SdesChunk> read(ByteReader& reader);
  void write(ByteWriter& writer) const;
  size_t encodedSize() const;

  friend bool operator==(const SdesChunk&, const SdesChunk&) = default;
};

struct Sdes {
  static constexpr uint8_t kPacketType = rtcp_type::kSdes;

  WireList<SdesChunk> chunks;

  [[nodiscard]] static std::optional<Sdes> parse(const RtcpPacket& packet);
  size_t serializedSize() const;
  // False for more than 31 chunks, an item of type 0 or with more than 255 bytes of text, or
  // when the writer runs out of room.
  bool serialize(ByteWriter& writer) const;

  friend bool operator==(const Sdes&, const Sdes&) = default;
};

}  // namespace dienhong::media
