// RAII owners for the OpenSSL 3 EVP handles the SRTP transforms keep for the life of a session
// (no RFC: plumbing for srtp_key_derivation, aes_ctr and aes_gcm).
#pragma once

#include <memory>

#include <openssl/evp.h>

namespace dienhong::media::srtp {

struct FreeCipherContext {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
struct FreeCipher {
  void operator()(EVP_CIPHER* cipher) const { EVP_CIPHER_free(cipher); }
};

using CipherContextPtr = std::unique_ptr<EVP_CIPHER_CTX, FreeCipherContext>;
using CipherPtr = std::unique_ptr<EVP_CIPHER, FreeCipher>;

// An explicit fetch, so that per-packet calls never go through OpenSSL's implicit fetch.
inline CipherPtr fetchCipher(const char* name) {
  return CipherPtr(EVP_CIPHER_fetch(nullptr, name, nullptr));
}

}  // namespace dienhong::media::srtp
