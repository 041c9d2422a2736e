// CRC-32 of ITU-T V.42 (the ISO-HDLC / zlib polynomial, reflected 0xEDB88320), which the STUN
// FINGERPRINT attribute uses (RFC 8489 §14.7). Our own table-driven implementation, so that
// the media library needs no zlib; the table is built at compile time.
#pragma once

#include <cstdint>
#include <span>

namespace dienhong::media {

// zlib-style chaining: crc32(b, crc32(a)) == crc32(a ‖ b); crc32({}) == 0.
uint32_t crc32(std::span<const uint8_t> data, uint32_t previous = 0);

}  // namespace dienhong::media
