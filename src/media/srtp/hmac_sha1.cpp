// HmacSha1: HMAC-SHA1 (RFC 2104) for SRTP message authentication (RFC 3711 §4.2.1). The only
// file that uses OpenSSL's deprecated low-level SHA-1 API; see hmac_sha1.hpp for why.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "media/srtp/hmac_sha1.hpp"

#include <openssl/crypto.h>

namespace dienhong::media::srtp {

namespace {

constexpr size_t kBlockLength = 64;

void absorbPaddedKey(SHA_CTX& ctx, std::span<const uint8_t> key, uint8_t pad) {
  std::array<uint8_t, kBlockLength> block;
  block.fill(pad);
  for (size_t i = 0; i < key.size(); ++i) block[i] ^= key[i];
  SHA1_Init(&ctx);
  SHA1_Update(&ctx, block.data(), block.size());
  OPENSSL_cleanse(block.data(), block.size());
}

}  // namespace

HmacSha1::HmacSha1(std::span<const uint8_t> key) {
  // RFC 2104: keys longer than a block are hashed first. SRTP keys are 20 octets.
  std::array<uint8_t, kDigestLength> hashed;
  if (key.size() > kBlockLength) {
    SHA1(key.data(), key.size(), hashed.data());
    key = hashed;
  }
  absorbPaddedKey(inner_, key, 0x36);
  absorbPaddedKey(outer_, key, 0x5c);
  OPENSSL_cleanse(hashed.data(), hashed.size());
}

HmacSha1::~HmacSha1() {
  OPENSSL_cleanse(&inner_, sizeof inner_);
  OPENSSL_cleanse(&outer_, sizeof outer_);
}

HmacSha1::Digest HmacSha1::compute(std::span<const uint8_t> message,
                                   std::span<const uint8_t> suffix) const {
  Digest digest;
  SHA_CTX ctx = inner_;
  SHA1_Update(&ctx, message.data(), message.size());
  if (!suffix.empty()) SHA1_Update(&ctx, suffix.data(), suffix.size());
  SHA1_Final(digest.data(), &ctx);
  ctx = outer_;
  SHA1_Update(&ctx, digest.data(), digest.size());
  SHA1_Final(digest.data(), &ctx);
  // Nothing keyed is left in ctx: after SHA1_Final it holds the tag, which goes on the wire.
  return digest;
}

}  // namespace dienhong::media::srtp
