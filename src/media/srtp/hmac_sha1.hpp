// HmacSha1: HMAC-SHA1 (RFC 2104) with the key absorbed once, the message authentication of the
// AES-CM profiles (RFC 3711 §4.2.1). The inner and outer SHA-1 states after the key block are
// computed at construction and copied per packet — a plain struct copy.
//
// Why not EVP_MAC: on OpenSSL 3.0 re-initialising an HMAC EVP_MAC_CTX without a key (the
// "reset" path) duplicates the digest context, which costs two heap allocations and ~125 ns per
// packet; EVP_MD_CTX_copy_ex costs one allocation. The SHA1_* functions are deprecated in 3.0 but
// run the same SHA-NI/AVX2 block function with no allocation, so they are used here and only here.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include <openssl/sha.h>

#ifdef OPENSSL_NO_DEPRECATED_3_0
#error "HmacSha1 needs OpenSSL's SHA1_* functions (deprecated in 3.0, still built by Debian)"
#endif

namespace dienhong::media::srtp {

class HmacSha1 {
 public:
  static constexpr size_t kDigestLength = 20;
  using Digest = std::array<uint8_t, kDigestLength>;

  explicit HmacSha1(std::span<const uint8_t> key);
  HmacSha1(const HmacSha1&) = default;
  HmacSha1& operator=(const HmacSha1&) = default;
  ~HmacSha1();

  // HMAC over message || suffix (SRTP authenticates the packet followed by the ROC).
  Digest compute(std::span<const uint8_t> message, std::span<const uint8_t> suffix = {}) const;

 private:
  SHA_CTX inner_;
  SHA_CTX outer_;
};

}  // namespace dienhong::media::srtp
