// The client-to-mixer audio level header extension, RFC 6464: one byte holding a voice activity
// flag and the level in -dBov (0 = loudest, 127 = silence). The SFU reads it on every audio
// packet to pick the active speaker without decoding Opus.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/byte_reader.hpp"

namespace dienhong::media {

struct AudioLevelExtension {
  static constexpr std::string_view kUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
  static constexpr size_t kSize = 1;
  static constexpr uint8_t kSilence = 127;

  bool voiceActivity = false;
  uint8_t level = kSilence;  // -dBov, 0..127

  // Extra bytes are tolerated: RFC 6464 §3 shows the two-byte form padded to a whole word.
  [[nodiscard]] static std::optional<AudioLevelExtension> parse(std::span<const uint8_t> data) {
    ByteReader reader(data);
    auto byte = reader.u8();
    if (!byte) return std::nullopt;
    return AudioLevelExtension{(*byte & 0x80) != 0, static_cast<uint8_t>(*byte & 0x7F)};
  }

  // Levels above 127 are clamped to silence rather than spilling into the V bit.
  void serialize(ByteWriter& writer) const {
    const uint8_t clamped = level > kSilence ? kSilence : level;
    writer.u8(static_cast<uint8_t>((voiceActivity ? 0x80 : 0x00) | clamped));
  }

  friend bool operator==(const AudioLevelExtension&, const AudioLevelExtension&) = default;
};

}  // namespace dienhong::media
