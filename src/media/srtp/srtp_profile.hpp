// SrtpProfile: the SRTP transforms this module implements and their parameters — key, salt and
// tag lengths — with the DTLS-SRTP protection profile ids and names that select them (RFC 5764
// §4.1.2 for the AES-CM profiles, RFC 7714 §14.2 for AES-GCM). The DTLS layer negotiates one of
// these and hands over the client/server key and salt it exported (RFC 5764 §4.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace dienhong::media {

enum class SrtpProfile : uint8_t {
  kAes128CmHmacSha1_80,  // RFC 3711 default transform, 80-bit tag
  kAes128CmHmacSha1_32,  // 32-bit SRTP tag; SRTCP keeps the 80-bit tag (RFC 5764 §4.1.2)
  kAeadAes128Gcm,        // RFC 7714, 16-octet tag
  kAeadAes256Gcm,        // RFC 7714, 16-octet tag
};

struct SrtpProfileParams {
  size_t masterKeyLength;   // also the session encryption key length
  size_t masterSaltLength;  // also the session salt length: 14 (AES-CM) or 12 (AES-GCM)
  size_t authKeyLength;     // HMAC-SHA1 key (n_a = 160 bits); 0 for AEAD
  size_t rtpTagLength;
  size_t rtcpTagLength;
  bool aead;
  uint16_t dtlsId;        // RFC 5764 / RFC 7714 SRTPProtectionProfile value
  std::string_view name;  // the spelling OpenSSL's SSL_CTX_set_tlsext_use_srtp understands
};

inline constexpr SrtpProfileParams kSrtpProfiles[] = {
    {16, 14, 20, 10, 10, false, 0x0001, "SRTP_AES128_CM_SHA1_80"},
    {16, 14, 20, 4, 10, false, 0x0002, "SRTP_AES128_CM_SHA1_32"},
    {16, 12, 0, 16, 16, true, 0x0007, "SRTP_AEAD_AES_128_GCM"},
    {32, 12, 0, 16, 16, true, 0x0008, "SRTP_AEAD_AES_256_GCM"},
};

inline constexpr SrtpProfile kAllSrtpProfiles[] = {
    SrtpProfile::kAes128CmHmacSha1_80, SrtpProfile::kAes128CmHmacSha1_32,
    SrtpProfile::kAeadAes128Gcm, SrtpProfile::kAeadAes256Gcm};

constexpr const SrtpProfileParams& srtpProfileParams(SrtpProfile profile) {
  return kSrtpProfiles[static_cast<size_t>(profile)];
}

// SRTCP appends the 4-octet E-flag + SRTCP index to every packet (RFC 3711 §3.4).
inline constexpr size_t kSrtcpIndexLength = 4;
// The room a caller must leave after a packet for protectRtp / protectRtcp, whatever the profile.
inline constexpr size_t kSrtpMaxRtpOverhead = 16;
inline constexpr size_t kSrtpMaxRtcpOverhead = kSrtcpIndexLength + 16;
inline constexpr size_t kSrtpMaxKeyLength = 32;
inline constexpr size_t kSrtpMaxSaltLength = 14;

constexpr std::optional<SrtpProfile> srtpProfileFromDtlsId(uint16_t id) {
  for (SrtpProfile profile : kAllSrtpProfiles) {
    if (srtpProfileParams(profile).dtlsId == id) return profile;
  }
  return std::nullopt;
}

constexpr std::optional<SrtpProfile> srtpProfileFromName(std::string_view name) {
  for (SrtpProfile profile : kAllSrtpProfiles) {
    if (srtpProfileParams(profile).name == name) return profile;
  }
  return std::nullopt;
}

// The "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80" list for SSL_CTX_set_tlsext_use_srtp, in
// order of preference: GCM first (cheaper per packet and a stronger tag), AES-CM for old peers.
inline constexpr std::string_view kSrtpDtlsProfilePreference =
    "SRTP_AEAD_AES_128_GCM:SRTP_AEAD_AES_256_GCM:SRTP_AES128_CM_SHA1_80:SRTP_AES128_CM_SHA1_32";

}  // namespace dienhong::media
