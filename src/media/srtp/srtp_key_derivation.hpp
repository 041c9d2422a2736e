// SRTP key derivation (RFC 3711 §4.3, key_derivation_rate 0): the session encryption key,
// authentication key and salt of SRTP and of SRTCP from one master key and master salt, with
// the AES-CM PRF of §4.3.3 (AES-256 for 32-octet master keys, RFC 6188 §7). AES-GCM uses the
// same KDF with a 96-bit master salt (RFC 7714 §11), which takes the place of the leftmost 96
// bits of the 112-bit salt.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "media/srtp/srtp_master_key.hpp"

namespace dienhong::media::srtp {

// The labels of RFC 3711 §4.3.1 (SRTP) and §4.3.2 (SRTCP).
enum class KdfLabel : uint8_t {
  kRtpEncryption = 0x00,
  kRtpAuthentication = 0x01,
  kRtpSalt = 0x02,
  kRtcpEncryption = 0x03,
  kRtcpAuthentication = 0x04,
  kRtcpSalt = 0x05,
};

// The PRF output for one label: AES-CM keystream with IV (master_salt XOR label << 48) << 16.
// masterKey is 16 or 32 octets, masterSalt at most 14 (shorter salts are zero-padded on the
// right); out may be any length. False on bad lengths or an OpenSSL failure.
bool deriveSrtpKey(std::span<const uint8_t> masterKey, std::span<const uint8_t> masterSalt,
                   KdfLabel label, std::span<uint8_t> out);

enum class SrtpChannel : uint8_t { kRtp, kRtcp };

// The keys of one channel (SRTP or SRTCP) in one direction; wiped when destroyed.
struct SrtpSessionKeys {
  SrtpProfile profile{};
  std::array<uint8_t, kSrtpMaxKeyLength> encryptionKey{};
  std::array<uint8_t, 20> authKey{};  // unused by AEAD profiles
  std::array<uint8_t, kSrtpMaxSaltLength> salt{};

  SrtpSessionKeys() = default;
  SrtpSessionKeys(const SrtpSessionKeys&) = default;
  SrtpSessionKeys& operator=(const SrtpSessionKeys&) = default;
  ~SrtpSessionKeys();

  std::span<const uint8_t> encryption() const {
    return std::span(encryptionKey).first(srtpProfileParams(profile).masterKeyLength);
  }
  std::span<const uint8_t> authentication() const {
    return std::span(authKey).first(srtpProfileParams(profile).authKeyLength);
  }
  std::span<const uint8_t> sessionSalt() const {
    return std::span(salt).first(srtpProfileParams(profile).masterSaltLength);
  }

  // Session keys given directly, as the RFC 7714 test vectors do; nullopt on wrong lengths.
  static std::optional<SrtpSessionKeys> fromSessionValues(SrtpProfile profile,
                                                          std::span<const uint8_t> encryption,
                                                          std::span<const uint8_t> authentication,
                                                          std::span<const uint8_t> salt);
};

std::optional<SrtpSessionKeys> deriveSessionKeys(const SrtpMasterKey& master, SrtpChannel channel);

}  // namespace dienhong::media::srtp
