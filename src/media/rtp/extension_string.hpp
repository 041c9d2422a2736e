// The string value shared by the SDES-item header extensions (MID, RFC 8843 §15; RtpStreamId and
// RepairedRtpStreamId, RFC 8852 §3): 1-255 bytes of text, without a terminator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace dienhong::media {

namespace detail {

// Header extension strings are not NUL-terminated, but some senders pad them with NULs up to
// an element size they prefer; as libwebrtc does, the value ends at the first NUL. Empty values
// are invalid.
inline std::optional<std::string_view> extensionString(std::span<const uint8_t> data,
                                                       bool (*allowed)(uint8_t)) {
  size_t size = 0;
  while (size < data.size() && data[size] != 0) {
    if (!allowed(data[size])) return std::nullopt;
    ++size;
  }
  if (size == 0) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(data.data()), size);
}

}  // namespace detail

}  // namespace dienhong::media
