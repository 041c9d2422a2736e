// SrtpMasterKey (RFC 3711 §3.2.1, RFC 5764 §4.2).
#include "media/srtp/srtp_master_key.hpp"

#include <algorithm>

#include <openssl/crypto.h>

namespace dienhong::media {

std::optional<SrtpMasterKey> SrtpMasterKey::create(SrtpProfile profile,
                                                   std::span<const uint8_t> key,
                                                   std::span<const uint8_t> salt) {
  const SrtpProfileParams& params = srtpProfileParams(profile);
  if (key.size() != params.masterKeyLength || salt.size() != params.masterSaltLength) {
    return std::nullopt;
  }
  SrtpMasterKey master(profile);
  std::copy(key.begin(), key.end(), master.key_.begin());
  std::copy(salt.begin(), salt.end(), master.salt_.begin());
  return master;
}

SrtpMasterKey::~SrtpMasterKey() {
  OPENSSL_cleanse(key_.data(), key_.size());
  OPENSSL_cleanse(salt_.data(), salt_.size());
}

}  // namespace dienhong::media
