// The MID header extension, RFC 8843 §15 (BUNDLE): the media identification tag of the m= line
// a packet belongs to, so that the SFU can bind a new SSRC to its transceiver before any SSRC is
// signalled. The value is an RFC 5888 identification-tag, i.e. an RFC 4566 token.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/byte_reader.hpp"
#include "media/rtp/extension_string.hpp"

namespace dienhong::media {

struct MidExtension {
  static constexpr std::string_view kUri = "urn:ietf:params:rtp-hdrext:sdes:mid";

  std::string_view value;  // views the packet (or the caller's string when serialising)

  // RFC 4566 §9 token-char: printable ASCII except space and the separators "(),/:;<=>?@[\].
  static constexpr bool isTokenChar(uint8_t c) {
    constexpr std::string_view kSeparators = "\"(),/:;<=>?@[\\]";
    if (c <= 0x20 || c >= 0x7F) return false;
    return kSeparators.find(static_cast<char>(c)) == std::string_view::npos;
  }

  [[nodiscard]] static std::optional<MidExtension> parse(std::span<const uint8_t> data) {
    auto text = detail::extensionString(data, [](uint8_t c) { return isTokenChar(c); });
    if (!text) return std::nullopt;
    return MidExtension{*text};
  }

  size_t size() const { return value.size(); }
  void serialize(ByteWriter& writer) const {
    writer.bytes({reinterpret_cast<const uint8_t*>(value.data()), value.size()});
  }

  friend bool operator==(const MidExtension&, const MidExtension&) = default;
};

}  // namespace dienhong::media
