// AesCtr: AES counter mode over OpenSSL EVP (RFC 3711 §4.1.1, §4.3.3).
#include "media/srtp/aes_ctr.hpp"

#include <climits>

namespace dienhong::media::srtp {

std::optional<AesCtr> AesCtr::create(std::span<const uint8_t> key) {
  const char* name = key.size() == 16 ? "AES-128-CTR" : key.size() == 32 ? "AES-256-CTR" : nullptr;
  if (name == nullptr) return std::nullopt;
  CipherPtr cipher = fetchCipher(name);
  CipherContextPtr ctx(EVP_CIPHER_CTX_new());
  if (!cipher || !ctx) return std::nullopt;
  const Iv zero{};
  if (EVP_EncryptInit_ex2(ctx.get(), cipher.get(), key.data(), zero.data(), nullptr) != 1) {
    return std::nullopt;
  }
  return AesCtr(std::move(ctx));
}

bool AesCtr::apply(const Iv& iv, std::span<uint8_t> data) {
  // A null cipher and key keep the key schedule; only the counter block is reset.
  if (EVP_EncryptInit_ex2(ctx_.get(), nullptr, nullptr, iv.data(), nullptr) != 1) return false;
  if (data.empty()) return true;
  if (data.size() > INT_MAX) return false;
  int written = 0;
  return EVP_EncryptUpdate(ctx_.get(), data.data(), &written, data.data(),
                           static_cast<int>(data.size())) == 1 &&
         static_cast<size_t>(written) == data.size();
}

}  // namespace dienhong::media::srtp
