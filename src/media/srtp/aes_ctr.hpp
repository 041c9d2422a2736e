// AesCtr: AES in counter mode keyed once, for the AES-CM cipher of RFC 3711 §4.1.1 and the
// AES-CM PRF of the key derivation (§4.3.3). Per packet only the 16-octet initial counter block
// changes; the key schedule stays in the EVP context.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "media/srtp/openssl_handles.hpp"

namespace dienhong::media::srtp {

class AesCtr {
 public:
  using Iv = std::array<uint8_t, 16>;

  // AES-128 or AES-256 by key length (16 or 32 octets); nullopt otherwise or if OpenSSL fails.
  static std::optional<AesCtr> create(std::span<const uint8_t> key);

  // XORs data in place with the keystream that starts at counter block iv.
  bool apply(const Iv& iv, std::span<uint8_t> data);

 private:
  explicit AesCtr(CipherContextPtr ctx) : ctx_(std::move(ctx)) {}

  CipherContextPtr ctx_;
};

}  // namespace dienhong::media::srtp
