// SrtpMasterKey: the master key and master salt of one direction of an SRTP session (RFC 3711
// §3.2.1), as exported by DTLS-SRTP (RFC 5764 §4.2: the client_write / server_write halves) for
// one of the profiles of srtp_profile.hpp. Wiped from memory when destroyed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "media/srtp/srtp_profile.hpp"

namespace dienhong::media {

class SrtpMasterKey {
 public:
  // Nullopt unless key and salt have exactly the lengths the profile requires.
  static std::optional<SrtpMasterKey> create(SrtpProfile profile, std::span<const uint8_t> key,
                                             std::span<const uint8_t> salt);

  SrtpMasterKey(const SrtpMasterKey& other) = default;
  SrtpMasterKey& operator=(const SrtpMasterKey& other) = default;
  ~SrtpMasterKey();

  SrtpProfile profile() const { return profile_; }
  std::span<const uint8_t> key() const {
    return std::span(key_).first(srtpProfileParams(profile_).masterKeyLength);
  }
  std::span<const uint8_t> salt() const {
    return std::span(salt_).first(srtpProfileParams(profile_).masterSaltLength);
  }

 private:
  explicit SrtpMasterKey(SrtpProfile profile) : profile_(profile) {}

  SrtpProfile profile_;
  std::array<uint8_t, kSrtpMaxKeyLength> key_{};
  std::array<uint8_t, kSrtpMaxSaltLength> salt_{};
};

}  // namespace dienhong::media
