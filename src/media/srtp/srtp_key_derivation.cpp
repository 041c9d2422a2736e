// SRTP key derivation (RFC 3711 §4.3.1–§4.3.3, RFC 6188 §7, RFC 7714 §11).
#include "media/srtp/srtp_key_derivation.hpp"

#include <algorithm>

#include <openssl/crypto.h>

#include "media/srtp/aes_ctr.hpp"

namespace dienhong::media::srtp {

bool deriveSrtpKey(std::span<const uint8_t> masterKey, std::span<const uint8_t> masterSalt,
                   KdfLabel label, std::span<uint8_t> out) {
  if (masterSalt.size() > kSrtpMaxSaltLength) return false;
  auto prf = AesCtr::create(masterKey);
  if (!prf) return false;
  // x = key_id XOR master_salt with key_id = label || r and r = 0 (rate 0): the label lands on
  // octet 7 of the 14-octet salt. The IV is x * 2^16, i.e. two zero octets of block counter.
  AesCtr::Iv iv{};
  std::copy(masterSalt.begin(), masterSalt.end(), iv.begin());
  iv[7] ^= static_cast<uint8_t>(label);
  std::fill(out.begin(), out.end(), uint8_t{0});
  return prf->apply(iv, out);
}

SrtpSessionKeys::~SrtpSessionKeys() {
  OPENSSL_cleanse(encryptionKey.data(), encryptionKey.size());
  OPENSSL_cleanse(authKey.data(), authKey.size());
  OPENSSL_cleanse(salt.data(), salt.size());
}

std::optional<SrtpSessionKeys> SrtpSessionKeys::fromSessionValues(
    SrtpProfile profile, std::span<const uint8_t> encryption,
    std::span<const uint8_t> authentication, std::span<const uint8_t> salt) {
  const SrtpProfileParams& params = srtpProfileParams(profile);
  if (encryption.size() != params.masterKeyLength || authentication.size() != params.authKeyLength ||
      salt.size() != params.masterSaltLength) {
    return std::nullopt;
  }
  SrtpSessionKeys keys;
  keys.profile = profile;
  std::copy(encryption.begin(), encryption.end(), keys.encryptionKey.begin());
  std::copy(authentication.begin(), authentication.end(), keys.authKey.begin());
  std::copy(salt.begin(), salt.end(), keys.salt.begin());
  return keys;
}

std::optional<SrtpSessionKeys> deriveSessionKeys(const SrtpMasterKey& master, SrtpChannel channel) {
  const SrtpProfileParams& params = srtpProfileParams(master.profile());
  const bool rtp = channel == SrtpChannel::kRtp;
  SrtpSessionKeys keys;
  keys.profile = master.profile();
  auto derive = [&](KdfLabel label, std::span<uint8_t> out) {
    return deriveSrtpKey(master.key(), master.salt(), label, out);
  };
  const bool ok =
      derive(rtp ? KdfLabel::kRtpEncryption : KdfLabel::kRtcpEncryption,
             std::span(keys.encryptionKey).first(params.masterKeyLength)) &&
      derive(rtp ? KdfLabel::kRtpAuthentication : KdfLabel::kRtcpAuthentication,
             std::span(keys.authKey).first(params.authKeyLength)) &&
      derive(rtp ? KdfLabel::kRtpSalt : KdfLabel::kRtcpSalt,
             std::span(keys.salt).first(params.masterSaltLength));
  if (!ok) return std::nullopt;
  return keys;
}

}  // namespace dienhong::media::srtp
