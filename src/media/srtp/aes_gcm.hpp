// AesGcm: AES-GCM with a 12-octet IV and a 16-octet tag, keyed once, one direction (seal or open)
// per instance — AEAD_AES_128_GCM / AEAD_AES_256_GCM of RFC 5116 §5.1-§5.2, which RFC 7714 §8 and
// §9 apply to SRTP and SRTCP — over OpenSSL EVP. Per packet only the IV changes.
// The associated data comes in two pieces because SRTCP authenticates the header and then the
// E-flag + SRTCP index word that sits elsewhere in the packet (RFC 7714 §9.2).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "media/srtp/openssl_handles.hpp"

namespace dienhong::media::srtp {

class AesGcm {
 public:
  using Iv = std::array<uint8_t, 12>;
  static constexpr size_t kTagLength = 16;

  enum class Mode : uint8_t { kSeal, kOpen };

  // AES-128-GCM or AES-256-GCM by key length (16 or 32 octets).
  static std::optional<AesGcm> create(std::span<const uint8_t> key, Mode mode);

  // Encrypts data in place and writes the tag.
  bool seal(const Iv& iv, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
            std::span<uint8_t> data, std::span<uint8_t, kTagLength> tag);
  // Decrypts data in place; false when the tag does not verify (data is then garbage).
  bool open(const Iv& iv, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
            std::span<uint8_t> data, std::span<const uint8_t, kTagLength> tag);

 private:
  explicit AesGcm(CipherContextPtr ctx) : ctx_(std::move(ctx)) {}

  bool absorb(std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
              std::span<uint8_t> data);

  CipherContextPtr ctx_;
};

}  // namespace dienhong::media::srtp
