// The SHA1_* / SHA256_* functions are deprecated in OpenSSL 3 in favour of EVP, but EVP
// allocates per message (see the header) and this runs per packet. The deprecation is
// acknowledged for this file only; everything else in the media library uses EVP.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "media/ice/stun_crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <memory>

namespace dienhong::media {
namespace {

constexpr size_t kBlockSize = 64;

struct FreeDigestContext {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};  // SHA-1 and SHA-256 both hash 64-byte blocks

struct Sha1 {
  using Context = SHA_CTX;
  using Digest = Sha1Digest;
  static void init(Context& c) { SHA1_Init(&c); }
  static void update(Context& c, std::span<const uint8_t> d) {
    SHA1_Update(&c, d.data(), d.size());
  }
  static void final(Context& c, Digest& out) { SHA1_Final(out.data(), &c); }
};

struct Sha256 {
  using Context = SHA256_CTX;
  using Digest = Sha256Digest;
  static void init(Context& c) { SHA256_Init(&c); }
  static void update(Context& c, std::span<const uint8_t> d) {
    SHA256_Update(&c, d.data(), d.size());
  }
  static void final(Context& c, Digest& out) { SHA256_Final(out.data(), &c); }
};

template <class Hash>
typename Hash::Digest hmac(std::span<const uint8_t> key,
                           std::initializer_list<std::span<const uint8_t>> pieces) {
  typename Hash::Context ctx;
  std::array<uint8_t, kBlockSize> block{};
  if (key.size() > kBlockSize) {  // RFC 2104 §2: long keys are hashed first
    typename Hash::Digest hashedKey;
    Hash::init(ctx);
    Hash::update(ctx, key);
    Hash::final(ctx, hashedKey);
    std::copy(hashedKey.begin(), hashedKey.end(), block.begin());
  } else {
    std::copy(key.begin(), key.end(), block.begin());
  }

  std::array<uint8_t, kBlockSize> pad;
  for (size_t i = 0; i < kBlockSize; ++i) pad[i] = static_cast<uint8_t>(block[i] ^ 0x36);
  typename Hash::Digest inner;
  Hash::init(ctx);
  Hash::update(ctx, pad);
  for (const auto& piece : pieces) Hash::update(ctx, piece);
  Hash::final(ctx, inner);

  for (size_t i = 0; i < kBlockSize; ++i) pad[i] = static_cast<uint8_t>(block[i] ^ 0x5C);
  typename Hash::Digest outer;
  Hash::init(ctx);
  Hash::update(ctx, pad);
  Hash::update(ctx, inner);
  Hash::final(ctx, outer);

  OPENSSL_cleanse(block.data(), block.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  OPENSSL_cleanse(&ctx, sizeof ctx);
  return outer;
}

}  // namespace

Sha1Digest hmacSha1(std::span<const uint8_t> key,
                    std::initializer_list<std::span<const uint8_t>> pieces) {
  return hmac<Sha1>(key, pieces);
}

Sha256Digest hmacSha256(std::span<const uint8_t> key,
                        std::initializer_list<std::span<const uint8_t>> pieces) {
  return hmac<Sha256>(key, pieces);
}

Md5Digest stunLongTermKey(std::string_view username, std::string_view realm,
                          std::string_view password) {
  // Not on the packet path (only long-term credentials use it), so plain EVP is fine here.
  Md5Digest out{};
  const std::unique_ptr<EVP_MD_CTX, FreeDigestContext> ctx(EVP_MD_CTX_new());
  if (!ctx) return out;
  unsigned int size = 0;
  const bool ok = EVP_DigestInit_ex2(ctx.get(), EVP_md5(), nullptr) == 1 &&
                  EVP_DigestUpdate(ctx.get(), username.data(), username.size()) == 1 &&
                  EVP_DigestUpdate(ctx.get(), ":", 1) == 1 &&
                  EVP_DigestUpdate(ctx.get(), realm.data(), realm.size()) == 1 &&
                  EVP_DigestUpdate(ctx.get(), ":", 1) == 1 &&
                  EVP_DigestUpdate(ctx.get(), password.data(), password.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx.get(), out.data(), &size) == 1;
  if (!ok || size != out.size()) out.fill(0);
  return out;
}

bool constantTimeEqual(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace dienhong::media
