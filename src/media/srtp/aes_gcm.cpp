// AesGcm: AES-GCM over OpenSSL EVP (RFC 5116 §5.1-§5.2, as used by RFC 7714 §8 and §9).
#include "media/srtp/aes_gcm.hpp"

#include <algorithm>
#include <climits>

#include <openssl/core_names.h>
#include <openssl/params.h>

namespace dienhong::media::srtp {

std::optional<AesGcm> AesGcm::create(std::span<const uint8_t> key, Mode mode) {
  const char* name = key.size() == 16 ? "AES-128-GCM" : key.size() == 32 ? "AES-256-GCM" : nullptr;
  if (name == nullptr) return std::nullopt;
  CipherPtr cipher = fetchCipher(name);
  CipherContextPtr ctx(EVP_CIPHER_CTX_new());
  if (!cipher || !ctx) return std::nullopt;
  // The default GCM IV length is the 12 octets RFC 7714 uses, so no length control is needed.
  const int ok = mode == Mode::kSeal
                     ? EVP_EncryptInit_ex2(ctx.get(), cipher.get(), key.data(), nullptr, nullptr)
                     : EVP_DecryptInit_ex2(ctx.get(), cipher.get(), key.data(), nullptr, nullptr);
  if (ok != 1) return std::nullopt;
  return AesGcm(std::move(ctx));
}

// EVP_CipherUpdate serves both directions once the context is initialised for one of them.
bool AesGcm::absorb(std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
                    std::span<uint8_t> data) {
  int written = 0;
  for (std::span<const uint8_t> aad : {aad1, aad2}) {
    if (aad.empty()) continue;
    if (aad.size() > INT_MAX ||
        EVP_CipherUpdate(ctx_.get(), nullptr, &written, aad.data(), static_cast<int>(aad.size())) != 1) {
      return false;
    }
  }
  if (data.empty()) return true;
  if (data.size() > INT_MAX) return false;
  return EVP_CipherUpdate(ctx_.get(), data.data(), &written, data.data(),
                          static_cast<int>(data.size())) == 1 &&
         static_cast<size_t>(written) == data.size();
}

bool AesGcm::seal(const Iv& iv, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
                  std::span<uint8_t> data, std::span<uint8_t, kTagLength> tag) {
  if (EVP_EncryptInit_ex2(ctx_.get(), nullptr, nullptr, iv.data(), nullptr) != 1) return false;
  if (!absorb(aad1, aad2, data)) return false;
  int written = 0;
  // GCM emits nothing at the end; the output pointer only has to be valid.
  if (EVP_EncryptFinal_ex(ctx_.get(), tag.data(), &written) != 1 || written != 0) return false;
  // The parameter directly: EVP_CIPHER_CTX_ctrl would build the same OSSL_PARAM and then some
  // (~30 ns a packet on OpenSSL 3.0).
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag.data(), kTagLength),
      OSSL_PARAM_construct_end()};
  return EVP_CIPHER_CTX_get_params(ctx_.get(), params) == 1;
}

bool AesGcm::open(const Iv& iv, std::span<const uint8_t> aad1, std::span<const uint8_t> aad2,
                  std::span<uint8_t> data, std::span<const uint8_t, kTagLength> tag) {
  if (EVP_DecryptInit_ex2(ctx_.get(), nullptr, nullptr, iv.data(), nullptr) != 1) return false;
  if (!absorb(aad1, aad2, data)) return false;
  // OpenSSL copies the expected tag and compares it in constant time at EVP_DecryptFinal_ex.
  std::array<uint8_t, kTagLength> expected;
  std::copy(tag.begin(), tag.end(), expected.begin());
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, expected.data(), kTagLength),
      OSSL_PARAM_construct_end()};
  if (EVP_CIPHER_CTX_set_params(ctx_.get(), params) != 1) return false;
  int written = 0;
  return EVP_DecryptFinal_ex(ctx_.get(), expected.data(), &written) == 1;
}

}  // namespace dienhong::media::srtp
