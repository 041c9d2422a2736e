// The RtpStreamId and RepairedRtpStreamId header extensions, RFC 8852 §3.1-3.2: the RID naming
// a simulcast layer ("q", "h", "f") on media packets, and on RTX packets the RID of the stream
// they repair. The SFU keys simulcast layers on it. Values follow the RFC 8851 rid-id syntax:
// 1*(ALPHA / DIGIT / "-" / "_").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/byte_reader.hpp"
#include "media/rtp/extension_string.hpp"

namespace dienhong::media {

namespace detail {

constexpr bool isRidChar(uint8_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
         c == '_';
}

// The two extensions share a syntax and differ only in meaning (and URI); Tag tells them apart
// so that a repaired RID can never be passed where a RID is expected.
template <class Tag>
struct RidValue {
  static constexpr std::string_view kUri = Tag::kUri;

  std::string_view value;

  [[nodiscard]] static std::optional<RidValue> parse(std::span<const uint8_t> data) {
    auto text = extensionString(data, [](uint8_t c) { return isRidChar(c); });
    if (!text) return std::nullopt;
    return RidValue{*text};
  }

  size_t size() const { return value.size(); }
  void serialize(ByteWriter& writer) const {
    writer.bytes({reinterpret_cast<const uint8_t*>(value.data()), value.size()});
  }

  friend bool operator==(const RidValue&, const RidValue&) = default;
};

struct RidTag {
  static constexpr std::string_view kUri = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
};
struct RepairedRidTag {
  static constexpr std::string_view kUri = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
};

}  // namespace detail

using RidExtension = detail::RidValue<detail::RidTag>;
using RepairedRidExtension = detail::RidValue<detail::RepairedRidTag>;

}  // namespace dienhong::media
